package dev.avastream.operators.annotate;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

import java.util.List;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.divide;
import static org.bytedeco.opencv.global.opencv_core.multiply;
import static org.bytedeco.opencv.global.opencv_core.norm;
import static org.bytedeco.opencv.global.opencv_core.NORM_L1;
import static org.bytedeco.opencv.global.opencv_core.NORM_L2;
import static org.bytedeco.opencv.global.opencv_core.sqrt;
import static org.bytedeco.opencv.global.opencv_core.subtract;
import static org.bytedeco.opencv.global.opencv_imgproc.sepFilter2D;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_TOZERO;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;

/**
 * No-reference image quality features: natural scene statistics and the noise level.
 *
 * <p><b>MSCN shape.</b> The mean-subtracted contrast-normalised coefficients of the luma plane,
 * {@code (I - mu) / (sigma + 1)} with {@code mu} and {@code sigma} the local mean and deviation in a
 * 7x7 Gaussian window (sigma 7/6), are the basis of BRISQUE (Mittal, Moorthy and Bovik, "No-Reference
 * Image Quality Assessment in the Spatial Domain", IEEE TIP 2012). Their distribution is fitted with a
 * generalised Gaussian by moment matching ({@code (E|x|)^2 / E[x^2]} against
 * {@code Gamma(2/a)^2 / (Gamma(1/a) Gamma(3/a))}); the shape {@code a} is published as
 * {@link #MSCN_SHAPE}. It depends on content as much as on distortion, so it is a feature, not a
 * score: BRISQUE
 * maps such features to a quality score with a support vector regressor trained on rated images,
 * which this project cannot ship (no model hubs) and does not fake: the feature itself is published
 * for the ranker to weigh. (Measured here on the half-size plane: a photo about 2.0, the same photo
 * with Gaussian grain of 10 grey levels about 2.8, blurred about 2.3; a flat frame the minimum 0.2.)
 *
 * <p><b>Noise.</b> {@link #NOISE_SIGMA}: the standard deviation of additive noise in grey levels,
 * Immerkaer's fast estimate ("Fast Noise Variance Estimation", CVIU 1996): the mean absolute response
 * to the kernel {@code [1 -2 1; -2 4 -2; 1 -2 1]}, which cancels linear ramps, times
 * {@code sqrt(pi/2) / 6}. Strong fine texture reads as some noise (the method's known bias).
 *
 * <p>Not measured: blockiness. The analysis frames are resampled from the decoded picture (a 1080p
 * frame is scaled to a quarter of its width), so the codec's 8x8 block grid no longer lines up with
 * any grid in them.
 *
 * <p>Cost: a handful of float filters over the half-size luma plane and one 3x3 filter over the
 * analysis-size one.
 * Stateless, so it runs on the chunk's own frames only.
 */
public final class NaturalSceneStatistics implements FrameAnnotator {

    public static final FrameValue<Double> MSCN_SHAPE = FrameValue.field("mscnShape", Double.class);
    public static final FrameValue<Double> NOISE_SIGMA = FrameValue.field("noiseSigma", Double.class);

    private static final double[] SHAPES = new double[9801];
    private static final double[] RATIOS = new double[SHAPES.length];

    static {
        // The generalised Gaussian's moment ratio for shapes 0.2 .. 10, the range BRISQUE searches.
        for (int i = 0; i < SHAPES.length; i++) {
            double a = 0.2 + i * 0.001;
            SHAPES[i] = a;
            RATIOS[i] = Math.exp(2 * logGamma(2 / a) - logGamma(1 / a) - logGamma(3 / a));
        }
    }

    private final Mat luma = new Mat(), mu = new Mat(), muSquared = new Mat(), squared = new Mat(),
            localSquared = new Mat(), deviation = new Mat(), centred = new Mat(), mscn = new Mat(),
            response = new Mat(), noMask = new Mat();
    /** Immerkaer's kernel is separable: [1 -2 1] down times [1 -2 1] across (SIMD in OpenCV, unlike 8-bit filter2D). */
    private final Mat kernel = new Mat(1, 3, CV_32F);
    private final Mat lumaFull = new Mat();
    private final Size window = new Size(7, 7);

