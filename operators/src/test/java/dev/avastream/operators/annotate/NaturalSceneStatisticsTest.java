package dev.avastream.operators.annotate;

import dev.avastream.operators.SyntheticFrames;
import dev.avastream.schema.FrameAnnotation;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NaturalSceneStatisticsTest {

    private final AnnotatorRun run = new AnnotatorRun(new NaturalSceneStatistics());

    @AfterEach
    void close() {
        run.close();
    }

    private FrameAnnotation annotate(Mat bgr) {
        return run.annotate(bgr);
    }

    private static Mat blurred(Mat bgr, double sigma) {
        Mat out = new Mat();
        GaussianBlur(bgr, out, new Size(0, 0), sigma);
        return out;
    }

    private static Mat photo() {
        Path file = Path.of("../models/src/test/resources/images/sample1.jpg");
        if (!Files.isRegularFile(file)) return null;
        Mat full = imread(file.toString());
        Mat small = new Mat();
        resize(full, small, new Size(SyntheticFrames.WIDTH, SyntheticFrames.HEIGHT), 0, 0, INTER_AREA);
        return small;
    }

    /** How much of per-channel BGR noise reaches luma (BT.601 weights, independent channels). */
    private static final double LUMA_NOISE = Math.sqrt(0.299 * 0.299 + 0.587 * 0.587 + 0.114 * 0.114);

    @Test
    void estimatesTheNoiseThatWasAdded() {
        Mat texture = SyntheticFrames.texture(3, 6, 140, 120);
        double clean = annotate(texture).getNoiseSigma();
        assertTrue(clean < 0.5, "a smooth texture without grain reads as almost no noise: " + clean);
        double previous = clean;
        for (double sigma : new double[] {5, 10, 20}) {
            double estimate = annotate(SyntheticFrames.withGrain(texture, sigma, 7)).getNoiseSigma();
            double expected = sigma * LUMA_NOISE;
            assertEquals(expected, estimate, 0.1 * expected, "grain of " + sigma + " per channel");
            assertTrue(estimate > previous, "more grain, more noise");
            previous = estimate;
        }
    }

    @Test
    void momentMatchingRecoversKnownShapes() {
        // (E|x|)^2 / E[x^2] is 2/pi for a Gaussian (shape 2) and 1/2 for a Laplacian (shape 1).
        assertEquals(2.0, NaturalSceneStatistics.shapeForRatio(2 / Math.PI), 0.002);
        assertEquals(1.0, NaturalSceneStatistics.shapeForRatio(0.5), 0.002);
        assertEquals(0.5 * Math.log(Math.PI), NaturalSceneStatistics.logGamma(0.5), 1e-12, "Gamma(1/2) = sqrt(pi)");
        assertEquals(Math.log(24), NaturalSceneStatistics.logGamma(5), 1e-12, "Gamma(5) = 4!");
    }

    @Test
    void aFlatFrameHasThePeakiestShapeAndATexturedOneDoesNot() {
        assertEquals(0.2, annotate(SyntheticFrames.solid(90, 120, 150)).getMscnShape(), 1e-9,
                "a flat frame has no contrast to normalise: every coefficient is zero");
        double textured = annotate(SyntheticFrames.texture(3, 6, 140, 120)).getMscnShape();
        assertTrue(textured > 1.0 && textured < 4.0, "a textured frame's coefficients spread: " + textured);
    }

    @Test
    void onAPhotoGrainRaisesTheShapeAndBlurRemovesTheNoise() {
        Mat photo = photo();
        Assumptions.assumeTrue(photo != null, "the sample photo of models/ is not beside this module");
        FrameAnnotation original = annotate(photo);
        FrameAnnotation grainy = annotate(SyntheticFrames.withGrain(photo, 10, 7));
        FrameAnnotation soft = annotate(blurred(photo, 1.5));
        assertTrue(grainy.getMscnShape() > original.getMscnShape() + 0.5, original.getMscnShape() + " -> " + grainy.getMscnShape());
        assertTrue(grainy.getNoiseSigma() > original.getNoiseSigma() + 3, original.getNoiseSigma() + " -> " + grainy.getNoiseSigma());
        assertTrue(soft.getNoiseSigma() < original.getNoiseSigma(), original.getNoiseSigma() + " -> " + soft.getNoiseSigma());
    }

    @Test
    void anAnnotationWithoutTheAnnotatorSaysNotMeasured() {
        FrameAnnotation blank = AnalysedFrame.blankAnnotation(0, 0);
        assertEquals(-1.0, blank.getMscnShape());
        assertEquals(-1.0, blank.getNoiseSigma());
    }
}
