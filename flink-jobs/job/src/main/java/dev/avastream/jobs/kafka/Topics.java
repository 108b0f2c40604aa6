package dev.avastream.jobs.kafka;

import java.io.Serializable;

/** Kafka topic names; every record is Avro (single-object encoding) keyed by title id. */
public record Topics(String candidates, String shots) implements Serializable {
    public static final String CANDIDATES = "ava.candidates";
    public static final String SHOTS = "ava.shots";

    public static Topics defaults() { return new Topics(CANDIDATES, SHOTS); }
}
