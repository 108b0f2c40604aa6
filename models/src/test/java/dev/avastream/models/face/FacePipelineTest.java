package dev.avastream.models.face;

import dev.avastream.models.TestImages;
import dev.avastream.models.runtime.SessionSettings;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The face pipeline on real photos: faces found, pose signs under mirroring, identities. */
class FacePipelineTest {
    static FacePipeline pipeline;

    @BeforeAll
    static void open() {
        pipeline = new FacePipeline(TestImages.store(), SessionSettings.SINGLE_THREAD);
    }

    @AfterAll
    static void close() throws Exception {
        pipeline.close();
    }

    @Test
    void findsTheFourWomenOfSample6WithOpenEyesAndAPlausibleAnalysis() {
        List<FaceAnalysis> faces = pipeline.analyse(TestImages.load("sample6.jpg"));
        assertEquals(4, faces.size(), faces.toString());
        for (FaceAnalysis f : faces) {
            assertTrue(f.detection().score() > 0.7, "detector score " + f.detection().score());
            assertTrue(f.landmarks().faceScore() > 0.9, "mesh face score " + f.landmarks().faceScore());
            // the detector's eye keypoints and the mesh's eye corners agree on where the eyes are
            double eyeGap = f.detection().rightEye().distance2d(f.detection().leftEye());
            assertTrue(f.detection().rightEye().distance2d(f.landmarks().get(FaceLandmarks.RIGHT_EYE_OUTER)) < eyeGap * 0.6);
            assertTrue(f.eyesAndMouth().eyesOpen(), f.eyesAndMouth().toString());
            double sum = f.expression().probabilities().values().stream().mapToDouble(Double::doubleValue).sum();
            assertEquals(1.0, sum, 1e-3);
            assertTrue(f.identity().maleProbability() < 0.5, "women: " + f.identity());
            assertTrue(f.identity().age() > 10 && f.identity().age() < 60, "adults: " + f.identity().age());
        }
        // three of them smile; the third from the left pouts (checked by eye)
        FaceAnalysis pout = faces.stream().filter(f -> f.detection().box().centerX() > 360 && f.detection().box().centerX() < 480)
                .findFirst().orElseThrow();
        assertTrue(!pout.expression().top().equals("happy"), pout.expression().toString());
        assertEquals(3, faces.stream().filter(f -> f != pout && f.expression().top().equals("happy")).count(), faces.toString());
    }

    @Test
    void theManInTheWebcamShotIsOneMaleUnsmilingFace() {
        List<FaceAnalysis> faces = pipeline.analyse(TestImages.load("webcam.jpg"));
        assertEquals(1, faces.size(), faces.toString());
        FaceAnalysis f = faces.get(0);
        assertTrue(f.identity().maleProbability() > 0.5, "male: " + f.identity().maleProbability());
        assertTrue(f.expression().probability("happy") < 0.3, f.expression().toString());
        assertTrue(!f.eyesAndMouth().mouthOpen(), f.eyesAndMouth().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sample5.jpg", "sample6.jpg"})
    void mirroringTheFrameFlipsYawAndRollAndKeepsIdentity(String image) {
        Mat frame = TestImages.load(image);
        List<FaceAnalysis> faces = pipeline.analyse(frame);
        List<FaceAnalysis> mirrored = pipeline.analyse(TestImages.mirrored(frame));
        assertTrue(faces.size() >= 4, faces.size() + " faces");
        int checkedYaw = 0;
        for (FaceAnalysis f : faces) {
            double mx = frame.cols() - f.detection().box().centerX();
            FaceAnalysis m = mirrored.stream()
                    .min(Comparator.comparingDouble(o -> Math.hypot(o.detection().box().centerX() - mx, o.detection().box().centerY() - f.detection().box().centerY())))
                    .orElseThrow();
            assertTrue(Math.abs(m.detection().box().centerX() - mx) < f.detection().box().width() * 0.25, "mirrored face found for " + f.detection().box());
            if (Math.abs(f.pose().yaw()) > 5) {
                assertTrue(Math.signum(f.pose().yaw()) == -Math.signum(m.pose().yaw()), f.pose() + " vs mirrored " + m.pose());
                assertTrue(Math.signum(f.pose().noseOffset()) == -Math.signum(m.pose().noseOffset()), f.pose() + " vs mirrored " + m.pose());
                checkedYaw++;
            }
            if (Math.abs(f.pose().roll()) > 3) {
                assertTrue(Math.signum(f.pose().roll()) == -Math.signum(m.pose().roll()), f.pose() + " vs mirrored " + m.pose());
            }
            // the same person mirrored is closer than any other person in the photo
            double self = f.identity().similarity(m.identity());
            assertTrue(self > 0.8, "self similarity " + self);
            for (FaceAnalysis other : faces) {
                if (other == f) continue;
                double d = f.identity().similarity(other.identity());
                assertTrue(d < self, "another person " + d + " is closer than the mirrored self " + self);
            }
        }
        assertTrue(checkedYaw >= 2, "too few turned faces to check the yaw sign: " + checkedYaw);
    }

    @Test
    void aFrameWithoutFacesGivesNone() {
        Mat black = new Mat(360, 640, org.bytedeco.opencv.global.opencv_core.CV_8UC3, new org.bytedeco.opencv.opencv_core.Scalar(40, 40, 40, 0));
        assertEquals(List.of(), pipeline.analyse(black));
    }
}
