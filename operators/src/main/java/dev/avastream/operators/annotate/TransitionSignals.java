package dev.avastream.operators.annotate;

/**
 * The per-frame signals a gradual-transition detector needs besides brightness and contrast, with
 * the meanings of the same-named fields of {@code FrameAnnotation} (schemas/avro/FrameAnnotation.avsc).
 * Measured by {@link TransitionSignalTracker}.
 *
 * @param edgeDensity     share of the half-size frame's pixels on an edge, 0..1
 * @param chromaRed       mean Cr of the quarter-size frame, level / 255 (0.5 grey)
 * @param chromaBlue      mean Cb of the quarter-size frame, level / 255 (0.5 grey)
 * @param darkFraction    share of quarter-size pixels with luma at most {@value TransitionSignalTracker#NEAR_BLACK_LEVEL}
 * @param brightFraction  share of quarter-size pixels with luma at least {@value TransitionSignalTracker#NEAR_WHITE_LEVEL}
 * @param adjacentChange  {@link TransitionSignalTracker#change} to frame index - 1, or -1 when it was not seen
 * @param longRangeChange the same to frame index - {@code longRangeFrames}, or -1 when it was not seen
 * @param longRangeFrames the span of {@code longRangeChange}
 * @param longRangeCoverage how evenly the long-range change (luma and cell colours) spreads over a 4x4 grid, 1/16..1, or -1
 *                        when it was not measured (see {@link TransitionSignalTracker#coverage})
 * @param sweep           share of the picture a straight moving edge swept over the same span ({@link EdgeSweep}), 0..1,
 *                        or -1 when it was not measured
 * @param zoomResidual    share of the long-range change that no zoom about the centre explains ({@link ZoomMatch}), 0..1,
 *                        or -1 when it was not measured
 * @param slide           the part of the picture that moved as one piece from the frame before, entering from an edge
 *                        ({@link SlideMatch}); {@link SlideMatch.Result#UNKNOWN} when it was not measured
 */
public record TransitionSignals(double edgeDensity, double chromaRed, double chromaBlue, double darkFraction,
                                double brightFraction, double adjacentChange, double longRangeChange,
                                int longRangeFrames, double longRangeCoverage, double sweep,
                                double zoomResidual, SlideMatch.Result slide) {

    /** Nothing measured: the schema's defaults. */
    public static final TransitionSignals UNKNOWN = new TransitionSignals(-1, -1, -1, -1, -1, -1, -1, 0, -1, -1, -1,
            SlideMatch.Result.UNKNOWN);
}
