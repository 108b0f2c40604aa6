package dev.avastream.cli.runtime;

import dev.avastream.jobs.PipelineOptions;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.nio.file.Path;
import java.time.Duration;

/** The Flink configuration AVA Stream runs with, and the embedded (mini cluster) environment. */
public final class LocalFlink {
    private LocalFlink() {}

    /**
     * RocksDB state, incremental checkpoints to {@code checkpointDir}, exactly-once checkpointing at
     * the pipeline's interval, a bounded restart strategy (an unbounded one would retry a broken job
     * forever), and no Kryo fallback: every record and state type is Avro or a Flink basic type.
     * Checkpoints are deleted when the job is cancelled (a mini cluster shut down by Ctrl-C cancels it).
     */
    public static Configuration configuration(PipelineOptions options, Path checkpointDir, int restartAttempts) {
        return configuration(options, checkpointDir, restartAttempts, false);
    }

    /**
     * As above; with {@code retain} the checkpoints also outlive a cancelled job, for a run that is to
     * be resumed from them ({@code ava run --checkpoint-dir}). A job that finishes discards its own
     * either way.
     */
    public static Configuration configuration(PipelineOptions options, Path checkpointDir, int restartAttempts,
                                              boolean retain) {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir.toUri().toString());
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, options.checkpointInterval());
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                retain ? ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION
                        : ExternalizedCheckpointRetention.DELETE_ON_CANCELLATION);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, restartAttempts);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
        conf.set(org.apache.flink.configuration.PipelineOptions.GENERIC_TYPES, false);
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, options.parallelism());
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(256));
        return conf;
    }

    /** Name of the Prometheus reporter in the Flink configuration ({@code metrics.reporter.prom.*}). */
    public static final String PROMETHEUS_REPORTER = "prom";

    /**
     * Configuration entries that expose every Flink metric (the job's included) for Prometheus to
     * scrape at {@code http://HOST:port/metrics}: Flink's PrometheusReporter (flink-metrics-prometheus),
     * the same reporter and keys as in the cluster's FlinkDeployment (k8s/). The port must be free.
     */
    public static java.util.Map<String, String> prometheusReporter(int port) {
        if (port < 1 || port > 65535) throw new IllegalArgumentException("--prometheus-port must be 1..65535, was " + port);
        String prefix = "metrics.reporter." + PROMETHEUS_REPORTER + ".";
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put(prefix + "factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        m.put(prefix + "port", Integer.toString(port));
        return m;
    }

    /**
     * A mini cluster environment in this JVM. With {@code webUiPort > 0} the Flink dashboard is
     * served on the first free port from {@code webUiPort} to {@code webUiPort + 19}; with 0 on any
     * free port; below 0 not at all.
     */
    public static StreamExecutionEnvironment environment(Configuration conf, int parallelism, int webUiPort) {
        StreamExecutionEnvironment env;
        if (webUiPort >= 0) {
            conf.set(RestOptions.BIND_PORT, webUiPort == 0 ? "0" : webUiPort + "-" + (webUiPort + 19));
            env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        } else {
            env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        }
        env.setParallelism(parallelism);
        return env;
    }
}
