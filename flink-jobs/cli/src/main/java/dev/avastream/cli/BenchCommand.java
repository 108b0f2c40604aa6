package dev.avastream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avastream.decoders.ChunkDecoder;
import dev.avastream.decoders.ChunkPlanner;
import dev.avastream.decoders.ChunkSpec;
import dev.avastream.decoders.VideoProbe;
import dev.avastream.decoders.VideoProber;
import dev.avastream.cli.runtime.AvaRunner;
import dev.avastream.cli.runtime.RunOutcome;
import dev.avastream.jobs.source.TitleInput;
import dev.avastream.operators.chunk.AnalysisConfig;
import dev.avastream.operators.chunk.ChunkProcessor;
import dev.avastream.operators.chunk.ChunkTimings;
import dev.avastream.operators.config.Tunables;
import dev.avastream.operators.eval.ShotDetectionPass;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        description = {"Measure frames/s of decode, analysis and the whole job.",
                "Decodes one file alone, then with the per-frame analysis, then through the whole job, all in one "
                        + "process, and prints frames/s, the ratios and the peak memory. Ratios are meaningful; "
                        + "absolute figures depend on the machine's load. How to read it: docs/benchmarks.md."})
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

    @Mixin
    OutputOptions output;

    /** The readable report: stdout, or with --json stderr (nowhere with --quiet too). */
    private java.io.PrintStream human = System.out;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(video)) {
            System.err.println("ava bench: --video " + video.toAbsolutePath() + ": no such file");
            return AvaCli.EXIT_USAGE;
        }
        if (output.json) human = output.notes();
        ObjectNode report = new ObjectMapper().createObjectNode();
        AvaRunner.Settings settings = job.settings();
        int threads = settings.pipeline().parallelism();
        String source = video.toAbsolutePath().toString();
        VideoProbe probe = VideoProber.probe(source);
        ChunkProcessor.Config config = settings.processor();
        List<ChunkSpec> chunks = ChunkPlanner.plan("bench", probe, settings.pipeline().chunks().chunkSeconds(),
                config.preRollFrames(probe.averageFps()), config.postRollFrames());
        human.printf(Locale.ROOT, "%s: %dx%d %s %s, %d frames, %.1f s, %d chunks, %d threads, analysis width %d%n",
                video.getFileName(), probe.width(), probe.height(), probe.codec(), probe.profile(), probe.frameCount(),
                probe.durationUs() / 1e6, chunks.size(), threads, config.analysisWidth());

        if (rounds < 1) throw new IllegalArgumentException("--rounds must be at least 1");
        ChunkWork decodeOnly = chunk -> {
            AtomicLong n = new AtomicLong();
            try (ChunkDecoder decoder = new ChunkDecoder(config.decodeOptions())) {
                decoder.decode(chunk, f -> { if (!f.context()) n.incrementAndGet(); });
            }
            return n.get();
        };
        AtomicLong detectionCpuNanos = new AtomicLong();
        ChunkWork shots = chunk -> {
            AtomicLong n = new AtomicLong();
            try (ChunkDecoder decoder = new ChunkDecoder(config.decodeOptions());
                 ShotDetectionPass pass = new ShotDetectionPass(config.analysis(), settings.pipeline().title().gradual(),
                         probe.averageFps())) {
                decoder.decode(chunk, f -> {
                    if (!f.context()) n.incrementAndGet();
                    pass.accept(f);
                });
                pass.finish();
                detectionCpuNanos.addAndGet(pass.cpuNanos());
            }
            return n.get();
        };
        StageCosts costs = new StageCosts();
        ChunkWork analysis = chunk -> {
            try (ChunkProcessor p = new ChunkProcessor(config)) {
                ChunkProcessor.Processed r = p.processTimed("bench", chunk);
                costs.add(r.timings());
                return r.result().getFramesDecoded();
            }
        };
        // the same analysis without the model annotators: what the cheap (pixel) annotators cost
        ChunkProcessor.Config cheapConfig = new ChunkProcessor.Config(config.analysisWidth(), config.decoderThreads(),
                AnalysisConfig.from(config.analysis().values().with(Tunables.MODELS_ENABLED, false)), config.loopFilterSkip(), config.scaler());
        ChunkWork cheap = chunk -> {
            try (ChunkProcessor p = new ChunkProcessor(cheapConfig)) {
                return p.process("bench", chunk).getFramesDecoded();
            }
        };
        Stage decode = new Stage(), shotsStage = new Stage(), cheapStage = new Stage(), analyse = new Stage();
        for (int round = 1; round <= rounds; round++) {
            human.println("  round " + round + ":");
            decode.keepBest(stage("decode only", chunks, threads, decodeOnly));
            detectionCpuNanos.set(0);
            double[] withShots = stage("decode + shot detection", chunks, threads, shots);
            shotsStage.keepBest(withShots);
            // Within this one stage: CPU spent in detection vs the rest of the process's CPU (decoding).
            double detectMs = detectionCpuNanos.get() / 1e6 / probe.frameCount();
            double share = detectMs / (withShots[1] - detectMs);
            human.printf(Locale.ROOT, "    %-26s %8.3f CPU ms/frame in detection = %.1f%% of the decoding CPU beside it%n",
                    "", detectMs, 100 * share);
            shotsStage.keepBestShare(share);
            cheapStage.keepBest(stage("decode + pixel annotators", chunks, threads, cheap));
            analyse.keepBest(stage("decode + all analysis", chunks, threads, analysis));
        }
        human.printf(Locale.ROOT, "  best of %d rounds: decode only %.1f, + shot detection %.1f, + all analysis %.1f frames/s%n",
                rounds, decode.fps, shotsStage.fps, analyse.fps);
        human.printf(Locale.ROOT, "  CPU time per frame (all threads of this process, best round): decode only %.3f ms, "
                + "+ shot detection %.3f ms, + all analysis %.3f ms%n", decode.cpuMs, shotsStage.cpuMs, analyse.cpuMs);
        human.printf(Locale.ROOT, "  shot detection adds %.1f%% to decode time (wall clock), %.1f%% to decode CPU time%n",
                100.0 * (decode.fps / shotsStage.fps - 1), 100.0 * (shotsStage.cpuMs / decode.cpuMs - 1));
        human.printf(Locale.ROOT, "  shot detection CPU / decoding CPU within the same stage (best round): %.1f%%%n",
                100.0 * shotsStage.share);
        human.printf(Locale.ROOT, "  the pixel annotators alone (models off, with detection, candidates, thumbnails) add %.1f%% to "
                + "decode time (wall clock), %.1f%% to decode CPU time%n",
                100.0 * (decode.fps / cheapStage.fps - 1), 100.0 * (cheapStage.cpuMs / decode.cpuMs - 1));
        human.printf(Locale.ROOT, "  all per-frame analysis (annotations and models, detection, candidates, thumbnails) adds %.1f%% "
                + "to decode time (wall clock), %.1f%% to decode CPU time%n",
                100.0 * (decode.fps / analyse.fps - 1), 100.0 * (analyse.cpuMs / decode.cpuMs - 1));
        double videoSeconds = probe.durationUs() / 1e6;
        human.printf(Locale.ROOT, "  all analysis: %.2f x real time (%.1f frames/s against the video's %.2f)%n",
                analyse.fps / probe.averageFps(), analyse.fps, probe.averageFps());
        costs.print(human, rounds * videoSeconds);
        costs.json(report.putArray("annotators"), rounds * videoSeconds);
        report.put("video", video.toAbsolutePath().toString());
        report.put("frames", probe.frameCount());
        report.put("chunks", chunks.size());
        report.put("threads", threads);
        report.put("rounds", rounds);
        stageJson(report.putObject("decodeOnly"), decode.fps, decode.cpuMs);
        stageJson(report.putObject("decodeAndShotDetection"), shotsStage.fps, shotsStage.cpuMs);
        stageJson(report.putObject("decodeAndPixelAnnotators"), cheapStage.fps, cheapStage.cpuMs);
        stageJson(report.putObject("decodeAndAllAnalysis"), analyse.fps, analyse.cpuMs);
        if (!skipRun) {
            long t0 = System.nanoTime();
            RunOutcome outcome = AvaRunner.run(List.of(new TitleInput("bench", source)), settings, null);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long frames = outcome.titles().get("bench").last().getFramesProcessed();
            double jobSeconds = outcome.jobMillis() / 1000.0;
            double jobFps = frames / jobSeconds;
            human.printf(Locale.ROOT, "  %-28s %8.1f frames/s  (%d frames in %.2f s: Flink job from submission to last commit)%n",
                    "run: job", jobFps, frames, jobSeconds);
            human.printf(Locale.ROOT, "  %-28s %8.1f frames/s  (%.2f s: with embedded Kafka start and result read-back)%n",
                    "run: end to end", frames / seconds, seconds);
            human.printf(Locale.ROOT, "  run job / decode-only: %.2f%n", jobFps / decode.fps);
            human.printf(Locale.ROOT, "  run end to end: %.2f s for %.2f s of video = %.2f x real time%n",
                    seconds, videoSeconds, videoSeconds / seconds);
            report.put("runJobFramesPerSecond", jobFps);
            report.put("runEndToEndFramesPerSecond", frames / seconds);
        }
        human.printf(Locale.ROOT, "  peak resident memory of this process: %s%n", peakRss());
        report.put("peakResidentMemory", peakRss());
        if (output.json) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        }
        return AvaCli.EXIT_OK;
    }

    private static void stageJson(ObjectNode o, double fps, double cpuMsPerFrame) {
        o.put("framesPerSecond", fps);
        o.put("cpuMsPerFrame", cpuMsPerFrame);
    }

    interface ChunkWork { long run(ChunkSpec chunk) throws Exception; }

    /** Analysis time and frames by stage, summed over the chunks of every round (chunks finish on several threads). */
    private static final class StageCosts {
        private final Map<String, long[]> byStage = new LinkedHashMap<>();
        private long analyseNanos;

        synchronized void add(ChunkTimings t) {
            analyseNanos += t.analyseNanos();
            for (Map.Entry<String, Long> e : t.stageNanos().entrySet()) {
                long[] v = byStage.computeIfAbsent(e.getKey(), k -> new long[2]);
                v[0] += e.getValue();
                v[1] += t.stageFrames().getOrDefault(e.getKey(), t.framesFed());
            }
        }

        /** One row per stage: ms per frame it ran on, frames it ran on per second of video, share of the analysis time. */
        synchronized void print(java.io.PrintStream out, double videoSeconds) {
            out.println("  cost by stage (all analysis, every round):");
            out.printf(Locale.ROOT, "    %-14s %12s %16s %9s%n", "stage", "ms / frame", "frames / video s", "share");
            for (Map.Entry<String, long[]> e : byStage.entrySet()) {
                long[] v = e.getValue();
                out.printf(Locale.ROOT, "    %-14s %12.3f %16.1f %8.1f%%%n", e.getKey(), v[1] == 0 ? 0 : v[0] / 1e6 / v[1],
                        v[1] / videoSeconds, analyseNanos == 0 ? 0 : 100.0 * v[0] / analyseNanos);
            }
        }

        synchronized void json(ArrayNode rows, double videoSeconds) {
            for (Map.Entry<String, long[]> e : byStage.entrySet()) {
                long[] v = e.getValue();
                rows.addObject().put("stage", e.getKey()).put("msPerFrame", v[1] == 0 ? 0 : v[0] / 1e6 / v[1])
                        .put("framesPerVideoSecond", v[1] / videoSeconds)
                        .put("share", analyseNanos == 0 ? 0 : (double) v[0] / analyseNanos);
            }
        }
    }

    /**
     * One stage's best round: the highest frames/s and, separately, the least CPU time per frame.
     * CPU time of the whole process (decoder threads included) hardly moves when other programs
     * load the machine, while wall-clock throughput does; both are reported.
     */
    private static final class Stage {
        double fps;
        double cpuMs = Double.MAX_VALUE;
        double share = Double.MAX_VALUE;

        void keepBestShare(double s) {
            share = Math.min(share, s);
        }

        void keepBest(double[] fpsAndCpuMs) {
            fps = Math.max(fps, fpsAndCpuMs[0]);
            cpuMs = Math.min(cpuMs, fpsAndCpuMs[1]);
        }
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) return sun.getProcessCpuTime();
        return -1;
    }

    /** Runs one stage over all chunks; returns {frames/s, process CPU milliseconds per frame}. */
    private double[] stage(String name, List<ChunkSpec> chunks, int threads, ChunkWork work) throws Exception {
        ConcurrentLinkedQueue<ChunkSpec> queue = new ConcurrentLinkedQueue<>(chunks);
        AtomicLong frames = new AtomicLong();
        Exception[] failure = new Exception[1];
        long cpu0 = processCpuNanos();
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
        double cpuMs = (processCpuNanos() - cpu0) / 1e6 / Math.max(1, frames.get());
        double fps = frames.get() / seconds;
        human.printf(Locale.ROOT, "    %-26s %8.1f frames/s  %.3f CPU ms/frame  (%d frames in %.2f s)%n", name, fps, cpuMs,
                frames.get(), seconds);
        return new double[] {fps, cpuMs};
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
