package dev.avastream.operators.annotate;

/**
 * Whether, and why, the annotators that run on model frames only ({@link FrameAnnotator#modelFramesOnly()}:
 * the neural ones and what reads them) ran on a frame; published as {@code FrameAnnotation.modelFrame}.
 * The models cost tens of milliseconds a frame, so they run on a stride and on the frames that
 * matter most, not on every frame.
 */
public enum ModelFrame {
    /** Not run: the model fields keep their "not measured" defaults. */
    NONE,
    /** One frame every {@code models.stride-seconds} of the title. */
    STRIDE,
    /** A frame kept as one of its segment's candidates (its shot's key frames), after the fact. */
    CANDIDATE;

    /** Whether the model annotators ran. */
    public boolean ran() { return this != NONE; }
}
