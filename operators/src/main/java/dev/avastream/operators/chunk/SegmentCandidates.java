package dev.avastream.operators.chunk;

import dev.avastream.schema.FrameAnnotation;
import org.bytedeco.opencv.opencv_core.Mat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The best frames of one segment (frames between two cuts of a chunk), at most {@code capacity},
 * no two closer than {@code minSpacingFrames}. Frames are offered in frame order with final scores.
 *
 * <p>An offered frame that is within the spacing of a kept one replaces it only if it is better than
 * every kept frame it is too close to; otherwise it is dropped. Pixels of frames that leave go back
 * to the pool at once.
 *
 * <p>Besides the kept frames, a segment holds a <em>reserve</em>: a copy of the best offered frame
 * already known to be eligible (a model frame that no exclusion rule rejects). The kept frames are
 * ranked before the models have seen most of them, and in a title sequence the frames with crisp
 * lettering win on contrast and sharpness, then fall to the title-card exclusion once the text
 * detector sees them. Without the reserve the whole shot would then have no still; with it, the shot
 * keeps its best frame without lettering. It costs one pixel buffer per segment, and a copy only
 * when a model frame beats the reserve.
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
    private final Predicate<FrameAnnotation> knownEligible;
    private Kept reserve;

    /** A segment without a reserve: for annotators that exclude nothing the pixels have not shown. */
    SegmentCandidates(int capacity, long minSpacingFrames, PixelBufferPool pool) {
        this(capacity, minSpacingFrames, pool, a -> false);
    }

    /**
     * @param knownEligible whether a frame is known, when offered, never to be excluded (its models ran
     *                      and no exclusion rule rejects it): such frames compete for the reserve
     */
    SegmentCandidates(int capacity, long minSpacingFrames, PixelBufferPool pool, Predicate<FrameAnnotation> knownEligible) {
        this.capacity = capacity;
        this.minSpacingFrames = minSpacingFrames;
        this.pool = pool;
        this.knownEligible = knownEligible;
    }

    /** Offers a frame; takes ownership of its pixels either way. */
    void offer(Kept frame) {
        if (capacity == 0) {
            pool.release(frame.pixels());
            return;
        }
        if (knownEligible.test(frame.annotation()) && (reserve == null || BEST_FIRST.compare(frame, reserve) < 0)) {
            if (reserve != null) pool.release(reserve.pixels());
            reserve = new Kept(frame.annotation(), frame.score(), frame.framesToNearestCut(), frame.appearance(),
                    pool.copyOf(frame.pixels()));
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

    /** The best offered frame known to be eligible, for when every kept frame is excluded; null if none. */
    Kept reserve() {
        return reserve;
    }

    /** Gives every kept frame's pixels, and the reserve's, back to the pool. */
    void releaseAll() {
        for (Kept k : kept) pool.release(k.pixels());
        kept.clear();
        if (reserve != null) pool.release(reserve.pixels());
        reserve = null;
    }

    private void drop(Kept k) {
        kept.remove(k);
        pool.release(k.pixels());
    }
}
