package dev.avastream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avastream.cli.runtime.EmbeddedKafkaAccess;
import dev.avastream.jobs.kafka.FeedbackTopic;
import dev.avastream.jobs.kafka.Topics;
import dev.avastream.schema.Feedback;
import dev.avastream.schema.FeedbackVerdict;
import dev.avastream.schema.ScoreComponent;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Feedback that teaches the ranker, end to end on the embedded Kafka: two titles of the kids profile
 * run, a curator picks in each the stills with the most contrast and rejects the rest (Feedback records
 * on ava.feedback, as the preview writes them), and a third title of the same profile then ranks with
 * the contrast weight raised: every candidate's contrast component carries the learned weight, and
 * the stills with more contrast move up. The same third title run with --ignore-feedback ranks as
 * before. Only the kids profile is marked, so other tests on this broker are not affected.
 */
class FeedbackEndToEndTest {
    private static final String PROFILE = "kids";
    private static final String COMPONENT = "contrast";

    @TempDir
    static Path dir;
    static String bootstrap;
    static JsonNode learned, third, thirdIgnoring;

    @RegisterExtension
    static final org.junit.jupiter.api.extension.BeforeAllCallback KAFKA = ctx -> bootstrap = EmbeddedKafkaAccess.bootstrap(ctx);

    private static JsonNode run(String title, int seed, boolean ignoreFeedback) throws Exception {
        Path video = dir.resolve(title + ".mp4");
        CliRun g = CliRun.of("generate", "--out", video.toString(), "--duration", "20", "--width", "480", "--height", "270",
                "--seed", Integer.toString(seed), "-q");
        assertEquals(0, g.code(), g.err());
        Path summary = dir.resolve(title + (ignoreFeedback ? "-ignoring" : "") + ".json");
        List<String> args = new ArrayList<>(List.of("run", "--video", video.toString(), "--title", title, "--bootstrap-servers",
                bootstrap, "--profile", PROFILE, "--chunk-seconds", "2", "--set", "models.enabled=false", "--summary-json",
                summary.toString(), "-q"));
        if (ignoreFeedback) args.add("--ignore-feedback");
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return new ObjectMapper().readTree(summary.toFile());
    }

    private static double value(JsonNode candidate, String component) {
        for (JsonNode p : candidate.get("components")) if (p.get("name").asText().equals(component)) return p.get("value").asDouble();
        throw new AssertionError("no " + component + " in " + candidate);
    }

    private static double weight(JsonNode candidate, String component) {
        for (JsonNode p : candidate.get("components")) if (p.get("name").asText().equals(component)) return p.get("weight").asDouble();
        throw new AssertionError("no " + component + " in " + candidate);
    }

