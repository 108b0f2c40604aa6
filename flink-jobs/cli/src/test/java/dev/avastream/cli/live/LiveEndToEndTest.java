package dev.avastream.cli.live;

import dev.avastream.cli.runtime.LiveRuntime;
import dev.avastream.jobs.live.LiveTopics;

import dev.avastream.decoders.ChunkCutter;
import dev.avastream.cli.runtime.AvaRunner;
import dev.avastream.cli.runtime.EmbeddedKafkaAccess;
import dev.avastream.jobs.PipelineOptions;
import dev.avastream.cli.runtime.RunOutcome;
import dev.avastream.cli.runtime.TitleOutcome;
import dev.avastream.cli.runtime.TopicReader;
import dev.avastream.operators.config.Tunables;
import dev.avastream.operators.eval.StillSetEvaluation;
import dev.avastream.operators.rank.NearDuplicateRule;
import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.jobs.kafka.AvroRecordSerialization;
import dev.avastream.schema.ChunkReady;
import dev.avastream.schema.DeadLetter;
import dev.avastream.schema.Shot;
import dev.avastream.testdata.GroundTruth;
import dev.avastream.testdata.SyntheticVideoGenerator;
import dev.avastream.testdata.SyntheticVideoSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The live job on a Flink mini cluster (RocksDB) against a real embedded Kafka: ChunkReady events for
 * a generated video with known cuts, published out of order, with a poison record and an event whose
 * file is missing among them, and a second title that never announces its end.
 */
