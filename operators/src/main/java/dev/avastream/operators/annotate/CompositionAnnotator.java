package dev.avastream.operators.annotate;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_core.Moments;

import java.util.List;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_core.flip;
import static org.bytedeco.opencv.global.opencv_core.magnitude;
import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_core.multiply;
import static org.bytedeco.opencv.global.opencv_core.sqrt;
import static org.bytedeco.opencv.global.opencv_core.sumElems;
import static org.bytedeco.opencv.global.opencv_core.transform;
import static org.bytedeco.opencv.global.opencv_core.bitwise_and;
import static org.bytedeco.opencv.global.opencv_core.bitwise_not;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_NEAREST;
import static org.bytedeco.opencv.global.opencv_imgproc.Laplacian;
import static org.bytedeco.opencv.global.opencv_imgproc.Sobel;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY_INV;
import static org.bytedeco.opencv.global.opencv_imgproc.moments;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

/**
 * Composition of the frame: where its salient mass lies against the rule of thirds, how symmetric
 * it is left to right, whether the subject is sharper than its background (depth of field), how
 * much of it is empty, and how busy it is.
 *
 * <p><b>Saliency</b> is the frequency-tuned method of Achanta, Hemami, Estrada and Suesstrunk,
 * "Frequency-tuned Salient Region Detection", CVPR 2009: the saliency of a pixel is the Euclidean
 * distance between its slightly blurred colour and the mean colour of the frame. It runs on the
 * quarter-size YCrCb plane (80x45 at the default analysis size; YCrCb stands in for the paper's
 * Lab, which the shared planes do not carry), so it costs a blur and a few element-wise passes over
 * 3600 pixels. The salient region is the paper's adaptive threshold, saliency at least twice its
 * frame mean, and at least {@value #SALIENT_FLOOR} levels (so that a flat frame has no salient
 * region rather than one made of noise).
 *
 * <p>Faces and person masks are not available yet. When they are, they belong in
 * {@link #saliency}: the map is one float plane, so a later face or person input adds its mask
 * (weighted) to it before the centroid and the salient region are taken, and every measure below
 * follows without change (this annotator then reads the model's {@link FrameValue}).
 *
 * <p>Measures (fields of {@code FrameAnnotation}):
 * <ul>
 * <li>{@code saliencyCentroidX}, {@code saliencyCentroidY}: the centroid of the salient region,
 *     weighted by saliency, 0..1 of the frame's width and height (0.5, 0.5 without a salient region);</li>
 * <li>{@code thirdsDistance}: the centroid's distance to the nearest rule-of-thirds power point
 *     (the crossings of the lines at 1/3 and 2/3), divided by the frame diagonal, 0..1/6 (the
 *     centre is 1/6 away from every power point);</li>
 * <li>{@code thirdsPoint}: which power point is nearest, 0 top-left, 1 top-right, 2 bottom-left,
 *     3 bottom-right;</li>
 * <li>{@code thirdsScore}: {@code 1 - 6 x thirdsDistance}, 1 on a power point, 0 at the centre;</li>
 * <li>{@code symmetry}: left-right symmetry, the normalised correlation of the half-size luma with
 *     its mirror image, clipped to 0..1 (1 mirror-symmetric, 0 uncorrelated or anti-correlated);</li>
 * <li>{@code depthOfField}: foreground against background sharpness,
 *     {@code varIn / (varIn + varOut)} with the variances of the half-size luma's Laplacian inside
 *     and outside the salient region, 0..1: about 0.5 when both are alike (or there is no salient
 *     region, or it covers the frame), towards 1 for a sharp subject on a blurred background,
 *     towards 0 for a blurred subject on a sharp background;</li>
 * <li>{@code negativeSpace}: the share of the quarter-size frame that is neither salient (saliency
 *     below {@value #SALIENT_FLOOR} levels) nor textured (Sobel gradient magnitude below
 *     {@value #FLAT_GRADIENT} levels), 0..1;</li>
 * <li>{@code visualComplexity}: the mean luma gradient magnitude of the half-size frame (Sobel
 *     magnitude / 8, in levels per pixel), divided by {@value #COMPLEXITY_SCALE} and clipped to
 *     0..1: 0 for a flat frame, near 0 for a few isolated edges, towards 1 for dense fine texture.
 *     The mean, not the standard deviation of ITU-T P.910's spatial information, which is large
 *     for a few strong edges on an empty frame.</li>
 * </ul>
 *
 * <p>Stateless, so it runs on the chunk's own frames only.
 */
public final class CompositionAnnotator implements FrameAnnotator {

