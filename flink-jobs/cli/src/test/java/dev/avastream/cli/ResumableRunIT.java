package dev.avastream.cli;

import dev.avastream.testdata.SyntheticVideoGenerator;
import dev.avastream.testdata.SyntheticVideoSpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ava run --checkpoint-dir DIR} as a user runs it, from the shaded jar in a JVM of its own and
 * with the embedded broker, whose data the directory keeps: the process is killed with SIGKILL
 * mid-title (after a committed update and a checkpoint after it), and the same command run again
 * resumes from that checkpoint. Its read-committed read-back sees every update once (as many as the
 * last version) and the final shots and candidates equal those of an uninterrupted run; once
 * finished, the directory holds nothing more. (Each version exactly once, in order, across a restart
 * from a checkpoint is also checked in-process by RecoveryEndToEndTest.)
 */
class ResumableRunIT {
    private static Path video;
    private static JsonNode uninterrupted;

    @TempDir
    static Path shared;

    @BeforeAll
    static void videoAndAnUninterruptedRun() throws Exception {
        video = shared.resolve("resumable.mp4");
        SyntheticVideoGenerator.generate(SyntheticVideoSpec.builder().size(320, 180).fps(30).seed(11).gopFrames(15)
                .shotLengths(40, 55, 35, 60, 45, 50, 40, 65, 35, 55).build(), video);
        Path summary = shared.resolve("uninterrupted.json");
        List<String> unpaced = new ArrayList<>(command(shared.resolve("cp-clean"), summary));
        unpaced.set(unpaced.indexOf("chunking.max-chunks-per-second=2"), "chunking.max-chunks-per-second=0");
        Process p = ava(shared.resolve("uninterrupted.log"), unpaced);
        finish(p, shared.resolve("uninterrupted.log"));
        uninterrupted = new ObjectMapper().readTree(summary.toFile());
        assertTrue(uninterrupted.path("complete").asBoolean(), "the uninterrupted run completed: " + uninterrupted);
    }

    @Test
    void aRunKilledMidTitleResumesWhereItsCheckpointLeftIt(@TempDir Path dir) throws Exception {
        Path runDir = dir.resolve("run");
        Path summary = dir.resolve("summary.json");
        List<String> command = command(runDir, summary);

        long killedAt = killAfterACheckpoint(ava(dir.resolve("first.log"), command), runDir, dir.resolve("first.log"));
        assertTrue(Files.isDirectory(runDir.resolve("kafka")), "the embedded broker kept its data in the run directory");

        String log = finish(ava(dir.resolve("second.log"), command), dir.resolve("second.log"));
        assertTrue(log.contains("resumed from"), "the second run resumed:\n" + log);
        JsonNode resumed = new ObjectMapper().readTree(summary.toFile());
        assertSameResult(resumed);
        assertTrue(resumed.path("emittedAtMs").asLong() > killedAt, "the last update came from the resumed process");
        // every update read back once: as many as the last version, which counts the chunks folded
        assertEquals(resumed.path("version").asLong(), resumed.path("updates").asLong(),
                "updates read back against the last version: " + resumed.path("updates"));
        assertEquals(resumed.path("chunkCount").asLong(), resumed.path("version").asLong());
        assertFinishedEmpty(runDir);
        assertFalse(Files.exists(runDir.resolve("kafka")), "the broker's data is gone once the run finished");
    }

    private static List<String> command(Path runDir, Path summary) {
        List<String> c = new ArrayList<>(List.of(java(), "-jar", BuiltJars.cli().toString(), "run", "--video", video.toString(),
                "--title", "resumable", "--checkpoint-dir", runDir.toString(), "--summary-json", summary.toString(),
                "--parallelism", "2", "--chunk-seconds", "0.5", "--checkpoint-interval", "300ms",
                // paced so that the kill lands mid-title with checkpoints behind it
                "--set", "chunking.max-chunks-per-second=2", "--set", "models.enabled=false"));
        return c;
    }

    /**
     * SIGKILL (destroyForcibly on Linux) mid-title: once a committed update has been seen (the run's
     * progress line on stderr: its read-committed consumer saw one) and a checkpoint has completed
     * after that. Returns when, on the wall clock.
     */
    private static long killAfterACheckpoint(Process p, Path runDir, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        long seenAt = -1;
        while (seenAt < 0 || newestCompletedCheckpoint(runDir) <= seenAt) {
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertTrue(p.isAlive(), "ava run ended before it could be killed mid-title:\n" + out);
            assertTrue(System.nanoTime() < deadline, "no update and checkpoint in 3 minutes:\n" + out);
            if (seenAt < 0 && out.contains("resumable ") && out.contains(" chunk ")) seenAt = newestCompletedCheckpoint(runDir);
            p.waitFor(50, TimeUnit.MILLISECONDS); // polling the log and the directory, not timing anything
        }
        assertFalse(Files.readString(log, StandardCharsets.UTF_8).contains("done after"),
                "the title was complete before the kill (else this test proves nothing)");
        long killedAt = System.currentTimeMillis();
        p.destroyForcibly();
        assertTrue(p.waitFor(1, TimeUnit.MINUTES));
        assertEquals(137, p.exitValue(), "killed by SIGKILL");
        assertTrue(Files.isRegularFile(runDir.resolve("run.json")), "the run record outlives the kill");
        return killedAt;
    }

    /**
     * N of the newest chk-N with its _metadata (Flink keeps one: each completed one replaces the last),
     * 0 when none. Flink deletes subsumed checkpoints while this looks, so a directory that vanishes
     * under the listing counts as not there: the caller polls again.
     */
    private static long newestCompletedCheckpoint(Path runDir) {
        long newest = 0;
        for (Path job : list(runDir.resolve("checkpoints"))) {
            for (Path chk : list(job)) {
                String name = chk.getFileName().toString();
                if (name.matches("chk-\\d+") && Files.isRegularFile(chk.resolve("_metadata"))) {
                    newest = Math.max(newest, Long.parseLong(name.substring("chk-".length())));
                }
            }
        }
        return newest;
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of(); // deleted while listed
        }
    }

    private static void assertSameResult(JsonNode resumed) {
        assertTrue(resumed.path("complete").asBoolean(), "complete: " + resumed);
        assertEquals(uninterrupted.path("shots").toString(), resumed.path("shots").toString(), "the same shots");
        assertEquals(candidates(uninterrupted), candidates(resumed), "the same final candidates");
    }

    private static List<String> candidates(JsonNode summary) {
        List<String> out = new ArrayList<>();
        for (JsonNode c : summary.path("candidates")) out.add(c.path("frameIndex").asLong() + "@" + c.path("score").asText());
        return out;
    }

    private static void assertFinishedEmpty(Path runDir) throws IOException {
        assertFalse(Files.exists(runDir.resolve("run.json")), "the run record is removed once the run finished");
        assertFalse(Files.exists(runDir.resolve("checkpoints")), "the checkpoints are removed once the run finished");
    }

    private static Process ava(Path log, List<String> command) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static String finish(Process p, Path log) throws Exception {
        boolean done = p.waitFor(5, TimeUnit.MINUTES);
        if (!done) p.destroyForcibly();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(done, "ava run did not finish in 5 minutes:\n" + output);
        assertEquals(0, p.exitValue(), "ava run exited with " + p.exitValue() + ":\n" + output);
        return output;
    }

    private static String java() { return Path.of(System.getProperty("java.home"), "bin", "java").toString(); }
}
