package dev.avastream.cli;

import dev.avastream.jobs.kafka.KafkaConfigOption;
import dev.avastream.cli.runtime.AvaRunner;
import dev.avastream.cli.runtime.LocalFlink;
import dev.avastream.jobs.LearnedProfiles;
import dev.avastream.jobs.PipelineOptionSet;
import dev.avastream.jobs.PipelineOptions;
import dev.avastream.operators.chunk.ChunkProcessor;
import dev.avastream.operators.config.SettingValues;
import dev.avastream.operators.config.Tunables;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options shared by every command that runs the pipeline. */
final class JobOptions {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka to publish to. Default: start an embedded single-node Kafka (KRaft) for this run.")
    String bootstrapServers;

    @picocli.CommandLine.Mixin
    KafkaConfigOption kafkaConfig = new KafkaConfigOption();

    /** Every pipeline setting (--top-k, --chunk-seconds, ..., --set KEY=VALUE): the cluster entry point's too. */
    @Mixin
    PipelineOptionSet pipeline;

    /** Whether the feedback was read and learned from already (settings() may be asked more than once). */
    private boolean feedbackRead;

    @Option(names = "--ignore-feedback",
            description = "Score with the profiles' own weights, not with those learned from the curators' "
                    + "verdicts when the job starts.")
    boolean ignoreFeedback;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR",
            description = "Where checkpoints go. run: kept there until the run finishes (with the "
                    + "embedded broker's data), and the same command after the process died resumes "
                    + "from the latest. live: also where Ctrl-C or SIGTERM stops the job with a savepoint, "
                    + "and the same command goes on from the newest savepoint or checkpoint. Default: a "
                    + "temporary directory, deleted at the end.")
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
        kafkaConfig.register(bootstrapServers);
        if (bootstrapServers != null && !bootstrapServers.isBlank() && !ignoreFeedback && !feedbackRead) {
            pipeline.pipeline(1); // the rules between settings first: a bad value is named before Kafka is asked
            pipeline.processor();
            // before anything is built from the values: every title of a profile is scored with what was learned
            LearnedProfiles.apply(pipeline, bootstrapServers, AvaRunner.Settings.defaults().topics(), System.err);
            feedbackRead = true;
        }
        PipelineOptions p = pipeline.pipeline(Math.max(1, Runtime.getRuntime().availableProcessors()))
                .withFailAfterChunks(failAfterChunks);
        if (webUiPort > 65535 || webUiPort < -1) {
            throw new IllegalArgumentException("--web-ui-port must be 0..65535 (0: any free port), was " + webUiPort);
        }
        AvaRunner.Settings s = AvaRunner.Settings.defaults()
                .withBootstrap(bootstrapServers)
                .withPipeline(p)
                .withProcessor(pipeline.processor())
                .withCheckpointDir(checkpointDir)
                .withWebUiPort(webUiPort);
        if (prometheusPort != null) s = s.withFlinkConfig(LocalFlink.prometheusReporter(prometheusPort));
        return s;
    }

    /** Help of the live commands' {@code --decoder-threads}. */
    static final String LIVE_DECODER_THREADS_HELP = "FFmpeg threads per chunk: the decoder-threads setting. "
            + "Default: the live job's, which 'ava config' lists under Live job.";

    /**
     * The settings of a live job: {@link Tunables#LIVE_DEFAULTS} under what the command line set.
     *
     * @param decoderThreads the live commands' own {@code --decoder-threads}, or null when not given
     */
    AvaRunner.Settings liveSettings(Integer decoderThreads) {
        if (decoderThreads != null) {
            if (decoderThreads < 1) throw new IllegalArgumentException("--decoder-threads must be at least 1");
            pipeline.set(Tunables.DECODER_THREADS, decoderThreads);
        }
        pipeline.startFrom(Tunables.LIVE_DEFAULTS);
        return settings();
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

    /** The default processor configuration with another minimum shot length (commands without the full set). */
    static ChunkProcessor.Config processorConfig(double minShotSeconds) {
        return ChunkProcessor.Config.from(SettingValues.defaults().with(Tunables.MIN_SHOT_SECONDS, minShotSeconds));
    }
}
