package dev.avastream.cli.runtime;

import dev.avastream.jobs.source.TitleInput;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The run directory of a resumable run: what is recorded, what is resumed, what is refused. */
class RunDirectoryTest {
    @TempDir
    Path dir;

    private static final List<TitleInput> TITLES = List.of(new TitleInput("a", "/videos/a.mp4"),
            new TitleInput("b", "/videos/b.mp4"));
    private static final RunOutcome.StartOffsets FROM = new RunOutcome.StartOffsets(
            Map.of(new TopicPartition("ava.candidates", 0), 12L, new TopicPartition("ava.candidates", 1), 7L),
            Map.of(new TopicPartition("ava.shots", 0), 3L), Map.of(), Map.of(new TopicPartition("ava.frames", 2), 99L));

    @Test
    void aNewRunIsRecordedAndTheSameTitlesResumeIt() throws Exception {
        RunDirectory d = RunDirectory.open(dir.resolve("run"));
        AtomicInteger offsetReads = new AtomicInteger();
        RunDirectory.Run first = d.resumeOrStart(TITLES, RunDirectory.EMBEDDED, "run-1", () -> { offsetReads.incrementAndGet(); return FROM; });
        assertFalse(first.resumed());
        assertTrue(Files.isRegularFile(d.path().resolve(RunDirectory.RECORD)));

        RunDirectory.Run again = RunDirectory.open(dir.resolve("run")).resumeOrStart(TITLES, RunDirectory.EMBEDDED, "run-2",
                () -> { offsetReads.incrementAndGet(); return null; });
        assertEquals("run-1", again.runId(), "the run left there, not a new one");
        assertEquals(TITLES, again.titles());
        assertEquals(FROM, again.from(), "its output is read back from where it began");
        assertEquals(1, offsetReads.get(), "offsets are read once, when the run starts");
        assertFalse(again.resumed(), "no checkpoint completed yet: the job starts from scratch under the same id");
    }

    @Test
    void otherTitlesAreRefusedAndTheRunLeftAlone() throws Exception {
        RunDirectory d = RunDirectory.open(dir);
        d.resumeOrStart(TITLES, RunDirectory.EMBEDDED, "run-1", () -> FROM);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> d.resumeOrStart(List.of(new TitleInput("a", "/videos/other.mp4")), RunDirectory.EMBEDDED, "run-2", () -> FROM));
        assertTrue(e.getMessage().contains(dir.toAbsolutePath().toString()) && e.getMessage().contains("run-1")
                && e.getMessage().contains("/videos/other.mp4"), e.getMessage());
        assertEquals("run-1", d.resumeOrStart(TITLES, RunDirectory.EMBEDDED, "run-3", () -> FROM).runId());
    }

    @Test
    void anotherBrokerIsRefused() throws Exception {
        RunDirectory d = RunDirectory.open(dir);
        d.resumeOrStart(TITLES, "kafka-1:9092", "run-1", () -> FROM);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> d.resumeOrStart(TITLES, RunDirectory.EMBEDDED, "run-2", () -> FROM));
        assertTrue(e.getMessage().contains("published to kafka-1:9092")
                && e.getMessage().contains("--bootstrap-servers kafka-1:9092"), e.getMessage());
        assertEquals("run-1", d.resumeOrStart(TITLES, "kafka-1:9092", "run-3", () -> FROM).runId());
    }

    @Test
    void aRunWhoseJobFinishedIsNotRunAgain() throws Exception {
        RunDirectory d = RunDirectory.open(dir);
        RunDirectory.Run run = d.resumeOrStart(TITLES, RunDirectory.EMBEDDED, "run-1", () -> FROM);
        checkpoint(d, "job-1", 7, Instant.now());
        d.jobFinished(run);
        RunDirectory.Run left = d.resumeOrStart(TITLES, RunDirectory.EMBEDDED, "run-2", () -> FROM);
        assertEquals("run-1", left.runId());
        assertTrue(left.jobFinished() && left.resumed());
        assertEquals(Optional.empty(), left.checkpoint(), "nothing to restore: only the output to read back");
        assertEquals(FROM, left.from());
    }

    @Test
    void theLatestCompletedCheckpointIsResumed() throws Exception {
        RunDirectory d = RunDirectory.open(dir);
        d.resumeOrStart(TITLES, RunDirectory.EMBEDDED, "run-1", () -> FROM);
        Path old = checkpoint(d, "job-1", 4, Instant.parse("2026-12-07T10:00:00Z"));
        Path newer = checkpoint(d, "job-2", 2, Instant.parse("2026-12-07T10:05:00Z"));
        // a checkpoint the kill cut short has no _metadata
        Files.createDirectories(d.checkpoints().resolve("job-2").resolve("chk-3"));
        Files.createDirectories(d.checkpoints().resolve("job-2").resolve("shared"));
        assertEquals(Optional.of(newer), d.latestCheckpoint());
        RunDirectory.Run run = d.resumeOrStart(TITLES, RunDirectory.EMBEDDED, "run-2", () -> FROM);
        assertTrue(run.resumed());
        assertEquals(newer, run.checkpoint().orElseThrow());
        assertTrue(Files.exists(old));
    }

    @Test
    void aFinishedRunLeavesNothingToResume() throws Exception {
        RunDirectory d = RunDirectory.open(dir);
        d.resumeOrStart(TITLES, RunDirectory.EMBEDDED, "run-1", () -> FROM);
        checkpoint(d, "job-1", 1, Instant.now());
        Files.createDirectories(d.kafkaData().resolve("combined_0_0"));
        d.finished();
        assertFalse(Files.exists(d.checkpoints()));
        assertFalse(Files.exists(d.path().resolve(RunDirectory.RECORD)));
        assertTrue(Files.exists(d.kafkaData()), "the broker's data waits until the broker stopped");
        d.discardBrokerData();
        assertFalse(Files.exists(d.kafkaData()));
        assertEquals("run-2", d.resumeOrStart(TITLES, RunDirectory.EMBEDDED, "run-2", () -> FROM).runId(), "a new run next time");
    }

    @Test
    void anUnreadableRecordIsNamedAndAFileIsNoDirectory() throws Exception {
        Files.writeString(dir.resolve(RunDirectory.RECORD), "{ not json");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunDirectory.open(dir).resumeOrStart(TITLES, RunDirectory.EMBEDDED, "x", () -> FROM));
        assertTrue(e.getMessage().contains(dir.resolve(RunDirectory.RECORD).toString()), e.getMessage());

        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        e = assertThrows(IllegalArgumentException.class, () -> RunDirectory.open(file));
        assertTrue(e.getMessage().contains("not a directory"), e.getMessage());
    }

    private static Path checkpoint(RunDirectory d, String job, int n, Instant written) throws Exception {
        Path chk = Files.createDirectories(d.checkpoints().resolve(job).resolve("chk-" + n));
        Path metadata = Files.writeString(chk.resolve("_metadata"), "m");
        Files.setLastModifiedTime(metadata, FileTime.from(written));
        return chk;
    }
}
