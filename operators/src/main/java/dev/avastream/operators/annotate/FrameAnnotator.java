package dev.avastream.operators.annotate;

/**
 * One per-frame measurement over the shared {@link FramePlanes}, in the spirit of PySceneDetect's
 * detectors: a small interface, parameters named on each implementation, frames fed in
 * presentation order (an annotator may keep state from the previous frame, e.g. for motion).
 *
 * <p>Implementations own native scratch memory: {@link #close()} frees it.
 *
 * @param <T> what the annotator measures
 */
public interface FrameAnnotator<T> extends AutoCloseable {

    /** Measures the frame currently loaded in {@code frame}. */
    T annotate(FramePlanes frame);

    /** Forgets any state carried from earlier frames (start of a new, unrelated sequence). */
    default void reset() {}

    @Override
    void close();
}
