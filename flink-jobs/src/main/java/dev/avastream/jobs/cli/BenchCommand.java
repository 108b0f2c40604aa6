package dev.avastream.jobs.cli;

import dev.avastream.decoders.ChunkDecoder;
import dev.avastream.decoders.ChunkPlanner;
import dev.avastream.decoders.ChunkSpec;
import dev.avastream.decoders.DecodeOptions;
import dev.avastream.decoders.VideoProbe;
import dev.avastream.decoders.VideoProber;
import dev.avastream.jobs.AvaRunner;
import dev.avastream.jobs.RunOutcome;
import dev.avastream.jobs.source.TitleInput;
import dev.avastream.operators.chunk.ChunkProcessor;
import dev.avastream.operators.eval.ShotDetectionPass;
import dev.avastream.schema.ChunkResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ava bench}: frames per second of the same file, measured in one process one after another:
 * decode only, decode + per-frame analysis (no Flink), and the whole {@code run} (Flink, RocksDB,
 * exactly-once Kafka). Each stage uses the same chunk plan and as many threads as the run's
 * parallelism, so the ratios say what each layer costs.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure decode-only, analysis and full-pipeline frames/s on one file, and peak memory.",
                "Ratios are meaningful; absolute figures depend on the machine's load."})
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--video", required = true, paramLabel = "PATH", description = "The video to measure.")
    Path video;

    @Option(names = "--skip-run", description = "Only decode and analysis; no Flink job.")
    boolean skipRun;

    @Option(names = "--rounds", defaultValue = "3", paramLabel = "N",
            description = "Rounds of the in-process stages, interleaved; each stage reports its best round, "
                    + "which is the least disturbed by other load. Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Mixin
    JobOptions job;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(video)) {
            System.err.println("ava bench: " + video + ": no such file");
            return AvaCli.EXIT_USAGE;
        }
        AvaRunner.Settings settings = job.settings();
        int threads = settings.pipeline().parallelism();
        String source = video.toAbsolutePath().toString();
        VideoProbe probe = VideoProber.probe(source);
        ChunkProcessor.Config config = settings.processor();
        List<ChunkSpec> chunks = ChunkPlanner.plan("bench", probe, settings.pipeline().chunks().chunkSeconds(),
                config.preRollFrames(probe.averageFps()), config.postRollFrames());
        System.out.printf(Locale.ROOT, "%s: %dx%d %s %s, %d frames, %.1f s, %d chunks, %d threads, analysis width %d%n",
                video.getFileName(), probe.width(), probe.height(), probe.codec(), probe.profile(), probe.frameCount(),
                probe.durationUs() / 1e6, chunks.size(), threads, config.analysisWidth());

        if (rounds < 1) throw new IllegalArgumentException("--rounds must be at least 1");
        ChunkWork decodeOnly = chunk -> {
            AtomicLong n = new AtomicLong();
            try (ChunkDecoder decoder = new ChunkDecoder(new DecodeOptions(config.analysisWidth(), config.decoderThreads(), false))) {
                decoder.decode(chunk, f -> { if (!f.context()) n.incrementAndGet(); });
            }
            return n.get();
        };
        ChunkWork shots = chunk -> {
            AtomicLong n = new AtomicLong();
            try (ChunkDecoder decoder = new ChunkDecoder(new DecodeOptions(config.analysisWidth(), config.decoderThreads(), false));
                 ShotDetectionPass pass = new ShotDetectionPass(config.analysis(), settings.pipeline().title().gradual(),
                         probe.averageFps())) {
                decoder.decode(chunk, f -> {
                    if (!f.context()) n.incrementAndGet();
                    pass.accept(f);
                });
                pass.finish();
            }
            return n.get();
        };
        ChunkWork analysis = chunk -> {
            try (ChunkProcessor p = new ChunkProcessor(config)) {
                ChunkResult r = p.process("bench", chunk);
                return r.getFramesDecoded();
            }
        };
        double decodeFps = 0, shotsFps = 0, analyseFps = 0;
        for (int round = 1; round <= rounds; round++) {
            System.out.println("  round " + round + ":");
            decodeFps = Math.max(decodeFps, stage("decode only", chunks, threads, decodeOnly));
            shotsFps = Math.max(shotsFps, stage("decode + shot detection", chunks, threads, shots));
            analyseFps = Math.max(analyseFps, stage("decode + all analysis", chunks, threads, analysis));
        }
        System.out.printf(Locale.ROOT, "  best of %d rounds: decode only %.1f, + shot detection %.1f, + all analysis %.1f frames/s%n",
                rounds, decodeFps, shotsFps, analyseFps);
        System.out.printf(Locale.ROOT, "  shot detection adds %.1f%% to decode time%n", 100.0 * (decodeFps / shotsFps - 1));
        System.out.printf(Locale.ROOT, "  all per-frame analysis (annotations, detection, candidates, thumbnails) adds %.1f%% to decode time%n",
                100.0 * (decodeFps / analyseFps - 1));
        if (!skipRun) {
            long t0 = System.nanoTime();
            RunOutcome outcome = AvaRunner.run(List.of(new TitleInput("bench", source)), settings, null);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long frames = outcome.titles().get("bench").last().getFramesProcessed();
            double jobSeconds = outcome.jobMillis() / 1000.0;
            double jobFps = frames / jobSeconds;
            System.out.printf(Locale.ROOT, "  %-28s %8.1f frames/s  (%d frames in %.2f s: Flink job from submission to last commit)%n",
                    "run: job", jobFps, frames, jobSeconds);
            System.out.printf(Locale.ROOT, "  %-28s %8.1f frames/s  (%.2f s: with embedded Kafka start and result read-back)%n",
                    "run: end to end", frames / seconds, seconds);
            System.out.printf(Locale.ROOT, "  run job / decode-only: %.2f%n", jobFps / decodeFps);
        }
        System.out.printf(Locale.ROOT, "  peak resident memory of this process: %s%n", peakRss());
        return AvaCli.EXIT_OK;
    }

    interface ChunkWork { long run(ChunkSpec chunk) throws Exception; }

    private static double stage(String name, List<ChunkSpec> chunks, int threads, ChunkWork work) throws Exception {
        ConcurrentLinkedQueue<ChunkSpec> queue = new ConcurrentLinkedQueue<>(chunks);
        AtomicLong frames = new AtomicLong();
        Exception[] failure = new Exception[1];
        long t0 = System.nanoTime();
        Thread[] pool = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            pool[i] = new Thread(() -> {
                ChunkSpec c;
                while ((c = queue.poll()) != null) {
                    try {
                        frames.addAndGet(work.run(c));
                    } catch (Exception e) {
                        synchronized (failure) { failure[0] = e; }
                        return;
                    }
                }
            }, "bench-" + i);
            pool[i].start();
        }
        for (Thread t : pool) t.join();
        if (failure[0] != null) throw failure[0];
        double seconds = (System.nanoTime() - t0) / 1e9;
        double fps = frames.get() / seconds;
        System.out.printf(Locale.ROOT, "    %-26s %8.1f frames/s  (%d frames in %.2f s)%n", name, fps, frames.get(), seconds);
        return fps;
    }

    static String peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) return line.substring(6).trim();
            }
        } catch (Exception e) {
            // not Linux
        }
        return "unknown";
    }
}
