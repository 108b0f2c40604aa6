package dev.avastream.models;

import dev.avastream.models.runtime.ModelException;
import dev.avastream.models.runtime.SessionSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

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
}
