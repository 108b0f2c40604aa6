package dev.avastream.cli.runtime;

import dev.avastream.jobs.AvaPipeline;
import dev.avastream.jobs.PipelineOptions;

import dev.avastream.jobs.kafka.KafkaSinks;
import dev.avastream.jobs.kafka.TopicAdmin;
import dev.avastream.jobs.kafka.Topics;
import dev.avastream.jobs.source.ChunkSource;
import dev.avastream.jobs.source.TitleInput;
import dev.avastream.operators.chunk.ChunkProcessor;
import dev.avastream.schema.CandidateSetUpdate;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.common.TopicPartition;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs the pipeline on an embedded Flink mini cluster against a Kafka cluster (the embedded one when
 * no bootstrap servers are given), waits for it to finish and reads the run's output back from Kafka.
 */
public final class AvaRunner {

    /**
     * Where and how to run. {@code flinkConfig}: extra Flink configuration for the embedded cluster,
     * applied last (metric reporters, e.g. {@link LocalFlink#prometheusReporter}).
     */
    public record Settings(String bootstrapServers, Topics topics, PipelineOptions pipeline,
                           ChunkProcessor.Config processor, Path checkpointDir, int webUiPort, int restartAttempts,
                           Map<String, String> flinkConfig, Path fromSavepoint) {
        public Settings {
            flinkConfig = Map.copyOf(flinkConfig);
        }

        public static Settings defaults() {
            return new Settings(null, Topics.defaults(), PipelineOptions.defaults(), ChunkProcessor.Config.defaults(),
                    null, -1, 3, Map.of(), null);
        }

        public Settings withBootstrap(String b) {
            return new Settings(b, topics, pipeline, processor, checkpointDir, webUiPort, restartAttempts, flinkConfig, fromSavepoint);
        }

        public Settings withPipeline(PipelineOptions p) {
            return new Settings(bootstrapServers, topics, p, processor, checkpointDir, webUiPort, restartAttempts,
                    flinkConfig, fromSavepoint);
        }

        public Settings withProcessor(ChunkProcessor.Config c) {
            return new Settings(bootstrapServers, topics, pipeline, c, checkpointDir, webUiPort, restartAttempts,
                    flinkConfig, fromSavepoint);
        }

        public Settings withCheckpointDir(Path d) {
            return new Settings(bootstrapServers, topics, pipeline, processor, d, webUiPort, restartAttempts,
                    flinkConfig, fromSavepoint);
        }

        public Settings withWebUiPort(int port) {
            return new Settings(bootstrapServers, topics, pipeline, processor, checkpointDir, port, restartAttempts,
                    flinkConfig, fromSavepoint);
        }

        public Settings withRestartAttempts(int n) {
            return new Settings(bootstrapServers, topics, pipeline, processor, checkpointDir, webUiPort, n, flinkConfig, fromSavepoint);
        }

        /**
         * Restore the job from this savepoint or retained checkpoint (a {@code chk-N} or savepoint
         * directory, or its {@code _metadata}); null: from the run directory's latest checkpoint when
         * it has one, else from scratch.
         */
        public Settings withFromSavepoint(Path p) {
            return new Settings(bootstrapServers, topics, pipeline, processor, checkpointDir, webUiPort, restartAttempts,
                    flinkConfig, p);
        }

        /** These Flink configuration entries on top of the current ones. */
        public Settings withFlinkConfig(Map<String, String> entries) {
            Map<String, String> merged = new java.util.LinkedHashMap<>(flinkConfig);
            merged.putAll(entries);
            return new Settings(bootstrapServers, topics, pipeline, processor, checkpointDir, webUiPort, restartAttempts,
                    merged, fromSavepoint);
        }
    }

    private AvaRunner() {}

    /**
     * Processes the titles and returns what they published. {@code progress} receives every candidate
     * update as a read-committed consumer sees it while the job runs (may be null).
     */
    public static RunOutcome run(List<TitleInput> titles, Settings settings, Consumer<CandidateSetUpdate> progress)
            throws Exception {
        return run(titles, settings, progress, null);
    }

    /** What to do with the broker once the job is done and its outcome read, before an embedded one stops. */
    public interface AfterRun {
        void accept(String bootstrap, Topics topics, RunOutcome.StartOffsets from, RunOutcome outcome) throws Exception;
    }

    /**
     * {@link #run}, then {@code after} (may be null) while the broker is still up.
     *
     * <p>With a {@link Settings#checkpointDir} the run is resumable ({@link RunDirectory}): its id, titles
     * and start offsets are recorded there before the job starts, checkpoints are retained, and the
     * embedded broker (when no bootstrap servers are given) keeps its data there too. The same call
     * after the process was killed restores the job from the latest completed checkpoint under the same
     * run id, so the Kafka sink commits what that checkpoint holds, aborts what the dead process left
     * open, and the outcome read back is the whole run's. A run that finishes empties the directory.
     * Without one, checkpoints go to a temporary directory that is deleted when the run ends.
     */
    public static RunOutcome run(List<TitleInput> titles, Settings settings, Consumer<CandidateSetUpdate> progress,
                                 AfterRun after) throws Exception {
        RunDirectory runDir = settings.checkpointDir() != null ? RunDirectory.open(settings.checkpointDir()) : null;
        Path scratch = runDir == null ? Files.createTempDirectory("ava-checkpoints-") : null;
        EmbeddedKafka embedded = null;
        String bootstrap = settings.bootstrapServers();
        boolean finished = false;
        try {
            if (bootstrap == null || bootstrap.isBlank()) {
                embedded = runDir != null ? EmbeddedKafka.startIn(runDir.kafkaData()) : EmbeddedKafka.start();
                bootstrap = embedded.bootstrapServers();
            }
            RunOutcome outcome = runOn(bootstrap, embedded != null, titles, settings, progress, after, runDir,
                    runDir != null ? runDir.checkpoints() : scratch);
            if (runDir != null) runDir.finished();
            finished = true;
            return outcome;
        } finally {
            try {
                if (embedded != null) embedded.close();
                if (finished && embedded != null && runDir != null) runDir.discardBrokerData();
            } finally {
                if (scratch != null) RunDirectory.deleteTree(scratch);
            }
        }
    }

