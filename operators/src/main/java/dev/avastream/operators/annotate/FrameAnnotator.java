package dev.avastream.operators.annotate;

import java.util.List;

/**
 * One per-frame stage of the analysis: it reads the shared {@link FramePlanes} and values earlier
 * annotators wrote, and writes its own values, typed by {@link FrameValue} keys. A key is either a
 * field of {@code FrameAnnotation} (what the pipeline publishes) or an in-memory value for later
 * annotators (e.g. the features the cut detector compares).
 *
 * <p>An annotator declares its name, cost class and what it reads and writes, so the list the
 * analysis runs ({@link AnnotatorPipeline}) can be checked when it is built (nothing read before
 * it is written, no value written twice, unique names), timed by name and documented as a table
 * (docs/annotators.md, "How to add an annotator"). Frames are fed in presentation order; an
 * annotator may keep state from the previous frame (e.g. motion).
 *
 * <p>Implementations may own native scratch memory: {@link #close()} frees it.
 */
public interface FrameAnnotator extends AutoCloseable {

    /** Stable, lower-case identifier: it names the annotator's timing stage and metric ({@code stage.<name>.frameMicros}). */
    String name();

    /** What a call roughly costs. */
    AnnotatorCost cost();

    /**
     * Whether it must also see the pre-/post-roll context frames around a chunk (frames that get no
     * annotation). True for annotators that carry state from frame to frame (motion, cut detection,
     * long-range change); false (the default) runs it on the chunk's own frames only, which costs less.
     */
    default boolean seesContextFrames() { return false; }

    /**
     * Whether it runs on model frames only ({@link ModelFrame}: a stride, and the candidates after the
     * fact) rather than on every frame. True by default for {@link AnnotatorCost#NEURAL} ones; an
     * annotator that reads their values must say true too. Such an annotator must not carry state
     * from frame to frame (it also runs, late, on candidate frames out of order) and may read only
     * values of other model-frame annotators (when it runs late, nothing else is left).
     */
    default boolean modelFramesOnly() { return cost() == AnnotatorCost.NEURAL; }

    /** Values it reads from earlier annotators ({@link AnalysedFrame#get}); the planes need no declaration. */
    default List<FrameValue<?>> reads() { return List.of(); }

    /** Values it writes ({@link AnalysedFrame#set}), every one on every frame it runs on. */
    List<FrameValue<?>> writes();

    /** Measures the frame and writes what {@link #writes()} declares. */
    void annotate(AnalysedFrame frame);

    /**
     * The parameters it was built with, a record of named values (each documented on its setting in
     * {@code Tunables}), or null when it has none: shown and compared, e.g. to prove that every
     * setting reaches what the pipeline runs.
     */
    default Record params() { return null; }

    /** Forgets any state carried from earlier frames (start of a new, unrelated sequence). */
    default void reset() {}

    @Override
    default void close() {}
}