    /** Least saliency (colour distance from the frame mean, 8-bit levels) counted as salient. */
    public static final double SALIENT_FLOOR = 12.0;
    /** Sobel gradient magnitude (8-bit levels, 3x3 kernel) below which a pixel counts as untextured. */
    public static final double FLAT_GRADIENT = 24.0;
    /** Mean luma slope (8-bit levels per pixel) that maps to a visual complexity of 1 (a dense grainy texture). */
    public static final double COMPLEXITY_SCALE = 20.0;

    public static final FrameValue<Double> SALIENCY_CENTROID_X = FrameValue.field("saliencyCentroidX", Double.class);
    public static final FrameValue<Double> SALIENCY_CENTROID_Y = FrameValue.field("saliencyCentroidY", Double.class);
    public static final FrameValue<Double> THIRDS_DISTANCE = FrameValue.field("thirdsDistance", Double.class);
    public static final FrameValue<Integer> THIRDS_POINT = FrameValue.field("thirdsPoint", Integer.class);
    public static final FrameValue<Double> THIRDS_SCORE = FrameValue.field("thirdsScore", Double.class);
    public static final FrameValue<Double> SYMMETRY = FrameValue.field("symmetry", Double.class);
    public static final FrameValue<Double> DEPTH_OF_FIELD = FrameValue.field("depthOfField", Double.class);
    public static final FrameValue<Double> NEGATIVE_SPACE = FrameValue.field("negativeSpace", Double.class);
    public static final FrameValue<Double> VISUAL_COMPLEXITY = FrameValue.field("visualComplexity", Double.class);

    private final Mat colour = new Mat();
    private final Mat blurred = new Mat();
    private final Mat meanColour = new Mat();
    private final Mat diff = new Mat();
    private final Mat sumWeights = new Mat(1, 3, CV_32F, new Scalar(1.0));
    private final Mat saliency = new Mat();
    private final Mat salientMask = new Mat();
    private final Mat salientWeights = new Mat();
    private final Mat halfMask = new Mat();
    private final Mat outsideMask = new Mat();
    private final Mat mirrored = new Mat();
    private final Mat laplacian = new Mat();
    private final Mat gradX = new Mat();
    private final Mat gradY = new Mat();
    private final Mat gradient = new Mat();
    private final Mat flatMask = new Mat();
    private final Mat quarterGradX = new Mat();
    private final Mat quarterGradY = new Mat();
    private final Mat quarterGradient = new Mat();
    private final Mat stdMean = new Mat();
    private final Mat stdDev = new Mat();

    @Override
    public String name() { return "composition"; }

    @Override
    public AnnotatorCost cost() { return AnnotatorCost.PIXEL; }

    @Override
    public List<FrameValue<?>> writes() {
        return List.of(SALIENCY_CENTROID_X, SALIENCY_CENTROID_Y, THIRDS_DISTANCE, THIRDS_POINT, THIRDS_SCORE,
                SYMMETRY, DEPTH_OF_FIELD, NEGATIVE_SPACE, VISUAL_COMPLEXITY);
    }

    @Override
    public void annotate(AnalysedFrame frame) {
        FramePlanes planes = frame.planes();
        saliency(planes.quarterYCrCb());
        double salientMean = mean(saliency).get(0);
        threshold(saliency, salientMask, Math.max(SALIENT_FLOOR, 2.0 * salientMean), 255, THRESH_BINARY);
        salientMask.convertTo(salientMask, CV_8U);
        Mat half = planes.halfGray();
        thirds(frame);
        frame.set(SYMMETRY, symmetry(half));
        frame.set(DEPTH_OF_FIELD, depthOfField(half));
        frame.set(NEGATIVE_SPACE, negativeSpace(planes.quarterGray()));
        frame.set(VISUAL_COMPLEXITY, visualComplexity(half));
    }

    /** The frequency-tuned saliency map of the quarter-size frame, float levels, into {@link #saliency}. */
    private void saliency(Mat quarterYCrCb) {
        quarterYCrCb.convertTo(colour, CV_32F);
        GaussianBlur(colour, blurred, new Size(3, 3), 0);
        Scalar m = mean(colour);
        if (meanColour.rows() != colour.rows() || meanColour.cols() != colour.cols()) {
            meanColour.create(colour.rows(), colour.cols(), colour.type());
        }
        meanColour.put(m);
        absdiff(blurred, meanColour, diff);
        multiply(diff, diff, diff);
        transform(diff, saliency, sumWeights);
        sqrt(saliency, saliency);
        // A later face or person mask is added to `saliency` here (see the class comment).
    }

