package dev.avastream.jobs.title;

import dev.avastream.operators.title.TitleAssembly;
import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.schema.ChunkResult;
import dev.avastream.schema.FrameAnnotation;
import dev.avastream.schema.FrameRecord;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Frames on the title operator (RocksDB harness): with {@code title.publish-frames} on, every frame
 * goes out once on the {@link TitleAssemblerFunction#FRAMES} side output, in frame order, also across
 * a restore (a chunk folded before the snapshot is not folded again, so its frames are not sent again);
 * off, the side output stays empty.
 */
class TitleAssemblerFramesTest {
    private static final String TITLE = "frames/title";
    private static final int CHUNKS = 4, FRAMES_PER_CHUNK = 50;
    private KeyedOneInputStreamOperatorTestHarness<String, ChunkResult, CandidateSetUpdate> harness;

    private void open(boolean publishFrames, OperatorSubtaskState restore) throws Exception {
        TitleAssembly.Params params = new TitleAssembly.Params(2, 2, 40).withPublishFrames(publishFrames);
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new TitleAssemblerFunction(params, IdlePolicy.processingTime(Duration.ofMinutes(5)))),
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
    void everyFrameGoesOutOnceInFrameOrderAlsoAcrossARestore() throws Exception {
        open(true, null);
        harness.processElement(new StreamRecord<>(chunk(1), 0)); // waits for chunk 0
        assertEquals(List.of(), frames(), "nothing folded, nothing sent");
        harness.processElement(new StreamRecord<>(chunk(0), 0));
        List<FrameRecord> sent = new ArrayList<>(frames());
        assertTrue(sent.size() > 0 && sent.size() <= 2 * FRAMES_PER_CHUNK, "frames of chunks 0 and 1 as they settle: " + sent.size());

        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        harness.close();
        open(true, snapshot);
        harness.processElement(new StreamRecord<>(chunk(1), 0)); // a replay after the restore: ignored
        harness.processElement(new StreamRecord<>(chunk(2), 0));
        harness.processElement(new StreamRecord<>(chunk(3), 0));
        sent.addAll(frames());

        assertEquals(CHUNKS * FRAMES_PER_CHUNK, sent.size(), "one record per frame");
        for (int i = 0; i < sent.size(); i++) {
            FrameRecord r = sent.get(i);
            assertEquals(i, r.getFrameIndex(), "frame order, none twice");
            assertEquals(annotation(i), r.getAnnotation());
            assertEquals(TITLE, r.getTitleId());
            assertEquals("run-1", r.getRunId());
            assertEquals(i / FRAMES_PER_CHUNK, r.getShotIndex(), "a cut at the start of every chunk");
        }
    }

    @Test
    void offNoFrameGoesOut() throws Exception {
        open(false, null);
        for (int i = 0; i < CHUNKS; i++) harness.processElement(new StreamRecord<>(chunk(i), 0));
        assertEquals(CHUNKS, harness.extractOutputValues().size(), "the updates still go out");
        assertEquals(List.of(), frames());
    }

    private List<FrameRecord> frames() {
        var out = harness.getSideOutput(TitleAssemblerFunction.FRAMES);
        return out == null ? List.of() : out.stream().map(StreamRecord::getValue).toList();
    }

    /** Frames [50 index, 50 index + 49], a cut at the first of each chunk but the first, no candidates. */
    private static ChunkResult chunk(int index) {
        long start = (long) FRAMES_PER_CHUNK * index, end = start + FRAMES_PER_CHUNK - 1;
        List<FrameAnnotation> frames = new ArrayList<>();
        for (long f = start; f <= end; f++) frames.add(annotation(f));
        return ChunkResult.newBuilder().setRunId("run-1").setTitleId(TITLE).setSource("/videos/frames.mp4")
                .setChunkIndex(index).setChunkCount(CHUNKS).setStartFrame(start).setEndFrame(end)
                .setTitleFrameCount(CHUNKS * FRAMES_PER_CHUNK).setFramesDecoded(FRAMES_PER_CHUNK).setAnnotations(frames)
                .setCuts(index == 0 ? new ArrayList<>() : new ArrayList<>(List.of(start)))
                .setCandidates(new ArrayList<>()).build();
    }

    private static FrameAnnotation annotation(long f) {
        return FrameAnnotation.newBuilder().setFrameIndex(f).setTimeUs(f * 1_000_000L / 30)
                .setBrightness(0.5).setContrast(0.2).setColourfulness(0.3).setSharpness(0.5).setMotion(0.01)
                .setCutScore(0).setCutComponents(new ArrayList<>()).build();
    }
}
