package dev.avastream.jobs.live;

/**
 * A Kafka record as it came, not yet decoded: decoding happens in {@link LiveChunkDecoder} so that a
 * record that does not decode goes to the dead-letter topic instead of failing the source. A Flink
 * POJO (public fields, no-arg constructor).
 */
public class RawRecord {
    public String topic;
    public int partition;
    public long offset;
    public byte[] key;
    public byte[] value;

    public RawRecord() { }

    public RawRecord(String topic, int partition, long offset, byte[] key, byte[] value) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.key = key;
        this.value = value;
    }

    @Override
    public String toString() { return topic + "-" + partition + "@" + offset; }
}
