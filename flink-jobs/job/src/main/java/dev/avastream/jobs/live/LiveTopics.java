package dev.avastream.jobs.live;

import dev.avastream.jobs.kafka.TopicNames;

import java.io.Serializable;
import java.util.List;

/** Topics of live ingest: ChunkReady events in, rejected records out. */
public record LiveTopics(String chunks, String deadLetters) implements Serializable {
    public static final String CHUNKS = "ava.chunks";
    public static final String DEAD_LETTERS = "ava.chunks.dlq";

    public static LiveTopics defaults() { return new LiveTopics(CHUNKS, DEAD_LETTERS); }

    /** {@code base} and {@code base.dlq}. */
    public static LiveTopics of(String base) { return new LiveTopics(base, base + ".dlq"); }

    /** Every topic of this set, in declaration order (a topic added to the record is listed here too). */
    public List<String> names() { return TopicNames.of(this); }
}
