package dev.avastream.cli;

import dev.avastream.decoders.VideoProbe;
import dev.avastream.cli.runtime.AvaRunner;
import dev.avastream.cli.live.LatencyReport;
import dev.avastream.cli.live.LiveIngest;
import dev.avastream.cli.runtime.LiveRuntime;
import dev.avastream.jobs.live.LiveTopics;
import dev.avastream.schema.ChunkReady;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/** {@code ava bench-latency}: chunk-ready event to candidate update, through the live job. */
@Command(name = "bench-latency", mixinStandardHelpOptions = true,
        description = {"Measure live latency from chunk event to candidate update.",
                "Ingests a video at real-time rate into the live job (embedded Kafka unless --bootstrap-servers) "
                        + "and times each chunk from its ChunkReady event being published to its candidate update "
                        + "being read back from ava.candidates by a read-committed consumer.",
                "Prints p50/p90/p99/max and the lag trend (first vs last minute). How to read it: "
                        + "docs/benchmarks.md."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:measured", "2:bad arguments", "4:the job failed"})
public final class BenchLatencyCommand implements Callable<Integer> {
    @Option(names = "--video", paramLabel = "PATH", description = "Video to ingest. Default: generate one (--width x --height, --minutes long).")
    Path video;

    @Option(names = "--minutes", defaultValue = "3", paramLabel = "M",
            description = "Length of the generated video (ignored with --video). Default: ${DEFAULT-VALUE}.")
    double minutes;

    @Option(names = "--width", defaultValue = "1920", description = "Generated video width. Default: ${DEFAULT-VALUE}.")
    int width;

    @Option(names = "--height", defaultValue = "1080", description = "Generated video height. Default: ${DEFAULT-VALUE}.")
    int height;

    @Option(names = "--rate", defaultValue = "1.0", paramLabel = "X", description = "Ingest speed (1.0: real time). Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--ingest-chunk-seconds", defaultValue = "2", paramLabel = "S", description = "Chunk length. Default: ${DEFAULT-VALUE}.")
    double ingestChunkSeconds;

    @Option(names = "--seconds", paramLabel = "S",
            description = "Ingest only the chunks of the first S seconds of the video (a shorter title). Default: all of it.")
    Double seconds;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write every chunk's times and latencies.")
    Path csv;

    @Option(names = "--decoder-threads", paramLabel = "N", description = JobOptions.LIVE_DECODER_THREADS_HELP)
    Integer decoderThreads;

    @Mixin
    JobOptions job;

    @Override
    public Integer call() throws Exception {
        if (rate < 0) throw new IllegalArgumentException("--rate must not be negative");
        if (minutes <= 0 || width < 16 || height < 16) throw new IllegalArgumentException("need --minutes > 0 and a size of at least 16x16");
        Path work = Files.createTempDirectory("ava-bench-latency-");
        try {
            return measure(work);
        } finally {
            LiveIngest.deleteRecursively(work); // chunk files (and a generated video): hundreds of MB for 10 min of 1080p
        }
    }

    private int measure(Path work) throws Exception {
        Path v = video;
        if (v == null) {
            v = work.resolve("bench.mp4");
            long t0 = System.nanoTime();
            System.err.printf(Locale.ROOT, "generating %.1f min of %dx%d video ...%n", minutes, width, height);
            GenerateCommand.generate(v, minutes * 60, width, height, 30, 1, 1.0, 5.0, false, 0);
            System.err.printf(Locale.ROOT, "generated %s in %.0f s%n", v, (System.nanoTime() - t0) / 1e9);
        }
        AvaRunner.Settings settings = job.liveSettings(decoderThreads);
        LiveRuntime.Options options = new LiveRuntime.Options(settings, LiveTopics.of("bench.chunks." + System.currentTimeMillis()), "ava-bench");
        LatencyReport report = new LatencyReport();
        Map<Long, Integer> chunkOf = new ConcurrentHashMap<>();
        try (LiveRuntime live = LiveRuntime.start(options)) {
            LiveIngest.Plan whole = LiveIngest.cut(v.toAbsolutePath(), "bench", ingestChunkSeconds, work.resolve("chunks"), live.processor());
            int n = whole.files().size();
            if (seconds != null) {
                n = 0;
                while (n < whole.files().size() && whole.files().get(n).readyAtUs() <= seconds * 1e6) n++;
                n = Math.max(1, n);
            }
            LiveIngest.Plan plan = new LiveIngest.Plan(whole.titleId(), whole.source(), whole.probe(), whole.files().subList(0, n),
                    whole.profile());
            VideoProbe probe = plan.probe();
            double ingestSeconds = plan.files().get(plan.files().size() - 1).readyAtUs() / 1e6;
            System.err.printf(Locale.ROOT, "%s: %dx%d, ingesting %.1f s in %d chunks of ~%.1f s; Kafka %s; checkpoint interval %s%n",
                    v, probe.width(), probe.height(), ingestSeconds, plan.files().size(), ingestChunkSeconds,
                    live.bootstrapServers(), settings.pipeline().checkpointInterval());
            Thread ingest = new Thread(() -> {
                try {
                    LiveIngest.publish(plan, live.bootstrapServers(), live.topics().chunks(), rate,
                            (ChunkReady e) -> chunkOf.put(e.getPublishedAtMs(), e.getChunkIndex()));
                } catch (Exception e) {
                    System.err.println("ava bench-latency: ingest failed: " + RunCommand.rootMessage(e));
                }
            }, "ava-ingest");
            ingest.setDaemon(true);
            ingest.start();
            long timeoutS = (long) (ingestSeconds / Math.max(rate, 0.01)) + 600;
            live.follow(Duration.ofSeconds(timeoutS), (u, receivedAt) -> {
                Integer chunk = chunkOf.get(u.getChunkPublishedAtMs());
                if (u.getChunkPublishedAtMs() <= 0 || chunk == null || chunk < 0) return; // the end-of-title update
                LatencyReport.Sample s = new LatencyReport.Sample(chunk, u.getChunkPublishedAtMs(), u.getEmittedAtMs(), receivedAt);
                report.add(s);
                System.err.printf(Locale.ROOT, "chunk %4d: update emitted after %5d ms, visible after %5d ms%n",
                        chunk, s.emitLatencyMs(), s.visibleLatencyMs());
            }, u -> u.getComplete());
        }
        System.out.printf(Locale.ROOT, "chunk event -> update visible (read-committed consumer): %s%n", report.visible().format());
        System.out.printf(Locale.ROOT, "chunk event -> update emitted by the title operator:   %s%n", report.emitted().format());
        double[] trend = report.trend(60_000);
        System.out.printf(Locale.ROOT, "lag trend: mean visible latency %.0f ms in the first minute, %.0f ms in the last; slope %+.0f ms per minute%n",
                trend[0], trend[1], report.slopeMsPerMinute());
        if (csv != null) {
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(csv))) {
                w.println("chunk,publishedAtMs,emittedAtMs,receivedAtMs,emitLatencyMs,visibleLatencyMs");
                for (LatencyReport.Sample s : report.samples()) {
                    w.printf(Locale.ROOT, "%d,%d,%d,%d,%d,%d%n", s.chunkIndex(), s.publishedAtMs(), s.emittedAtMs(),
                            s.receivedAtMs(), s.emitLatencyMs(), s.visibleLatencyMs());
                }
            }
        }
        return AvaCli.EXIT_OK;
    }
}
