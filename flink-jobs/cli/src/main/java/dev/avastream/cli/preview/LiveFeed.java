package dev.avastream.cli.preview;

import dev.avastream.jobs.kafka.Topics;

import dev.avastream.cli.runtime.TopicReader;
import dev.avastream.cli.runtime.RunOutcome;
import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.schema.Shot;
import dev.avastream.schema.Still;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * Follows ava.candidates (and optionally ava.shots and ava.stills) as a read-committed consumer
 * without a consumer group, from the beginning or from the current end, and hands every decoded record
 * to a listener as it arrives. Topics that do not exist yet are picked up when they appear. A record
 * that is not the expected Avro type is reported (topic, partition, offset and the problem) and
 * skipped.
 *
 * <p>An update and the stills it names are committed together, but they lie in different partitions,
 * so either may be handed over first: a listener that shows pictures waits for the still.
 */
public final class LiveFeed implements AutoCloseable {

    /** What the feed delivers, on the feed's thread. */
    public interface Listener {
        void update(CandidateSetUpdate update);

        default void shot(Shot shot) { }

        default void still(Still still) { }

        default void feedback(dev.avastream.schema.Feedback feedback) { }

        /** The feed has read everything that was in the topics when it started (or when they appeared). */
        default void caughtUp() { }
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String candidatesTopic;
    private final String shotsTopic;
    private final String stillsTopic;
    private String feedbackTopic;
    private final boolean fromBeginning;
    private final Listener listener;
    private final PrintStream err;
    private final String bootstrap;
    private volatile boolean failed;
    private final Set<TopicPartition> assigned = new HashSet<>();
    private volatile boolean closed;
    private Thread thread;

    /**
     * @param shotsTopic null to follow candidate updates only
     * @param err        where bad records are reported
     */
    public LiveFeed(String bootstrap, String candidatesTopic, String shotsTopic, boolean fromBeginning,
                    Listener listener, PrintStream err) {
        this(bootstrap, candidatesTopic, shotsTopic, null, fromBeginning, listener, err);
    }

    /**
     * @param shotsTopic  null to follow no shots
     * @param stillsTopic null to follow no stills
     * @param err         where bad records are reported
     */
    public LiveFeed(String bootstrap, String candidatesTopic, String shotsTopic, String stillsTopic,
                    boolean fromBeginning, Listener listener, PrintStream err) {
        Properties p = TopicReader.outputConsumerProperties(bootstrap);
        // a new record is handed over as soon as it is committed, not after a batch fills
        p.setProperty(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        p.setProperty(ConsumerConfig.CLIENT_ID_CONFIG, "ava-live-feed");
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.candidatesTopic = candidatesTopic;
        this.shotsTopic = shotsTopic;
        this.stillsTopic = stillsTopic;
        this.fromBeginning = fromBeginning;
        this.listener = listener;
        this.err = err;
        this.bootstrap = bootstrap;
    }

    /** Also follows the curators' verdicts on this topic ({@code ava.feedback}); call before {@link #start()}. */
    public LiveFeed followFeedback(String topic) {
        this.feedbackTopic = topic;
        return this;
    }

    /** True when following stopped on an error (reported on the error stream), not on {@link #close()}. */
    public boolean failed() { return failed; }

    /** Starts following on a daemon thread. */
    public LiveFeed start() {
        thread = new Thread(this::loop, "ava-live-feed");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** Follows on the calling thread until {@link #close()} (from another thread) or an error. */
    public void loop() {
        boolean caughtUp = false;
        java.util.Map<TopicPartition, Long> targets = new java.util.HashMap<>();
        try {
            while (!closed) {
                if (assignNewPartitions()) {
                    targets.putAll(consumer.endOffsets(consumer.assignment(), Duration.ofSeconds(30)));
                    caughtUp = false;
                }
                if (assigned.isEmpty()) {
                    // topics not created yet: look again shortly
                    synchronized (this) { if (!closed) wait(500); }
                    continue;
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(250))) {
                    deliver(r);
                }
                if (!caughtUp && reached(targets)) {
                    caughtUp = true;
                    listener.caughtUp();
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // closing
        } catch (RuntimeException e) {
            if (!closed) {
                failed = true;
                err.println("ava: reading " + candidatesTopic + " from " + bootstrap + " failed: " + e);
            }
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private boolean reached(java.util.Map<TopicPartition, Long> targets) {
        for (var e : targets.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) return false;
        }
        return true;
    }

    private long lastLookup;
    private boolean unreachableReported;

    /** Assigns partitions of the followed topics that were not assigned yet; true if some were added. */
    private boolean assignNewPartitions() {
        long now = System.currentTimeMillis();
        if (now - lastLookup < (assigned.isEmpty() ? 500 : 5_000)) return false;
        lastLookup = now;
        List<TopicPartition> fresh = new ArrayList<>();
        List<String> topics = new ArrayList<>(List.of(candidatesTopic));
        if (shotsTopic != null) topics.add(shotsTopic);
        if (stillsTopic != null) topics.add(stillsTopic);
        if (feedbackTopic != null) topics.add(feedbackTopic);
        for (String topic : topics) {
            List<PartitionInfo> infos;
            try {
                infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                // the broker is not reachable (yet): say so once, keep trying
                if (!unreachableReported) err.println("ava: no answer from Kafka at " + bootstrap + " for " + topic + "; still trying");
                unreachableReported = true;
                return false;
            }
            unreachableReported = false;
            if (infos == null) continue;
            for (PartitionInfo info : infos) {
                TopicPartition tp = new TopicPartition(topic, info.partition());
                if (!assigned.contains(tp)) fresh.add(tp);
            }
        }
        if (fresh.isEmpty()) return false;
        assigned.addAll(fresh);
        consumer.assign(new ArrayList<>(assigned));
        // explicit offsets, fixed now (not a lazy reset resolved at some later poll)
        var start = fromBeginning ? consumer.beginningOffsets(fresh, Duration.ofSeconds(30))
                : consumer.endOffsets(fresh, Duration.ofSeconds(30));
        for (TopicPartition tp : fresh) {
            consumer.seek(tp, start.get(tp));
            if (Boolean.getBoolean("ava.feed.debug")) err.println("ava: following " + tp + " from offset " + start.get(tp));
        }
        return true;
    }

    private void deliver(ConsumerRecord<byte[], byte[]> r) {
        String topic = r.topic();
        String type = topic.equals(candidatesTopic) ? "CandidateSetUpdate" : topic.equals(shotsTopic) ? "Shot"
                : topic.equals(feedbackTopic) ? "Feedback" : "Still";
        if (r.value() == null) return; // a tombstone on a compacted topic
        try {
            switch (type) {
                case "CandidateSetUpdate" -> listener.update(RunOutcome.decodeUpdate(r.value()));
                case "Shot" -> listener.shot(RunOutcome.decodeShot(r.value()));
                case "Feedback" -> listener.feedback(dev.avastream.jobs.kafka.FeedbackTopic.decode(r.value()));
                default -> listener.still(RunOutcome.decodeStill(r.value()));
            }
        } catch (RuntimeException e) { // IllegalArgumentException, or Avro's for a bad header or unknown schema
            err.println("ava: skipping record " + topic + "/" + r.partition() + "@" + r.offset() + ": not an Avro "
                    + type + " record: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (this) { notifyAll(); }
        consumer.wakeup();
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
