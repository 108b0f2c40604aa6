package dev.avastream.cli.runtime;

import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.schema.Shot;
import org.apache.kafka.common.TopicPartition;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/** The outcome of a run per title, read back from the Kafka topics (only this run's records). */
public final class RunOutcome {
    private final String runId;
    private final Map<String, TitleOutcome> titles = new LinkedHashMap<>();
    private long elapsedMillis;
    private long jobMillis;

    public RunOutcome(String runId) { this.runId = runId; }

    public String runId() { return runId; }

    public Map<String, TitleOutcome> titles() { return titles; }

    public TitleOutcome title(String titleId) { return titles.computeIfAbsent(titleId, TitleOutcome::new); }

    public long elapsedMillis() { return elapsedMillis; }

    void setElapsedMillis(long ms) { this.elapsedMillis = ms; }

    /** Wall time of the Flink job alone: from submission to its end (last Kafka commit included). */
    public long jobMillis() { return jobMillis; }

    void setJobMillis(long ms) { this.jobMillis = ms; }

    /** Reads this run's shots and candidate updates published after {@code from} offsets. */
    public static RunOutcome read(String bootstrap, String runId, String shotsTopic, String candidatesTopic,
                                  Map<TopicPartition, Long> shotsFrom, Map<TopicPartition, Long> candidatesFrom) {
        RunOutcome outcome = new RunOutcome(runId);
        try (TopicReader shots = new TopicReader(bootstrap, shotsTopic)) {
            shots.seek(shotsFrom);
            shots.drain(r -> {
                Shot s = decodeShot(r.value());
                if (s.getRunId().equals(runId)) outcome.title(s.getTitleId()).addShot(s);
            });
        }
        try (TopicReader updates = new TopicReader(bootstrap, candidatesTopic)) {
            updates.seek(candidatesFrom);
            updates.drain(r -> {
                CandidateSetUpdate u = decodeUpdate(r.value());
                if (u.getRunId().equals(runId)) outcome.title(u.getTitleId()).addUpdate(u);
            });
        }
        return outcome;
    }

    public static Shot decodeShot(byte[] bytes) {
        try {
            return Shot.fromByteBuffer(ByteBuffer.wrap(bytes));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not an Avro Shot record: " + e.getMessage(), e);
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
