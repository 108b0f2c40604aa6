package dev.avastream.operators.title;

import dev.avastream.schema.Candidate;
import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.schema.Still;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class StillPublicationTest {

    @Test
    void framesWithoutAStillKeyGetAStillAndThePublishedUpdateCarriesNoJpeg() {
        Candidate fresh = candidate(41, new byte[]{(byte) 0xFF, (byte) 0xD8, 1}, "");
        Candidate out = candidate(310, new byte[0], "a/b/310");
        CandidateSetUpdate update = update(List.of(fresh, out));

        StillPublication.Result r = StillPublication.of(update);

        assertEquals(1, r.stills().size(), "only the frame new to the top-K");
        Still s = r.stills().get(0);
        assertEquals("run-1", s.getRunId());
        assertEquals("a/b", s.getTitleId());
        assertEquals(41, s.getFrameIndex());
        assertEquals(41 * 33_333L, s.getTimeUs());
        assertArrayEquals(new byte[]{(byte) 0xFF, (byte) 0xD8, 1}, bytes(s.getJpeg()));
        assertEquals(320, s.getWidth());
        assertEquals(180, s.getHeight());

        List<Candidate> published = r.update().getCandidates();
        assertEquals(List.of(41L, 310L), published.stream().map(Candidate::getFrameIndex).toList(), "order kept");
        assertEquals("a/b/41", published.get(0).getStillKey());
        assertEquals(0, published.get(0).getThumbnailJpeg().remaining());
        assertEquals(320, published.get(0).getThumbnailWidth(), "the picture's size stays on the candidate");
        assertSame(out, published.get(1), "a frame whose still is out is passed on as it is");
        assertEquals(List.of(published.get(0)), r.poolEntries(), "the pool keeps the key, not the JPEG");
        assertEquals(update.getVersion(), r.update().getVersion());
        assertEquals(update.getAdded(), r.update().getAdded());
        assertEquals(3, bytes(fresh.getThumbnailJpeg()).length, "the input is not modified");
    }

    @Test
    void anEntryWithAKeyButStillAJpegIsNeverPublishedWithIt() {
        Candidate odd = candidate(7, new byte[]{1, 2, 3}, "a/b/7");
        StillPublication.Result r = StillPublication.of(update(List.of(odd)));
        assertEquals(List.of(), r.stills());
        assertEquals(List.of(), r.poolEntries());
        assertEquals(0, r.update().getCandidates().get(0).getThumbnailJpeg().remaining());
        assertEquals("a/b/7", r.update().getCandidates().get(0).getStillKey());
    }

    @Test
    void theKeyIsTitleSlashFrame() {
        assertEquals("movie/42", StillPublication.key("movie", 42));
        assertEquals("a/b/0", StillPublication.key("a/b", 0));
    }

    private static CandidateSetUpdate update(List<Candidate> candidates) {
        return CandidateSetUpdate.newBuilder()
                .setRunId("run-1").setTitleId("a/b").setSource("/videos/a.mp4").setVersion(3)
                .setChunksReceived(3).setChunksAssembled(3).setChunkCount(6).setFramesProcessed(540)
                .setShotsClosed(2).setPoolSize(9).setComplete(false)
                .setCandidates(new ArrayList<>(candidates)).setAdded(List.of(41L)).setRemoved(List.of())
                .setErrors(List.of()).setEmittedAtMs(1_700_000_000_000L).build();
    }

    private static Candidate candidate(long frame, byte[] jpeg, String stillKey) {
        return Candidate.newBuilder().setFrameIndex(frame).setTimeUs(frame * 33_333L).setScore(0.5)
                .setThumbnailJpeg(ByteBuffer.wrap(jpeg)).setThumbnailWidth(320).setThumbnailHeight(180)
                .setStillKey(stillKey).build();
    }

    private static byte[] bytes(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] a = new byte[d.remaining()];
        d.get(a);
        return a;
    }
}
