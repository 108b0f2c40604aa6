package dev.avastream.cli.runtime;

import dev.avastream.jobs.LearnedProfiles;
import dev.avastream.jobs.PipelineOptionSet;
import dev.avastream.jobs.kafka.DeadLetterTopic;
import dev.avastream.jobs.kafka.FeedbackTopic;
import dev.avastream.jobs.kafka.TopicAdmin;
import dev.avastream.jobs.kafka.Topics;
import dev.avastream.schema.DeadLetter;
import dev.avastream.schema.Feedback;
import dev.avastream.schema.FeedbackVerdict;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Poison records on {@code ava.feedback}, the input topic a job reads whole when it starts, against a
 * real broker: the job learns from the verdicts, and each record that is not one goes to
 * {@code ava.feedback.dlq} unchanged, with where it lay and why; a second start finds them again and
 * sends none twice.
 */
class FeedbackDeadLettersTest {
    static String bootstrap;

    @RegisterExtension
    static final org.junit.jupiter.api.extension.BeforeAllCallback KAFKA = ctx -> bootstrap = EmbeddedKafkaExtension.bootstrap(ctx);

    @Test
    void recordsThatAreNotVerdictsGoToTheDeadLetterTopicOnceWithTheReason() throws Exception {
        Topics topics = Topics.withPrefix("fdlq-" + UUID.randomUUID());
        TopicAdmin.ensureTopics(bootstrap, topics, 2);
        byte[] good = FeedbackTopic.encode(verdict("title-a", 3));
        Map<String, byte[]> poison = new LinkedHashMap<>();
        poison.put("title-a/1", "{\"verdict\": \"PICK\"}".getBytes(StandardCharsets.UTF_8));
        poison.put("title-a/2", Arrays.copyOf(good, 12)); // cut short: the header and a few bytes
        poison.put("title-a/-1", FeedbackTopic.encode(verdict("title-a", -1)));
        poison.put("/5", FeedbackTopic.encode(verdict("", 5)));
        Map<String, RecordMetadata> at = new LinkedHashMap<>();
        Properties p = new Properties();
        p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topics.feedback(), "title-a/3", good)).get();
            for (Map.Entry<String, byte[]> e : poison.entrySet()) {
                at.put(e.getKey(), producer.send(new ProducerRecord<>(topics.feedback(), e.getKey(), e.getValue())).get());
            }
        }

        ByteArrayOutputStream notes = new ByteArrayOutputStream();
        LearnedProfiles.Outcome first = LearnedProfiles.apply(new PipelineOptionSet(), bootstrap, topics,
                new PrintStream(notes, true, StandardCharsets.UTF_8));
        assertEquals(1, first.records(), "the one verdict was read");
        assertEquals(4, first.unreadable(), notes.toString(StandardCharsets.UTF_8));
        assertTrue(notes.toString(StandardCharsets.UTF_8).contains("4 sent to " + topics.feedbackDeadLetters()), notes.toString());

        List<DeadLetter> letters = DeadLetterTopic.readAll(bootstrap, topics.feedbackDeadLetters());
        assertEquals(4, letters.size(), "one dead letter per poison record: " + letters);
        for (DeadLetter d : letters) {
            String key = StandardCharsets.UTF_8.decode(d.getKey().duplicate()).toString();
            RecordMetadata where = at.get(key);
            assertTrue(where != null, "a dead letter for a record that was not poison: " + key);
            assertEquals(topics.feedback(), d.getTopic().toString());
            assertEquals(where.partition(), d.getPartition());
            assertEquals(where.offset(), d.getOffset());
            assertArrayEquals(poison.get(key), bytes(d.getValue()), "the record's value, unchanged");
            String reason = d.getReason().toString();
            assertTrue(reason.contains(topics.feedback() + " partition " + where.partition() + " offset " + where.offset()),
                    "the reason names where the record lies: " + reason);
        }
        assertTrue(reasonOf(letters, "title-a/1").contains("not an Avro Feedback record"), reasonOf(letters, "title-a/1"));
        assertTrue(reasonOf(letters, "title-a/2").contains("not an Avro Feedback record"), reasonOf(letters, "title-a/2"));
        assertTrue(reasonOf(letters, "title-a/-1").contains("frame -1"), reasonOf(letters, "title-a/-1"));
        assertTrue(reasonOf(letters, "/5").contains("without a title id"), reasonOf(letters, "/5"));

        // the next job start reads the topic again and finds the same records: none is sent twice
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        LearnedProfiles.Outcome second = LearnedProfiles.apply(new PipelineOptionSet(), bootstrap, topics,
                new PrintStream(again, true, StandardCharsets.UTF_8));
        assertEquals(4, second.unreadable());
        assertTrue(again.toString(StandardCharsets.UTF_8).contains("0 sent to " + topics.feedbackDeadLetters()
                + ", 4 already there"), again.toString());
        assertEquals(4, DeadLetterTopic.readAll(bootstrap, topics.feedbackDeadLetters()).size());
    }

    private static Feedback verdict(String title, long frame) {
        return Feedback.newBuilder().setTitleId(title).setProfile("default").setFrameIndex(frame)
                .setVerdict(FeedbackVerdict.PICK).setMarkedAtMs(1_000L).build();
    }

    private static String reasonOf(List<DeadLetter> letters, String key) {
        for (DeadLetter d : letters) {
            if (StandardCharsets.UTF_8.decode(d.getKey().duplicate()).toString().equals(key)) return d.getReason().toString();
        }
        throw new AssertionError("no dead letter keyed " + key);
    }

    private static byte[] bytes(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }
}
