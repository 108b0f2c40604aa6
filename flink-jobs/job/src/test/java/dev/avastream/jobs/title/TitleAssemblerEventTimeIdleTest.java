package dev.avastream.jobs.title;

import dev.avastream.operators.title.TitleAssembly;
import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.schema.ChunkResult;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.avastream.jobs.title.TitleAssemblerLiveTest.live;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Live titles go idle in event time ({@link IdlePolicy#eventTime}): the harness drives the
 * watermark and the clock separately, so each test shows which of the two closes a title, and that
 * the other does not. Every close leaves no state and no timer behind.
 */
class TitleAssemblerEventTimeIdleTest {
    private static final Duration IDLE = Duration.ofMinutes(5);
    private static final Duration QUIET = Duration.ofHours(2);
    private static final long T = 1_700_000_000_000L; // the first chunk's publish time
    private KeyedOneInputStreamOperatorTestHarness<String, ChunkResult, CandidateSetUpdate> harness;

    private void open(OperatorSubtaskState restore) throws Exception {
        open(restore, IdlePolicy.eventTime(IDLE, QUIET));
    }

    private void open(OperatorSubtaskState restore, IdlePolicy policy) throws Exception {
        TitleAssemblerFunction function = new TitleAssemblerFunction(new TitleAssembly.Params(2, 2, 40), policy);
        harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(function),
                ChunkResult::getTitleId, Types.STRING);
        harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        if (restore != null) harness.initializeState(restore);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) harness.close();
    }

    /** Chunk {@code index} of an open title (frames 10i..10i+9), published at {@code publishedAt}. */
    private void chunkPublishedAt(int index, long publishedAt) throws Exception {
        harness.processElement(live(index, index * 10L, index * 10L + 9, List.of(), publishedAt), publishedAt);
    }

    @Test
    void aTitleClosesWhenTheWatermarkPassesItsLastChunkByTheIdleTimeoutAndNotByTheClock() throws Exception {
        open(null);
        harness.setProcessingTime(1_000);
        chunkPublishedAt(0, T);
        chunkPublishedAt(1, T + 60_000);
        assertEquals(1, harness.numEventTimeTimers(), "one event-time idle timer, moved by the second chunk");
        assertEquals(1, harness.numProcessingTimeTimers(), "and one fallback on the clock");

        // A backlog: an hour passes on the clock, while the stream's time stays before the timeout.
        harness.processWatermark(T + IDLE.toMillis()); // the first chunk's timer was deleted: nothing fires
        harness.setProcessingTime(1_000 + Duration.ofHours(1).toMillis());
        harness.processWatermark(T + 60_000 + IDLE.toMillis() - 1);
        assertEquals(2, updates().size(), "still open");
        assertFalse(last().getComplete());

        harness.processWatermark(T + 60_000 + IDLE.toMillis());
        CandidateSetUpdate closed = last();
        assertTrue(closed.getComplete(), "closed by the watermark");
        assertEquals(2, closed.getChunksAssembled());
        assertTrue(closed.getErrors().stream().anyMatch(e -> e.contains("no chunk was published for 300000 ms of "
                + "stream time")), closed.getErrors().toString());
        assertEquals(1_000 + Duration.ofHours(1).toMillis(), closed.getEmittedAtMs(), "stamped with the clock");
        assertNothingLeft();
    }

    @Test
    void aChunkBehindTheWatermarkGetsTheWholeTimeoutFromTheWatermark() throws Exception {
        open(null);
        harness.processWatermark(T + 600_000); // other partitions are ten minutes ahead
        chunkPublishedAt(0, T);
        harness.processWatermark(T + 600_000 + IDLE.toMillis() - 1);
        assertFalse(last().getComplete(), "not closed at its own publish time plus the timeout, long past");
        harness.processWatermark(T + 600_000 + IDLE.toMillis());
        assertTrue(last().getComplete());
        assertNothingLeft();
    }

    @Test
    void aQuietStreamClosesTheTitleByTheClockAfterTheQuietTimeout() throws Exception {
        open(null);
        harness.setProcessingTime(1_000);
        chunkPublishedAt(0, T);
        harness.setProcessingTime(1_000 + QUIET.toMillis() - 1);
        assertFalse(last().getComplete());
        harness.setProcessingTime(1_000 + QUIET.toMillis());
        CandidateSetUpdate closed = last();
        assertTrue(closed.getComplete(), "no event read at all: the clock closes it");
        assertTrue(closed.getErrors().stream().anyMatch(e -> e.contains("no newer chunk event at all was read for "
                + QUIET.toMillis() + " ms")), closed.getErrors().toString());
        assertNothingLeft();
    }

    @Test
    void theClockWaitsAnotherRoundWhileTheStreamMovesAndClosesOnceItStops() throws Exception {
        open(null);
        harness.setProcessingTime(1_000);
        chunkPublishedAt(0, T);
        harness.processWatermark(T + 120_000); // newer events read, not yet the timeout past the chunk
        harness.setProcessingTime(1_000 + QUIET.toMillis());
        assertEquals(1, updates().size(), "the stream moved since the fallback was set: not closed");
        assertEquals(1, harness.numProcessingTimeTimers(), "the fallback is set again");
        harness.setProcessingTime(1_000 + 2 * QUIET.toMillis());
        assertTrue(last().getComplete(), "the watermark stood still for a whole round: closed");
        assertTrue(last().getErrors().stream().anyMatch(e -> e.contains("the stream is quiet")));
        assertNothingLeft();
    }

    @Test
    void aJobThatWasDownLongerThanTheTimeoutsClosesNoTitleForIt() throws Exception {
        open(null);
        harness.setProcessingTime(1_000);
        harness.processWatermark(T - 1);
        chunkPublishedAt(0, T);
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        harness.close();

        // Restored a day later: the clock fallback is long overdue, the watermark starts over.
        open(snapshot);
        harness.setProcessingTime(1_000 + Duration.ofDays(1).toMillis());
        assertEquals(List.of(), updates(), "nothing closed for the downtime");
        // The backlog published meanwhile is read: chunk 1, then events past the timeout.
        chunkPublishedAt(1, T + 60_000);
        harness.processWatermark(T + 60_000 + IDLE.toMillis());
        CandidateSetUpdate closed = last();
        assertTrue(closed.getComplete());
        assertEquals(2, closed.getChunksAssembled(), "with the chunk published while the job was down");
        assertTrue(closed.getErrors().stream().anyMatch(e -> e.contains("of stream time")), closed.getErrors().toString());
        assertNothingLeft();
    }

    @Test
    void aTitleFromASavepointTakenBeforeEventTimeIdlenessGetsItsEventTimeTimerInsteadOfClosing() throws Exception {
        open(null, IdlePolicy.processingTime(IDLE)); // the state and timers of a job before this change
        harness.setProcessingTime(1_000);
        chunkPublishedAt(0, T);
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        harness.close();

        open(snapshot);
        harness.processWatermark(T + 60_000);
        harness.setProcessingTime(1_000 + IDLE.toMillis()); // its old clock timer fires
        assertEquals(List.of(), updates(), "not closed by the clock");
        assertEquals(1, harness.numEventTimeTimers(), "an event-time timer, the timeout after the watermark");
        harness.processWatermark(T + 60_000 + IDLE.toMillis());
        assertTrue(last().getComplete());
        assertTrue(last().getErrors().stream().anyMatch(e -> e.contains("of stream time")), last().getErrors().toString());
        assertNothingLeft();
    }

    @Test
    void theFallbackIsNeverSoonerThanTheIdleTimeout() {
        assertEquals(Duration.ofHours(3).toMillis(),
                IdlePolicy.eventTime(Duration.ofHours(3), Duration.ofHours(2)).quietMs());
        assertEquals(QUIET.toMillis(), IdlePolicy.eventTime(IDLE, QUIET).quietMs());
    }

    private void assertNothingLeft() throws Exception {
        assertEquals(0, harness.numEventTimeTimers());
        assertEquals(0, harness.numProcessingTimeTimers());
        for (String state : List.of(TitleAssemblerFunction.PROGRESS.getName(), TitleAssemblerFunction.PENDING.getName(),
                TitleAssemblerFunction.POOL.getName(), TitleAssemblerFunction.IDLE_EVENT_TIME.getName())) {
            assertEquals(0, keysWith(state), state);
        }
    }

    private List<CandidateSetUpdate> updates() {
        return harness.extractOutputValues();
    }

    private CandidateSetUpdate last() {
        List<CandidateSetUpdate> out = updates();
        return out.get(out.size() - 1);
    }

    private long keysWith(String state) throws Exception {
        return TitleAssemblerFunctionTest.keysWith(harness, state);
    }
}
