package dev.avastream.operators.annotate;

import dev.avastream.schema.FrameAnnotation;

/**
 * The visual measurements of one frame, with the meanings of the same-named fields of
 * {@link FrameAnnotation} (schemas/avro/FrameAnnotation.avsc), which {@link VisualAnnotator} writes there.
 *
 * @param brightness    mean luma, 0 (black) .. 1 (white)
 * @param contrast      standard deviation of luma, 0 .. 0.5
 * @param colourfulness Hasler-Suesstrunk colourfulness M / 100 (0 grey, ~1 very colourful)
 * @param sharpness     variance of the Laplacian of luma (0..255 scale) mapped by log10(1+v)/4, clipped to 0..1
 * @param motion        mean absolute luma change from the previous frame, 0..1 (0 for the first frame)
 */
public record VisualMeasures(double brightness, double contrast, double colourfulness, double sharpness,
                             double motion) {
}
