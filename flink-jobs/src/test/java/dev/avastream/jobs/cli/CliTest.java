package dev.avastream.jobs.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI's manners: help on every command, exit code 2 and a clear message for bad arguments. */
class CliTest {
    @TempDir
    Path dir;

    @Test
    void everyCommandHasHelp() {
        for (String command : List.of("run", "demo", "generate", "probe", "bench", "eval-shots")) {
            Result r = run(command, "--help");
            assertEquals(0, r.code, command + " --help");
            assertTrue(r.out.contains("Usage: ava " + command), r.out);
        }
        Result top = run("--help");
        assertEquals(0, top.code);
        for (String command : List.of("run", "demo", "generate", "probe", "bench")) assertTrue(top.out.contains(command));
    }

    @Test
    void badArgumentsExitWithTwoAndSayWhy() {
        Result missing = run("run");
        assertEquals(2, missing.code);
        assertTrue(missing.err.contains("--video"), missing.err);

        Result unknown = run("run", "--video", "a.mp4", "--frobnicate");
        assertEquals(2, unknown.code);
        assertTrue(unknown.err.contains("--frobnicate"), unknown.err);

        Result mismatch = run("run", "--video", "a.mp4", "--video", "b.mp4", "--title", "only-one");
        assertEquals(2, mismatch.code);
        assertTrue(mismatch.err.contains("one --title per --video"), mismatch.err);

        Result badNumber = run("run", "--video", "a.mp4", "--top-k", "0");
        assertEquals(2, badNumber.code);
        assertTrue(badNumber.err.contains("--top-k"), badNumber.err);
    }

    @Test
    void probeOfAMissingFileNamesIt() {
        Path missing = dir.resolve("no-such-video.mp4");
        Result r = run("probe", "--video", missing.toString());
        assertEquals(3, r.code);
        assertTrue(r.err.contains(missing.toString()), r.err);
    }

    @Test
    void generateThenProbeAgree() throws Exception {
        Path video = dir.resolve("g.mp4");
        Result g = run("generate", "--out", video.toString(), "--duration", "2", "--width", "320", "--height", "180",
                "--min-shot", "0.5", "--max-shot", "1");
        assertEquals(0, g.code, g.err);
        Result p = run("probe", "--video", video.toString(), "--chunk-seconds", "1");
        assertEquals(0, p.code, p.err);
        var truth = dev.avastream.testdata.GroundTruth.read(dir.resolve("g.json"));
        assertTrue(truth.shots().size() >= 2, "several shots");
        assertTrue(p.out.contains("\"frameCount\" : " + truth.frameCount() + ","), p.out);
        assertTrue(p.out.contains("\"chunks\""), p.out);
    }

    @Test
    void evalShotsScoresAGeneratedVideoAgainstItsTruth() throws Exception {
        Path video = dir.resolve("e.mp4");
        Result g = run("generate", "--out", video.toString(), "--duration", "6", "--width", "320", "--height", "180",
                "--min-shot", "0.7", "--max-shot", "1.5", "--seed", "5");
        assertEquals(0, g.code, g.err);
        Path stats = dir.resolve("stats.csv");
        Result e = run("eval-shots", "--video", video.toString(), "--truth", dir.resolve("e.json").toString(),
                "--chunk-seconds", "1", "--stats", stats.toString(), "--json");
        assertEquals(0, e.code, e.err);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(e.out);
        var truth = dev.avastream.testdata.GroundTruth.read(dir.resolve("e.json"));
        assertEquals(truth.cuts().length, json.get("cutsWithinTolerance").get("actual").asInt());
        assertEquals(1.0, json.get("cutsWithinTolerance").get("f1").asDouble(), 1e-9, e.out);
        var lines = java.nio.file.Files.readAllLines(stats);
        assertEquals(truth.frameCount() + 1, lines.size(), "a header and one row per frame");
        assertTrue(lines.get(0).startsWith("frame,timeMs,"), lines.get(0));
        assertEquals(truth.cuts().length, lines.stream().skip(1).filter(l -> l.endsWith(",1")).count());
    }

    @Test
    void evalShotsRejectsAnUnreadableTruthFile() throws Exception {
        Path bad = dir.resolve("bad.json");
        java.nio.file.Files.writeString(bad, "[1, 2");
        Result e = run("eval-shots", "--video", dir.resolve("none.mp4").toString(), "--truth", bad.toString());
        assertEquals(2, e.code);
        assertTrue(e.err.contains(bad.toString()), e.err);
    }

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out, oldErr = System.err;
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = AvaCli.execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
