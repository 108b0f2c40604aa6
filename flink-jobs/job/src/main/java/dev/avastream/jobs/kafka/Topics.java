package dev.avastream.jobs.kafka;

import java.io.Serializable;
import java.util.List;

/** Kafka topic names; every record is Avro (single-object encoding) keyed by title id. */
public record Topics(String candidates, String shots) implements Serializable {
    public static final String CANDIDATES = "ava.candidates";
    public static final String SHOTS = "ava.shots";

    public static Topics defaults() { return new Topics(CANDIDATES, SHOTS); }

    /** Every topic of this set, in declaration order (a topic added to the record is listed here too). */
    public List<String> names() { return TopicNames.of(this); }
}
