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
 * ones decoding, analysis and thumbnails load; the cluster jar leaves Flink to the cluster.
 */
class RunnableJarIT {

    private static Path jar(String property) {
        String path = System.getProperty(property);
        assertTrue(path != null, "system property " + property + " (set by the failsafe configuration)");
        Path jar = Path.of(path);
        assertTrue(Files.isRegularFile(jar), jar + " was not built");
        return jar;
    }

    @Test
    void theDemoRunsFromTheShadedJar(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("demo");
        Path log = dir.resolve("demo.log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar("ava.jar").toString(), "demo", "--duration", "8", "--out", out.toString(),
                "--preview-port", "-1", "--quiet");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(5, TimeUnit.MINUTES);
        if (!done) p.destroyForcibly();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(done, "the demo did not finish in 5 minutes:\n" + output);
        assertEquals(0, p.exitValue(), "ava demo exited with " + p.exitValue() + ":\n" + output);

        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
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
    void theClusterJarLeavesFlinkToTheClusterAndKeepsTheNativesItLoads() throws IOException {
        List<String> flinkCore = new ArrayList<>();
        List<String> natives = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar("ava.clusterJar").toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                String name = e.getName();
                if (name.startsWith("org/apache/flink/runtime/") || name.startsWith("org/apache/flink/streaming/api/")
                        || name.startsWith("org/apache/flink/api/common/")) {
                    flinkCore.add(name);
                }
                if (name.endsWith(".so") || name.contains(".so.")) natives.add(name.substring(name.lastIndexOf('/') + 1));
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
    }

    private static byte[] firstBytes(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return in.readNBytes(2);
        }
    }
}
