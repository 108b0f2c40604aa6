package dev.avastream.jobs.title;

import dev.avastream.operators.title.TitleAssembly;
import dev.avastream.schema.Candidate;
import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.schema.ChunkResult;
import dev.avastream.schema.FrameAnnotation;
import dev.avastream.schema.ScoreComponent;
import dev.avastream.schema.Still;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stills on the title operator (RocksDB harness): each frame's picture goes out once, on the
 * {@link TitleAssemblerFunction#STILLS} side output, with the first update that has the frame in its
 * top-K; updates name stills and carry no JPEG; a frame that drops out and comes back is not sent
 * again, also after a restore; the pool keeps no JPEG of a frame whose still is out.
 *
 * <p>The title: three shots of 100 frames (long enough for their candidates to settle past the
 * gradual-transition detector's horizon within the chunk), one candidate each, K = 2. P (shot 0) is in the top-K
 * first; N (shot 1) scores higher and looks like P (appearance distance 0.05, below the selector's
 * near-duplicate distance 0.12), so P drops out; M (shot 2) scores higher still and looks like N but
 * not like P (distance 0.15), so N drops out and P comes back.
 */
class TitleAssemblerStillsTest {
    private static final String TITLE = "stills/title";
    private static final long P = 4, N = 104, M = 204;
    private KeyedOneInputStreamOperatorTestHarness<String, ChunkResult, CandidateSetUpdate> harness;

    private void open(OperatorSubtaskState restore) throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new TitleAssemblerFunction(new TitleAssembly.Params(2, 2, 40), IdlePolicy.processingTime(Duration.ofMinutes(5)))),
                ChunkResult::getTitleId, Types.STRING);
        harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        if (restore != null) harness.initializeState(restore);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) harness.close();
    }

    @Test
    void aStillIsSentOnceWithTheFirstUpdateThatHasItsFrameAndNotWhenTheFrameComesBack() throws Exception {
        open(null);
        List<List<Long>> tops = new ArrayList<>();
        Map<Long, Integer> stillSentWith = new HashMap<>(); // frame -> index of the update it came with
        List<Still> stills = new ArrayList<>();
        for (int chunk = 0; chunk < 3; chunk++) {
            int stillsBefore = stills().size();
            harness.processElement(chunk(chunk), 0);
            List<CandidateSetUpdate> updates = harness.extractOutputValues();
            assertEquals(chunk + 1, updates.size(), "one update per chunk");
            CandidateSetUpdate u = updates.get(chunk);
            List<Still> sent = stills().subList(stillsBefore, stills().size());
            for (Still s : sent) {
                assertEquals(null, stillSentWith.put(s.getFrameIndex(), chunk), "still of frame " + s.getFrameIndex() + " sent twice");
            }
            stills.addAll(sent);
            List<Long> top = new ArrayList<>();
            for (Candidate c : u.getCandidates()) {
                top.add(c.getFrameIndex());
                assertEquals(0, c.getThumbnailJpeg().remaining(), "an update carries no JPEG");
                assertEquals(TITLE + "/" + c.getFrameIndex(), c.getStillKey());
                Integer with = stillSentWith.get(c.getFrameIndex());
                assertNotNull(with, "frame " + c.getFrameIndex() + " of version " + u.getVersion() + " has no still");
                assertTrue(with <= chunk);
            }
            tops.add(top);
        }
        // the scenario really happened: P in, out, back in
        assertEquals(List.of(List.of(P), List.of(N), List.of(M, P)), tops);
        assertEquals(List.of(P, N, M), stills.stream().map(Still::getFrameIndex).toList(), "P sent once, not again on its return");
        Still p = stills.get(0);
        assertEquals("run-1", p.getRunId());
        assertEquals(TITLE, p.getTitleId());
        assertEquals(P * 1_000_000L / 30, p.getTimeUs());
        assertArrayEquals(jpeg(P), bytes(p.getJpeg()), "the candidate's own JPEG");
        assertEquals(32, p.getWidth());
        assertEquals(18, p.getHeight());
    }

    @Test
    void thePoolKeepsTheStillKeyNotTheJpegAndRemembersItAcrossARestore() throws Exception {
        open(null);
        harness.processElement(chunk(0), 0);
        harness.processElement(chunk(1), 0);
        Map<Long, Candidate> pool = pool();
        assertEquals(Set.of(P, N), pool.keySet());
        for (Candidate c : pool.values()) {
            assertEquals(TITLE + "/" + c.getFrameIndex(), c.getStillKey(), "published: " + c.getFrameIndex());
            assertEquals(0, c.getThumbnailJpeg().remaining(), "no JPEG left in state for " + c.getFrameIndex());
        }
        assertEquals(2, stills().size());
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        harness.close();

        open(snapshot);
        harness.processElement(chunk(2), 0);
        CandidateSetUpdate last = harness.extractOutputValues().get(0);
        assertEquals(List.of(M, P), last.getCandidates().stream().map(Candidate::getFrameIndex).toList());
        assertEquals(List.of(M), stills().stream().map(Still::getFrameIndex).toList(),
                "after the restore only M is new; P's still went out before the snapshot");
    }

    @Test
    void aPoolEntryThatNeverReachedTheTopKKeepsItsJpeg() throws Exception {
        open(null);
        // shot 2 with a second, weaker frame (207) that the pool keeps (two per shot) but K = 2 never
        // shows: shots 0..2 each have a better frame, and none look alike
        harness.processElement(chunk(0, List.of(candidate(P, 0.60, 0f))), 0);
        harness.processElement(chunk(1, List.of(candidate(N, 0.70, 0.5f))), 0);
        harness.processElement(chunk(2, List.of(candidate(M, 0.80, 1f), candidate(207, 0.30, 1.5f))), 0);
        Set<Long> sent = new HashSet<>();
        for (Still s : stills()) assertTrue(sent.add(s.getFrameIndex()));
        Map<Long, Candidate> pool = pool();
        assertEquals(Set.of(P, N, M), sent);
        Candidate weaker = pool.get(207L);
        assertNotNull(weaker, "pool " + pool.keySet());
        assertEquals("", weaker.getStillKey());
        assertArrayEquals(jpeg(207), bytes(weaker.getThumbnailJpeg()), "kept for the day it makes the top-K");
    }

    // --- helpers ---

    private List<Still> stills() {
        var out = harness.getSideOutput(TitleAssemblerFunction.STILLS);
        return out == null ? List.of() : out.stream().map(StreamRecord::getValue).toList();
    }

    private Map<Long, Candidate> pool() throws Exception {
        AbstractStreamOperator<?> op = (AbstractStreamOperator<?>) harness.getOperator();
        op.setCurrentKey(TITLE);
        MapState<Long, Candidate> state = op.getKeyedStateStore().getMapState(TitleAssemblerFunction.POOL);
        Map<Long, Candidate> m = new HashMap<>();
        for (Map.Entry<Long, Candidate> e : state.entries()) m.put(e.getKey(), e.getValue());
        return m;
    }

    /** Chunk 0..2 of the P, N, M title. */
    private static ChunkResult chunk(int index) {
        return chunk(index, List.of(switch (index) {
            case 0 -> candidate(P, 0.60, 0f);
            case 1 -> candidate(N, 0.70, 0.05f);
            default -> candidate(M, 0.80, 0.15f);
        }));
    }

    /** Frames [100 index, 100 index + 99] of a 4-chunk title, a cut at the first, these candidates. */
    private static ChunkResult chunk(int index, List<Candidate> candidates) {
        long start = 100L * index, end = start + 99;
        List<FrameAnnotation> frames = new ArrayList<>();
        for (long f = start; f <= end; f++) frames.add(annotation(f));
        return ChunkResult.newBuilder().setRunId("run-1").setTitleId(TITLE).setSource("/videos/stills.mp4")
                .setChunkIndex(index).setChunkCount(4).setStartFrame(start).setEndFrame(end)
                .setTitleFrameCount(400).setFramesDecoded(100).setAnnotations(frames)
                .setCuts(index == 0 ? new ArrayList<>() : new ArrayList<>(List.of(start)))
                .setCandidates(new ArrayList<>(candidates)).build();
    }

    private static FrameAnnotation annotation(long f) {
        return FrameAnnotation.newBuilder().setFrameIndex(f).setTimeUs(f * 1_000_000L / 30)
                .setBrightness(0.5).setContrast(0.2).setColourfulness(0.3).setSharpness(0.5).setMotion(0.01)
                .setCutScore(0).setCutComponents(new ArrayList<>()).build();
    }

    private static Candidate candidate(long frame, double score, float appearance) {
        return Candidate.newBuilder().setFrameIndex(frame).setTimeUs(frame * 1_000_000L / 30).setScore(score)
                .setComponents(List.of(ScoreComponent.newBuilder().setName("test").setValue(score).setWeight(1)
                        .setContribution(score).build()))
                .setFeature(List.of(appearance, 0f, 0f))
                .setAnnotation(annotation(frame))
                .setThumbnailJpeg(ByteBuffer.wrap(jpeg(frame)))
                .setThumbnailWidth(32).setThumbnailHeight(18).build();
    }

    /** Stand-in JPEG bytes, different per frame. */
    private static byte[] jpeg(long frame) {
        return new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) frame, (byte) 0xFF, (byte) 0xD9};
    }

    private static byte[] bytes(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] a = new byte[d.remaining()];
        d.get(a);
        return a;
    }
}
