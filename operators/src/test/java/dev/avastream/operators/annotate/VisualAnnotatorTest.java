package dev.avastream.operators.annotate;

import dev.avastream.operators.SyntheticFrames;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VisualAnnotatorTest {

    private final FramePlanes planes = new FramePlanes();
    private final VisualAnnotator annotator = new VisualAnnotator();

    @AfterEach
    void close() {
        planes.close();
        annotator.close();
    }

    private VisualMeasures measure(Mat bgr) {
        return annotator.measure(planes.load(0, 0, false, bgr));
    }

    @Test
    void blackFrameIsDarkFlatGreyAndUnsharp() {
        VisualMeasures m = measure(SyntheticFrames.solid(0, 0, 0));
        assertEquals(0.0, m.brightness(), 1e-9);
        assertEquals(0.0, m.contrast(), 1e-9);
        assertEquals(0.0, m.colourfulness(), 1e-9);
        assertEquals(0.0, m.sharpness(), 1e-9);
        assertEquals(0.0, m.motion(), 1e-9, "first frame has no motion");
    }

    @Test
    void whiteFrameHasFullBrightness() {
        assertEquals(1.0, measure(SyntheticFrames.solid(255, 255, 255)).brightness(), 1e-9);
        assertEquals(128 / 255.0, measure(SyntheticFrames.solid(128, 128, 128)).brightness(), 1e-9);
    }

    @Test
    void halfBlackHalfWhiteHasMaximalContrast() {
        Mat m = SyntheticFrames.solid(0, 0, 0);
        rectangle(m, new Rect(0, 0, SyntheticFrames.WIDTH / 2, SyntheticFrames.HEIGHT), new Scalar(255, 255, 255, 0), -1, 8, 0);
        VisualMeasures v = measure(m);
        assertEquals(0.5, v.brightness(), 1e-9);
        assertEquals(0.5, v.contrast(), 1e-9);
    }

    @Test
    void colourBarsAreMoreColourfulThanGrey() {
        Mat bars = SyntheticFrames.solid(0, 0, 0);
        int[][] colours = {{255, 255, 255}, {0, 255, 255}, {255, 255, 0}, {0, 255, 0}, {255, 0, 255}, {0, 0, 255}, {255, 0, 0}, {0, 0, 0}};
        int w = SyntheticFrames.WIDTH / colours.length;
        for (int i = 0; i < colours.length; i++) {
            rectangle(bars, new Rect(i * w, 0, w, SyntheticFrames.HEIGHT),
                    new Scalar(colours[i][0], colours[i][1], colours[i][2], 0), -1, 8, 0);
        }
        double coloured = measure(bars).colourfulness();
        double grey = measure(SyntheticFrames.lumaTextureBgr(3, 12)).colourfulness();
        assertTrue(coloured > 0.8, "colour bars colourfulness " + coloured);
        assertEquals(0.0, grey, 1e-6);
        assertTrue(coloured > grey + 0.5);
    }

    @Test
    void colourfulnessMatchesHaslerSuesstrunkComputedPixelByPixel() {
        Mat frame = SyntheticFrames.texture(11, 8, 170, 100);
        double expected = referenceColourfulness(frame);
        assertEquals(expected, measure(frame).colourfulness(), 1e-4);
        assertTrue(expected > 0.2, "test frame should be tinted, got " + expected);
    }

    @Test
    void blurredImageIsLessSharpThanTheOriginal() {
        Mat sharp = SyntheticFrames.texture(5, 3, 128, 128);
        Mat blurred = new Mat();
        GaussianBlur(sharp, blurred, new Size(0, 0), 2.5);
        double s = measure(sharp).sharpness();
        double b = measure(blurred).sharpness();
        assertTrue(s > b + 0.1, "sharp " + s + " vs blurred " + b);
        assertTrue(s <= 1.0 && b >= 0.0);
    }

    @Test
    void motionIsMeanAbsoluteLumaChangeFromThePreviousFrame() {
        measure(SyntheticFrames.solid(100, 100, 100));
        assertEquals(0.0, measure(SyntheticFrames.solid(100, 100, 100)).motion(), 1e-9);
        assertEquals(20 / 255.0, measure(SyntheticFrames.solid(120, 120, 120)).motion(), 1e-9);
        annotator.reset();
        assertEquals(0.0, measure(SyntheticFrames.solid(0, 0, 0)).motion(), 1e-9, "reset forgets the previous frame");
    }

    /** Hasler and Suesstrunk's M / 100, straight from the definition, one pixel at a time. */
    private static double referenceColourfulness(Mat bgr) {
        UByteIndexer px = bgr.createIndexer();
        int n = bgr.rows() * bgr.cols();
        double sumRg = 0, sumYb = 0, sumRg2 = 0, sumYb2 = 0;
        for (int y = 0; y < bgr.rows(); y++) {
            for (int x = 0; x < bgr.cols(); x++) {
                double b = px.get(y, x, 0), g = px.get(y, x, 1), r = px.get(y, x, 2);
                double rg = r - g, yb = 0.5 * (r + g) - b;
                sumRg += rg;
                sumYb += yb;
                sumRg2 += rg * rg;
                sumYb2 += yb * yb;
            }
        }
        double muRg = sumRg / n, muYb = sumYb / n;
        double varRg = sumRg2 / n - muRg * muRg, varYb = sumYb2 / n - muYb * muYb;
        return (Math.sqrt(varRg + varYb) + 0.3 * Math.sqrt(muRg * muRg + muYb * muYb)) / 100.0;
    }
}
