package dev.avastream.operators.annotate;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

import java.util.List;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_imgproc.Sobel;

/**
 * Motion blur of the subject: how much sharper the region around the salient centroid is across one
 * direction than along the other, and the direction of the smear.
 *
 * <p>A smear along a direction averages the picture along it, so the luma changes little along the
 * smear and as before across it; defocus (or a Gaussian blur) softens every direction alike. The
 * measure is the gradient structure tensor of the analysis-size luma over a window of a quarter of
 * the frame's width and height centred on the saliency centroid ({@link CompositionAnnotator}; the
 * frame's centre when there is none): {@code J = sum [gx gx, gx gy; gx gy, gy gy]} of the 3x3 Sobel
 * gradients, whose eigenvalues are the largest and smallest gradient energy over all directions.
 * (A small window because gradient energy is dominated by the sharpest texture in it: in a window of
 * half the frame, the sharp background around a smeared subject of a third of the frame's width
 * drowned the smear.)
 * <ul>
 * <li>{@code motionBlur = 1 - lambdaMin / lambdaMax}, 0..1: near 0 for a sharp or evenly blurred
 *     region of varied texture, towards 1 for a strong one-directional smear;</li>
 * <li>{@code motionBlurAngle}: the direction of the smear, the eigenvector of {@code lambdaMin}, in
 *     degrees 0..180 counter-clockwise from the horizontal as seen on screen (0 horizontal, 90
 *     vertical, 45 from bottom-left to top-right).</li>
 * </ul>
 * Both are -1 when the region has no texture to measure (mean squared Sobel gradient below
 * {@value #MIN_GRADIENT_ENERGY}, about a level per pixel).
 *
 * <p>Limitation: it measures anisotropy, so sharp texture with one orientation (stripes, a
 * horizon, a row of railings) reads as directional blur too; with one frame it cannot tell a smear
 * from such a texture. Camera motion blurs the whole frame alike and reads here the same as a
 * moving subject; {@code depthOfField} and the camera fields tell the two apart.
 *
 * <p>Cost: two Sobel passes and three dot products over an 80x45 window at the default analysis
 * size. Stateless, so it runs on the chunk's own frames only.
 */
public final class MotionBlur implements FrameAnnotator {

    /** Mean squared 3x3 Sobel gradient (8-bit levels, squared) below which the region is too flat to measure. */
    public static final double MIN_GRADIENT_ENERGY = 64.0;

    public static final FrameValue<Double> BLUR = FrameValue.field("motionBlur", Double.class);
    public static final FrameValue<Double> ANGLE = FrameValue.field("motionBlurAngle", Double.class);

    private final Mat gradX = new Mat(), gradY = new Mat();

    @Override
    public String name() { return "motionblur"; }

    @Override
    public AnnotatorCost cost() { return AnnotatorCost.PIXEL; }

    @Override
    public List<FrameValue<?>> reads() {
        return List.of(CompositionAnnotator.SALIENCY_CENTROID_X, CompositionAnnotator.SALIENCY_CENTROID_Y);
    }

    @Override
    public List<FrameValue<?>> writes() { return List.of(BLUR, ANGLE); }

    @Override
    public void annotate(AnalysedFrame frame) {
        Mat luma = frame.planes().gray();
        int w = luma.cols(), h = luma.rows();
        double centreX = frame.get(CompositionAnnotator.SALIENCY_CENTROID_X);
        double centreY = frame.get(CompositionAnnotator.SALIENCY_CENTROID_Y);
        if (centreX < 0 || centreY < 0) {
            centreX = 0.5;
            centreY = 0.5;
        }
        int rw = Math.max(3, w / 4), rh = Math.max(3, h / 4);
        int x0 = clamp((int) Math.round(centreX * w - rw / 2.0), 0, w - rw);
        int y0 = clamp((int) Math.round(centreY * h - rh / 2.0), 0, h - rh);
        double xx, yy, xy;
        try (Rect window = new Rect(x0, y0, rw, rh); Mat region = new Mat(luma, window)) {
            // The Sobel of a window reads the pixels around it, not a replicated border: no false edges.
            Sobel(region, gradX, CV_32F, 1, 0);
            Sobel(region, gradY, CV_32F, 0, 1);
        }
        xx = gradX.dot(gradX);
        yy = gradY.dot(gradY);
        // Image rows run down; negating gy turns the angle counter-clockwise as seen on screen.
        xy = -gradX.dot(gradY);
        double pixels = (double) rw * rh;
        if ((xx + yy) / pixels < MIN_GRADIENT_ENERGY) {
            frame.set(BLUR, -1.0);
            frame.set(ANGLE, -1.0);
            return;
        }
        double mean = (xx + yy) / 2, half = Math.hypot((xx - yy) / 2, xy);
        double max = mean + half, min = Math.max(0.0, mean - half);
        frame.set(BLUR, 1.0 - min / max);
        // The strongest gradient points at 0.5 atan2(2 xy, xx - yy); the smear runs across it.
        double gradientDegrees = Math.toDegrees(0.5 * Math.atan2(2 * xy, xx - yy));
        double smear = (gradientDegrees + 90.0) % 180.0;
        frame.set(ANGLE, smear < 0 ? smear + 180.0 : smear);
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    @Override
    public void close() {
        gradX.close();
        gradY.close();
    }
}
