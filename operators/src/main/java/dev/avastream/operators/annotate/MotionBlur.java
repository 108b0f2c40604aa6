package dev.avastream.operators.annotate;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;

import java.util.List;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_imgproc.filter2D;

/**
 * Motion blur of the subject: how much less sharp the region around the salient centroid is along
 * one direction than across it, and the direction of the smear.
 *
 * <p>A smear along a direction averages the picture along it: along the smear the finest detail is
 * gone while coarser structure remains, across it both remain; defocus (or a Gaussian blur) does the
 * same to every direction. So the measure is <em>sharpness by direction</em>, the ratio of fine-scale
 * to coarse-scale gradient energy along a direction d, {@code r(d) = (d' F d) / (d' C d)}, with F and
 * C the gradient structure tensors ({@code sum [gx gx, gx gy; gx gy, gy gy]}) of the analysis-size
 * luma for derivatives over 1 pixel and over {@value #COARSE_SPAN} pixels (each the mean of the two
 * differences across the corners of a square, so both derivatives sit at one point and neither
 * diagonal is favoured). A step edge has a ratio of about 1/4, a ramp of {@value #COARSE_SPAN} pixels
 * or more about 1/16, noise about 1. Its extremes over all directions are the generalised
 * eigenvalues of (F, C):
 * <ul>
 * <li>{@code motionBlur = 1 - rMin / rMax}, 0..1: near 0 for a sharp or evenly blurred region, about
 *     0.4 to 0.7 for a smear of ten pixels at the analysis size (320 wide);</li>
 * <li>{@code motionBlurAngle}: the direction of the smear, the direction of {@code rMin}, in degrees
 *     0..180 counter-clockwise from the horizontal as seen on screen (0 horizontal, 90 vertical, 45
 *     from bottom-left to top-right).</li>
 * </ul>
 * Both are -1 when the region has no texture to measure (mean squared neighbour difference below
 * {@value #MIN_GRADIENT_ENERGY} level squared).
 *
 * <p>Why a ratio of scales and not the gradient energy by direction (the structure tensor's
 * anisotropy, tried first): sharp structure of one orientation, a screen of horizontal bars, a
 * horizon, railings, has little gradient along itself and read as a strong smear (0.85 on average
 * over the real clip of a computer screen in the test videos, against about 0.3 now); its few edges
 * along the other direction are still sharp, which the ratio sees. Texture smooth in one direction
 * at every scale (wood grain, brushed metal) is indistinguishable from a smear in one frame.
 *
 * <p>The window is a quarter of the frame's width and height centred on the saliency centroid
 * ({@link CompositionAnnotator}; the frame's centre without one): gradient energy is dominated by
 * the sharpest texture in the window, and in a window of half the frame the sharp background around a
 * smeared subject a third of the frame wide drowned the smear. Camera motion blurs the whole frame
 * alike and reads here the same as a moving subject; the camera fields tell the two apart.
 *
 * <p>Cost: four small filters and six dot products over an 80x45 window at the default analysis
 * size. Stateless, so it runs on the chunk's own frames only.
 */
public final class MotionBlur implements FrameAnnotator {

    /** Mean squared fine-scale derivative (8-bit levels squared, x and y summed) below which the region is too flat to measure. */
    public static final double MIN_GRADIENT_ENERGY = 1.0;
    /** Isotropic floor added to each tensor, as a share of its trace. */
    private static final double FLOOR = 0.002;
    /** Pixels between the two samples of a coarse-scale difference. */
    private static final int COARSE_SPAN = 4;

    public static final FrameValue<Double> BLUR = FrameValue.field("motionBlur", Double.class);
    public static final FrameValue<Double> ANGLE = FrameValue.field("motionBlurAngle", Double.class);

