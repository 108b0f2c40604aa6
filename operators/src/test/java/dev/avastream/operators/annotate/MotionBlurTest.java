package dev.avastream.operators.annotate;

import dev.avastream.operators.SyntheticFrames;
import dev.avastream.schema.FrameAnnotation;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REFLECT;
import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.filter2D;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Known smears of a textured image: a line kernel of known length and direction (a linear motion
 * blur) against the sharp image and an isotropic Gaussian blur of the same spread.
 */
class MotionBlurTest {

    /** Length of the motion-blur line kernel, pixels; a Gaussian of the same standard deviation has sigma L / sqrt(12). */
    private static final int LENGTH = 11;

    private final AnnotatorRun annotator = new AnnotatorRun(new CompositionAnnotator(), new MotionBlur());
    /** Fine random texture: every direction has detail. */
    private final Mat sharp = SyntheticFrames.texture(3, 1.5, 128, 128);

    @AfterEach
    void close() {
        annotator.close();
        sharp.close();
    }

    /** {@code image} smeared along a line of {@link #LENGTH} pixels: horizontal (dx 1, dy 0), vertical (0, 1), diagonal (1, 1). */
    private static Mat smear(Mat image, int dx, int dy) {
        int side = LENGTH;
        Mat kernel = new Mat(side, side, CV_32F, new Scalar(0));
        int c = side / 2;
        for (int k = -c; k <= c; k++) kernel.ptr(c + k * dy, c + k * dx).putFloat(1f / side);
        Mat out = new Mat();
        try (Point anchor = new Point(-1, -1)) {
            filter2D(image, out, -1, kernel, anchor, 0, BORDER_REFLECT);
        }
        kernel.close();
        return out;
    }

    private static Mat gaussian(Mat image) {
        Mat out = new Mat();
        try (Size auto = new Size(0, 0)) {
            GaussianBlur(image, out, auto, LENGTH / Math.sqrt(12));
        }
        return out;
    }

    /** The smaller difference between two directions in degrees (180 apart is the same direction). */
    private static double angleBetween(double a, double b) {
        double d = Math.abs(a - b) % 180;
        return Math.min(d, 180 - d);
    }

    @Test
    void aSharpTextureHasLittleDirectionalBlur() {
        FrameAnnotation a = annotator.annotate(sharp);
        assertTrue(a.getMotionBlur() >= 0 && a.getMotionBlur() < 0.2, "sharp: " + a.getMotionBlur());
    }

    @Test
    void aHorizontalSmearIsHighAndHorizontal() {
        try (Mat blurred = smear(sharp, 1, 0)) {
            FrameAnnotation a = annotator.annotate(blurred);
            assertTrue(a.getMotionBlur() > 0.4, "smeared: " + a.getMotionBlur());
            assertTrue(angleBetween(a.getMotionBlurAngle(), 0) < 5, "horizontal: " + a.getMotionBlurAngle());
        }
    }

    @Test
    void aVerticalSmearIsHighAndVertical() {
        try (Mat blurred = smear(sharp, 0, 1)) {
            FrameAnnotation a = annotator.annotate(blurred);
            assertTrue(a.getMotionBlur() > 0.4, "smeared: " + a.getMotionBlur());
            assertTrue(angleBetween(a.getMotionBlurAngle(), 90) < 5, "vertical: " + a.getMotionBlurAngle());
        }
    }

    @Test
    void aDiagonalSmearDownToTheRightIsAt135Degrees() {
        // Rows run down: a kernel from top-left to bottom-right is 135 degrees counter-clockwise on screen.
        try (Mat blurred = smear(sharp, 1, 1)) {
            FrameAnnotation a = annotator.annotate(blurred);
            assertTrue(a.getMotionBlur() > 0.5, "smeared: " + a.getMotionBlur());
            assertTrue(angleBetween(a.getMotionBlurAngle(), 135) < 8, "diagonal: " + a.getMotionBlurAngle());
        }
    }

