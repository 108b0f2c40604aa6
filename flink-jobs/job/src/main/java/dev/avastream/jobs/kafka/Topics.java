package dev.avastream.jobs.kafka;

import java.io.Serializable;
import java.util.List;

/**
 * Kafka topic names of the job's output; every record is Avro (single-object encoding). Updates,
 * shots and frames are keyed by title id, stills by {@code <titleId>/<frameIndex>} (compacted: the
 * latest still of each frame stays). Frames are written unless {@code title.publish-frames} is off.
 * Feedback is the one the job reads rather than writes: curators' verdicts on stills (the preview
 * writes them), keyed by {@code <titleId>/<frameIndex>} and compacted, that a job learns its weight
 * profiles from when it starts (docs/feedback.md). Feedback dead letters ({@code ava.feedback.dlq}): the
 * records of the feedback topic that are not verdicts (Avro DeadLetter with the reason), each once.
 */
public record Topics(String candidates, String shots, String stills, String frames, String feedback,
                     String feedbackDeadLetters) implements Serializable {
    public static final String CANDIDATES = "ava.candidates";
    public static final String SHOTS = "ava.shots";
    public static final String STILLS = "ava.stills";
    public static final String FRAMES = "ava.frames";
    public static final String FEEDBACK = "ava.feedback";
    public static final String FEEDBACK_DEAD_LETTERS = FEEDBACK + ".dlq";

    public static Topics defaults() { return new Topics(CANDIDATES, SHOTS, STILLS, FRAMES, FEEDBACK, FEEDBACK_DEAD_LETTERS); }

    /** {@code prefix.candidates}, {@code prefix.shots}, ..., {@code prefix.feedback.dlq}, e.g. for tests. */
    public static Topics withPrefix(String prefix) {
        return new Topics(prefix + ".candidates", prefix + ".shots", prefix + ".stills", prefix + ".frames",
                prefix + ".feedback", prefix + ".feedback.dlq");
    }

    /** Every topic of this set, in declaration order (a topic added to the record is listed here too). */
    public List<String> names() { return TopicNames.of(this); }
}
