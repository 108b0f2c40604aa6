package dev.avastream.cli.runtime;

import dev.avastream.jobs.kafka.Topics;
import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.schema.Shot;
import dev.avastream.schema.Still;
import org.apache.kafka.common.TopicPartition;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

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
            Map<TopicPartition, Long> candidates, shots, stills, frames;
            try (TopicReader r = new TopicReader(bootstrap, topics.candidates())) { candidates = r.endOffsets(); }
            try (TopicReader r = new TopicReader(bootstrap, topics.shots())) { shots = r.endOffsets(); }
            try (TopicReader r = new TopicReader(bootstrap, topics.stills())) { stills = r.endOffsets(); }
            try (TopicReader r = new TopicReader(bootstrap, topics.frames())) { frames = r.endOffsets(); }
            return new StartOffsets(candidates, shots, stills, frames);
        }
    }

    public RunOutcome(String runId) { this.runId = runId; }

    public String runId() { return runId; }

    public Map<String, TitleOutcome> titles() { return titles; }

    public TitleOutcome title(String titleId) { return titles.computeIfAbsent(titleId, TitleOutcome::new); }

    public long elapsedMillis() { return elapsedMillis; }

    void setElapsedMillis(long ms) { this.elapsedMillis = ms; }

    /** Wall time of the Flink job alone: from submission to its end (last Kafka commit included). */
    public long jobMillis() { return jobMillis; }

    void setJobMillis(long ms) { this.jobMillis = ms; }

    /** Reads this run's shots, stills and candidate updates published after {@code from}. */
    /** How long reading back waits for the job's last commit markers (see {@link TopicReader#drainSettled}). */
    private static final Duration SETTLE = Duration.ofSeconds(30);

    public static RunOutcome read(String bootstrap, String runId, Topics topics, StartOffsets from) {
        RunOutcome outcome = new RunOutcome(runId);
        try (TopicReader shots = new TopicReader(bootstrap, topics.shots())) {
            shots.seek(from.shots());
            shots.drainSettled(SETTLE, r -> {
                Shot s = decodeShot(r.value());
                if (s.getRunId().equals(runId)) outcome.title(s.getTitleId()).addShot(s);
            });
        }
        try (TopicReader stills = new TopicReader(bootstrap, topics.stills())) {
            stills.seek(from.stills());
            stills.drainSettled(SETTLE, r -> {
                Still s = decodeStill(r.value());
                if (s.getRunId().equals(runId)) outcome.title(s.getTitleId()).addStill(s);
            });
        }
        try (TopicReader updates = new TopicReader(bootstrap, topics.candidates())) {
            updates.seek(from.candidates());
            updates.drainSettled(SETTLE, r -> {
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
