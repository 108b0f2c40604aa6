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


import static org.bytedeco.opencv.global.opencv_core.flip;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompositionAnnotatorTest {

    private static final int W = SyntheticFrames.WIDTH;
    private static final int H = SyntheticFrames.HEIGHT;

    private final AnnotatorRun run = new AnnotatorRun(new CompositionAnnotator());

    @AfterEach
    void close() {
        run.close();
    }

    private FrameAnnotation annotate(Mat bgr) {
        return run.annotate(bgr);
    }

    /** A dark grey frame with a bright filled disc of radius 12 centred at (x, y). */
    private static Mat blobAt(int x, int y) {
        Mat m = SyntheticFrames.solid(40, 40, 40);
        circle(m, new Point(x, y), 12, new Scalar(230, 230, 230, 0), -1, 8, 0);
        return m;
    }

    @Test
    void aBlobOnAPowerPointScoresHigherThanOneAtTheCentreAndNamesThePoint() {
        FrameAnnotation onPoint = annotate(blobAt(2 * W / 3, H / 3));
        assertEquals(2.0 / 3, onPoint.getSaliencyCentroidX(), 0.03);
        assertEquals(1.0 / 3, onPoint.getSaliencyCentroidY(), 0.03);
        assertEquals(1, onPoint.getThirdsPoint(), "top-right power point");
        assertTrue(onPoint.getThirdsScore() > 0.85, "on a power point: " + onPoint.getThirdsScore());
        assertTrue(onPoint.getThirdsDistance() < 0.025, "distance " + onPoint.getThirdsDistance());

        FrameAnnotation bottomLeft = annotate(blobAt(W / 3, 2 * H / 3));
        assertEquals(2, bottomLeft.getThirdsPoint(), "bottom-left power point");

        FrameAnnotation centred = annotate(blobAt(W / 2, H / 2));
        assertEquals(0.5, centred.getSaliencyCentroidX(), 0.03);
        assertEquals(0.5, centred.getSaliencyCentroidY(), 0.03);
        assertTrue(centred.getThirdsScore() < 0.15, "at the centre: " + centred.getThirdsScore());
        assertEquals(1.0 / 6, centred.getThirdsDistance(), 0.025);
    }

    @Test
    void aMirroredImageIsSymmetricAndARandomOneIsNot() {
        Mat texture = SyntheticFrames.lumaTextureBgr(7, 12);
        Mat left = new Mat(texture, new Rect(0, 0, W / 2, H)).clone();
        Mat mirrored = texture.clone();
        Mat right = new Mat(mirrored, new Rect(W / 2, 0, W / 2, H));
        flip(left, right, 1);
        FrameAnnotation symmetric = annotate(mirrored);
        assertTrue(symmetric.getSymmetry() > 0.95, "mirrored: " + symmetric.getSymmetry());
        FrameAnnotation asymmetric = annotate(texture);
        assertTrue(asymmetric.getSymmetry() < 0.4, "random texture: " + asymmetric.getSymmetry());
    }

    /** A red textured disc of radius 35 in the middle of a grey texture; the background blurred if asked. */
    private static Mat subjectOnBackground(boolean blurBackground) {
        Mat background = SyntheticFrames.withGrain(SyntheticFrames.lumaTextureBgr(3, 3), 20, 5);
        if (blurBackground) {
            GaussianBlur(background, background, new Size(0, 0), 4.0);
        }
        Mat subject = SyntheticFrames.withGrain(SyntheticFrames.texture(9, 3, 200, 100), 20, 6);
        Mat mask = new Mat(H, W, org.bytedeco.opencv.global.opencv_core.CV_8UC1, new Scalar(0));
        circle(mask, new Point(W / 2, H / 2), 35, new Scalar(255), -1, 8, 0);
        subject.copyTo(background, mask);
        return background;
    }

    @Test
    void aSharpSubjectOnABlurredBackgroundHasADeepDepthOfFieldScoreAndAllSharpDoesNot() {
        FrameAnnotation shallow = annotate(subjectOnBackground(true));
        assertTrue(shallow.getDepthOfField() > 0.8, "sharp on blurred: " + shallow.getDepthOfField());
        FrameAnnotation allSharp = annotate(subjectOnBackground(false));
        assertTrue(allSharp.getDepthOfField() > 0.3 && allSharp.getDepthOfField() < 0.7,
                "all sharp: " + allSharp.getDepthOfField());
    }

    @Test
    void aMostlyEmptyFrameHasNegativeSpaceAndLittleComplexityAndABusyTextureTheOpposite() {
        FrameAnnotation empty = annotate(blobAt(W / 3, H / 3));
        assertTrue(empty.getNegativeSpace() > 0.85, "mostly empty: " + empty.getNegativeSpace());
        FrameAnnotation busy = annotate(SyntheticFrames.withGrain(SyntheticFrames.lumaTextureBgr(11, 2), 30, 4));
        assertTrue(busy.getNegativeSpace() < 0.2, "busy texture: " + busy.getNegativeSpace());
        assertTrue(busy.getVisualComplexity() > 3 * empty.getVisualComplexity(),
                "busy " + busy.getVisualComplexity() + " vs empty " + empty.getVisualComplexity());
        assertTrue(busy.getVisualComplexity() > 0.5, "busy: " + busy.getVisualComplexity());
        FrameAnnotation flat = annotate(SyntheticFrames.solid(90, 90, 90));
        assertEquals(1.0, flat.getNegativeSpace(), 1e-9);
        assertEquals(0.0, flat.getVisualComplexity(), 1e-9);
        assertEquals(0.5, flat.getDepthOfField(), 1e-9, "no salient region");
    }

    @Test
    void anAnnotationWithoutTheAnnotatorSaysNotMeasured() {
        FrameAnnotation blank = AnalysedFrame.blankAnnotation(0, 0);
        assertEquals(-1.0, blank.getSaliencyCentroidX());
        assertEquals(-1.0, blank.getSaliencyCentroidY());
        assertEquals(-1.0, blank.getThirdsDistance());
        assertEquals(-1, blank.getThirdsPoint());
        assertEquals(-1.0, blank.getThirdsScore());
        assertEquals(-1.0, blank.getSymmetry());
        assertEquals(-1.0, blank.getDepthOfField());
        assertEquals(-1.0, blank.getNegativeSpace());
        assertEquals(-1.0, blank.getVisualComplexity());
    }
}
