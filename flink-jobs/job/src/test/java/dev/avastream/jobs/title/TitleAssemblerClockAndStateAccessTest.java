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
import java.util.List;

import static dev.avastream.jobs.title.TitleAssemblerFunctionTest.chunk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The title operator (RocksDB harness) runs on the timer service's clock, so the harness controls
 * time; and an element reads only the keyed-state entries it needs: the progress value, the chunks it
 * folds that had to wait, and the full pool entries of the top-K, not the whole pool or buffer.
 */
class TitleAssemblerClockAndStateAccessTest {
    private static final Duration IDLE = Duration.ofMinutes(5);
    private static final int K = 2;
    private TitleAssemblerFunction function;
    private KeyedOneInputStreamOperatorTestHarness<String, ChunkResult, CandidateSetUpdate> harness;

    private void open() throws Exception {
        function = new TitleAssemblerFunction(new TitleAssembly.Params(K, 2, 40), IdlePolicy.processingTime(IDLE));
        harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(function),
                ChunkResult::getTitleId, Types.STRING);
        harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) harness.close();
    }

    @Test
    void updatesAndTheIdleTimerRunOnTheHarnessClock() throws Exception {
        open();
        harness.setProcessingTime(5_000);
        harness.processElement(chunk(0, 3, 0, 9, List.of()), 0);
        assertEquals(5_000, last().getEmittedAtMs(), "stamped with the operator's processing time");
        assertEquals(1, harness.numProcessingTimeTimers());

        harness.setProcessingTime(6_000);
        harness.processElement(chunk(2, 3, 20, 29, List.of()), 0);
        assertEquals(6_000, last().getEmittedAtMs());
        assertEquals(1, harness.numProcessingTimeTimers(), "the idle timer moved, not added");

        harness.setProcessingTime(5_000 + IDLE.toMillis());
        assertEquals(2, harness.extractOutputValues().size(), "the first timer was deleted: nothing fires");
        assertFalse(last().getComplete());

        long idleAt = 6_000 + IDLE.toMillis();
        harness.setProcessingTime(idleAt);
        CandidateSetUpdate closed = last();
        assertTrue(closed.getComplete(), "closed by the idle timer");
        assertEquals(idleAt, closed.getEmittedAtMs(), "the timeout update is stamped with the timer's time");
        assertEquals(0, harness.numProcessingTimeTimers());
        assertEquals(0, keysWith(TitleAssemblerFunction.PROGRESS.getName()));
        assertEquals(0, keysWith(TitleAssemblerFunction.PENDING.getName()));
        assertEquals(0, keysWith(TitleAssemblerFunction.POOL.getName()));
    }

    @Test
    void anElementReadsTheProgressTheChunksItFoldsFromStateAndTheTopKNotThePool() throws Exception {
        open();
        int count = 22;
        long read = 0;
        // chunks 0..19 in order, three shots each: each is folded on arrival and never enters the pending-chunks state
        for (int i = 0; i < 20; i++) {
            harness.processElement(chunk(i, count, i * 10L, i * 10L + 9, List.of(i * 10L, i * 10L + 3, i * 10L + 6)), 0);
            long n = function.stateEntriesRead() - read;
            read = function.stateEntriesRead();
            assertTrue(n >= 1 && n <= 1 + K, "chunk " + i + " read " + n + " entries (progress + top-K at most)");
            assertEquals(0, keysWith(TitleAssemblerFunction.PENDING.getName()), "chunk " + i + " was not buffered");
        }
        assertEquals(40, last().getPoolSize(), "the pool is full: reading it whole would be 40 entries");

        // chunk 21 waits for chunk 20; chunk 20 then folds both, reading 21 back from state
        harness.processElement(chunk(21, count, 210, 219, List.of()), 0);
        long ahead = function.stateEntriesRead() - read;
        read = function.stateEntriesRead();
        assertTrue(ahead <= 1 + K, "a chunk that waits reads no other chunk: " + ahead);
        assertEquals(1, keysWith(TitleAssemblerFunction.PENDING.getName()));
        harness.processElement(chunk(20, count, 200, 209, List.of()), 0);
        long both = function.stateEntriesRead() - read;
        assertTrue(both >= 2 && both <= 1 + 1 + K, "progress, chunk 21 and the top-K at most: " + both);
        assertTrue(last().getComplete());
        assertEquals(0, keysWith(TitleAssemblerFunction.PROGRESS.getName()));
        assertEquals(0, keysWith(TitleAssemblerFunction.PENDING.getName()));
        assertEquals(0, keysWith(TitleAssemblerFunction.POOL.getName()));
        assertEquals(0, harness.numProcessingTimeTimers());
    }

    private CandidateSetUpdate last() {
        List<CandidateSetUpdate> out = harness.extractOutputValues();
        return out.get(out.size() - 1);
    }

    private long keysWith(String state) throws Exception {
        return TitleAssemblerFunctionTest.keysWith(harness, state);
    }
}
