package dev.avastream.cli.runtime;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link RunOutcome#inParallel}, which reads the run's output topics at once. */
class RunOutcomeParallelReadTest {

    @Test
    void tasksRunAtOnceAndTheirResultsKeepTheirOrder() {
        // each task waits for all three to have started: run one after another, they would time out
        CountDownLatch started = new CountDownLatch(3);
        Supplier<String> task = () -> {
            started.countDown();
            try {
                return started.await(10, TimeUnit.SECONDS) ? Thread.currentThread().getName() : "alone";
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        };
        List<String> names = RunOutcome.inParallel(List.of(task, task, task));
        assertEquals(3, names.size());
        assertTrue(names.stream().allMatch(n -> n.equals("ava-topic-reader")), names.toString());
        assertEquals(List.of(1, 2, 3), RunOutcome.<Integer>inParallel(List.<Supplier<Integer>>of(() -> 1, () -> 2, () -> 3)));
    }

    @Test
    void aFailingReaderFailsTheReadWithItsOwnException() {
        IllegalStateException failure = new IllegalStateException("timed out reading ava.shots");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> RunOutcome.inParallel(
                List.<Supplier<String>>of(() -> "fine", () -> { throw failure; })));
        assertSame(failure, thrown);
    }
}
