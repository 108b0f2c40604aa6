package dev.avastream.operators.annotate;

/**
 * What one call of a {@link FrameAnnotator} roughly costs, so that a reader of the annotator table
 * (docs/annotators.md) and whoever schedules analysis can tell the cheap from the expensive without
 * running them. Measured per-frame figures are in the {@code stage.<name>.frameMicros} metrics.
 */
public enum AnnotatorCost {
    /** No pass over the frame's pixels: works on values other annotators made (histograms, thumbnails), or a small plane. */
    CHEAP,
    /** One or more passes over a plane of the analysis-size frame (tens to hundreds of microseconds at 320x180). */
    PIXEL,
    /** Neural-network inference (milliseconds; reports per-model time too). */
    NEURAL
}