    private final Mat gradX = new Mat(), gradY = new Mat();
    private final Mat fineX = difference(1, true), fineY = difference(1, false),
            coarseX = difference(COARSE_SPAN, true), coarseY = difference(COARSE_SPAN, false);

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
        // Fine scale: differences of neighbouring pixels; coarse scale: differences 4 pixels apart.
        double[] fine = new double[3], coarse = new double[3];
        try (Rect window = new Rect(x0, y0, rw, rh); Mat region = new Mat(luma, window)) {
            tensor(region, fineX, fineY, fine);
            tensor(region, coarseX, coarseY, coarse);
        }
        if (fine[0] + fine[1] < MIN_GRADIENT_ENERGY) {
            frame.set(BLUR, -1.0);
            frame.set(ANGLE, -1.0);
            return;
        }
        // A direction with (almost) no content at either scale has no sharpness to compare: a small
        // isotropic floor on each tensor makes its ratio the average one instead of 0/0.
        for (double[] t : new double[][] {fine, coarse}) {
            double floor = FLOOR * (t[0] + t[1]);
            t[0] += floor;
            t[1] += floor;
        }
        // Sharpness along a unit direction d is (d' F d) / (d' C d); its extremes are the generalised
        // eigenvalues of (F, C), the roots of det(F - r C) = 0.
        double a = coarse[0] * coarse[1] - coarse[2] * coarse[2];
        double b = -(fine[0] * coarse[1] + fine[1] * coarse[0] - 2 * fine[2] * coarse[2]);
        double c = fine[0] * fine[1] - fine[2] * fine[2];
        double root = Math.sqrt(Math.max(0.0, b * b - 4 * a * c));
        double max = (-b + root) / (2 * a), min = Math.max(0.0, (-b - root) / (2 * a));
        frame.set(BLUR, max > 0 ? 1.0 - min / max : 0.0);
        // The smear runs along the eigenvector of the smaller ratio: (F - min C) d = 0.
        double r1x = fine[0] - min * coarse[0], r1y = fine[2] - min * coarse[2];
        double r2x = fine[2] - min * coarse[2], r2y = fine[1] - min * coarse[1];
        // d is perpendicular to the rows of F - min C; the longer row is the better conditioned one.
        double dx, dy;
        if (r1x * r1x + r1y * r1y >= r2x * r2x + r2y * r2y) {
            dx = -r1y;
            dy = r1x;
        } else {
            dx = -r2y;
            dy = r2x;
        }
        double degrees = Math.toDegrees(Math.atan2(dy, dx)) % 180.0;
        frame.set(ANGLE, degrees < 0 ? degrees + 180.0 : degrees);
    }

    /**
     * The gradient structure tensor of {@code region} per pixel: {xx, yy, xy} means of the 3x3 Sobel
     * gradients' products, with y pointing up (rows run down; negating gy turns angles
     * counter-clockwise as seen on screen).
     */
    private void tensor(Mat region, Mat kernelX, Mat kernelY, double[] out) {
        // A filter over a window reads the pixels around it, not a replicated border: no false edges.
        filter2D(region, gradX, CV_32F, kernelX);
        filter2D(region, gradY, CV_32F, kernelY);
        double pixels = region.total();
        out[0] = gradX.dot(gradX) / pixels;
        out[1] = gradY.dot(gradY) / pixels;
        out[2] = -gradX.dot(gradY) / pixels;
    }

    /**
     * The derivative along x or y over a square of side {@code span}: half the sum of the two
     * differences between its corners, so both derivatives sit at the square's centre (differences of
     * neighbours taken at offset points correlate and favour a diagonal).
     */
    private static Mat difference(int span, boolean alongX) {
        Mat k = new Mat(span + 1, span + 1, CV_32F, new Scalar(0));
        // Rows are y: along x the right column minus the left one, along y the bottom row minus the top one.
        k.ptr(0, 0).putFloat(-0.5f);
        k.ptr(span, span).putFloat(0.5f);
        k.ptr(0, span).putFloat(alongX ? 0.5f : -0.5f);
        k.ptr(span, 0).putFloat(alongX ? -0.5f : 0.5f);
        return k;
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    @Override
    public void close() {
        gradX.close();
        gradY.close();
        fineX.close();
        fineY.close();
        coarseX.close();
        coarseY.close();
    }
}
