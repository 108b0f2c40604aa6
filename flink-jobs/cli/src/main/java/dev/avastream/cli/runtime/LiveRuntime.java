package dev.avastream.cli.runtime;

import dev.avastream.cli.live.LiveIngest;
import dev.avastream.jobs.live.LivePipeline;
import dev.avastream.jobs.live.LiveTopics;

import dev.avastream.jobs.PipelineOptions;
import dev.avastream.jobs.kafka.TopicAdmin;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import dev.avastream.schema.CandidateSetUpdate;
import java.util.UUID;

/**
 * The live job on an embedded Flink mini cluster, against a given Kafka or an embedded one: the Java
 * API behind {@code ava live} and {@code ava bench-latency}, and for anything that wants a live
 * pipeline in-process (a preview server, a demo, a test):
 * <pre>{@code
 * try (LiveRuntime live = LiveRuntime.start(LiveRuntime.Options.defaults())) {
 *     String bootstrap = live.bootstrapServers();      // embedded Kafka: publish ChunkReady events here
 *     LiveIngest.publish(LiveIngest.cut(video, "my-title", 2, dir, live.processor()), bootstrap,
 *             live.topics().chunks(), 1.0, null);    // ...and read ava.candidates from it
 * }
 * }</pre>
 * The job runs until {@link #close()} (which cancels it and stops the embedded broker, if any), or
 * until {@link #stopWithSavepoint}. With a checkpoint directory ({@link LiveDirectory}) it keeps its
 * checkpoints and the embedded broker's data there, and a new runtime on the same directory goes on
 * from the newest savepoint or checkpoint under the same run id.
 */
public final class LiveRuntime implements AutoCloseable {

    /**
     * @param settings Kafka (null bootstrap: embedded), output topics, pipeline options (idle timeout,
     *                 checkpoint interval = commit latency), decoder config, web UI port
     * @param topics   the ChunkReady topic and its dead-letter topic
     * @param groupId  consumer group of the Kafka source (offsets resume from it)
     */
    public record Options(AvaRunner.Settings settings, LiveTopics topics, String groupId) {
        /** Embedded Kafka, checkpoints every second (the commit latency of updates), the other settings at their defaults. */
        public static Options defaults() {
            AvaRunner.Settings s = AvaRunner.Settings.defaults();
            return new Options(s.withPipeline(s.pipeline().withCheckpointInterval(java.time.Duration.ofSeconds(1))),
                    LiveTopics.defaults(), "ava-live");
        }

        public Options withSettings(AvaRunner.Settings s) { return new Options(s, topics, groupId); }

        public Options withTopics(LiveTopics t) { return new Options(settings, t, groupId); }
    }

    private final Options options;
    private final EmbeddedKafka embedded;
    private final String bootstrap;
    private final String runId;
    private final JobClient job;
    private final RunOutcome.StartOffsets from;
    /** The temporary checkpoint directory this runtime made (none with a checkpoint dir of the caller's). */
    private final Path scratch;
    /** Where the job keeps what it goes on from (null without a checkpoint directory). */
    private final LiveDirectory directory;
    /** The savepoint or checkpoint the job was restored from, or null. */
    private final Path restoredFrom;

    private LiveRuntime(Path scratch, Options options, EmbeddedKafka embedded, String bootstrap, String runId, JobClient job,
                        RunOutcome.StartOffsets from, LiveDirectory directory, Path restoredFrom) {
        this.directory = directory;
        this.restoredFrom = restoredFrom;
        this.options = options;
        this.embedded = embedded;
        this.bootstrap = bootstrap;
        this.runId = runId;
        this.job = job;
        this.from = from;
        this.scratch = scratch;
    }

    /** Starts Kafka (when none is given), creates the topics and submits the live job; returns once it is submitted. */
    public static LiveRuntime start(Options options) throws Exception {
        AvaRunner.Settings s = options.settings();
        EmbeddedKafka embedded = null;
        Path scratch = null;
        String bootstrap = s.bootstrapServers();
        try {
            LiveDirectory directory = s.checkpointDir() != null ? LiveDirectory.open(s.checkpointDir()) : null;
            if (bootstrap == null || bootstrap.isBlank()) {
                // the events, the consumed offsets and the output of a job that is to go on live in the broker
                embedded = directory != null ? EmbeddedKafka.startIn(directory.kafkaData()) : EmbeddedKafka.start();
                bootstrap = embedded.bootstrapServers();
            }
            PipelineOptions p = s.pipeline();
            int partitions = Math.max(1, p.parallelism());
            TopicAdmin.ensureTopics(bootstrap, s.topics(), partitions);
            TopicAdmin.ensureTopics(bootstrap, List.of(options.topics().chunks(), options.topics().deadLetters()), partitions);
            RunOutcome.StartOffsets from = RunOutcome.StartOffsets.current(bootstrap, s.topics());
            String runId;
            Path restoreFrom = s.fromSavepoint();
            if (directory != null) {
                LiveDirectory.Job recorded = directory.resumeOrStart(embedded != null ? RunDirectory.EMBEDDED : bootstrap,
                        options.topics().chunks(), options.groupId(), UUID.randomUUID().toString());
                runId = recorded.runId();
                if (restoreFrom == null) restoreFrom = recorded.restoreFrom().orElse(null);
            } else if (restoreFrom != null) {
                // the restored titles publish under the run id of the job the savepoint came from
                throw new IllegalArgumentException("--from-savepoint needs the --checkpoint-dir of the live job it was "
                        + "taken from (its run id is recorded there)");
            } else {
                runId = UUID.randomUUID().toString();
            }
            scratch = directory != null ? null : Files.createTempDirectory("ava-live-checkpoints-");
            Path checkpoints = directory != null ? directory.checkpoints() : scratch;
            Configuration conf = LocalFlink.configuration(p, checkpoints, s.restartAttempts(), directory != null);
            if (restoreFrom != null) {
                if (!Files.isRegularFile(restoreFrom.resolve("_metadata")) && !Files.isRegularFile(restoreFrom)) {
                    throw new IllegalArgumentException("--from-savepoint " + restoreFrom.toAbsolutePath()
                            + ": no savepoint or checkpoint there (no _metadata)");
                }
                conf.set(org.apache.flink.configuration.StateRecoveryOptions.SAVEPOINT_PATH,
                        restoreFrom.toAbsolutePath().toUri().toString());
            }
            conf.addAll(Configuration.fromMap(s.flinkConfig())); // metric reporters, as for AvaRunner
            StreamExecutionEnvironment env = LocalFlink.environment(conf, p.parallelism(), s.webUiPort());
            LivePipeline.build(env, bootstrap, s.topics(), options.topics(), options.groupId(), runId, p, s.processor());
            JobClient job = env.executeAsync("AVA Stream live: " + options.topics().chunks());
            return new LiveRuntime(scratch, options, embedded, bootstrap, runId, job, from, directory, restoreFrom);
        } catch (Exception e) {
            if (embedded != null) embedded.close();
            if (scratch != null) RunDirectory.deleteTree(scratch);
            throw e;
        }
    }

