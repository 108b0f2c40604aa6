package dev.avastream.models.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avastream.models.ModelManifest;
import dev.avastream.models.tools.Float32Files;
import dev.avastream.models.tools.Mulberry32;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each converted model, run by ONNX Runtime on the deterministic parity input (regenerated from its
 * seed), must reproduce the output the original TF.js model gave (committed by build-models.sh
 * under src/test/resources/parity) within 1e-3, scaled by max(1, |reference|).
 */
class ConvertedModelParityTest {
    private static final Path MODELS = Path.of("").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"blazeface", "facemesh", "emotion", "faceres", "centernet", "selfie", "nsfw"})
    void theOnnxFileReproducesTheTfjsOriginal(String name) throws Exception {
        Path dir = MODELS.resolve("src/test/resources/parity").resolve(name);
        JsonNode meta = JSON.readTree(dir.resolve("meta.json").toFile());
        long[] shape = JSON.convertValue(meta.get("inputShape"), long[].class);
        int n = 1;
        for (long d : shape) n *= (int) d;
        float[] input = Mulberry32.uniform(meta.get("seed").asInt(), n,
                meta.get("inputRange").get(0).asDouble(), meta.get("inputRange").get(1).asDouble());
        ModelManifest.Entry entry = ModelManifest.read(MODELS.resolve("manifest.json")).models().stream()
                .filter(e -> e.name().equals(name)).findFirst().orElseThrow();
        try (OnnxModel model = OnnxModel.open(name, MODELS.resolve(entry.file()), SessionSettings.SINGLE_THREAD)) {
            assertEquals(0, model.calls());
            Map<String, Tensor> out = model.run(new Tensor(input, shape));
            assertEquals(1, model.calls(), "per-model timing counts the call");
            assertTrue(model.inferenceNanos() > 0, "per-model timing measures the call");
            for (var o : meta.get("outputs").properties()) {
                float[] expected = Float32Files.read(dir.resolve(o.getKey() + ".f32"));
                Tensor actual = out.get(o.getKey());
                assertArrayEquals(JSON.convertValue(o.getValue(), long[].class), actual.shape(), o.getKey() + " shape");
                double d = Float32Files.maxScaledDiff(actual.data(), expected);
                assertTrue(d <= 1e-3, name + "." + o.getKey() + ": scaled difference " + d + " to the TF.js output");
            }
        }
    }
}
