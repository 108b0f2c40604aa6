package dev.avastream.models.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avastream.models.runtime.OnnxModel;
import dev.avastream.models.runtime.SessionSettings;
import dev.avastream.models.runtime.Tensor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Build step: runs each converted ONNX model on the inputs the TF.js reference run saved
 * ({@code reference.mjs}) and writes the largest absolute difference per model, input and output,
 * and the largest difference scaled by max(1, |reference|): logits in the hundreds (BlazeFace) differ
 * by float32 rounding in absolute terms while agreeing to 6 digits.
 *
 * <p>usage: {@code ParityCheck REF_DIR ONNX_DIR OUT.json}
 */
public final class ParityCheck {
    public static void main(String[] args) throws Exception {
        Path refDir = Path.of(args[0]);
        Path onnxDir = Path.of(args[1]);
        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        try (var dirs = Files.list(refDir)) {
            for (Path dir : dirs.sorted().toList()) {
                JsonNode meta = json.readTree(dir.resolve("meta.json").toFile());
                String name = meta.get("name").asText();
                long[] shape = json.convertValue(meta.get("inputShape"), long[].class);
                ObjectNode r = result.putObject(name);
                double worst = 0;
                double worstScaled = 0;
                try (OnnxModel m = OnnxModel.open(name, onnxDir.resolve(name + ".onnx"), SessionSettings.SINGLE_THREAD)) {
                    for (var in : meta.get("inputs").properties()) {
                        float[] x = Float32Files.read(dir.resolve(in.getValue().asText()));
                        if (in.getKey().equals("random")) {
                            float[] regenerated = Mulberry32.uniform(meta.get("seed").asInt(), x.length,
                                    meta.get("inputRange").get(0).asDouble(), meta.get("inputRange").get(1).asDouble());
                            if (Float32Files.maxAbsDiff(x, regenerated) != 0) {
                                throw new IllegalStateException(name + ": Java's mulberry32 differs from the reference input");
                            }
                        }
                        Map<String, Tensor> out = m.run(new Tensor(x, shape));
                        ObjectNode ri = r.putObject(in.getKey());
                        for (var o : meta.get("outputs").properties()) {
                            float[] expected = Float32Files.read(dir.resolve(in.getKey() + "." + o.getKey() + ".f32"));
                            float[] actual = out.get(o.getKey()).data();
                            double d = Float32Files.maxAbsDiff(actual, expected);
                            double scaled = Float32Files.maxScaledDiff(actual, expected);
                            ri.putObject(o.getKey()).put("maxAbsDiff", d).put("maxScaledDiff", scaled);
                            worst = Math.max(worst, d);
                            worstScaled = Math.max(worstScaled, scaled);
                        }
                    }
                }
                r.put("maxAbsDiff", worst);
                r.put("maxScaledDiff", worstScaled);
                System.err.printf("%-10s max abs diff %.3g, max scaled diff %.3g%n", name, worst, worstScaled);
            }
        }
        json.writerWithDefaultPrettyPrinter().writeValue(Path.of(args[2]).toFile(), result);
    }
}
