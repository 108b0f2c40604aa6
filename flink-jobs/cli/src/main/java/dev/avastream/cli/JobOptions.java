package dev.avastream.cli;

import dev.avastream.cli.runtime.AvaRunner;
import dev.avastream.cli.runtime.LocalFlink;
import dev.avastream.jobs.PipelineOptions;
import dev.avastream.jobs.source.ChunkSourceOptions;
import dev.avastream.operators.chunk.ChunkProcessor;
import dev.avastream.operators.title.TitleAssembly;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;

/** Options shared by every command that runs the pipeline. */
final class JobOptions {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka to publish to. Default: start an embedded single-node Kafka (KRaft) for this run.")
    String bootstrapServers;

    @Option(names = "--chunk-seconds", defaultValue = "10", paramLabel = "S",
            description = "Target chunk length in seconds (snapped to keyframes). Default: ${DEFAULT-VALUE}.")
    double chunkSeconds;

    @Option(names = "--top-k", defaultValue = "12", paramLabel = "K",
            description = "Stills in each candidate set. Default: ${DEFAULT-VALUE}.")
    int topK;

    @Option(names = "--pool-size", defaultValue = "240", paramLabel = "N",
            description = "Candidate pool bound per title. Default: ${DEFAULT-VALUE}.")
    int poolSize;

    @Option(names = "--parallelism", paramLabel = "N",
            description = "Task slots for decoding and ranking. Default: number of cores.")
    Integer parallelism;

    @Option(names = "--analysis-width", defaultValue = "320", paramLabel = "PX",
            description = "Width frames are scaled to for analysis and thumbnails. Default: ${DEFAULT-VALUE}.")
    int analysisWidth;

    @Option(names = "--min-shot-seconds", defaultValue = "0.4", paramLabel = "S",
            description = "Shortest shot a hard cut may create. Default: ${DEFAULT-VALUE}.")
    double minShotSeconds;

    @Option(names = "--checkpoint-interval", defaultValue = "2s", paramLabel = "DURATION",
            description = "Checkpoint (and Kafka commit) interval, e.g. 500ms, 2s. Default: ${DEFAULT-VALUE}.")
    String checkpointInterval;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR",
            description = "Where checkpoints go. Default: a temporary directory.")
    Path checkpointDir;

    @Option(names = "--web-ui-port", defaultValue = "-1", paramLabel = "PORT",
            description = "Serve the Flink dashboard on this port while the job runs (0: any free port). Default: off.")
    int webUiPort;

    @Option(names = "--prometheus-port", paramLabel = "PORT",
            description = "Expose all Flink metrics (the job's included) for Prometheus at http://localhost:PORT/metrics "
                    + "while the job runs. Default: off.")
    Integer prometheusPort;

    @Option(names = "--fail-after-chunks", defaultValue = "0", hidden = true,
            description = "Fault injection: fail once after N chunks and a checkpoint, to exercise recovery.")
    int failAfterChunks;

    AvaRunner.Settings settings() {
        PipelineOptions p = PipelineOptions.defaults();
        if (parallelism != null) {
            if (parallelism < 1) throw new IllegalArgumentException("--parallelism must be at least 1");
            p = p.withParallelism(parallelism);
        }
        if (chunkSeconds <= 0) throw new IllegalArgumentException("--chunk-seconds must be positive");
        if (topK < 1) throw new IllegalArgumentException("--top-k must be at least 1");
        if (poolSize < topK) throw new IllegalArgumentException("--pool-size must be at least --top-k");
        if (analysisWidth < 64) throw new IllegalArgumentException("--analysis-width must be at least 64");
        p = p.withChunks(new ChunkSourceOptions(chunkSeconds, p.chunks().maxChunksPerSecond()));
        TitleAssembly.Params t = p.title();
        p = p.withTitle(new TitleAssembly.Params(topK, t.poolPerShot(), poolSize));
        p = p.withCheckpointInterval(parseDuration("--checkpoint-interval", checkpointInterval)).withFailAfterChunks(failAfterChunks);
        if (webUiPort > 65535 || webUiPort < -1) {
            throw new IllegalArgumentException("--web-ui-port must be 0..65535 (0: any free port), was " + webUiPort);
        }
        AvaRunner.Settings s = AvaRunner.Settings.defaults()
                .withBootstrap(bootstrapServers)
                .withPipeline(p)
                .withProcessor(processorConfig(analysisWidth, minShotSeconds))
                .withCheckpointDir(checkpointDir)
                .withWebUiPort(webUiPort);
        if (prometheusPort != null) s = s.withFlinkConfig(LocalFlink.prometheusReporter(prometheusPort));
        return s;
    }

    /** Where to watch the run (dashboard, Prometheus), for a note on stderr before the job starts. */
    void announce(java.io.PrintStream notes) {
        if (webUiPort == 0) notes.println("Flink dashboard: on a free port while the job runs");
        if (webUiPort > 0) {
            notes.println("Flink dashboard: http://localhost:" + webUiPort + " (or the next free port up to "
                    + (webUiPort + 19) + ") while the job runs");
        }
        if (prometheusPort != null) {
            notes.println("Prometheus metrics: http://localhost:" + prometheusPort + "/metrics while the job runs");
        }
    }

    static ChunkProcessor.Config processorConfig(int analysisWidth, double minShotSeconds) {
        if (minShotSeconds < 0) throw new IllegalArgumentException("--min-shot-seconds must not be negative");
        ChunkProcessor.Config c = ChunkProcessor.Config.defaults().withAnalysisWidth(analysisWidth);
        var analysis = c.analysis().withDetector(c.analysis().detector().withMinShotSeconds(minShotSeconds));
        return new ChunkProcessor.Config(c.analysisWidth(), c.decoderThreads(), analysis);
    }

    /** A duration option's value; a bad one names the option and says what is expected. */
    static Duration parseDuration(String option, String s) {
        Duration d;
        try {
            d = parseDuration(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(option + ": must be positive, was '" + s + "'");
        }
        return d;
    }

    static Duration parseDuration(String s) {
        String v = s.trim().toLowerCase();
        try {
            if (v.endsWith("ms")) return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            if (v.endsWith("s")) return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
            if (v.endsWith("m")) return Duration.ofSeconds(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 60));
            return Duration.ofMillis(Long.parseLong(v));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration: '" + s + "' (use e.g. 500ms, 2s, 1m)");
        }
    }
}
