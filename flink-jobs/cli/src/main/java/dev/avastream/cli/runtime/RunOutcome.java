package dev.avastream.cli.runtime;

import dev.avastream.jobs.kafka.Topics;
import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.schema.Shot;
import dev.avastream.schema.Still;
import org.apache.kafka.common.TopicPartition;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;

/** The outcome of a run per title, read back from the Kafka topics (only this run's records). */
public final class RunOutcome {
    private final String runId;
    private final Map<String, TitleOutcome> titles = new LinkedHashMap<>();
    private long elapsedMillis;
    private long jobMillis;

    /** Where this run's records start in each output topic: the topics' end offsets before the job. */
    public record StartOffsets(Map<TopicPartition, Long> candidates, Map<TopicPartition, Long> shots,
                               Map<TopicPartition, Long> stills, Map<TopicPartition, Long> frames) {
        /** The current end of every partition of the output topics. */
        public static StartOffsets current(String bootstrap, Topics topics) {
            List<Map<TopicPartition, Long>> ends = inParallel(
                    java.util.stream.Stream.of(topics.candidates(), topics.shots(), topics.stills(), topics.frames())
                            .<Supplier<Map<TopicPartition, Long>>>map(topic -> () -> {
                                try (TopicReader r = new TopicReader(bootstrap, topic)) { return r.endOffsets(); }
                            }).toList());
            return new StartOffsets(ends.get(0), ends.get(1), ends.get(2), ends.get(3));
        }
    }

    public RunOutcome(String runId) { this.runId = runId; }

    public String runId() { return runId; }

    public Map<String, TitleOutcome> titles() { return titles; }

    public TitleOutcome title(String titleId) { return titles.computeIfAbsent(titleId, TitleOutcome::new); }

    public long elapsedMillis() { return elapsedMillis; }

    void setElapsedMillis(long ms) { this.elapsedMillis = ms; }

    private java.nio.file.Path resumedFrom;

    /** The checkpoint or savepoint the job was restored from, or null if it started from scratch. */
    public java.nio.file.Path resumedFrom() { return resumedFrom; }

    void setResumedFrom(java.nio.file.Path p) { this.resumedFrom = p; }

    /** Wall time of the Flink job alone: from submission to its end (last Kafka commit included). */
    public long jobMillis() { return jobMillis; }

    void setJobMillis(long ms) { this.jobMillis = ms; }

    /** How long reading back waits for the job's last commit markers (see {@link TopicReader#drainSettled}). */
    private static final Duration SETTLE = Duration.ofSeconds(30);

    /** Reads this run's shots, stills and candidate updates published after {@code from}. */
    public static RunOutcome read(String bootstrap, String runId, Topics topics, StartOffsets from) {
        // The three topics are read at once: a reader spends most of its time waiting (connection,
        // metadata, the commit markers settling, fetches), and one after another they took about
        // 1.8 s at the end of every run.
        List<List<?>> read = RunOutcome.<List<?>>inParallel(List.<Supplier<List<?>>>of(
                () -> readAll(bootstrap, topics.shots(), from.shots(), RunOutcome::decodeShot),
                () -> readAll(bootstrap, topics.stills(), from.stills(), RunOutcome::decodeStill),
                () -> readAll(bootstrap, topics.candidates(), from.candidates(), RunOutcome::decodeUpdate)));
        RunOutcome outcome = new RunOutcome(runId);
        for (Object o : read.get(0)) {
            Shot s = (Shot) o;
            if (s.getRunId().equals(runId)) outcome.title(s.getTitleId()).addShot(s);
        }
        for (Object o : read.get(1)) {
            Still s = (Still) o;
            if (s.getRunId().equals(runId)) outcome.title(s.getTitleId()).addStill(s);
        }
        for (Object o : read.get(2)) {
            CandidateSetUpdate u = (CandidateSetUpdate) o;
            if (u.getRunId().equals(runId)) outcome.title(u.getTitleId()).addUpdate(u);
        }
        return outcome;
    }

    /** Every record of {@code topic} after {@code from}, decoded, once its transactions have settled. */
    private static <T> List<T> readAll(String bootstrap, String topic, Map<TopicPartition, Long> from,
                                       Function<byte[], T> decode) {
        List<T> out = new ArrayList<>();
        try (TopicReader reader = new TopicReader(bootstrap, topic)) {
            reader.seek(from);
            reader.drainSettled(SETTLE, r -> out.add(decode.apply(r.value())));
        }
        return out;
    }

    /**
     * Runs each task on a thread of its own and returns their results in order; the first failure is
     * rethrown (a Kafka reader's own exception, not a wrapper). Threads of their own, not the common
     * pool: on two cores that pool has one thread, and these tasks mostly wait.
     */
    static <T> List<T> inParallel(List<? extends Supplier<? extends T>> tasks) {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size(), r -> {
            Thread t = new Thread(r, "ava-topic-reader");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<? extends T>> futures = new ArrayList<>();
            for (Supplier<? extends T> task : tasks) futures.add(pool.submit(task::get));
            List<T> results = new ArrayList<>();
            for (Future<? extends T> f : futures) {
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) throw re;
                    if (e.getCause() instanceof Error err) throw err;
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted reading the run's output topics", e);
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    public static Shot decodeShot(byte[] bytes) {
        try {
            return Shot.fromByteBuffer(ByteBuffer.wrap(bytes));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not an Avro Shot record: " + e.getMessage(), e);
        }
    }

    public static Still decodeStill(byte[] bytes) {
        try {
            return Still.fromByteBuffer(ByteBuffer.wrap(bytes));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not an Avro Still record: " + e.getMessage(), e);
        }
    }

    public static CandidateSetUpdate decodeUpdate(byte[] bytes) {
        try {
            return CandidateSetUpdate.fromByteBuffer(ByteBuffer.wrap(bytes));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not an Avro CandidateSetUpdate record: " + e.getMessage(), e);
        }
    }
}
