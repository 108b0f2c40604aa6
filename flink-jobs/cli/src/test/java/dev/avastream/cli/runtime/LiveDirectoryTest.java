package dev.avastream.cli.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live job's directory: its record, what it goes on from, what it refuses, what it prunes. */
class LiveDirectoryTest {

    @Test
    void aNewDirectoryRecordsTheJobAndTheNextStartGoesOnUnderItsRunId(@TempDir Path dir) throws Exception {
        LiveDirectory d = LiveDirectory.open(dir.resolve("live"));
        LiveDirectory.Job first = d.resumeOrStart("embedded", "ava.chunks", "ava-live", "run-1");
        assertEquals(new LiveDirectory.Job("run-1", Optional.empty()), first);
        LiveDirectory.Job again = LiveDirectory.open(dir.resolve("live")).resumeOrStart("embedded", "ava.chunks", "ava-live", "run-2");
        assertEquals("run-1", again.runId(), "the recorded run id, not a new one");
        assertEquals(Optional.empty(), again.restoreFrom(), "nothing to go on from yet");
    }

    @Test
    void theNewestSavepointOrCheckpointIsGoneOnFrom(@TempDir Path dir) throws Exception {
        LiveDirectory d = LiveDirectory.open(dir);
        d.resumeOrStart("embedded", "ava.chunks", "ava-live", "run-1");
        Path chk = metadata(d.checkpoints().resolve("job-a/chk-7"), 1_000);
        Path cut = d.checkpoints().resolve("job-a/chk-8"); // cut short by a kill: no _metadata
        Files.createDirectories(cut);
        Path sp = metadata(d.savepoints().resolve("savepoint-1"), 2_000);
        assertEquals(Optional.of(sp), d.newestRestorePoint());
        Path newer = metadata(d.checkpoints().resolve("job-b/chk-9"), 3_000);
        assertEquals(Optional.of(newer), d.newestRestorePoint(), "a checkpoint after the savepoint wins");
        assertTrue(Files.exists(chk));
    }

    @Test
    void anotherBrokerTopicOrGroupIsRefusedAndSoIsAnUnreadableRecord(@TempDir Path dir) throws Exception {
        LiveDirectory d = LiveDirectory.open(dir);
        d.resumeOrStart("embedded", "ava.chunks", "ava-live", "run-1");
        for (String[] other : new String[][] {{"b:9092", "ava.chunks", "ava-live"}, {"embedded", "other.chunks", "ava-live"},
                {"embedded", "ava.chunks", "other-group"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> d.resumeOrStart(other[0], other[1], other[2], "run-2"));
            assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("another directory"), e.getMessage());
        }
        Files.writeString(dir.resolve(LiveDirectory.RECORD), "{not json");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> d.resumeOrStart("embedded", "ava.chunks", "ava-live", "run-2"));
        assertTrue(e.getMessage().contains("not a live job record"), e.getMessage());
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertThrows(IllegalArgumentException.class, () -> LiveDirectory.open(file));
    }

    @Test
    void onlyTheNewestTwoSavepointsAreKept(@TempDir Path dir) throws Exception {
        LiveDirectory d = LiveDirectory.open(dir);
        for (int i = 1; i <= 4; i++) metadata(d.savepoints().resolve("savepoint-" + i), i * 1_000L);
        assertEquals(2, d.pruneSavepoints(2));
        assertFalse(Files.exists(d.savepoints().resolve("savepoint-1")));
        assertFalse(Files.exists(d.savepoints().resolve("savepoint-2")));
        assertTrue(Files.exists(d.savepoints().resolve("savepoint-3/_metadata")));
        assertTrue(Files.exists(d.savepoints().resolve("savepoint-4/_metadata")));
        assertEquals(0, d.pruneSavepoints(2));
    }

    private static Path metadata(Path dir, long timeMs) throws Exception {
        Files.createDirectories(dir);
        Path m = Files.writeString(dir.resolve("_metadata"), "m");
        Files.setLastModifiedTime(m, FileTime.fromMillis(timeMs));
        return dir;
    }
}