    private void thirds(AnalysedFrame frame) {
        // The centroid of the salient region's saliency only: the faint saliency of a large
        // background (its distance from a mean the subject shifted) would pull it to the centre.
        salientWeights.create(saliency.rows(), saliency.cols(), saliency.type());
        salientWeights.put(new Scalar(0.0));
        saliency.copyTo(salientWeights, salientMask);
        Moments mo = moments(salientWeights, false);
        double w = saliency.cols(), h = saliency.rows();
        double cx = mo.m00() > 1e-9 ? (mo.m10() / mo.m00() + 0.5) / w : 0.5;
        double cy = mo.m00() > 1e-9 ? (mo.m01() / mo.m00() + 0.5) / h : 0.5;
        frame.set(SALIENCY_CENTROID_X, cx);
        frame.set(SALIENCY_CENTROID_Y, cy);
        // In pixels of a frame of aspect w:h, so the distance is over the true diagonal.
        RuleOfThirds thirds = RuleOfThirds.of(cx, cy, w / h);
        frame.set(THIRDS_DISTANCE, thirds.distance());
        frame.set(THIRDS_POINT, thirds.point());
        frame.set(THIRDS_SCORE, thirds.score());
    }

    private double symmetry(Mat half) {
        flip(half, mirrored, 1);
        // Pearson's correlation of the two, from exact integer sums (Mat.dot and sumElems on 8-bit
        // planes): what matchTemplate's TM_CCOEFF_NORMED gives for a template the size of the image,
        // without its DFT (0.4 to 0.55 ms a frame against 0.02 to 0.03, the largest cost of this
        // annotator; on the Sintel and Popeye clips every frame's value within 7e-5 of it)
        double n = half.total();
        double sx = sumElems(half).get(0), sy = sumElems(mirrored).get(0);
        double cov = half.dot(mirrored) - sx * sy / n;
        double vx = half.dot(half) - sx * sx / n, vy = mirrored.dot(mirrored) - sy * sy / n;
        // A flat frame has no variance: it is trivially symmetric.
        if (!(vx > 0 && vy > 0)) return 1.0;
        double r = cov / Math.sqrt(vx * vy);
        return Math.min(1.0, Math.max(0.0, r));
    }

    private double depthOfField(Mat half) {
        int salient = countNonZero(salientMask);
        if (salient == 0 || salient == salientMask.total()) return 0.5;
        resize(salientMask, halfMask, half.size(), 0, 0, INTER_NEAREST);
        bitwise_not(halfMask, outsideMask);
        Laplacian(half, laplacian, CV_32F);
        double inside = variance(laplacian, halfMask);
        double outside = variance(laplacian, outsideMask);
        if (inside + outside < 1e-9) return 0.5;
        return inside / (inside + outside);
    }

    private double variance(Mat values, Mat mask) {
        meanStdDev(values, stdMean, stdDev, mask);
        double sd = mean(stdDev).get(0);
        return sd * sd;
    }

    private double negativeSpace(Mat quarterGray) {
        Sobel(quarterGray, quarterGradX, CV_32F, 1, 0);
        Sobel(quarterGray, quarterGradY, CV_32F, 0, 1);
        magnitude(quarterGradX, quarterGradY, quarterGradient);
        threshold(quarterGradient, flatMask, FLAT_GRADIENT, 255, THRESH_BINARY_INV);
        flatMask.convertTo(flatMask, CV_8U);
        threshold(saliency, outsideMask, SALIENT_FLOOR, 255, THRESH_BINARY_INV);
        outsideMask.convertTo(outsideMask, CV_8U);
        bitwise_and(flatMask, outsideMask, flatMask);
        return countNonZero(flatMask) / (double) flatMask.total();
    }

    private double visualComplexity(Mat half) {
        Sobel(half, gradX, CV_32F, 1, 0);
        Sobel(half, gradY, CV_32F, 0, 1);
        magnitude(gradX, gradY, gradient);
        // Sobel's 3x3 kernel gives 8 x the per-pixel slope of a luma ramp.
        double slope = mean(gradient).get(0) / 8.0;
        return Math.min(1.0, slope / COMPLEXITY_SCALE);
    }

    @Override
    public void close() {
        for (Mat m : List.of(colour, blurred, meanColour, diff, sumWeights, saliency, salientMask, salientWeights, halfMask,
                outsideMask, mirrored, laplacian, gradX, gradY, gradient, flatMask, quarterGradX,
                quarterGradY, quarterGradient, stdMean, stdDev)) {
            m.close();
        }
    }
}
