package dev.avastream.operators.annotate;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Scalar;

import java.util.List;

import static org.bytedeco.opencv.global.opencv_core.CV_16S;
import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_core.split;
import static org.bytedeco.opencv.global.opencv_core.sumElems;
import static org.bytedeco.opencv.global.opencv_imgproc.Laplacian;

/**
 * Brightness, contrast, colourfulness, sharpness and motion of a frame ({@link VisualMeasures}),
 * all measured on the analysis-size frame.
 *
 * <ul>
 *   <li>brightness, contrast: mean and standard deviation of luma (shared, from {@link FramePlanes});</li>
 *   <li>colourfulness: Hasler and Suesstrunk (2003), M = sigma_rgyb + 0.3 mu_rgyb over the opponent
 *       channels rg = R - G and yb = (R + G) / 2 - B, on the 0..255 scale, divided by 100;</li>
 *   <li>sharpness: variance v of the 3x3 Laplacian of luma, reported as log10(1 + v) / 4 clipped to
 *       0..1, because v spans four decades between a defocused and a crisp frame;</li>
 *   <li>motion: mean absolute luma difference to the previous frame fed, / 255.</li>
 * </ul>
 * No parameters: every number here is defined by the schema.
 *
 * <p>Speed: the opponent channels are never materialised. Their means and variances follow exactly
 * from the per-channel means and variances and the three cross products R.G, R.B, G.B, which OpenCV
 * computes on 8-bit planes with SIMD in a few microseconds each (a float conversion and
 * {@code transform} took ~0.4 ms per frame). Likewise the Laplacian's variance comes from its sum and
 * its dot product with itself ({@code meanStdDev} on 16-bit data is not vectorised).
 */
public final class VisualAnnotator implements FrameAnnotator {

    public static final String NAME = "visual";
    public static final FrameValue<Double> BRIGHTNESS = FrameValue.field("brightness", Double.class);
    public static final FrameValue<Double> CONTRAST = FrameValue.field("contrast", Double.class);
    public static final FrameValue<Double> COLOURFULNESS = FrameValue.field("colourfulness", Double.class);
    public static final FrameValue<Double> SHARPNESS = FrameValue.field("sharpness", Double.class);
    public static final FrameValue<Double> MOTION = FrameValue.field("motion", Double.class);

    private final MatVector channels = new MatVector(3);
    private final Mat laplacian = new Mat();
    private final Mat previousGray = new Mat();
    private final Mat difference = new Mat();
    private final Mat statMean = new Mat();
    private final Mat statStd = new Mat();
    private boolean hasPrevious;

    @Override
    public String name() { return NAME; }

    @Override
    public AnnotatorCost cost() { return AnnotatorCost.PIXEL; }

    /** Motion compares with the previous frame fed: the chunk's first frame needs the pre-roll's last. */
    @Override
    public boolean seesContextFrames() { return true; }

    @Override
    public List<FrameValue<?>> writes() { return List.of(BRIGHTNESS, CONTRAST, COLOURFULNESS, SHARPNESS, MOTION); }

    @Override
    public void annotate(AnalysedFrame frame) {
        VisualMeasures m = measure(frame.planes());
        frame.set(BRIGHTNESS, m.brightness());
        frame.set(CONTRAST, m.contrast());
        frame.set(COLOURFULNESS, m.colourfulness());
        frame.set(SHARPNESS, m.sharpness());
        frame.set(MOTION, m.motion());
    }

    /** Measures the frame currently loaded in {@code frame}. */
    public VisualMeasures measure(FramePlanes frame) {
        double brightness = frame.lumaMean();
        double contrast = frame.lumaStd();
        double colourfulness = colourfulness(frame.bgr());
        double sharpness = sharpness(frame.gray());
        double motion = motion(frame.gray());
        return new VisualMeasures(brightness, contrast, colourfulness, sharpness, motion);
    }

    private double colourfulness(Mat bgr) {
        split(bgr, channels);
        Mat b = channels.get(0);
        Mat g = channels.get(1);
        Mat r = channels.get(2);
        double[] mb = meanAndVariance(b);
        double[] mg = meanAndVariance(g);
        double[] mr = meanAndVariance(r);
        double n = (double) bgr.rows() * bgr.cols();
        // Covariances from raw cross products: cov(X, Y) = E[XY] - E[X] E[Y].
        double covRG = r.dot(g) / n - mr[0] * mg[0];
        double covRB = r.dot(b) / n - mr[0] * mb[0];
        double covGB = g.dot(b) / n - mg[0] * mb[0];
        double muRg = mr[0] - mg[0];
        double muYb = 0.5 * (mr[0] + mg[0]) - mb[0];
        double varRg = mr[1] + mg[1] - 2 * covRG;
        double varYb = 0.25 * (mr[1] + mg[1] + 2 * covRG) + mb[1] - covRB - covGB;
        double m = Math.sqrt(Math.max(0, varRg) + Math.max(0, varYb)) + 0.3 * Math.sqrt(muRg * muRg + muYb * muYb);
        return m / 100.0;
    }

    /** Mean and variance of a single-channel 8-bit plane (meanStdDev is vectorised for 8-bit). */
    private double[] meanAndVariance(Mat plane) {
        meanStdDev(plane, statMean, statStd);
        double sd = NativeReads.doubleAt(statStd, 0);
        return new double[] {NativeReads.doubleAt(statMean, 0), sd * sd};
    }

    private double sharpness(Mat gray) {
        // 16-bit signed holds the 3x3 Laplacian of 8-bit input (|value| <= 4 x 255) without clipping.
        Laplacian(gray, laplacian, CV_16S);
        double n = laplacian.total();
        double mean;
        try (Scalar sum = sumElems(laplacian)) {
            mean = sum.get(0) / n;
        }
        double variance = Math.max(0, laplacian.dot(laplacian) / n - mean * mean);
        return Math.min(1.0, Math.log10(1.0 + variance) / 4.0);
    }

    private double motion(Mat gray) {
        double motion = 0.0;
        if (hasPrevious && previousGray.cols() == gray.cols() && previousGray.rows() == gray.rows()) {
            absdiff(gray, previousGray, difference);
            meanStdDev(difference, statMean, statStd);
            motion = NativeReads.doubleAt(statMean, 0) / 255.0;
        }
        gray.copyTo(previousGray);
        hasPrevious = true;
        return motion;
    }

    @Override
    public void reset() {
        hasPrevious = false;
    }

    @Override
    public void close() {
        channels.close();
        laplacian.close();
        previousGray.close();
        difference.close();
        statMean.close();
        statStd.close();
    }
}
