package dev.avastream.jobs.kafka;

import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.schema.DeadLetter;
import dev.avastream.schema.Shot;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;

import java.util.Properties;

/**
 * Exactly-once Kafka sinks: records are written in transactions committed on checkpoint completion,
 * so a read-committed consumer sees each update once even across restarts.
 */
public final class KafkaSinks {
    /** Kept below the broker's transaction.max.timeout.ms (15 min by default). */
    public static final int TRANSACTION_TIMEOUT_MS = 600_000;

    private KafkaSinks() {}

    public static KafkaSink<CandidateSetUpdate> candidates(String bootstrap, Topics topics, String transactionalPrefix) {
        return sink(bootstrap, topics.candidates(), CandidateSetUpdate::getTitleId, transactionalPrefix + "-candidates");
    }

    public static KafkaSink<Shot> shots(String bootstrap, Topics topics, String transactionalPrefix) {
        return sink(bootstrap, topics.shots(), Shot::getTitleId, transactionalPrefix + "-shots");
    }

    /** Records the live job could not use ({@code ava.chunks.dlq}), keyed by title id when known. */
    public static KafkaSink<DeadLetter> deadLetters(String bootstrap, String topic, String transactionalPrefix) {
        return sink(bootstrap, topic, d -> d.getTitleId() == null ? "" : d.getTitleId().toString(),
                transactionalPrefix + "-dlq");
    }

    private static <T extends SpecificRecordBase> KafkaSink<T> sink(String bootstrap, String topic,
                                                                    AvroRecordSerialization.SerializableKey<T> key,
                                                                    String transactionalIdPrefix) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(bootstrap)
                .setKafkaProducerConfig(producerConfig())
                .setRecordSerializer(new AvroRecordSerialization<>(topic, key))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .build();
    }

    private static Properties producerConfig() {
        Properties p = new Properties();
        p.setProperty("transaction.timeout.ms", Integer.toString(TRANSACTION_TIMEOUT_MS));
        // Candidate updates carry up to K JPEG thumbnails.
        p.setProperty("max.request.size", Integer.toString(4 * 1024 * 1024));
        p.setProperty("compression.type", "lz4");
        return p;
    }
}
