package dev.avastream.cli.runtime;

import dev.avastream.jobs.kafka.KafkaClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Reads a topic as a read-committed consumer without a consumer group: from remembered offsets up to
 * the current end. Used to read a run's own output back (summary, progress, tests).
 */
public final class TopicReader implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final String bootstrap;

    /**
     * Consumer settings for reading the job's output topics: only committed records (the sink is
     * transactional) and no group offsets. Kafka's default fetch sizes fit: no record is larger than
     * one still (a JPEG at analysis size).
     */
    public static Properties outputConsumerProperties(String bootstrap) {
        Properties p = KafkaClientConfig.properties(bootstrap);
        p.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return p;
    }

    public TopicReader(String bootstrap, String topic) {
        this.consumer = new KafkaConsumer<>(outputConsumerProperties(bootstrap), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        this.topic = topic;
        this.bootstrap = bootstrap;
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
            partitions.add(new TopicPartition(topic, info.partition()));
        }
        consumer.assign(partitions);
    }

    /** The current end (last stable offset) of every partition: where a reader for new records starts. */
    public Map<TopicPartition, Long> endOffsets() {
        return new HashMap<>(consumer.endOffsets(consumer.assignment(), Duration.ofSeconds(30)));
    }

    /** Positions the reader at the given offsets (partitions not named start at their beginning). */
    public void seek(Map<TopicPartition, Long> offsets) {
        for (TopicPartition tp : consumer.assignment()) {
            Long o = offsets.get(tp);
            if (o == null) consumer.seekToBeginning(List.of(tp));
            else consumer.seek(tp, o);
        }
    }

    /** One poll: hands each value to {@code sink}; returns how many records came. */
    public int poll(Duration timeout, Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        int n = 0;
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) {
            sink.accept(r);
            n++;
        }
        return n;
    }

    /** Reads everything from the current position up to the end offsets as of this call. */
    public void drain(Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        Map<TopicPartition, Long> end = endOffsets();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!reached(end)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out reading " + topic + " up to " + end);
            }
            poll(Duration.ofMillis(200), sink);
        }
    }

    /**
     * Reads everything up to the end once the topic's transactions have settled: for the output of a
     * job that has just finished. A transaction the job committed last is complete on the broker, but
     * its commit markers reach the partitions asynchronously; until they do, the last stable offset a
     * read-committed reader stops at lies before that transaction's records, and {@link #drain} would
     * miss them (seen: a finished title read back without its shots). So this waits, up to {@code
     * settle}, for the last stable offset of every partition to reach its high watermark (no
     * transaction in flight), then drains to there. Past {@code settle} (a transaction some other
     * producer keeps open) it drains what is committed.
     */
    public void drainSettled(Duration settle, Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        Properties p = outputConsumerProperties(bootstrap);
        p.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        try (KafkaConsumer<byte[], byte[]> uncommitted = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            long deadline = System.nanoTime() + settle.toNanos();
            while (true) {
                Map<TopicPartition, Long> stable = endOffsets();
                Map<TopicPartition, Long> written = uncommitted.endOffsets(consumer.assignment(), Duration.ofSeconds(30));
                if (stable.equals(written) || System.nanoTime() > deadline) break;
                try {
                    Thread.sleep(20); // markers are written within milliseconds of the commit
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        drain(sink);
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) return false;
        }
        return true;
    }

    @Override
    public void close() { consumer.close(); }
}
