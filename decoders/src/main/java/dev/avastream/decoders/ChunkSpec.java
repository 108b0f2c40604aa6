package dev.avastream.decoders;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One independently decodable piece of a title: frames {@code [startFrame, endFrame]} (inclusive)
 * plus optional context frames before and after it.
 *
 * <p>A chunk carries the exact presentation times of every frame it will decode
 * ({@code contextPtsUs}, from {@code contextStartFrame} on), so a decoder can map each decoded frame
 * back to its title-wide index without counting from the start of the file: that is what keeps
 * indices exact with variable frame rate, a stream that starts after 0, and seeks.
 */
public record ChunkSpec(
        String titleId,
        String source,
        int chunkIndex,
        int chunkCount,
        long titleFrameCount,
        long startFrame,
        long endFrame,
        long contextStartFrame,
        long[] contextPtsUs) implements Serializable {

    public long frameCount() { return endFrame - startFrame + 1; }

    public long contextEndFrame() { return contextStartFrame + contextPtsUs.length - 1; }

    public long startPtsUs() { return ptsOf(startFrame); }

    public long endPtsUs() { return ptsOf(endFrame); }

    /** Presentation time of a frame of this chunk or its context. */
    public long ptsOf(long frameIndex) {
        long i = frameIndex - contextStartFrame;
        if (i < 0 || i >= contextPtsUs.length) {
            throw new IndexOutOfBoundsException("frame " + frameIndex + " outside chunk " + chunkIndex
                    + " context [" + contextStartFrame + ", " + contextEndFrame() + "]");
        }
        return contextPtsUs[(int) i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChunkSpec c && c.chunkIndex == chunkIndex && c.titleId.equals(titleId)
                && c.source.equals(source) && c.startFrame == startFrame && c.endFrame == endFrame
                && c.contextStartFrame == contextStartFrame && Arrays.equals(c.contextPtsUs, contextPtsUs)
                && c.chunkCount == chunkCount && c.titleFrameCount == titleFrameCount;
    }

    @Override
    public int hashCode() { return titleId.hashCode() * 31 + chunkIndex; }

    @Override
    public String toString() {
        return "ChunkSpec[" + titleId + " #" + chunkIndex + "/" + chunkCount + " frames " + startFrame + ".." + endFrame
                + " context " + contextStartFrame + ".." + contextEndFrame() + " of " + source + "]";
    }
}
