package dev.avastream.jobs.title;

import dev.avastream.operators.title.TitleAssembly;
import dev.avastream.schema.Candidate;
import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.schema.ChunkResult;
import dev.avastream.schema.FrameAnnotation;
import dev.avastream.schema.ScoreComponent;
import dev.avastream.schema.Shot;
import dev.avastream.schema.TransitionType;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The title operator under Flink's keyed operator test harness, on the RocksDB state backend (where
 * state is serialized on every access, so a type that only works on the heap fails here).
 */
class TitleAssemblerFunctionTest {
    private static final String TITLE = "title-a";
    private static final Duration IDLE = Duration.ofMinutes(5);
    private KeyedOneInputStreamOperatorTestHarness<String, ChunkResult, CandidateSetUpdate> harness;

    private KeyedOneInputStreamOperatorTestHarness<String, ChunkResult, CandidateSetUpdate> open(int topK,
                                                                                                OperatorSubtaskState restore) throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new TitleAssemblerFunction(new TitleAssembly.Params(topK, 2, 40), IdlePolicy.processingTime(IDLE))),
                ChunkResult::getTitleId, Types.STRING);
        harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        if (restore != null) harness.initializeState(restore);
        harness.open();
        return harness;
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) harness.close();
    }

    @Test
    void outOfOrderChunksAreFoldedInOrderAndEveryArrivalIsAVersion() throws Exception {
        open(12, null);
        // 3 chunks of 10 frames; cuts at 5 and 20 (20 is on the edge of chunk 2).
        harness.processElement(chunk(1, 3, 10, 19, List.of()), 0);
        List<CandidateSetUpdate> out = harness.extractOutputValues();
        assertEquals(1, out.size());
        assertEquals(1, out.get(0).getVersion());
        assertEquals(0, out.get(0).getChunksAssembled(), "chunk 1 waits for chunk 0");
        assertTrue(out.get(0).getCandidates().isEmpty());
        assertTrue(shots().isEmpty());

        harness.processElement(chunk(0, 3, 0, 9, List.of(5L)), 0);
        harness.processElement(chunk(2, 3, 20, 29, List.of(20L)), 0);
        out = harness.extractOutputValues();
        assertEquals(List.of(1L, 2L, 3L), out.stream().map(CandidateSetUpdate::getVersion).toList());
        assertEquals(2, out.get(1).getChunksAssembled());
        CandidateSetUpdate last = out.get(2);
        assertTrue(last.getComplete());
        assertEquals(30, last.getFramesProcessed());

        List<Shot> shots = shots();
        assertEquals(3, shots.size());
        assertShot(shots.get(0), 0, 0, 4, TransitionType.TITLE_START, TransitionType.CUT);
        // Spans the chunk 0 / chunk 1 edge and ends on the chunk 1 / chunk 2 edge.
        assertShot(shots.get(1), 1, 5, 19, TransitionType.CUT, TransitionType.CUT);
        assertShot(shots.get(2), 2, 20, 29, TransitionType.CUT, TransitionType.TITLE_END);
        assertEquals(5 * 1_000_000L / 30, shots.get(1).getStartUs(), "times come from the annotations");
    }

    @Test
    void topKHasAtMostOneFramePerShotAndCandidatesKnowTheirShot() throws Exception {
        open(2, null);
        harness.processElement(chunk(0, 2, 0, 9, List.of(5L)), 0);
        harness.processElement(chunk(1, 2, 10, 19, List.of(15L)), 0);
        CandidateSetUpdate last = lastUpdate();
        assertEquals(2, last.getCandidates().size());
        Set<Integer> shotsSeen = new HashSet<>();
        for (Candidate c : last.getCandidates()) {
            assertTrue(shotsSeen.add(c.getShotIndex()), "two candidates from shot " + c.getShotIndex());
            long expectedShot = c.getFrameIndex() < 5 ? 0 : c.getFrameIndex() < 15 ? 1 : 2;
            assertEquals(expectedShot, c.getShotIndex(), "frame " + c.getFrameIndex());
        }
        for (int i = 1; i < last.getCandidates().size(); i++) {
            assertTrue(last.getCandidates().get(i - 1).getScore() >= last.getCandidates().get(i).getScore(),
                    "best first");
        }
    }

    @Test
    void withFewerShotsThanKEveryShotIsRepresented() throws Exception {
        open(12, null);
        harness.processElement(chunk(0, 2, 0, 9, List.of(5L)), 0);
        harness.processElement(chunk(1, 2, 10, 19, List.of(15L)), 0);
        CandidateSetUpdate last = lastUpdate();
        Set<Integer> shotsSeen = new HashSet<>();
        for (Candidate c : last.getCandidates()) shotsSeen.add(c.getShotIndex());
        assertEquals(Set.of(0, 1, 2), shotsSeen);
        assertTrue(last.getCandidates().size() > 3, "fills up with second frames of shots");
    }

    @Test
    void stateAndTimersAreClearedWhenTheTitleCompletes() throws Exception {
        open(12, null);
        harness.processElement(chunk(0, 2, 0, 9, List.of()), 0);
        assertEquals(1, harness.numProcessingTimeTimers(), "idle timer while the title is open");
        assertEquals(1, keysWith(TitleAssemblerFunction.PROGRESS.getName()));
        assertEquals(1, keysWith(TitleAssemblerFunction.POOL.getName()));
        harness.processElement(chunk(1, 2, 10, 19, List.of()), 0);
        assertTrue(lastUpdate().getComplete());
        assertEquals(0, harness.numProcessingTimeTimers());
        assertEquals(0, keysWith(TitleAssemblerFunction.PROGRESS.getName()));
        assertEquals(0, keysWith(TitleAssemblerFunction.PENDING.getName()));
        assertEquals(0, keysWith(TitleAssemblerFunction.POOL.getName()));
    }

    @Test
    void anIdleTitleIsClosedWithAnErrorAndItsStateCleared() throws Exception {
        open(12, null);
        harness.setProcessingTime(1_000);
        harness.processElement(chunk(0, 4, 0, 9, List.of()), 0);
        harness.processElement(chunk(2, 4, 20, 29, List.of()), 0);
        assertEquals(1, keysWith(TitleAssemblerFunction.PENDING.getName()));
        harness.setProcessingTime(1_000 + IDLE.toMillis() + 1);
        CandidateSetUpdate last = lastUpdate();
        assertTrue(last.getComplete());
        assertTrue(last.getErrors().stream().anyMatch(e -> e.contains("chunk 1 never arrived")), last.getErrors().toString());
        assertTrue(last.getErrors().stream().anyMatch(e -> e.contains("no chunk arrived")), last.getErrors().toString());
        assertEquals(20, last.getFramesProcessed(), "chunks 0 and 2 were folded");
        List<Shot> shots = shots();
        assertEquals(TransitionType.GAP, shots.get(0).getTransitionOut());
        assertEquals(0, harness.numProcessingTimeTimers());
        assertEquals(0, keysWith(TitleAssemblerFunction.PROGRESS.getName()));
        assertEquals(0, keysWith(TitleAssemblerFunction.PENDING.getName()));
        assertEquals(0, keysWith(TitleAssemblerFunction.POOL.getName()));
    }

    @Test
    void aRepeatedChunkDoesNotBumpTheVersion() throws Exception {
        open(12, null);
        harness.processElement(chunk(0, 3, 0, 9, List.of()), 0);
        harness.processElement(chunk(0, 3, 0, 9, List.of()), 0);
        harness.processElement(chunk(2, 3, 20, 29, List.of()), 0);
        harness.processElement(chunk(2, 3, 20, 29, List.of()), 0);
        assertEquals(List.of(1L, 2L), harness.extractOutputValues().stream().map(CandidateSetUpdate::getVersion).toList());
    }

    @Test
    void stateSurvivesASnapshotAndRestoreOnRocksDb() throws Exception {
        open(12, null);
        harness.processElement(chunk(0, 3, 0, 9, List.of(5L)), 0);
        harness.processElement(chunk(2, 3, 20, 29, List.of()), 0);
        List<Shot> before = shots();
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        harness.close();

        open(12, snapshot);
        harness.processElement(chunk(1, 3, 10, 19, List.of()), 0);
        CandidateSetUpdate last = lastUpdate();
        assertEquals(3, last.getVersion(), "the version counter came back from the snapshot");
        assertTrue(last.getComplete());
        List<Shot> all = new ArrayList<>(before);
        all.addAll(shots());
        assertEquals(2, all.size(), "each shot emitted once, before or after the restore: " + all);
        assertShot(all.get(0), 0, 0, 4, TransitionType.TITLE_START, TransitionType.CUT);
        assertShot(all.get(1), 1, 5, 29, TransitionType.CUT, TransitionType.TITLE_END);
    }

    @Test
    void aFailedChunkIsReportedAndTheTitleStillCompletes() throws Exception {
        open(12, null);
        harness.processElement(chunk(0, 3, 0, 9, List.of()), 0);
        ChunkResult broken = ChunkResult.newBuilder(chunk(1, 3, 10, 19, List.of()))
                .setAnnotations(new ArrayList<>()).setCandidates(new ArrayList<>()).setFramesDecoded(0)
                .setError("/videos/a.mp4: chunk 1: corrupt packet").build();
        harness.processElement(broken, 0);
        harness.processElement(chunk(2, 3, 20, 29, List.of()), 0);
        CandidateSetUpdate last = lastUpdate();
        assertTrue(last.getComplete());
        assertEquals(List.of("/videos/a.mp4: chunk 1: corrupt packet"), last.getErrors());
        List<Shot> shots = shots();
        assertEquals(2, shots.size());
        assertShot(shots.get(0), 0, 0, 9, TransitionType.TITLE_START, TransitionType.GAP);
        assertShot(shots.get(1), 1, 20, 29, TransitionType.GAP, TransitionType.TITLE_END);
        assertFalse(last.getCandidates().isEmpty());
    }

    // --- helpers ---

    private CandidateSetUpdate lastUpdate() {
        List<CandidateSetUpdate> out = harness.extractOutputValues();
        return out.get(out.size() - 1);
    }

    private List<Shot> shots() {
        if (harness.getSideOutput(TitleAssemblerFunction.SHOTS) == null) return List.of();
        return harness.getSideOutput(TitleAssemblerFunction.SHOTS).stream().map(StreamRecord::getValue)
                .collect(Collectors.toList());
    }

    private long keysWith(String state) throws Exception {
        return keysWith(harness, state);
    }

    /** How many keys hold the named keyed state in a harness's backend: 0 once a title's state is cleared. */
    static long keysWith(AbstractStreamOperatorTestHarness<?> harness, String state) throws Exception {
        KeyedStateBackend<Object> backend = ((AbstractStreamOperator<?>) harness.getOperator()).getKeyedStateBackend();
        try (var keys = backend.getKeys(state, VoidNamespace.INSTANCE)) {
            return keys.count();
        }
    }

    private static void assertShot(Shot s, int index, long start, long end, TransitionType in, TransitionType out) {
        assertEquals(index, s.getIndex(), "index of " + s);
        assertEquals(start, s.getStartFrame(), "start of " + s);
        assertEquals(end, s.getEndFrame(), "end of " + s);
        assertEquals(in, s.getTransitionIn(), "in of " + s);
        assertEquals(out, s.getTransitionOut(), "out of " + s);
    }

    /** A chunk of frames [start, end] at 30 fps, each frame a candidate scored by its index, its subject placed by it. */
    static ChunkResult chunk(int index, int count, long start, long end, List<Long> cuts) {
        List<FrameAnnotation> frames = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        for (long f = start; f <= end; f++) {
            FrameAnnotation a = FrameAnnotation.newBuilder().setFrameIndex(f).setTimeUs(f * 1_000_000L / 30)
                    .setBrightness(0.5).setContrast(0.2).setColourfulness(0.3).setSharpness(0.5).setMotion(0.01)
                    .setCutScore(0).setCutComponents(new ArrayList<>())
                    // the subject is somewhere else on every frame: frames differ in composition, so a
                    // second frame of a shot adds something (the selection's fill-up takes none that repeat)
                    .setSaliencyCentroidX(0.05 + (f * 3 % 10) / 10.0).setSaliencyCentroidY(0.05 + (f * 7 % 10) / 10.0).build();
            frames.add(a);
            double score = 0.5 + (f % 7) / 100.0;
            candidates.add(Candidate.newBuilder().setFrameIndex(f).setTimeUs(a.getTimeUs()).setScore(score)
                    .setComponents(List.of(ScoreComponent.newBuilder().setName("test").setValue(score).setWeight(1)
                            .setContribution(score).build()))
                    .setFeature(List.of((float) f, 0f, 0f))
                    .setAnnotation(a)
                    .setThumbnailJpeg(ByteBuffer.wrap(new byte[]{(byte) 0xFF, (byte) 0xD8}))
                    .setThumbnailWidth(2).setThumbnailHeight(1).build());
        }
        return ChunkResult.newBuilder().setRunId("run-1").setTitleId(TITLE).setSource("/videos/a.mp4")
                .setChunkIndex(index).setChunkCount(count).setStartFrame(start).setEndFrame(end)
                .setTitleFrameCount(count * 10L).setFramesDecoded((int) (end - start + 1))
                .setAnnotations(frames).setCuts(new ArrayList<>(cuts)).setCandidates(candidates).build();
    }
}
