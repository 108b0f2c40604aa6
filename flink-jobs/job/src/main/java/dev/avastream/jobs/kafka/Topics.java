package dev.avastream.jobs.kafka;

import java.io.Serializable;
import java.util.List;

/**
 * Kafka topic names of the job's output; every record is Avro (single-object encoding). Updates and
 * shots are keyed by title id, stills by {@code <titleId>/<frameIndex>} (compacted: the latest still
 * of each frame stays).
 */
public record Topics(String candidates, String shots, String stills) implements Serializable {
    public static final String CANDIDATES = "ava.candidates";
    public static final String SHOTS = "ava.shots";
    public static final String STILLS = "ava.stills";

    public static Topics defaults() { return new Topics(CANDIDATES, SHOTS, STILLS); }

    /** {@code prefix.candidates}, {@code prefix.shots} and {@code prefix.stills}, e.g. for tests. */
    public static Topics withPrefix(String prefix) {
        return new Topics(prefix + ".candidates", prefix + ".shots", prefix + ".stills");
    }

    /** Every topic of this set, in declaration order (a topic added to the record is listed here too). */
    public List<String> names() { return TopicNames.of(this); }
}
