package dev.avastream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shaded jars as users get them (run by failsafe after {@code package}): the README's demo runs
 * from {@code ava.jar} in a fresh JVM, which proves the natives the shade configuration keeps are the
 * ones decoding, analysis and thumbnails load; the jars carry the verified models; the cluster jar
 * leaves Flink to the cluster.
 */
class RunnableJarIT {

    @Test
    void theDemoRunsFromTheShadedJar(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("demo");
        Path log = dir.resolve("demo.log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", BuiltJars.cli().toString(), "demo", "--duration", "8", "--out", out.toString(),
                "--preview-port", "-1", "--quiet");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(5, TimeUnit.MINUTES);
        if (!done) p.destroyForcibly();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(done, "the demo did not finish in 5 minutes:\n" + output);
        Path summaryFile = out.resolve("summary.json");
        assertEquals(0, p.exitValue(), "ava demo exited with " + p.exitValue() + ":\n" + output
                + (Files.isRegularFile(summaryFile) ? "\nsummary.json:\n" + Files.readString(summaryFile) : ""));

        JsonNode summary = new ObjectMapper().readTree(summaryFile.toFile());
        assertTrue(summary.path("complete").asBoolean(), "title complete: " + summary);
        assertTrue(summary.path("shotsClosed").asInt() > 0, "shots found: " + summary);
        JsonNode candidates = summary.path("candidates");
        assertTrue(candidates.size() > 0, "candidates chosen: " + summary);
        try (Stream<Path> stills = Files.list(out.resolve("candidates"))) {
            List<Path> jpegs = stills.filter(f -> f.toString().endsWith(".jpg")).toList();
            assertEquals(candidates.size(), jpegs.size(), "one still per candidate");
            for (Path jpeg : jpegs) {
                byte[] head = firstBytes(jpeg);
                assertTrue((head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8, jpeg + " is a JPEG");
            }
        }
    }

    @Test
    void theShadedJarFindsItsBundledModelsAwayFromTheCheckout(@TempDir Path elsewhere) throws Exception {
        Path log = elsewhere.resolve("models.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                BuiltJars.cli().toString(), "models").directory(elsewhere.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(2, TimeUnit.MINUTES);
        if (!done) p.destroyForcibly();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(done, "ava models did not finish:\n" + output);
        assertEquals(0, p.exitValue(), "ava models exited with " + p.exitValue() + ":\n" + output);
        assertTrue(output.contains("models: bundled in the jar"), output);
        assertTrue(output.contains("every checksum matches the manifest"), output);
    }

    @Test
    void theClusterJarLeavesFlinkToTheClusterAndKeepsTheNativesItLoads() throws IOException {
        List<String> flinkCore = new ArrayList<>();
        List<String> natives = new ArrayList<>();
        List<String> bundledModels = new ArrayList<>();
        try (ZipFile zip = new ZipFile(BuiltJars.cluster().toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                String name = e.getName();
                if (name.startsWith("org/apache/flink/runtime/") || name.startsWith("org/apache/flink/streaming/api/")
                        || name.startsWith("org/apache/flink/api/common/")) {
                    flinkCore.add(name);
                }
                if (name.endsWith(".so") || name.contains(".so.")) natives.add(name.substring(name.lastIndexOf('/') + 1));
                if (name.startsWith("dev/avastream/models/bundled/")) bundledModels.add(name.substring("dev/avastream/models/bundled/".length()));
            }
        }
        assertTrue(flinkCore.isEmpty(), "Flink is provided by the cluster, yet the jar holds " + flinkCore.size()
                + " of its classes, e.g. " + flinkCore.subList(0, Math.min(3, flinkCore.size())));
        for (String lib : List.of("libjniopencv_core.so", "libjniopencv_imgproc.so", "libjniopencv_imgcodecs.so",
                "libjniavcodec.so", "libjniavformat.so", "libjniswscale.so", "libjniopenblas.so",
                "libjniopenblas_nolapack.so", "libonnxruntime.so")) {
            assertTrue(natives.contains(lib), "the cluster jar lacks " + lib);
        }
        assertFalse(natives.contains("libjniopencv_dnn.so"), "unused OpenCV modules are left out");
        assertTrue(bundledModels.contains("manifest.json"), "the cluster jar carries the model manifest: " + bundledModels);
        for (String model : List.of("blazeface", "facemesh", "emotion", "faceres", "centernet", "selfie", "nsfw", "ocr-det")) {
            assertTrue(bundledModels.contains("onnx/" + model + ".onnx"), "the cluster jar carries " + model);
        }
    }

    private static byte[] firstBytes(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return in.readNBytes(2);
        }
    }
}
