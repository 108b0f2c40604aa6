package dev.avastream.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
            CliRun r = run(command, "--help");
            assertEquals(0, r.code(), command + " --help");
            assertTrue(r.out().contains("Usage: ava " + command), r.out());
        }
        CliRun top = run("--help");
        assertEquals(0, top.code());
        for (String command : List.of("run", "demo", "generate", "probe", "bench")) assertTrue(top.out().contains(command));
    }

    @Test
    void badArgumentsExitWithTwoAndSayWhy() {
        CliRun missing = run("run");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("--video"), missing.err());

        CliRun unknown = run("run", "--video", "a.mp4", "--frobnicate");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("--frobnicate"), unknown.err());

        CliRun mismatch = run("run", "--video", "a.mp4", "--video", "b.mp4", "--title", "only-one");
        assertEquals(2, mismatch.code());
        assertTrue(mismatch.err().contains("one --title per --video"), mismatch.err());

        CliRun badNumber = run("run", "--video", "a.mp4", "--top-k", "0");
        assertEquals(2, badNumber.code());
        assertTrue(badNumber.err().contains("--top-k"), badNumber.err());
    }

    @Test
    void aSavepointWithoutTheRunDirectoryItBelongsToIsRefused() throws Exception {
        Path video = java.nio.file.Files.writeString(dir.resolve("v.mp4"), "");
        Path savepoint = java.nio.file.Files.createDirectories(dir.resolve("chk-3"));
        CliRun noDir = run("run", "--video", video.toString(), "--from-savepoint", savepoint.toString());
        assertEquals(2, noDir.code());
        assertTrue(noDir.err().contains("--from-savepoint needs the --checkpoint-dir"), noDir.err());

        CliRun missing = run("run", "--video", video.toString(), "--checkpoint-dir", dir.resolve("run").toString(),
                "--from-savepoint", dir.resolve("no-such-savepoint").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no-such-savepoint: no such file or directory"), missing.err());
    }

    @Test
    void probeOfAMissingFileNamesIt() {
        Path missing = dir.resolve("no-such-video.mp4");
        CliRun r = run("probe", "--video", missing.toString());
        assertEquals(2, r.code(), "a path that is not there is a bad argument");
        assertTrue(r.err().contains(missing.toString()) && r.err().contains("no such file"), r.err());
    }

    @Test
    void probeOfADamagedFileIsATitleFailureNamingIt() throws Exception {
        Path damaged = dir.resolve("damaged.mp4");
        java.nio.file.Files.writeString(damaged, "not a video");
        CliRun r = run("probe", "--video", damaged.toString());
        assertEquals(3, r.code());
        assertTrue(r.err().contains(damaged.toString()), r.err());
    }

    @Test
    void helpListsTheExitCodesAndTheScriptOptions() {
        CliRun top = run("--help");
        assertEquals(0, top.code());
        assertTrue(top.out().contains("Exit codes:"), top.out());
        for (String line : List.of("0", "2", "3", "4")) {
            assertTrue(top.out().lines().anyMatch(l -> l.trim().startsWith(line + " ")), "exit code " + line + ":\n" + top.out());
        }
        for (String command : List.of("run", "demo", "probe", "bench", "eval-shots", "generate")) {
            CliRun r = run(command, "--help");
            assertTrue(r.out().contains("--quiet") && r.out().contains("--json"), command + ":\n" + r.out());
        }
    }

    @Test
    void aMissingVideoIsABadArgumentNamingThePath() {
        Path missing = dir.resolve("nowhere/clip.mp4");
        for (String command : List.of("run", "bench", "eval-shots")) {
            List<String> args = new java.util.ArrayList<>(List.of(command, "--video", missing.toString()));
            if (command.equals("eval-shots")) {
                Path truth = dir.resolve("t.json");
                try {
                    java.nio.file.Files.writeString(truth, "{\"cuts\": []}");
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
                args.addAll(List.of("--truth", truth.toString()));
            }
            CliRun r = run(args.toArray(String[]::new));
            assertEquals(2, r.code(), command + ": " + r.err());
            assertTrue(r.err().contains(missing.toAbsolutePath().toString()), command + ": " + r.err());
            assertTrue(r.err().contains("--video"), command + ": " + r.err());
            assertTrue(!r.err().contains("Usage:"), "the problem, not the whole usage: " + r.err());
        }
        CliRun unknown = run("run", "--video", "x.mp4", "--chunk-secs", "1");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("--chunk-secs") && unknown.err().contains("Try 'ava run --help'"), unknown.err());
    }

    @Test
    void badNumbersAndDurationsNameTheOptionAndWhatItNeeds() throws Exception {
        Path video = dir.resolve("exists.mp4");
        java.nio.file.Files.writeString(video, "x");
        CliRun notInt = run("run", "--video", video.toString(), "--top-k", "many");
        assertEquals(2, notInt.code());
        assertTrue(notInt.err().contains("--top-k") && notInt.err().contains("many"), notInt.err());

        CliRun badDuration = run("run", "--video", video.toString(), "--checkpoint-interval", "soon");
        assertEquals(2, badDuration.code());
        assertTrue(badDuration.err().contains("--checkpoint-interval") && badDuration.err().contains("2s"), badDuration.err());

        CliRun negative = run("run", "--video", video.toString(), "--checkpoint-interval", "-2s");
        assertEquals(2, negative.code());
        assertTrue(negative.err().contains("--checkpoint-interval") && negative.err().contains("positive"), negative.err());

        CliRun port = run("run", "--video", video.toString(), "--prometheus-port", "70000");
        assertEquals(2, port.code());
        assertTrue(port.err().contains("--prometheus-port"), port.err());

        CliRun duration = run("generate", "--out", dir.resolve("z.mp4").toString(), "--duration", "0");
        assertEquals(2, duration.code());
        assertTrue(duration.err().contains("--duration") && duration.err().contains("positive"), duration.err());

        CliRun notNumber = run("demo", "--duration", "long");
        assertEquals(2, notNumber.code());
        assertTrue(notNumber.err().contains("--duration") && notNumber.err().contains("long"), notNumber.err());

        CliRun shots = run("generate", "--out", dir.resolve("z.mp4").toString(), "--min-shot", "2", "--max-shot", "1");
        assertEquals(2, shots.code());
        assertTrue(shots.err().contains("--max-shot"), shots.err());
    }

    @Test
    void generateJsonIsOneDocumentOnStdout() throws Exception {
        Path video = dir.resolve("j.mp4");
        CliRun g = run("generate", "--out", video.toString(), "--duration", "1", "--width", "160", "--height", "90",
                "--min-shot", "0.5", "--max-shot", "1", "--json");
        assertEquals(0, g.code(), g.err());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(g.out());
        var truth = dev.avastream.testdata.GroundTruth.read(dir.resolve("j.json"));
        assertEquals(truth.frameCount(), json.get("frames").asInt());
        assertEquals(video.toAbsolutePath().toString(), json.get("video").asText());
    }

    @Test
    void generateThenProbeAgree() throws Exception {
        Path video = dir.resolve("g.mp4");
        CliRun g = run("generate", "--out", video.toString(), "--duration", "2", "--width", "320", "--height", "180",
                "--min-shot", "0.5", "--max-shot", "1");
        assertEquals(0, g.code(), g.err());
        CliRun p = run("probe", "--video", video.toString(), "--chunk-seconds", "1");
        assertEquals(0, p.code(), p.err());
        var truth = dev.avastream.testdata.GroundTruth.read(dir.resolve("g.json"));
        assertTrue(truth.shots().size() >= 2, "several shots");
        assertTrue(p.out().contains("\"frameCount\" : " + truth.frameCount() + ","), p.out());
        assertTrue(p.out().contains("\"chunks\""), p.out());
    }

    @Test
    void evalShotsScoresAGeneratedVideoAgainstItsTruth() throws Exception {
        Path video = dir.resolve("e.mp4");
        CliRun g = run("generate", "--out", video.toString(), "--duration", "6", "--width", "320", "--height", "180",
                "--min-shot", "0.7", "--max-shot", "1.5", "--seed", "5");
        assertEquals(0, g.code(), g.err());
        Path stats = dir.resolve("stats.csv");
        CliRun e = run("eval-shots", "--video", video.toString(), "--truth", dir.resolve("e.json").toString(),
                "--chunk-seconds", "1", "--stats", stats.toString(), "--json");
        assertEquals(0, e.code(), e.err());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(e.out());
        var truth = dev.avastream.testdata.GroundTruth.read(dir.resolve("e.json"));
        assertEquals(truth.cuts().length, json.get("cutsWithinTolerance").get("actual").asInt());
        assertEquals(1.0, json.get("cutsWithinTolerance").get("f1").asDouble(), 1e-9, e.out());
        assertEquals(truth.cuts().length, json.get("detectedCuts").size(), e.out());
        assertTrue(json.get("detectedGradual").isArray(), e.out());
        var lines = java.nio.file.Files.readAllLines(stats);
        assertEquals(truth.frameCount() + 1, lines.size(), "a header and one row per frame");
        assertTrue(lines.get(0).startsWith("frame,timeMs,"), lines.get(0));
        assertEquals(truth.cuts().length, lines.stream().skip(1).filter(l -> l.endsWith(",1")).count());
    }

    @Test
    void evalShotsRejectsAnUnreadableTruthFile() throws Exception {
        Path bad = dir.resolve("bad.json");
        java.nio.file.Files.writeString(bad, "[1, 2");
        CliRun e = run("eval-shots", "--video", dir.resolve("none.mp4").toString(), "--truth", bad.toString());
        assertEquals(2, e.code());
        assertTrue(e.err().contains(bad.toString()), e.err());
    }

    @Test
    void modelsListsEveryModelCheckedWithinEightyColumns() {
        CliRun r = run("models");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("every checksum matches the manifest"), r.out());
        assertTrue(r.out().contains("licence: "), r.out());
        for (String line : r.out().lines().toList()) {
            assertTrue(line.length() <= 80, "a line of " + line.length() + " columns:\n" + line);
        }
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }
}
