package dev.avastream.operators.annotate;

import dev.avastream.schema.ColourShare;
import dev.avastream.schema.FrameAnnotation;
import dev.avastream.schema.ScoreComponent;

import java.util.ArrayList;
import java.util.List;

/**
 * The visual measurements of one frame, with the meanings of the same-named fields of
 * {@link FrameAnnotation} (schemas/avro/FrameAnnotation.avsc).
 *
 * @param brightness    mean luma, 0 (black) .. 1 (white)
 * @param contrast      standard deviation of luma, 0 .. 0.5
 * @param colourfulness Hasler-Suesstrunk colourfulness M / 100 (0 grey, ~1 very colourful)
 * @param sharpness     variance of the Laplacian of luma (0..255 scale) mapped by log10(1+v)/4, clipped to 0..1
 * @param motion        mean absolute luma change from the previous frame, 0..1 (0 for the first frame)
 */
public record VisualMeasures(double brightness, double contrast, double colourfulness, double sharpness,
                             double motion) {

    /**
     * The frame's annotation: these measurements plus the shot detector's change score.
     *
     * @param cutScore      the detector's frame-to-frame change score
     * @param cutComponents its parts
     */
    public FrameAnnotation toAnnotation(long frameIndex, long timeUs, double cutScore, List<ScoreComponent> cutComponents) {
        return toAnnotation(frameIndex, timeUs, cutScore, cutComponents, TransitionSignals.UNKNOWN, List.of());
    }

    /**
     * The frame's annotation: these measurements, the shot detector's change score, the signals
     * of gradual-transition detection and the frame's dominant colours.
     */
    public FrameAnnotation toAnnotation(long frameIndex, long timeUs, double cutScore, List<ScoreComponent> cutComponents,
                                       TransitionSignals signals, List<ColourShare> dominantColours) {
        // The all-arguments constructor: Avro's builder validates and copies, and this runs per frame.
        return new FrameAnnotation(frameIndex, timeUs, brightness, contrast, colourfulness, sharpness, motion,
                cutScore, new ArrayList<>(cutComponents), signals.edgeDensity(), signals.chromaRed(),
                signals.chromaBlue(), signals.darkFraction(), signals.brightFraction(), signals.adjacentChange(),
                signals.longRangeChange(), signals.longRangeFrames(), signals.longRangeCoverage(),
                new ArrayList<>(dominantColours));
    }
}
