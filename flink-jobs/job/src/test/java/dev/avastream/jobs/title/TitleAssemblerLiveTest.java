package dev.avastream.jobs.title;

import dev.avastream.operators.title.TitleAssembly;
import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.schema.ChunkResult;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Live titles: open until an end-of-title marker announces the count, or the idle timeout. */
class TitleAssemblerLiveTest {
    private static final long IDLE_MS = 60_000;
    private KeyedOneInputStreamOperatorTestHarness<String, ChunkResult, CandidateSetUpdate> harness;

    private void open() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new TitleAssemblerFunction(new TitleAssembly.Params(12, 2, 40), IdlePolicy.processingTime(Duration.ofMillis(IDLE_MS)))),
                ChunkResult::getTitleId, Types.STRING);
        harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) harness.close();
    }

    static ChunkResult live(int index, long start, long end, List<Long> cuts, long publishedAtMs) {
        ChunkResult c = TitleAssemblerFunctionTest.chunk(index, -1, start, end, cuts);
        c.setTitleFrameCount(0);
        c.setPublishedAtMs(publishedAtMs);
        return c;
    }

    static ChunkResult end(int count, long publishedAtMs) {
        return ChunkResult.newBuilder(TitleAssemblerFunctionTest.chunk(0, count, 0, -1, List.of()))
                .setChunkIndex(-1).setChunkCount(count).setEndOfTitle(true).setTitleFrameCount(0)
                .setAnnotations(new ArrayList<>()).setCandidates(new ArrayList<>()).setFramesDecoded(0)
                .setPublishedAtMs(publishedAtMs).build();
    }

    private List<CandidateSetUpdate> out() { return harness.extractOutputValues(); }

    @Test
    void anOpenTitleCompletesWhenItsEndArrivesEvenBeforeItsLastChunk() throws Exception {
        open();
        // the operator's clock is the harness's processing time: each chunk is folded a little after its event
        harness.setProcessingTime(1_500);
        harness.processElement(live(0, 0, 9, List.of(5L), 1000), 0);
        harness.setProcessingTime(2_500);
        harness.processElement(live(1, 10, 19, List.of(), 2000), 0);
        assertFalse(out().get(1).getComplete(), "all chunks so far folded, but the title is still open");
        assertEquals(-1, out().get(1).getChunkCount());
        assertEquals(2000, out().get(1).getChunkPublishedAtMs(), "the update names its chunk's publish time");
        assertTrue(out().get(1).getEmittedAtMs() >= 2000);
        assertEquals(2_500, out().get(1).getEmittedAtMs(), "emitted at the operator's processing time");

        // the end event overtakes chunk 2
        harness.processElement(end(3, 3000), 0);
        CandidateSetUpdate afterEnd = out().get(2);
        assertFalse(afterEnd.getComplete(), "chunk 2 still missing");
        assertEquals(3, afterEnd.getChunkCount());
        assertEquals(2, afterEnd.getChunksReceived(), "the end marker is not a chunk");
        assertEquals(3000, afterEnd.getChunkPublishedAtMs());

        harness.processElement(live(2, 20, 29, List.of(25L), 4000), 0);
        CandidateSetUpdate last = out().get(3);
        assertTrue(last.getComplete());
        assertEquals(30, last.getFramesProcessed());
        assertEquals(List.of(), last.getErrors());
        assertEquals(0, harness.numProcessingTimeTimers(), "closed: no idle timer left");
    }

    @Test
    void anOpenTitleWithoutAnEndClosesAtTheIdleTimeout() throws Exception {
        open();
        harness.setProcessingTime(0);
        harness.processElement(live(0, 0, 9, List.of(), 1000), 0);
        harness.processElement(live(1, 10, 19, List.of(), 2000), 0);
        assertFalse(out().get(1).getComplete());
        harness.setProcessingTime(IDLE_MS + 1);
        CandidateSetUpdate last = out().get(out().size() - 1);
        assertTrue(last.getComplete());
        assertEquals(20, last.getFramesProcessed());
        assertEquals(0, last.getChunkPublishedAtMs(), "a timeout is no event");
        assertTrue(last.getErrors().get(0).contains("an unannounced number of chunks"), last.getErrors().toString());
    }
}
