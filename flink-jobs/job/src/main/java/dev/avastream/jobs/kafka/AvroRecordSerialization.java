package dev.avastream.jobs.kafka;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Writes a generated Avro record to one topic, keyed by title id, in Avro's single-object encoding
 * (a 2-byte marker and the writer schema's 64-bit fingerprint, then the binary record): a consumer
 * holding the schemas from {@code schemas/} can always tell which schema wrote a record.
 */
public final class AvroRecordSerialization<T extends SpecificRecordBase> implements KafkaRecordSerializationSchema<T> {
    private static final long serialVersionUID = 1L;

    private final String topic;
    private final SerializableKey<T> key;

    /** The record's Kafka key. */
    public interface SerializableKey<T> extends Function<T, String>, java.io.Serializable {}

    public AvroRecordSerialization(String topic, SerializableKey<T> key) {
        this.topic = topic;
        this.key = key;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T record, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, null, timestamp, key.apply(record).getBytes(StandardCharsets.UTF_8),
                encode(record));
    }

    /** Single-object encoding of any generated record. */
    public static byte[] encode(SpecificRecordBase record) {
        try {
            ByteBuffer buffer = (ByteBuffer) record.getClass().getMethod("toByteBuffer").invoke(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (ReflectiveOperationException e) {
            if (e.getCause() instanceof IOException io) throw new UncheckedIOException(io);
            throw new IllegalStateException("cannot encode " + record.getClass().getName(), e);
        }
    }
}
