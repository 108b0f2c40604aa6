package dev.avastream.operators.title;

import dev.avastream.schema.ChunkOrderState;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChunkReorderBufferTest {

    @Test
    void chunksAreReleasedStrictlyInIndexOrder() {
        ChunkReorderBuffer b = new ChunkReorderBuffer(ChunkReorderBuffer.empty());
        b.receive(2);
        b.receive(1);
        assertFalse(b.nextHasArrived(), "chunk 0 is missing");
        assertEquals(0, b.next());
        assertEquals(2, b.waiting());
        b.receive(0);
        assertEquals(List.of(0, 1, 2), List.of(release(b), release(b), release(b)));
        assertFalse(b.nextHasArrived());
        assertFalse(b.hasWaiting());
        assertEquals(3, b.folded());
        assertEquals(3, b.received());
    }

    @Test
    void aChunkSeenBeforeIsADuplicateWhetherWaitingOrFolded() {
        ChunkReorderBuffer b = new ChunkReorderBuffer(ChunkReorderBuffer.empty());
        b.receive(0);
        b.receive(3);
        release(b);
        assertTrue(b.isDuplicate(0), "folded");
        assertTrue(b.isDuplicate(3), "waiting");
        assertFalse(b.isDuplicate(1));
        assertThrows(IllegalArgumentException.class, () -> b.receive(3));
        assertEquals(2, b.received(), "a duplicate is not counted");
    }

    @Test
    void aMissingChunkIsPassedOverOnlyByAdvancingExplicitly() {
        ChunkReorderBuffer b = new ChunkReorderBuffer(ChunkReorderBuffer.empty());
        b.receive(0);
        b.receive(2);
        release(b);
        assertFalse(b.nextHasArrived());
        assertEquals(1, b.advance(), "given up: the title closes without chunk 1");
        assertTrue(b.nextHasArrived());
        assertEquals(2, release(b));
        assertEquals(2, b.received(), "chunk 1 never arrived");
    }

    @Test
    void completenessFollowsTheChunkCount() {
        ChunkReorderBuffer b = new ChunkReorderBuffer(ChunkReorderBuffer.empty());
        assertTrue(b.complete(0), "a title that could not be planned");
        assertFalse(b.complete(-1), "a live title whose end is not announced");
        b.receive(0);
        b.receive(1);
        release(b);
        assertFalse(b.complete(2));
        release(b);
        assertTrue(b.complete(2));
        assertFalse(b.complete(-1), "still open until the end is announced");
    }

    @Test
    void carriesOnFromStateReadBackFromItsSerializedForm() throws Exception {
        ChunkOrderState s = ChunkReorderBuffer.empty();
        ChunkReorderBuffer b = new ChunkReorderBuffer(s);
        b.receive(1);
        b.receive(3);
        // as RocksDB hands it back: Avro's own array type
        ChunkOrderState restored = ChunkOrderState.fromByteBuffer(ByteBuffer.wrap(bytes(s)));
        ChunkReorderBuffer again = new ChunkReorderBuffer(restored);
        assertTrue(again.isDuplicate(3));
        again.receive(0);
        assertEquals(List.of(0, 1), List.of(release(again), release(again)));
        assertEquals(List.of(3), restored.getBuffered());
    }

    private static int release(ChunkReorderBuffer b) {
        assertTrue(b.nextHasArrived(), "chunk " + b.next() + " should be there");
        return b.advance();
    }

    private static byte[] bytes(ChunkOrderState s) throws Exception {
        ByteBuffer buf = s.toByteBuffer();
        byte[] a = new byte[buf.remaining()];
        buf.get(a);
        return a;
    }
}
