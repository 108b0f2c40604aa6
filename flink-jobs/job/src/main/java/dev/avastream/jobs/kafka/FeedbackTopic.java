package dev.avastream.jobs.kafka;

import dev.avastream.operators.feedback.FeedbackMark;
import dev.avastream.operators.feedback.Verdict;
import dev.avastream.schema.Feedback;
import dev.avastream.schema.FeedbackVerdict;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * The {@code ava.feedback} topic: curators' verdicts on stills ({@link Feedback}, Avro), keyed by
 * {@code <titleId>/<frameIndex>} and compacted. Written by the preview; read whole, from the start, by
 * every job when it starts, to learn its weight profiles from (docs/feedback.md): the topic is the
 * durable record, so reading it again gives the same weights.
 */
public final class FeedbackTopic {
    private FeedbackTopic() {}

    /** The record's key: the frame it is about. */
    public static String key(String titleId, long frameIndex) {
        return titleId + "/" + frameIndex;
    }

    /** A record of the topic as the learner takes it. */
    public static FeedbackMark mark(Feedback f) {
        return new FeedbackMark(f.getTitleId(), f.getProfile(), f.getFrameIndex(), Verdict.valueOf(f.getVerdict().name()),
                f.getComponents(), f.getMarkedAtMs(), f.getCurator());
    }

    public static Feedback decode(byte[] bytes) {
        try {
            return Feedback.fromByteBuffer(ByteBuffer.wrap(bytes));
        } catch (IOException e) {
            throw new IllegalArgumentException("not an Avro Feedback record: " + e.getMessage(), e);
        }
    }

    public static byte[] encode(Feedback f) {
        try {
            ByteBuffer b = f.toByteBuffer();
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + f, e);
        }
    }

    /** Verdicts by name, as the preview's buttons send them. */
    public static FeedbackVerdict verdict(String name) {
        return FeedbackVerdict.valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }

    /**
     * Every record on the topic now, from the start, in partition order; a record that is not a
     * Feedback goes to {@code poison} (with why) and is skipped. An absent topic reads as empty.
     */
    public static List<Feedback> readAll(String bootstrap, String topic, Consumer<String> poison) {
        Properties p = new Properties();
        p.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<Feedback> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) return out;
            List<TopicPartition> parts = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("timed out reading " + topic + " up to " + end);
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() == null) continue; // a tombstone: nothing to learn
                    try {
                        out.add(decode(r.value()));
                    } catch (IllegalArgumentException e) {
                        poison.accept(topic + " partition " + r.partition() + " offset " + r.offset() + " (key "
                                + (r.key() == null ? "none" : new String(r.key(), StandardCharsets.UTF_8)) + "): " + e.getMessage());
                    }
                }
            }
        }
        return out;
    }
}