    private static RunOutcome runOn(String bootstrap, boolean embedded, List<TitleInput> titles, Settings settings,
                                    Consumer<CandidateSetUpdate> progress, AfterRun after, RunDirectory runDir,
                                    Path checkpoints) throws Exception {
        Topics topics = settings.topics();
        PipelineOptions options = settings.pipeline();
        TopicAdmin.ensureTopics(bootstrap, topics, Math.max(1, options.parallelism()));

        String runId;
        RunOutcome.StartOffsets from;
        Path restoreFrom = settings.fromSavepoint();
        if (restoreFrom != null && (runDir == null || !runDir.hasUnfinishedRun())) {
            // The restored state carries the run id its updates are published under, and the read-back
            // and the transactional ids need the same: only a run directory has them.
            throw new IllegalArgumentException("--from-savepoint needs the --checkpoint-dir of the unfinished run it "
                    + "was taken from (its run id and start offsets are recorded there)"
                    + (runDir == null ? "" : "; " + runDir.path() + " holds none"));
        }
        RunDirectory.Run run = null;
        if (runDir != null) {
            String b = bootstrap;
            run = runDir.resumeOrStart(titles, embedded ? RunDirectory.EMBEDDED : bootstrap, UUID.randomUUID().toString(),
                    () -> RunOutcome.StartOffsets.current(b, topics));
            runId = run.runId();
            from = run.from();
            if (run.jobFinished()) {
                // the job had finished before the process died: only its output is left to read back
                RunOutcome outcome = RunOutcome.read(bootstrap, runId, topics, from);
                outcome.setResumedFrom(runDir.path().resolve(RunDirectory.RECORD));
                if (after != null) after.accept(bootstrap, topics, from, outcome);
                return outcome;
            }
            if (restoreFrom == null) restoreFrom = run.checkpoint().orElse(null);
        } else {
            runId = UUID.randomUUID().toString();
            from = RunOutcome.StartOffsets.current(bootstrap, topics);
        }
        Configuration conf = LocalFlink.configuration(options, checkpoints, settings.restartAttempts(), runDir != null);
        if (restoreFrom != null) {
            if (!Files.exists(restoreFrom)) {
                throw new IllegalArgumentException("--from-savepoint " + restoreFrom.toAbsolutePath() + ": no such file or directory");
            }
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom.toAbsolutePath().toUri().toString());
        }
        conf.addAll(Configuration.fromMap(settings.flinkConfig()));
        StreamExecutionEnvironment env = LocalFlink.environment(conf, options.parallelism(), settings.webUiPort());

        ChunkSource source = new ChunkSource(titles, runId, options.chunks(), settings.processor());
        String txPrefix = "ava-" + runId.substring(0, 8);
        new AvaPipeline(source, KafkaSinks.titleOutput(bootstrap, topics, txPrefix), options).build(env);

        long started = System.currentTimeMillis();
        JobClient job = env.executeAsync("AVA Stream: " + titles.size() + " title(s)");
        AtomicBoolean done = new AtomicBoolean(false);
        Thread watcher = null;
        if (progress != null) {
            String b = bootstrap;
            watcher = new Thread(() -> watch(b, topics.candidates(), from.candidates(), runId, progress, done),
                    "ava-progress");
            watcher.setDaemon(true);
            watcher.start();
        }
        long jobMillis;
        try {
            job.getJobExecutionResult().get();
            jobMillis = System.currentTimeMillis() - started;
            if (run != null) runDir.jobFinished(run);
        } finally {
            done.set(true);
            if (watcher != null) watcher.join(5_000);
        }
        RunOutcome outcome = RunOutcome.read(bootstrap, runId, topics, from);
        outcome.setElapsedMillis(System.currentTimeMillis() - started);
        outcome.setJobMillis(jobMillis);
        outcome.setResumedFrom(restoreFrom);
        if (after != null) after.accept(bootstrap, topics, from, outcome);
        return outcome;
    }

    private static void watch(String bootstrap, String topic, Map<TopicPartition, Long> from, String runId,
                              Consumer<CandidateSetUpdate> progress, AtomicBoolean done) {
        try (TopicReader reader = new TopicReader(bootstrap, topic)) {
            reader.seek(from);
            while (!done.get()) {
                reader.poll(Duration.ofMillis(250), r -> {
                    CandidateSetUpdate u = RunOutcome.decodeUpdate(r.value());
                    if (u.getRunId().equals(runId)) progress.accept(u);
                });
            }
        } catch (Exception e) {
            // Progress is a courtesy: the outcome is read again in full after the job.
        }
    }
}