    @BeforeAll
    static void curateTwoTitlesThenRunAThird() throws Exception {
        Properties p = new Properties();
        p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        long at = 1_000_000L;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            int seed = 21;
            for (String title : List.of("taught-a", "taught-b")) {
                JsonNode summary = run(title, seed++, true);
                List<JsonNode> stills = new ArrayList<>();
                summary.get("candidates").forEach(stills::add);
                assertTrue(stills.size() >= 4, title + ": " + stills.size() + " stills");
                stills.sort(Comparator.comparingDouble((JsonNode c) -> value(c, COMPONENT)).reversed());
                for (int i = 0; i < stills.size(); i++) {
                    JsonNode c = stills.get(i);
                    List<ScoreComponent> parts = new ArrayList<>();
                    for (JsonNode x : c.get("components")) {
                        parts.add(new ScoreComponent(x.get("name").asText(), x.get("value").asDouble(), x.get("weight").asDouble(),
                                x.get("contribution").asDouble()));
                    }
                    // a first verdict the curator then changes: the later one counts
                    FeedbackVerdict verdict = i < 2 ? FeedbackVerdict.PICK : FeedbackVerdict.REJECT;
                    for (FeedbackVerdict v : i == 0 ? List.of(FeedbackVerdict.REJECT, verdict) : List.of(verdict)) {
                        Feedback f = Feedback.newBuilder().setTitleId(title).setRunId(summary.get("runId").asText(""))
                                .setProfile(PROFILE).setFrameIndex(c.get("frameIndex").asLong()).setVerdict(v)
                                .setScore(c.get("score").asDouble()).setComponents(parts).setMarkedAtMs(at++)
                                .setCurator("test").setOrigin("test").build();
                        producer.send(new ProducerRecord<>(Topics.FEEDBACK, FeedbackTopic.key(title, c.get("frameIndex").asLong()),
                                FeedbackTopic.encode(f))).get();
                    }
                }
            }
        }
        CliRun report = CliRun.of("feedback", "--bootstrap-servers", bootstrap, "--profile", PROFILE, "--json");
        assertEquals(0, report.code(), report.err());
        learned = new ObjectMapper().readTree(report.out()).get("profiles").get(0);
        third = run("taught-c", 31, false);
        thirdIgnoring = run("taught-c", 31, true);
    }

    @Test
    void feedbackThatAlwaysPrefersOneComponentRaisesItsWeight() {
        assertTrue(learned.get("learned").asBoolean(), learned.toString());
        assertEquals(PROFILE, learned.get("profile").asText());
        double before = Double.NaN, after = Double.NaN;
        for (JsonNode w : learned.get("weights")) {
            if (w.get("component").asText().equals(COMPONENT)) {
                before = w.get("default").asDouble();
                after = w.get("learned").asDouble();
            }
        }
        System.out.println("feedback: " + COMPONENT + " weight " + before + " -> " + after + "; agreement "
                + learned.get("agreementBefore") + " -> " + learned.get("agreementAfter") + "; " + learned.get("reason"));
        assertTrue(after > before + 0.25, COMPONENT + ": " + before + " -> " + after);
        assertTrue(learned.get("agreementAfter").asDouble() > learned.get("agreementBefore").asDouble(), learned.toString());
        assertEquals(4, learned.get("picks").asInt(), "2 picks a title; a changed verdict counts once, as its last");
    }

    @Test
    void theNextTitleOfTheProfileRanksWithTheLearnedWeights() {
        double learnedWeight = Double.NaN, defaultWeight = Double.NaN;
        for (JsonNode w : learned.get("weights")) {
            if (w.get("component").asText().equals(COMPONENT)) {
                learnedWeight = w.get("learned").asDouble();
                defaultWeight = w.get("default").asDouble();
            }
        }
        for (JsonNode c : third.get("candidates")) assertEquals(learnedWeight, weight(c, COMPONENT), 1e-9, "the learned weight scores it");
        for (JsonNode c : thirdIgnoring.get("candidates")) assertEquals(defaultWeight, weight(c, COMPONENT), 1e-9, "--ignore-feedback");
        List<Long> order = new ArrayList<>(), orderIgnoring = new ArrayList<>();
        third.get("candidates").forEach(c -> order.add(c.get("frameIndex").asLong()));
        thirdIgnoring.get("candidates").forEach(c -> orderIgnoring.add(c.get("frameIndex").asLong()));
        assertNotEquals(orderIgnoring, order, "the ranking changed");
        // accordingly: the stills with more contrast moved up (rank-weighted contrast of the set rises)
        double withLearning = rankWeighted(third), without = rankWeighted(thirdIgnoring);
        System.out.println("feedback: next title " + orderIgnoring + " -> " + order + "; rank-weighted " + COMPONENT + " "
                + without + " -> " + withLearning);
        assertTrue(withLearning > without, without + " -> " + withLearning);
    }

    /** The set's contrast, each still's weighted by 1/rank: higher when the high-contrast stills rank first. */
    private static double rankWeighted(JsonNode summary) {
        double sum = 0, norm = 0;
        int rank = 0;
        for (JsonNode c : summary.get("candidates")) {
            rank++;
            sum += value(c, COMPONENT) / rank;
            norm += 1.0 / rank;
        }
        return sum / norm;
    }
}
