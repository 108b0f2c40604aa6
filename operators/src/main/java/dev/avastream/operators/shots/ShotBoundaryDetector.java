package dev.avastream.operators.shots;

import dev.avastream.operators.annotate.FrameFeatures;

import java.util.List;

/**
 * Finds shot boundaries in a stream of frames, in the manner of PySceneDetect's detectors: feed every
 * frame's features in presentation order, get cut frames back as soon as they are decided (possibly
 * for an earlier frame, after {@link #lookAheadFrames()} frames of look-ahead), and {@link #flush()}
 * at the end of the stream.
 *
 * <p>A cut is reported as the first frame of the new shot. Frames marked as context (a chunk's
 * pre-/post-roll) are analysed like any other, so that a cut on a chunk's first frame is found and
 * the decisions near an edge match those of the neighbouring chunk, but cuts on context frames are
 * never reported by {@link #accept}/{@link #flush}: they belong to the neighbouring chunk.
 */
public interface ShotBoundaryDetector {

    /**
     * Feeds the next frame.
     *
     * @return cuts decided by this frame, ascending, on non-context frames only; often empty
     */
    List<Long> accept(FrameFeatures frame);

    /** Decides the frames still waiting for look-ahead, at the end of the stream. */
    List<Long> flush();

    /** The change score measured for the frame most recently fed (against the frame before it). */
    CutScore lastScore();

    /** Frames after a frame that must be fed before a cut on it is decided. */
    int lookAheadFrames();

    /**
     * Cuts found on context frames so far, ascending (a read-only view that grows as frames are
     * fed); never reported as cuts, but a chunk uses them to keep its candidate stills away from a
     * transition just outside its edges.
     */
    List<Long> contextCuts();
}
