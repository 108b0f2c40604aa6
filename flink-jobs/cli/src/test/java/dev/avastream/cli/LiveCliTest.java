package dev.avastream.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ingest, live and bench-latency: help, and bad arguments refused (exit 2) before anything starts. */
class LiveCliTest {
    @TempDir
    Path dir;

    @Test
    void helpForEachLiveCommand() {
        for (String command : List.of("ingest", "live", "bench-latency")) {
            CliRun r = run(command, "--help");
            assertEquals(0, r.code(), command + " --help");
            assertTrue(r.out().contains("Usage: ava " + command), r.out());
        }
    }

    @Test
    void badArgumentsExitWithTwoAndSayWhy() throws Exception {
        CliRun missingFile = run("ingest", "--video", dir.resolve("nope.mp4").toString());
        assertEquals(2, missingFile.code());
        assertTrue(missingFile.err().contains("nope.mp4: no such file"), missingFile.err());

        Path video = Files.writeString(dir.resolve("v.mp4"), "x");
        CliRun rate = run("ingest", "--video", video.toString(), "--rate", "-1");
        assertEquals(2, rate.code());
        assertTrue(rate.err().contains("--rate must not be negative"), rate.err());

        CliRun junk = run("ingest", "--video", video.toString(), "--bootstrap-servers", "127.0.0.1:1");
        assertEquals(3, junk.code(), "an unreadable video is a title failure: " + junk.err());
        assertTrue(junk.err().contains("v.mp4"), junk.err());

        CliRun threads = run("live", "--decoder-threads", "0");
        assertEquals(2, threads.code());
        assertTrue(threads.err().contains("--decoder-threads must be at least 1"), threads.err());

        CliRun bench = run("bench-latency", "--minutes", "0");
        assertEquals(2, bench.code());
        assertTrue(bench.err().contains("--minutes"), bench.err());
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }
}
