package dev.avastream.jobs.kafka;

import dev.avastream.schema.DeadLetter;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * Dead letters written outside a Flink job: the poison records a job finds on a topic it reads whole
 * when it starts ({@code ava.feedback}). That topic is read again at every start, so the same poison
 * record is found again each time; it is published once, identified by where it lies (topic,
 * partition, offset), not once per start. (The live job's {@code ava.chunks.dlq} is written by its
 * own exactly-once sink, where every input record is read once.)
 */
public final class DeadLetterTopic {
    private DeadLetterTopic() {}

    /** What {@link #publishOnce} did: newly published, and already on the topic from an earlier start. */
    public record Published(int published, int alreadyThere) {}

    /**
     * Publishes each dead letter not yet on {@code topic} (by its source topic, partition and offset),
     * keyed like the record it carries, and waits until the broker has them all.
     */
    public static Published publishOnce(String bootstrap, String topic, List<DeadLetter> letters) {
        if (letters.isEmpty()) return new Published(0, 0);
        Set<String> there = positions(bootstrap, topic);
        Properties p = KafkaClientConfig.properties(bootstrap);
        p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        p.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        int published = 0, already = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (DeadLetter d : letters) {
                if (!there.add(position(d))) {
                    already++;
                    continue;
                }
                byte[] key = d.getKey() == null ? null : bytes(d.getKey());
                producer.send(new ProducerRecord<>(topic, key, encode(d)));
                published++;
            }
            producer.flush();
        }
        return new Published(published, already);
    }

    /** Every dead letter on the topic now (read-committed, from the start), in partition order. */
    public static List<DeadLetter> readAll(String bootstrap, String topic) {
        List<DeadLetter> out = new java.util.ArrayList<>();
        WholeTopic.read(bootstrap, topic, r -> {
            try {
                out.add(DeadLetter.fromByteBuffer(ByteBuffer.wrap(r.value())));
            } catch (IOException | RuntimeException e) {
                // not ours: a dead-letter topic holds what it is given, and this one is left as it is
            }
        });
        return out;
    }

    private static Set<String> positions(String bootstrap, String topic) {
        Set<String> out = new HashSet<>();
        for (DeadLetter d : readAll(bootstrap, topic)) out.add(position(d));
        return out;
    }

    private static String position(DeadLetter d) {
        return d.getTopic() + "/" + d.getPartition() + "/" + d.getOffset();
    }

    private static byte[] encode(DeadLetter d) {
        try {
            return bytes(d.toByteBuffer());
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + d, e);
        }
    }

    private static byte[] bytes(ByteBuffer b) {
        ByteBuffer dup = b.duplicate();
        byte[] out = new byte[dup.remaining()];
        dup.get(out);
        return out;
    }
}
