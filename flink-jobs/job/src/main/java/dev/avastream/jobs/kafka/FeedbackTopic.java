package dev.avastream.jobs.kafka;

import dev.avastream.operators.feedback.FeedbackMark;
import dev.avastream.operators.feedback.Verdict;
import dev.avastream.schema.Feedback;
import dev.avastream.schema.FeedbackVerdict;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * A record of the topic, checked: Avro Feedback about a frame of a named title. Anything else is an
     * {@link IllegalArgumentException} saying what is wrong (a poison record, for the dead-letter topic).
     */
    public static Feedback decode(byte[] bytes) {
        Feedback f;
        try {
            f = Feedback.fromByteBuffer(ByteBuffer.wrap(bytes));
        } catch (IOException | RuntimeException e) {
            // Avro reports a truncated or foreign record as an IOException, some as a runtime exception
            throw new IllegalArgumentException("not an Avro Feedback record: " + e.getMessage(), e);
        }
        if (f.getTitleId().toString().isBlank()) throw new IllegalArgumentException("a Feedback record without a title id");
        if (f.getFrameIndex() < 0) {
            throw new IllegalArgumentException("a Feedback record on frame " + f.getFrameIndex() + " of " + f.getTitleId());
        }
        return f;
    }

    /** A record of the topic that is not a curator's verdict: where it is, what it holds, and why. */
    public record Rejected(String topic, int partition, long offset, byte[] key, byte[] value, String reason) {
        /** {@code topic partition P offset O (key K): reason}, as logs and notes print it. */
        public String describe() {
            return topic + " partition " + partition + " offset " + offset + " (key "
                    + (key == null ? "none" : new String(key, StandardCharsets.UTF_8)) + "): " + reason;
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
    public static List<Feedback> readAll(String bootstrap, String topic, Consumer<Rejected> poison) {
        List<Feedback> out = new ArrayList<>();
        WholeTopic.read(bootstrap, topic, r -> {
            try {
                out.add(decode(r.value()));
            } catch (IllegalArgumentException e) {
                poison.accept(new Rejected(topic, r.partition(), r.offset(), r.key(), r.value(), e.getMessage()));
            }
        });
        return out;
    }
}
