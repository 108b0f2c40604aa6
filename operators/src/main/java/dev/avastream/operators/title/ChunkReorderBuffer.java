package dev.avastream.operators.title;

import dev.avastream.schema.ChunkOrderState;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The order in which a title's chunks are folded: strictly by chunk index, whatever order parallel
 * decoders finish in. Keeps only indices ({@link ChunkOrderState}); the caller keeps the chunks that
 * wait, keyed by index, and is asked for exactly the one to fold next. So a restore from a
 * checkpoint folds the same chunks in the same order, and no step needs to look at every waiting
 * chunk to find the next.
 *
 * <p>Edits the state record it is given, in place.
 */
public final class ChunkReorderBuffer {
    private final ChunkOrderState state;

    /** Works on {@code state} (a copy of its index list is taken: Avro's arrays read back from RocksDB cannot shrink). */
    public ChunkReorderBuffer(ChunkOrderState state) {
        this.state = state;
        state.setBuffered(new ArrayList<>(state.getBuffered()));
    }

    /** The state of a title that has received nothing. */
    public static ChunkOrderState empty() {
        return ChunkOrderState.newBuilder().setNextChunk(0).setChunksReceived(0).setBuffered(new ArrayList<>()).build();
    }

    /** Whether a chunk was seen before (a replay after recovery, or a duplicate event): ignore it. */
    public boolean isDuplicate(int chunkIndex) {
        return chunkIndex < state.getNextChunk() || Collections.binarySearch(state.getBuffered(), chunkIndex) >= 0;
    }

    /** Records the arrival of a chunk that is not a duplicate; the caller keeps its payload under its index. */
    public void receive(int chunkIndex) {
        if (isDuplicate(chunkIndex)) throw new IllegalArgumentException("chunk " + chunkIndex + " received twice");
        List<Integer> buffered = state.getBuffered();
        buffered.add(-Collections.binarySearch(buffered, chunkIndex) - 1, chunkIndex);
        state.setChunksReceived(state.getChunksReceived() + 1);
    }

    /** The index of the chunk to fold next. */
    public int next() {
        return state.getNextChunk();
    }

    /** Whether the chunk to fold next has arrived. */
    public boolean nextHasArrived() {
        List<Integer> buffered = state.getBuffered();
        return !buffered.isEmpty() && buffered.get(0) == state.getNextChunk();
    }

    /** Whether chunks wait behind a missing one. */
    public boolean hasWaiting() {
        return !state.getBuffered().isEmpty();
    }

    /** Chunks that arrived and are not folded yet. */
    public int waiting() {
        return state.getBuffered().size();
    }

    /**
     * Moves past the next chunk: folded when it has arrived, or given up as missing (the title is
     * closed without it).
     *
     * @return the index moved past
     */
    public int advance() {
        int index = state.getNextChunk();
        if (nextHasArrived()) state.getBuffered().remove(0);
        state.setNextChunk(index + 1);
        return index;
    }

    /** Chunks folded (or given up) so far: [0, folded()). */
    public int folded() {
        return state.getNextChunk();
    }

    public int received() {
        return state.getChunksReceived();
    }

    /**
     * Whether every chunk of a title of {@code chunkCount} chunks is folded: 0 is a title that could
     * not be planned (complete at once), -1 a live title whose end is not announced yet (never).
     */
    public boolean complete(int chunkCount) {
        return chunkCount == 0 || (chunkCount > 0 && state.getNextChunk() >= chunkCount);
    }
}
