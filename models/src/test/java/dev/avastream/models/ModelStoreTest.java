package dev.avastream.models;

import dev.avastream.models.runtime.ModelException;
import dev.avastream.models.runtime.SessionSettings;
import dev.avastream.models.runtime.OnnxModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelStoreTest {
    @TempDir
    Path dir;

    @Test
    void refusesAModelFileThatDiffersFromTheManifest() throws Exception {
        Path models = Path.of("").toAbsolutePath();
        Files.copy(models.resolve("manifest.json"), dir.resolve("manifest.json"));
        Files.createDirectories(dir.resolve("onnx"));
        byte[] b = Files.readAllBytes(models.resolve("onnx/emotion.onnx"));
        b[b.length - 1] ^= 1;
        Files.write(dir.resolve("onnx/emotion.onnx"), b);
        ModelException e = assertThrows(ModelException.class, () -> new ModelStore(dir).open("emotion", SessionSettings.SINGLE_THREAD));
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
        assertThrows(ModelException.class, () -> new ModelStore(dir).open("no-such-model", SessionSettings.SINGLE_THREAD));
    }

    @Test
    void theJarCarriesTheVerifiedModels() throws Exception {
        ModelStore bundled = ModelStore.bundled();
        ModelStore checkout = new ModelStore(Path.of("").toAbsolutePath());
        assertEquals(checkout.manifest(), bundled.manifest(), "the bundled manifest is the module's");
        assertEquals(List.of(), bundled.verify(), "every bundled file matches the manifest");
        assertTrue(bundled.origin().contains("bundled"), bundled.origin());
        try (OnnxModel fromJar = bundled.open("emotion", SessionSettings.SINGLE_THREAD);
             OnnxModel fromDir = checkout.open("emotion", SessionSettings.SINGLE_THREAD)) {
            assertEquals(fromDir.inputNames(), fromJar.inputNames());
            assertEquals(fromDir.outputNames(), fromJar.outputNames());
        }
        ModelException missing = assertThrows(ModelException.class, () -> bundled.open("no-such-model", SessionSettings.SINGLE_THREAD));
        assertTrue(missing.getMessage().contains("classpath:" + ModelStore.BUNDLED), missing.getMessage());
    }
}