    public NaturalSceneStatistics() {
        float[] k = {1, -2, 1};
        for (int i = 0; i < k.length; i++) kernel.ptr(0, i).putFloat(k[i]);
    }

    @Override
    public String name() { return "nss"; }

    @Override
    public AnnotatorCost cost() { return AnnotatorCost.PIXEL; }

    @Override
    public List<FrameValue<?>> writes() { return List.of(MSCN_SHAPE, NOISE_SIGMA); }

    @Override
    public void annotate(AnalysedFrame frame) {
        // The shape on the half-size plane (BRISQUE's second scale; a quarter of the pixels), the noise on
        // the full analysis-size plane, where averaging has not yet smoothed it away.
        frame.planes().halfGray().convertTo(luma, CV_32F);
        frame.set(MSCN_SHAPE, mscnShape());
        frame.set(NOISE_SIGMA, noiseSigma(frame.planes().gray()));
    }

    /** The generalised-Gaussian shape of the frame's MSCN coefficients (see the class comment). */
    private double mscnShape() {
        GaussianBlur(luma, mu, window, 7.0 / 6.0);
        multiply(luma, luma, squared);
        GaussianBlur(squared, localSquared, window, 7.0 / 6.0);
        multiply(mu, mu, muSquared);
        subtract(localSquared, muSquared, deviation);
        threshold(deviation, deviation, 0, 0, THRESH_TOZERO); // rounding can make the variance a hair negative
        sqrt(deviation, deviation);
        deviation.convertTo(deviation, CV_32F, 1.0, 1.0); // sigma + 1: no division by zero in flat areas
        subtract(luma, mu, centred);
        divide(centred, deviation, mscn);

        double n = mscn.total();
        double meanAbs = norm(mscn, NORM_L1, noMask) / n;
        double l2 = norm(mscn, NORM_L2, noMask);
        double meanSquare = l2 * l2 / n;
        if (meanSquare <= 1e-12) return SHAPES[0]; // a flat frame: all coefficients zero, infinitely peaky
        return shapeForRatio(meanAbs * meanAbs / meanSquare);
    }

    /** Immerkaer's noise sigma in grey levels, over the interior of the 8-bit luma plane. */
    private double noiseSigma(Mat gray) {
        gray.convertTo(lumaFull, CV_32F);
        sepFilter2D(lumaFull, response, CV_32F, kernel, kernel);
        int w = gray.cols(), h = gray.rows();
        if (w < 3 || h < 3) return 0.0;
        try (Rect interior = new Rect(1, 1, w - 2, h - 2); Mat inner = new Mat(response, interior)) {
            return Math.sqrt(Math.PI / 2) * norm(inner, NORM_L1, noMask) / (6.0 * (w - 2) * (h - 2));
        }
    }

    /** The shape whose moment ratio is nearest {@code ratio} (the ratio rises with the shape). */
    static double shapeForRatio(double ratio) {
        int lo = 0, hi = RATIOS.length - 1;
        if (ratio <= RATIOS[lo]) return SHAPES[lo];
        if (ratio >= RATIOS[hi]) return SHAPES[hi];
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (RATIOS[mid] < ratio) lo = mid; else hi = mid;
        }
        return ratio - RATIOS[lo] < RATIOS[hi] - ratio ? SHAPES[lo] : SHAPES[hi];
    }

    /** ln Gamma(x) for x > 0 (Lanczos, g = 7, 9 terms: about 15 significant digits). */
    static double logGamma(double x) {
        if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
        double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
                -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
                1.5056327351493116e-7};
        x -= 1;
        double a = c[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++) a += c[i] / (x + i);
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
    }

    @Override
    public void close() {
        window.close();
        for (Mat m : new Mat[] {luma, mu, muSquared, squared, localSquared, deviation, centred, mscn, response, noMask, kernel, lumaFull}) {
            m.close();
        }
    }
}