    @Test
    void anIsotropicBlurOfTheSameSpreadReadsFarLowerThanASmear() {
        try (Mat soft = gaussian(sharp); Mat smeared = smear(sharp, 1, 0)) {
            double isotropic = annotator.annotate(soft).getMotionBlur();
            double directional = annotator.annotate(smeared).getMotionBlur();
            assertTrue(isotropic >= 0 && isotropic < 0.2, "Gaussian: " + isotropic);
            assertTrue(directional > isotropic + 0.3, "smear " + directional + " against Gaussian " + isotropic);
        }
    }

    @Test
    void aFlatFrameIsNotMeasured() {
        try (Mat flat = new Mat(SyntheticFrames.HEIGHT, SyntheticFrames.WIDTH, CV_8UC3, new Scalar(90, 120, 140, 0))) {
            FrameAnnotation a = annotator.annotate(flat);
            assertEquals(-1.0, a.getMotionBlur());
            assertEquals(-1.0, a.getMotionBlurAngle());
        }
    }

    /**
     * The measure follows the subject: a colourful subject smeared on a sharp grey background reads
     * blurred, the same subject sharp on a smeared background (the camera tracking it) reads sharp.
     */
    @Test
    void theSalientSubjectDecidesNotTheBackground() {
        Rect place = new Rect(190, 25, 100, 80);
        try (Mat subject = SyntheticFrames.texture(9, 1.5, 200, 60);
             Mat smearedSubject = smear(subject, 1, 0);
             Mat smearedBackground = smear(sharp, 1, 0);
             Mat movingSubject = sharp.clone();
             Mat trackedSubject = smearedBackground.clone()) {
            smearedSubject.apply(place).copyTo(movingSubject.apply(place));
            subject.apply(place).copyTo(trackedSubject.apply(place));
            FrameAnnotation moving = annotator.annotate(movingSubject);
            FrameAnnotation tracked = annotator.annotate(trackedSubject);
            assertTrue(moving.getSaliencyCentroidX() > 0.55, "the subject is salient: " + moving.getSaliencyCentroidX());
            assertTrue(moving.getMotionBlur() > 0.4, "smeared subject: " + moving.getMotionBlur());
            assertTrue(tracked.getMotionBlur() < 0.2, "sharp subject on a smeared background: " + tracked.getMotionBlur());
        }
        place.close();
    }

    /**
     * Sharp horizontal bars of random heights and greys, cut by a few vertical edges (a screen, a
     * blind): almost all gradient is vertical, yet nothing is smeared. Gradient energy by direction
     * reads this as a strong horizontal smear; sharpness by direction does not, and still sees the
     * same bars smeared horizontally.
     */
    @Test
    void sharpStructureOfOneOrientationIsNotASmear() {
        try (Mat bars = bars(3); Mat smeared = smear(bars, 1, 0)) {
            double sharpBars = annotator.annotate(bars).getMotionBlur();
            FrameAnnotation s = annotator.annotate(smeared);
            assertTrue(sharpBars >= 0 && sharpBars < 0.35, "sharp bars: " + sharpBars);
            assertTrue(s.getMotionBlur() > sharpBars + 0.2, "smeared bars " + s.getMotionBlur() + " against " + sharpBars);
            assertTrue(angleBetween(s.getMotionBlurAngle(), 0) < 5, "horizontal: " + s.getMotionBlurAngle());
        }
    }

    private static Mat bars(int seed) {
        java.util.Random random = new java.util.Random(seed);
        Mat m = new Mat(SyntheticFrames.HEIGHT, SyntheticFrames.WIDTH, CV_8UC3, new Scalar(100, 100, 100, 0));
        for (int y = 0; y < m.rows(); ) {
            int height = Math.min(3 + random.nextInt(10), m.rows() - y);
            for (int x = 0; x < m.cols(); ) {
                int width = Math.min(30 + random.nextInt(120), m.cols() - x);
                int grey = 30 + random.nextInt(200);
                try (Rect r = new Rect(x, y, width, height); Mat bar = m.apply(r)) {
                    bar.put(new Scalar(grey, grey, grey, 0));
                }
                x += width;
            }
            y += height;
        }
        return m;
    }
}
