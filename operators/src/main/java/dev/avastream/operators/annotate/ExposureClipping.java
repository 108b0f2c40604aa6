package dev.avastream.operators.annotate;

import org.bytedeco.opencv.opencv_core.Mat;

import java.util.List;

import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY_INV;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

/**
 * Clipped shadows and highlights: the share of the analysis-size frame's luma pixels at most
 * {@value #SHADOW_LEVEL} (crushed to black) and at least {@value #HIGHLIGHT_LEVEL} (blown to white).
 * A still with a large clipped area has lost detail there that no grading brings back, which mean
 * brightness and contrast do not show (a frame can be well exposed on average with a blown sky).
 *
 * <p>Cost: two thresholds and two counts over the luma plane, SIMD in OpenCV (about 10 µs at
 * 320x180). Stateless, so it runs on the chunk's own frames only.
 */
public final class ExposureClipping implements FrameAnnotator {

    /** Highest 8-bit luma level counted as clipped shadow. */
    public static final int SHADOW_LEVEL = 2;
    /** Lowest 8-bit luma level counted as clipped highlight. */
    public static final int HIGHLIGHT_LEVEL = 253;

    public static final FrameValue<Double> SHADOW_CLIPPING = FrameValue.field("shadowClipping", Double.class);
    public static final FrameValue<Double> HIGHLIGHT_CLIPPING = FrameValue.field("highlightClipping", Double.class);

    private final Mat mask = new Mat();

    @Override
    public String name() { return "exposure"; }

    @Override
    public AnnotatorCost cost() { return AnnotatorCost.PIXEL; }

    @Override
    public List<FrameValue<?>> writes() { return List.of(SHADOW_CLIPPING, HIGHLIGHT_CLIPPING); }

    @Override
    public void annotate(AnalysedFrame frame) {
        Mat luma = frame.planes().gray();
        double pixels = luma.total();
        // THRESH_BINARY_INV keeps (as non-zero) the pixels not above the threshold, THRESH_BINARY those above it.
        threshold(luma, mask, SHADOW_LEVEL, 255, THRESH_BINARY_INV);
        frame.set(SHADOW_CLIPPING, countNonZero(mask) / pixels);
        threshold(luma, mask, HIGHLIGHT_LEVEL - 1, 255, THRESH_BINARY);
        frame.set(HIGHLIGHT_CLIPPING, countNonZero(mask) / pixels);
    }

    @Override
    public void close() {
        mask.close();
    }
}
