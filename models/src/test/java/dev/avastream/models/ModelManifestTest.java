package dev.avastream.models;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelManifestTest {
    @TempDir
    Path dir;

    @Test
    void theCommittedManifestVerifies() throws Exception {
        Path modelsDir = Path.of("").toAbsolutePath();
        ModelManifest m = ModelManifest.read(modelsDir.resolve("manifest.json"));
        assertEquals(1, m.formatVersion());
        assertEquals(List.of(), m.verify(modelsDir));
    }

    @Test
    void aWrongChecksumAndAMissingFileAreNamed() throws Exception {
        Files.writeString(dir.resolve("a.onnx"), "not the model");
        Files.writeString(dir.resolve("manifest.json"), """
                {"formatVersion": 1, "models": [
                  {"name": "a", "task": "test", "file": "a.onnx", "sourcePackage": "npm:x", "sourceVersion": "1.0.0",
                   "licence": "MIT", "sha256": "00"},
                  {"name": "b", "task": "test", "file": "b.onnx", "sourcePackage": "npm:x", "sourceVersion": "1.0.0",
                   "licence": "MIT", "sha256": "00"}]}
                """);
        List<String> problems = ModelManifest.read(dir.resolve("manifest.json")).verify(dir);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("a.onnx") && problems.get(0).contains("does not match"));
        assertTrue(problems.get(1).contains("b.onnx") && problems.get(1).contains("missing"));
    }
}
