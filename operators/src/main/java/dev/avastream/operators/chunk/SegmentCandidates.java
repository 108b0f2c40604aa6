package dev.avastream.operators.chunk;

import dev.avastream.schema.FrameAnnotation;
import org.bytedeco.opencv.opencv_core.Mat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The best frames of one segment (frames between two cuts of a chunk), at most {@code capacity},
 * no two closer than {@code minSpacingFrames}. Frames are offered in frame order with final scores.
 *
 * <p>An offered frame that is within the spacing of a kept one replaces it only if it is better than
 * every kept frame it is too close to; otherwise it is dropped. Pixels of frames that leave go back
 * to the pool at once.
 */
final class SegmentCandidates {

    /**
     * A kept frame, owning its pooled pixels.
     *
     * @param score              its final quality score
     * @param framesToNearestCut what the score was computed with, to rebuild its components
     */
    record Kept(FrameAnnotation annotation, double score, long framesToNearestCut, float[] appearance, Mat pixels) {
        long frameIndex() { return annotation.getFrameIndex(); }
    }

    /** Best first; ties to the earlier frame. */
    static final Comparator<Kept> BEST_FIRST = Comparator.comparingDouble(Kept::score).reversed()
            .thenComparingLong(Kept::frameIndex);

    private final int capacity;
    private final long minSpacingFrames;
    private final PixelBufferPool pool;
    private final List<Kept> kept = new ArrayList<>();

    SegmentCandidates(int capacity, long minSpacingFrames, PixelBufferPool pool) {
        this.capacity = capacity;
        this.minSpacingFrames = minSpacingFrames;
        this.pool = pool;
    }

    /** Offers a frame; takes ownership of its pixels either way. */
    void offer(Kept frame) {
        if (capacity == 0) {
            pool.release(frame.pixels());
            return;
        }
        List<Kept> tooClose = new ArrayList<>(2);
        for (Kept k : kept) {
            if (Math.abs(k.frameIndex() - frame.frameIndex()) < minSpacingFrames) {
                if (BEST_FIRST.compare(k, frame) <= 0) {
                    pool.release(frame.pixels());
                    return;
                }
                tooClose.add(k);
            }
        }
        for (Kept k : tooClose) drop(k);
        kept.add(frame);
        kept.sort(BEST_FIRST);
        if (kept.size() > capacity) drop(kept.get(kept.size() - 1));
    }

    /** Kept frames, best first. */
    List<Kept> kept() {
        return List.copyOf(kept);
    }

    /** Gives every kept frame's pixels back to the pool. */
    void releaseAll() {
        for (Kept k : kept) pool.release(k.pixels());
        kept.clear();
    }

    private void drop(Kept k) {
        kept.remove(k);
        pool.release(k.pixels());
    }
}
