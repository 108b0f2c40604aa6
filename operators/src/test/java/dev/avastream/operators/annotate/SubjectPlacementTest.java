package dev.avastream.operators.annotate;

import dev.avastream.operators.TestPhotos;
import dev.avastream.schema.FrameAnnotation;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The subject's placement: a real face pasted on a rule-of-thirds point and in the centre of the same
 * plain frame, people found by the person mask without a face, and a frame with nobody.
 */
class SubjectPlacementTest {

    private static AnnotatorRun run() {
        return new AnnotatorRun(new FaceAnnotator(FaceAnnotator.Params.defaults()),
                new ObjectAnnotator(ObjectAnnotator.Params.defaults()), new PersonMaskAnnotator(), new SubjectPlacement());
    }

    /** The man's head from webcam.jpg (853x1280), about 90 px tall, pasted centred on (cx, cy) of a plain 320x180 frame. */
    private static Mat faceAt(Mat photo, int cx, int cy) {
        Mat frame = new Mat(180, 320, CV_8UC3, new Scalar(120, 110, 100, 0));
        try (Mat head = new Mat(photo, new Rect(230, 160, 460, 460)); Mat small = new Mat()) {
            resize(head, small, new Size(90, 90), 0, 0, INTER_AREA);
            try (Mat roi = new Mat(frame, new Rect(cx - 45, cy - 45, 90, 90))) {
                small.copyTo(roi);
            }
        }
        return frame;
    }

    @Test
    void aFaceOnAThirdsPointScoresHighAndInTheCentreLow() {
        try (AnnotatorRun run = run(); Mat photo = TestPhotos.photo("webcam.jpg", 853);
             Mat onThirds = faceAt(photo, 107, 60); Mat centred = faceAt(photo, 160, 90)) {
            FrameAnnotation a = run.annotate(onThirds);
            FrameAnnotation b = run.annotate(centred);
            System.out.printf("thirds: %s %.3f %.3f -> %.3f; centre: %s %.3f %.3f -> %.3f%n", a.getSubjectSource(), a.getSubjectX(),
                    a.getSubjectY(), a.getSubjectThirdsScore(), b.getSubjectSource(), b.getSubjectX(), b.getSubjectY(), b.getSubjectThirdsScore());
            assertEquals("FACE", a.getSubjectSource());
            assertEquals("FACE", b.getSubjectSource());
            assertEquals(107 / 320.0, a.getSubjectX(), 0.05);
            assertEquals(60 / 180.0, a.getSubjectY(), 0.08);
            assertTrue(a.getSubjectThirdsScore() > 0.7, "on a power point: " + a.getSubjectThirdsScore());
            assertTrue(b.getSubjectThirdsScore() < 0.3, "in the centre: " + b.getSubjectThirdsScore());
        }
    }

    @Test
    void thePersonMaskPlacesPeopleAndNobodyIsNone() {
        try (AnnotatorRun run = run(); Mat women = TestPhotos.photo("sample6.jpg", 320);
             Mat wall = new Mat(180, 320, CV_8UC3, new Scalar(120, 110, 100, 0))) {
            FrameAnnotation a = run.annotate(women);
            System.out.printf("women: mask %.3f at %.3f %.3f%n", a.getPersonMaskShare(), a.getPersonMaskCentroidX(), a.getPersonMaskCentroidY());
            assertTrue(a.getPersonMaskShare() > 0.15, "four women fill much of the photo: " + a.getPersonMaskShare());
            assertTrue(a.getPersonMaskCentroidX() > 0.25 && a.getPersonMaskCentroidX() < 0.75);
            FrameAnnotation empty = run.annotate(wall);
            // a red disc on a plain frame (the preview test's generated video): the mask may call it a person,
            // the object detector does not, so there is no subject
            try (Mat disc = new Mat(180, 320, CV_8UC3, new Scalar(120, 200, 140, 0))) {
                org.bytedeco.opencv.global.opencv_imgproc.circle(disc, new org.bytedeco.opencv.opencv_core.Point(90, 90), 40,
                        new Scalar(40, 30, 130, 0), -1, 8, 0);
                FrameAnnotation d = run.annotate(disc);
                System.out.printf("disc: mask %.3f persons %d subject %s%n", d.getPersonMaskShare(), d.getPersonCount(), d.getSubjectSource());
                assertEquals("NONE", d.getSubjectSource(), "no person detected: no subject");
            }
            assertTrue(empty.getPersonMaskShare() < 0.01, "an empty wall: " + empty.getPersonMaskShare());
            assertEquals("NONE", empty.getSubjectSource());
            assertEquals(-1.0, empty.getSubjectThirdsScore());
        }
    }

    @Test
    void ruleOfThirdsMeasuresInTheFramesProportions() {
        assertEquals(1.0, RuleOfThirds.of(1 / 3.0, 1 / 3.0, 16 / 9.0).score(), 1e-12);
        assertEquals(3, RuleOfThirds.of(0.7, 0.7, 16 / 9.0).point());
        assertEquals(0.0, RuleOfThirds.of(0.5, 0.5, 16 / 9.0).score(), 1e-12);
        assertEquals(1 / 6.0, RuleOfThirds.of(0.5, 0.5, 1.0).distance(), 1e-12);
    }
}
