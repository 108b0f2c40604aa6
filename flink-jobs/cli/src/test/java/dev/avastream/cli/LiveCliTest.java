package dev.avastream.cli;

import dev.avastream.operators.config.Tunables;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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

    @Test
    void liveCommandsTakeTheLiveDefaultsUnderWhatTheCommandLineSets() {
        int liveDefault = (Integer) Tunables.LIVE_DEFAULTS.stream()
                .filter(d -> d.setting() == Tunables.DECODER_THREADS).findFirst().orElseThrow().value();
        assertNotEquals(Tunables.DECODER_THREADS.defaultValue(), liveDefault, "the live default differs");

        assertEquals(liveDefault, liveDecoderThreads(new LiveCommand()));
        assertEquals(3, liveDecoderThreads(new LiveCommand(), "--set", "analysis.decoder-threads=3"),
                "--set reaches the live job (the live default does not override it)");
        assertEquals(4, liveDecoderThreads(new LiveCommand(), "--decoder-threads", "4"));
        assertEquals(liveDefault, liveDecoderThreads(new BenchLatencyCommand()));
        assertEquals(5, liveDecoderThreads(new BenchLatencyCommand(), "--set", "analysis.decoder-threads=5"));

        RunCommand batch = new RunCommand();
        new CommandLine(batch).parseArgs("--video", "v.mp4");
        assertEquals(Tunables.DECODER_THREADS.defaultValue(), batch.job.settings().processor().decoderThreads(),
                "the batch job keeps the registry's default");
    }

    private static int liveDecoderThreads(Object command, String... args) {
        new CommandLine(command).parseArgs(args);
        if (command instanceof LiveCommand live) return live.job.liveSettings(live.decoderThreads).processor().decoderThreads();
        BenchLatencyCommand bench = (BenchLatencyCommand) command;
        return bench.job.liveSettings(bench.decoderThreads).processor().decoderThreads();
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }
}
