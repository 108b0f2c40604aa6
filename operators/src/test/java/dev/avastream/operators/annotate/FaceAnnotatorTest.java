package dev.avastream.operators.annotate;

import dev.avastream.operators.TestPhotos;

import dev.avastream.schema.FaceAnnotation;
import dev.avastream.schema.FrameAnnotation;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Faces on real photos (known counts, by eye once: models' SOURCES.md) and on pictures without any. */
class FaceAnnotatorTest {

    /** What tracks link faces by: the same person must reach it, different people must not. */
    private static final double TRACK_SIMILARITY =
            dev.avastream.operators.config.Tunables.FACE_TRACK_SIMILARITY.defaultValue();

    @Test
    void findsTheFacesOfRealPhotosWithEveryMeasure() {
        try (AnnotatorRun run = new AnnotatorRun(new FaceAnnotator(FaceAnnotator.Params.defaults()));
             Mat webcam = TestPhotos.photo("webcam.jpg", 320); Mat four = TestPhotos.photo("sample6.jpg", 640)) {
            FrameAnnotation one = run.annotate(webcam);
            assertEquals(1, one.getFaceCount(), one.getFaces().toString());
            FaceAnnotation f = one.getFaces().get(0);
            System.out.printf("webcam face: x %.3f y %.3f w %.3f h %.3f share %.3f sharp %.3f yaw %.1f pitch %.1f roll %.1f eye %.2f mouth %.2f %s%n",
                    f.getX(), f.getY(), f.getWidth(), f.getHeight(), f.getShare(), f.getSharpness(), f.getYaw(),
                    f.getPitch(), f.getRoll(), f.getEyeOpenness(), f.getMouthOpenness(), f.getExpression());
            assertEquals(12, f.getLandmarks().size(), "six keypoints, x and y");
            assertEquals(1024, f.getIdentity().remaining(), "identity embedding as bytes");
            assertEquals(1.0, FaceAnnotator.similarity(f.getIdentity(), f.getIdentity()), 1e-9);
            assertEquals(1.0, f.getExpressions().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-3);
            assertTrue(f.getShare() > 0 && f.getShare() < 0.5, "share " + f.getShare());
            assertEquals(f.getShare(), one.getLargestFaceShare(), 1e-12);
            assertTrue(f.getEyesOpen(), "a man looking at his webcam");
            assertTrue(Math.abs(f.getRoll()) < 20, "roll " + f.getRoll());
            assertTrue(f.getSharpness() > 0, "sharpness " + f.getSharpness());
            // keypoints inside the box
            assertTrue(f.getLandmarks().get(0) > f.getX() && f.getLandmarks().get(0) < f.getX() + f.getWidth());

            FrameAnnotation many = run.annotate(four);
            assertEquals(4, many.getFaceCount(), "sample6 shows four women");
            // four different people: their identities are less alike than a face with itself
            List<FaceAnnotation> fs = many.getFaces();
            double max = -1;
            for (int i = 0; i < fs.size(); i++) {
                for (int j = i + 1; j < fs.size(); j++) {
                    double s = FaceAnnotator.similarity(fs.get(i).getIdentity(), fs.get(j).getIdentity());
                    System.out.printf("faces %d and %d alike %.3f%n", i, j, s);
                    max = Math.max(max, s);
                }
            }
            assertTrue(max < TRACK_SIMILARITY, "four women, most alike pair " + max);
            assertTrue(fs.get(0).getShare() >= fs.get(fs.size() - 1).getShare(), "largest first");
        }
    }

    @Test
    void aBlurredFaceIsLessSharpAndTheSamePerson() {
        try (AnnotatorRun run = new AnnotatorRun(new FaceAnnotator(FaceAnnotator.Params.defaults()));
             Mat webcam = TestPhotos.photo("webcam.jpg", 320); Mat blurred = new Mat()) {
            GaussianBlur(webcam, blurred, new Size(0, 0), 2.0);
            FaceAnnotation sharp = run.annotate(webcam).getFaces().get(0);
            FrameAnnotation b = run.annotate(blurred);
            assertEquals(1, b.getFaceCount());
            FaceAnnotation soft = b.getFaces().get(0);
            double alike = FaceAnnotator.similarity(sharp.getIdentity(), soft.getIdentity());
            System.out.printf("sharpness %.3f -> %.3f, identity similarity %.3f%n", sharp.getSharpness(), soft.getSharpness(), alike);
            assertTrue(soft.getSharpness() < sharp.getSharpness() - 0.05, sharp.getSharpness() + " -> " + soft.getSharpness());
            assertTrue(alike > TRACK_SIMILARITY, "the same man blurred: " + alike);
        }
    }

    @Test
    void noFacesInPicturesWithoutPeople() {
        try (AnnotatorRun run = new AnnotatorRun(new FaceAnnotator(FaceAnnotator.Params.defaults()));
             Mat noise = new Mat(180, 320, CV_8UC3); Mat flat = new Mat(180, 320, CV_8UC3, new Scalar(90, 140, 60, 0))) {
            byte[] px = new byte[320 * 180 * 3];
            new java.util.Random(3).nextBytes(px);
            noise.data().put(px);
            for (Mat m : new Mat[] {noise, flat}) {
                FrameAnnotation a = run.annotate(m);
                assertEquals(0, a.getFaceCount());
                assertTrue(a.getFaces().isEmpty());
                assertEquals(0.0, a.getLargestFaceShare());
            }
        }
    }

    @Test
    void quantisedIdentitiesKeepTheirSimilarity() {
        float[] a = new float[1024], b = new float[1024];
        java.util.Random r = new java.util.Random(7);
        double na = 0, nb = 0, dot = 0;
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) r.nextGaussian();
            b[i] = (float) (0.6 * a[i] + 0.8 * r.nextGaussian());
        }
        for (int i = 0; i < a.length; i++) { na += a[i] * a[i]; nb += b[i] * b[i]; }
        for (int i = 0; i < a.length; i++) { a[i] /= (float) Math.sqrt(na); b[i] /= (float) Math.sqrt(nb); dot += a[i] * b[i]; }
        double q = FaceAnnotator.similarity(FaceAnnotator.quantise(a), FaceAnnotator.quantise(b));
        assertEquals(dot, q, 0.02);
        assertFalse(FaceAnnotator.similarity(null, FaceAnnotator.quantise(a)) != 0);
    }
}
