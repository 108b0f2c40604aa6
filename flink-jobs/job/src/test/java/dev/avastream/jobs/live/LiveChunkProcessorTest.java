package dev.avastream.jobs.live;

import dev.avastream.jobs.kafka.AvroRecordSerialization;
import dev.avastream.operators.chunk.ChunkProcessor;
import dev.avastream.schema.ChunkReady;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveChunkProcessorTest {
    @TempDir
    Path dir;

    static ChunkReady.Builder event() {
        return ChunkReady.newBuilder().setTitleId("t").setSource("t.mp4").setChunkIndex(3).setUri("/x/t-3.mp4")
                .setFirstFrame(180).setPreRollFrames(15).setFrameCount(60).setPublishedAtMs(1).setEndOfTitle(false)
                .setChunkCount(-1);
    }

    @Test
    void validEventsPass() {
        assertNull(LiveChunkProcessor.invalid(event().build()));
        assertNull(LiveChunkProcessor.invalid(event().setEndOfTitle(true).setChunkIndex(-1).setUri("").setChunkCount(4).build()));
        assertNull(LiveChunkProcessor.invalid(event().setChunkIndex(0).setFirstFrame(0).setPreRollFrames(0).build()));
    }

    @Test
    void nonsenseIsNamed() {
        assertEquals("no titleId", LiveChunkProcessor.invalid(event().setTitleId(" ").build()));
        assertTrue(LiveChunkProcessor.invalid(event().setChunkIndex(-2).build()).contains("negative chunk index"));
        assertTrue(LiveChunkProcessor.invalid(event().setUri("").build()).contains("no uri"));
        assertTrue(LiveChunkProcessor.invalid(event().setFrameCount(0).build()).contains("frameCount 0"));
        assertTrue(LiveChunkProcessor.invalid(event().setFirstFrame(10).build()).contains("15 pre-roll frames before frame 10"));
        assertTrue(LiveChunkProcessor.invalid(event().setChunkCount(3).build()).contains("beyond chunkCount 3"));
        assertTrue(LiveChunkProcessor.invalid(event().setEndOfTitle(true).setChunkCount(-1).build()).contains("without a chunk count"));
    }

    @Test
    void anUnknownWeightProfileIsNamedWithTheKnownOnes() {
        assertNull(LiveChunkProcessor.invalid(event().setProfile("kids").build()));
        assertNull(LiveChunkProcessor.invalid(event().setProfile("").build()), "empty: the job's own profile");
        assertEquals("chunk 3 of title 't': unknown weight profile 'horror' (known: default, drama, kids, action)",
                LiveChunkProcessor.invalid(event().setProfile("horror").build()));
        try (LiveChunkProcessor p = new LiveChunkProcessor("run", ChunkProcessor.Config.defaults())) {
            LiveChunkProcessor.Outcome o = p.process(event().setProfile("horror").build());
            assertNull(o.result(), "nothing of the title is folded with an unknown profile");
            assertTrue(o.rejection().contains("'horror'"), o.rejection());
        }
    }

    @Test
    void recordsThatAreNotChunkReadyAreRejectedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LiveChunkProcessor.decode(new byte[] {1, 2, 3}));
        assertTrue(e.getMessage().contains("not a ChunkReady record (3 bytes)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LiveChunkProcessor.decode(null));
        ChunkReady ok = event().build();
        assertEquals(ok, LiveChunkProcessor.decode(AvroRecordSerialization.encode(ok)));
    }

    @Test
    void aMissingOrDamagedFileIsRejectedAndClosesItsChunkAsAGap() throws Exception {
        try (LiveChunkProcessor p = new LiveChunkProcessor("run", ChunkProcessor.Config.defaults())) {
            LiveChunkProcessor.Outcome missing = p.process(event().setUri(dir.resolve("gone.mp4").toString()).build());
            assertTrue(missing.rejection().contains("gone.mp4") && missing.rejection().contains("file not found"), missing.rejection());
            assertEquals(3, missing.result().getChunkIndex());
            assertEquals(0, missing.result().getAnnotations().size());
            assertEquals(missing.rejection(), missing.result().getError());

            Path junk = Files.writeString(dir.resolve("junk.mp4"), "not a video");
            LiveChunkProcessor.Outcome damaged = p.process(event().setUri(junk.toUri().toString()).build());
            assertTrue(damaged.rejection().contains("junk.mp4") && damaged.rejection().contains("unreadable"), damaged.rejection());
        }
    }
}