    public String bootstrapServers() { return bootstrap; }

    /** The savepoint or checkpoint this job went on from, or null when it started afresh. */
    public Path restoredFrom() { return restoredFrom; }

    /** Where this job's output began on each topic (for reading back what it published). */
    public RunOutcome.StartOffsets from() { return from; }

    /**
     * Stops the job with a savepoint in the checkpoint directory's {@code savepoints/} (Flink's
     * stop-with-savepoint: the sources stop, the sinks commit what the savepoint covers, the job
     * ends); returns the savepoint's directory. A runtime on the same directory goes on from it.
     * Older savepoints there but the one before are removed.
     */
    public Path stopWithSavepoint(Duration timeout) throws Exception {
        if (directory == null) throw new IllegalStateException("a live job without a checkpoint directory has nowhere to keep a savepoint");
        Files.createDirectories(directory.savepoints());
        String location = job.stopWithSavepoint(false, directory.savepoints().toAbsolutePath().toUri().toString(),
                org.apache.flink.core.execution.SavepointFormatType.CANONICAL)
                .get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        Path savepoint = location.startsWith("file:") ? Path.of(java.net.URI.create(location)) : Path.of(location);
        directory.pruneSavepoints(2); // the newest is gone on from; one more in case it proves unreadable
        return savepoint;
    }

    /** The runId every update of this job carries. */
    public String runId() { return runId; }

    public JobClient job() { return job; }

    public LiveTopics topics() { return options.topics(); }

    public AvaRunner.Settings settings() { return options.settings(); }

    /** The decoder configuration the job uses (chunk files should be cut with the same pre/post-roll). */
    public dev.avastream.operators.chunk.ChunkProcessor.Config processor() { return options.settings().processor(); }

    /**
     * Follows this job's candidate updates as a read-committed consumer sees them, from the job's
     * start, handing each to {@code sink} with the time it was received, until {@code done} returns
     * true for one of them.
     *
     * @throws TimeoutException when {@code timeout} passes first
     * @throws IllegalStateException when the job ends first
     */
    public void follow(Duration timeout, UpdateSink sink, Predicate<CandidateSetUpdate> done) throws Exception {
        follow(timeout, sink, done, () -> false);
    }

    /** As {@link #follow(Duration, UpdateSink, Predicate)}, returning as well once {@code stop} says so (checked every poll). */
    public void follow(Duration timeout, UpdateSink sink, Predicate<CandidateSetUpdate> done,
                       java.util.function.BooleanSupplier stop) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (TopicReader reader = new TopicReader(bootstrap, settings().topics().candidates())) {
            reader.seek(from.candidates());
            boolean[] finished = {false};
            while (!finished[0] && !stop.getAsBoolean()) {
                if (System.nanoTime() > deadline) throw new TimeoutException("no final update within " + timeout);
                int n = reader.poll(Duration.ofMillis(100), r -> {
                    long received = System.currentTimeMillis();
                    CandidateSetUpdate u = RunOutcome.decodeUpdate(r.value());
                    if (!u.getRunId().equals(runId) || finished[0]) return;
                    if (sink != null) sink.accept(u, received);
                    if (done.test(u)) finished[0] = true;
                });
                if (n == 0 && job.getJobStatus().get().isTerminalState()) {
                    throw new IllegalStateException("the live job ended: " + job.getJobStatus().get());
                }
            }
        }
    }

    /** Receives an update and the wall-clock time it was read from Kafka. */
    public interface UpdateSink {
        void accept(CandidateSetUpdate update, long receivedAtMs);
    }

    /** Everything this job has published so far (shots, stills and updates per title). */
    public RunOutcome outcome() {
        return RunOutcome.read(bootstrap, runId, settings().topics(), from);
    }

    @Override
    public void close() throws Exception {
        try {
            if (!job.getJobStatus().get().isTerminalState()) job.cancel().get();
            // cancel() returns once asked; the job's own cleanup of its checkpoint directory runs
            // until it has ended, so wait for that before deleting the directory under it
            job.getJobExecutionResult().get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // already gone, or cancelled (its result is then an error)
        } finally {
            try {
                if (embedded != null) embedded.close();
            } finally {
                if (scratch != null) RunDirectory.deleteTree(scratch);
            }
        }
    }
}