class LiveEndToEndTest {
    @TempDir
    static Path dir;
    static String bootstrap;
    static GroundTruth truth;
    static LiveRuntime live;
    static LiveIngest.Plan plan;
    static LiveIngest.Plan idlePlan;
    /**
     * Live titles go idle in the chunk events' publish times: the idle title closes when the test
     * publishes events stamped later than this past its last chunk, and not before, however slow the
     * runner (the clock's fallback, runtime.quiet-timeout, is left at its 2 hours).
     */
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);
    static final LiveTopics TOPICS = LiveTopics.of("test.live.chunks");
    static final Map<String, CandidateSetUpdate> FINAL = new java.util.concurrent.ConcurrentHashMap<>();
    static final List<String> ORDER = new ArrayList<>();
    static final List<String> LATER_TITLES = new ArrayList<>();

    @RegisterExtension
    static final org.junit.jupiter.api.extension.BeforeAllCallback KAFKA = ctx -> bootstrap = EmbeddedKafkaAccess.bootstrap(ctx);

    @BeforeAll
    static void runLive() throws Exception {
        Path video = dir.resolve("cuts.mp4");
        // Keyframes every 30 frames, 1 s chunks: cuts at 30, 120 and 180 lie on chunk edges.
        truth = SyntheticVideoGenerator.generate(SyntheticVideoSpec.builder()
                .size(480, 270).fps(30).seed(42).gopFrames(30)
                .shotLengths(30, 40, 50, 20, 40, 45).build(), video);

        AvaRunner.Settings s = AvaRunner.Settings.defaults().withBootstrap(bootstrap).withRestartAttempts(0);
        PipelineOptions p = s.pipeline().withParallelism(2).withCheckpointInterval(Duration.ofMillis(300))
                .withIdleTimeout(IDLE_TIMEOUT);
        live = LiveRuntime.start(LiveRuntime.Options.defaults().withSettings(s.withPipeline(p)).withTopics(TOPICS));

        plan = LiveIngest.cut(video, "live-cuts", 1.0, dir.resolve("chunks"), live.processor());
        idlePlan = LiveIngest.cut(video, "live-idle", 1.0, dir.resolve("idle-chunks"), live.processor());
        assertTrue(plan.files().size() >= 6, "several chunks: " + plan.files().size());

        List<ChunkCutter.ChunkFile> shuffled = new ArrayList<>(plan.files());
        Collections.shuffle(shuffled, new Random(7));
        if (shuffled.get(0).chunkIndex() == 0) Collections.swap(shuffled, 0, shuffled.size() - 1);
        try (KafkaProducer<byte[], byte[]> producer = LiveIngest.producer(bootstrap)) {
            // poison: not Avro at all
            producer.send(new ProducerRecord<>(TOPICS.chunks(), "junk".getBytes(StandardCharsets.UTF_8),
                    "this is not a ChunkReady".getBytes(StandardCharsets.UTF_8))).get();
            for (ChunkCutter.ChunkFile f : shuffled) {
                LiveIngest.send(producer, TOPICS.chunks(), LiveIngest.event(plan, f, System.currentTimeMillis()));
                if (f == shuffled.get(2)) {
                    // an event whose file does not exist, for another title
                    ChunkReady missing = LiveIngest.event(plan, f, System.currentTimeMillis());
                    missing.setTitleId("live-missing");
                    missing.setUri(dir.resolve("no-such-chunk.mp4").toString());
                    LiveIngest.send(producer, TOPICS.chunks(), missing);
                }
            }
            LiveIngest.send(producer, TOPICS.chunks(), LiveIngest.endOfTitle(plan, System.currentTimeMillis()));
            // the same video as two more titles, scored with two weight profiles, and one naming no profile the job knows
            for (String profile : List.of("drama", "action")) {
                LiveIngest.Plan as = new LiveIngest.Plan("live-" + profile, plan.source(), plan.probe(), plan.files(), profile);
                for (ChunkCutter.ChunkFile f : as.files()) {
                    LiveIngest.send(producer, TOPICS.chunks(), LiveIngest.event(as, f, System.currentTimeMillis()));
                }
                LiveIngest.send(producer, TOPICS.chunks(), LiveIngest.endOfTitle(as, System.currentTimeMillis()));
            }
            LiveIngest.Plan horror = new LiveIngest.Plan("live-horror", plan.source(), plan.probe(), plan.files(), "horror");
            LiveIngest.send(producer, TOPICS.chunks(), LiveIngest.event(horror, plan.files().get(0), System.currentTimeMillis()));
            // the idle title: every chunk, in order, but no end-of-title event
            for (ChunkCutter.ChunkFile f : idlePlan.files()) {
                LiveIngest.send(producer, TOPICS.chunks(), LiveIngest.event(idlePlan, f, System.currentTimeMillis()));
            }
            // Then the stream moves on: on every partition, a one-chunk title published more than the
            // idle timeout after the idle title's last chunk. Sent at once, while the idle title's
            // chunks are still being decoded: it must still close with all of them.
            long later = System.currentTimeMillis() + IDLE_TIMEOUT.toMillis() + 1_000;
            for (org.apache.kafka.common.PartitionInfo partition : producer.partitionsFor(TOPICS.chunks())) {
                LiveIngest.Plan next = new LiveIngest.Plan("live-later-" + partition.partition(), plan.source(),
                        plan.probe(), plan.files().subList(0, 1), plan.profile());
                for (ChunkReady event : List.of(LiveIngest.event(next, next.files().get(0), later),
                        LiveIngest.endOfTitle(next, later))) {
                    producer.send(new ProducerRecord<>(TOPICS.chunks(), partition.partition(), later,
                            next.titleId().getBytes(StandardCharsets.UTF_8), AvroRecordSerialization.encode(event))).get();
                }
                LATER_TITLES.add(next.titleId());
            }
        }
        Set<String> titles = new java.util.HashSet<>(Set.of("live-cuts", "live-idle", "live-drama", "live-action"));
        titles.addAll(LATER_TITLES);
        live.follow(Duration.ofSeconds(90), (u, at) -> {
            if (u.getComplete()) {
                FINAL.put(u.getTitleId().toString(), u);
                synchronized (ORDER) { ORDER.add(u.getTitleId().toString()); }
            }
        }, u -> FINAL.keySet().containsAll(titles));
    }

    @AfterAll
    static void stop() throws Exception {
        if (live != null) live.close();
    }

    static long[] expectedStarts() {
        long[] expected = new long[truth.cuts().length + 1];
        for (int i = 0; i < truth.cuts().length; i++) expected[i + 1] = truth.cuts()[i];
        return expected;
    }

    @Test
    void outOfOrderChunksGiveTheTrueShotsAndACompleteUpdateAfterTheEndEvent() {
        RunOutcome outcome = live.outcome();
        TitleOutcome title = outcome.titles().get("live-cuts");
        assertNotNull(title, "updates for the title");
        assertTrue(title.complete(), "complete after its end-of-title event");
        CandidateSetUpdate last = title.last();
        assertEquals(List.of(), last.getErrors());
        assertEquals(plan.files().size(), last.getChunkCount());
        assertEquals(truth.frameCount(), last.getFramesProcessed());
        assertFalse(last.getCandidates().isEmpty(), "stills in the final set");
        // Every update but the last is open (the end event may overtake the last chunks); each one
        // carries the publish time of the event that triggered it.
        List<CandidateSetUpdate> updates = title.updates();
        assertEquals(plan.files().size() + 1, updates.size(), "one update per chunk and one for the end event");
        for (int i = 0; i < updates.size(); i++) {
            assertEquals(i == updates.size() - 1, updates.get(i).getComplete());
            assertTrue(updates.get(i).getChunkPublishedAtMs() > 0, "publish time on update " + i);
            assertTrue(updates.get(i).getEmittedAtMs() >= updates.get(i).getChunkPublishedAtMs());
        }
        assertTrue(updates.stream().anyMatch(u -> u.getChunksAssembled() < u.getChunksReceived()),
                "chunks did arrive ahead of a missing one (out of order)");

        List<Shot> shots = title.shots();
        assertArrayEquals(expectedStarts(), shots.stream().mapToLong(Shot::getStartFrame).toArray(),
                "shot starts = 0 and the generated cuts");
        assertEquals(truth.frameCount() - 1, shots.get(shots.size() - 1).getEndFrame());
        for (Shot s : shots) {
            assertEquals(truth.framePtsUs()[(int) s.getStartFrame()], s.getStartUs(), "original timestamps");
        }
    }

    @Test
    void theLiveSetDoesNotFlipAndEveryUpdateSaysExactlyWhatChanged() {
        // Churn measured on a live run: chunks out of order, the set recomputed after each from the
        // bounded pool. A still may leave for a better one, but not leave and come back with its score
        // unchanged (the keep margin's hysteresis), and added/removed must be the exact difference.
        StillSetEvaluation eval = new StillSetEvaluation(StillSetEvaluation.Criteria.defaults(NearDuplicateRule.defaults()));
        for (String id : List.of("live-cuts", "live-drama", "live-action")) {
            TitleOutcome title = live.outcome().titles().get(id);
            List<CandidateSetUpdate> updates = new ArrayList<>(title.updates());
            updates.sort(java.util.Comparator.comparingLong(CandidateSetUpdate::getVersion));
            StillSetEvaluation.Churn churn = eval.evaluate(updates, title.shots(), Tunables.TOP_K.defaultValue()).churn();
            System.out.printf(java.util.Locale.ROOT, "live churn %s: %d updates, mean %.3f, max %.3f, flips %d, inexact %d%n",
                    id, churn.updates(), churn.mean(), churn.max(), churn.flips().size(), churn.inexactUpdates());
            assertEquals(updates.size() - 1, churn.steps());
            assertEquals(List.of(), churn.flips(), id + ": stills that left and came back unchanged");
            assertEquals(0, churn.inexactUpdates(), id + ": updates whose added/removed disagree with their sets");
        }
    }

    @Test
    void poisonRecordsAndMissingFilesGoToTheDeadLetterTopicWithTheirReasons() {
        List<DeadLetter> letters = new ArrayList<>();
        try (TopicReader reader = new TopicReader(bootstrap, TOPICS.deadLetters())) {
            reader.seek(Map.of());
            reader.drain(r -> {
                try {
                    letters.add(DeadLetter.fromByteBuffer(ByteBuffer.wrap(r.value())));
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            });
        }
        assertEquals(3, letters.size(), "three rejected records: " + letters);
        DeadLetter unknownProfile = letters.stream().filter(d -> d.getTitleId() != null
                && d.getTitleId().toString().equals("live-horror")).findFirst().orElseThrow();
        assertTrue(unknownProfile.getReason().toString().contains("unknown weight profile 'horror' (known: default, "
                + "drama, kids, action)"), unknownProfile.getReason().toString());
        assertNull(live.outcome().titles().get("live-horror"), "nothing of it is folded");
        letters.remove(unknownProfile);
        DeadLetter poison = letters.stream().filter(d -> d.getTitleId() == null).findFirst().orElseThrow();
        assertTrue(poison.getReason().toString().contains("not a ChunkReady record"), poison.getReason().toString());
        assertEquals("this is not a ChunkReady", StandardCharsets.UTF_8.decode(poison.getValue()).toString(),
                "the record itself is kept");
        assertEquals(TOPICS.chunks(), poison.getTopic().toString());
        DeadLetter missing = letters.stream().filter(d -> d.getTitleId() != null).findFirst().orElseThrow();
        assertEquals("live-missing", missing.getTitleId().toString());
        assertTrue(missing.getReason().toString().contains("no-such-chunk.mp4")
                && missing.getReason().toString().contains("file not found"), missing.getReason().toString());
    }

    @Test
    void twoTitlesOfOneVideoWithTwoProfilesReportThemAndScoreDifferently() {
        CandidateSetUpdate drama = FINAL.get("live-drama"), action = FINAL.get("live-action");
        assertEquals("default", FINAL.get("live-cuts").getProfile(), "no profile named: the job's");
        for (CandidateSetUpdate u : live.outcome().titles().get("live-drama").updates()) assertEquals("drama", u.getProfile());
        for (CandidateSetUpdate u : live.outcome().titles().get("live-action").updates()) assertEquals("action", u.getProfile());
        assertEquals(List.of(), drama.getErrors());
        assertEquals(List.of(), action.getErrors());
        Map<Long, Double> actionScores = new java.util.HashMap<>();
        action.getCandidates().forEach(c -> actionScores.put(c.getFrameIndex(), c.getScore()));
        int compared = 0;
        for (var c : drama.getCandidates()) {
            Double other = actionScores.get(c.getFrameIndex());
            if (other == null) continue;
            compared++;
            assertNotEquals(other, c.getScore(), 1e-6, "frame " + c.getFrameIndex() + " scores the same under both");
            double stillnessWeight = c.getComponents().stream().filter(x -> x.getName().equals("stillness"))
                    .findFirst().orElseThrow().getWeight();
            assertEquals(1.5, stillnessWeight, 1e-9, "drama's stillness weight on frame " + c.getFrameIndex());
        }
        assertTrue(compared > 0, "a frame in both sets to compare");
    }

    @Test
    void aTitleWithoutAnEndEventClosesOnceTheStreamHasMovedOnByTheIdleTimeout() {
        CandidateSetUpdate last = FINAL.get("live-idle");
        assertTrue(last.getComplete());
        assertEquals(-1, last.getChunkCount(), "its length was never announced");
        assertEquals(idlePlan.files().size(), last.getChunksAssembled(), "every chunk, though the later events "
                + "were published while they were still in decode");
        assertEquals(truth.frameCount(), last.getFramesProcessed());
        assertTrue(last.getErrors().stream().anyMatch(e -> e.contains("no chunk was published for "
                + IDLE_TIMEOUT.toMillis() + " ms of stream time")), last.getErrors().toString());
        for (String later : LATER_TITLES) {
            assertEquals(List.of(), FINAL.get(later).getErrors(), later + " completed by its end event");
        }
        TitleOutcome title = live.outcome().titles().get("live-idle");
        assertArrayEquals(expectedStarts(), title.shots().stream().mapToLong(Shot::getStartFrame).toArray());
    }
}
