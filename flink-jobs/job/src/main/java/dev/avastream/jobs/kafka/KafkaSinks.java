package dev.avastream.jobs.kafka;

import dev.avastream.schema.DeadLetter;
import dev.avastream.schema.TitleOutput;
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

    /**
     * The title operator's output, updates, shots, stills and frames, through one sink routed by
     * {@link TitleOutputSerialization}: one transaction per checkpoint for all its topics, so a
     * read-committed consumer never sees an update before the stills it names are committed. The
     * transactional ids keep the {@code -candidates} suffix of the candidates-only sink this one
     * replaces, so a job upgraded from a savepoint aborts what that sink left open.
     */
    public static KafkaSink<TitleOutput> titleOutput(String bootstrap, Topics topics, String transactionalPrefix) {
        return KafkaSink.<TitleOutput>builder()
                .setBootstrapServers(bootstrap)
                .setKafkaProducerConfig(producerConfig(bootstrap))
                .setRecordSerializer(new TitleOutputSerialization(topics))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalPrefix + "-candidates")
                .build();
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
                .setKafkaProducerConfig(producerConfig(bootstrap))
                .setRecordSerializer(new AvroRecordSerialization<>(topic, key))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .build();
    }

    /** The connection settings of {@code bootstrap} ({@link KafkaClientConfig}), carried to the TaskManagers, and ours. */
    private static Properties producerConfig(String bootstrap) {
        Properties p = KafkaClientConfig.properties(bootstrap);
        p.setProperty("transaction.timeout.ms", Integer.toString(TRANSACTION_TIMEOUT_MS));
        // max.request.size stays at Kafka's 1 MiB, as does the brokers' message.max.bytes: the largest
        // record is one still (a JPEG at analysis size, tens of KiB); updates no longer carry pictures.
        p.setProperty("compression.type", "lz4");
        return p;
    }
}
