package dev.avastream.jobs.live;

import dev.avastream.jobs.kafka.Topics;

import java.io.Serializable;

/** Topics of live ingest: ChunkReady events in, rejected records out. */
public record LiveTopics(String chunks, String deadLetters) implements Serializable {
    public static final String CHUNKS = "ava.chunks";
    public static final String DEAD_LETTERS = "ava.chunks.dlq";

    public static LiveTopics defaults() { return new LiveTopics(CHUNKS, DEAD_LETTERS); }

    /** {@code base} and {@code base.dlq}. */
    public static LiveTopics of(String base) { return new LiveTopics(base, base + ".dlq"); }
}
