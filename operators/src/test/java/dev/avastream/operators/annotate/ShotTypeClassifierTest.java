package dev.avastream.operators.annotate;

import dev.avastream.operators.TestPhotos;
import dev.avastream.operators.annotate.ShotTypeClassifier.ShotType;
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
import static org.junit.jupiter.api.Assertions.assertThrows;

class ShotTypeClassifierTest {

    private final ShotTypeClassifier classifier = new ShotTypeClassifier(ShotTypeClassifier.Params.defaults());

    @Test
    void faceHeightDecidesAndPersonHeightStandsInWithoutAUsableFace() {
        assertEquals(ShotType.EXTREME_CLOSE_UP, classifier.classify(0.7, 1.0));
        assertEquals(ShotType.CLOSE_UP, classifier.classify(0.35, 1.0));
        assertEquals(ShotType.MEDIUM, classifier.classify(0.12, 0.9));
        // face turned away (none found): the person's height decides
        assertEquals(ShotType.MEDIUM, classifier.classify(0, 0.95));
        assertEquals(ShotType.LONG, classifier.classify(0.04, 0.6));
        assertEquals(ShotType.EXTREME_LONG, classifier.classify(0, 0.1));
        assertEquals(ShotType.LONG, classifier.classify(0.03, 0));
        assertEquals(ShotType.NO_PEOPLE, classifier.classify(0, 0));
    }

    @Test
    void thresholdsMustBeOrdered() {
        assertThrows(IllegalArgumentException.class, () -> new ShotTypeClassifier.Params(0.2, 0.3, 0.1, 0.85, 0.3));
        assertThrows(IllegalArgumentException.class, () -> new ShotTypeClassifier.Params(0.55, 0.22, 0.09, 0.3, 0.5));
    }

    /** The same photo framed tighter and wider reads closer and farther; an empty frame has no people. */
    @Test
    void realFramingsFromTheModels() {
        try (AnnotatorRun run = new AnnotatorRun(new FaceAnnotator(FaceAnnotator.Params.defaults()),
                new ObjectAnnotator(ObjectAnnotator.Params.defaults()), new ShotTypeClassifier(ShotTypeClassifier.Params.defaults()));
             Mat photo = TestPhotos.photo("webcam.jpg", 853);
             Mat empty = new Mat(180, 320, CV_8UC3, new Scalar(70, 110, 150, 0))) {
            // webcam.jpg is 853x1280 with the man's face in its upper half: a tight crop round the face and the whole picture
            FrameAnnotation tight = run.annotate(scaled(photo, new Rect(200, 180, 480, 270)));
            FrameAnnotation close = run.annotate(scaled(photo, new Rect(0, 0, 853, 853)));
            FrameAnnotation whole = run.annotate(scaled(photo, new Rect(0, 0, 853, 1280)));
            System.out.println("tight " + tight.getShotType() + " " + tight.getLargestFaceShare() + ", close " + close.getShotType()
                    + " " + close.getFaces().get(0).getHeight() + ", whole " + whole.getShotType()
                    + " " + whole.getLargestFaceShare() + " person " + whole.getLargestPersonHeight());
            assertEquals("EXTREME_CLOSE_UP", tight.getShotType());
            assertEquals("CLOSE_UP", close.getShotType());
            assertEquals("MEDIUM", whole.getShotType());
            assertEquals("NO_PEOPLE", run.annotate(empty).getShotType());
        }
    }

    private static Mat scaled(Mat photo, Rect r) {
        Mat out = new Mat();
        try (Mat roi = new Mat(photo, r)) {
            resize(roi, out, new Size(320, (int) Math.round(320.0 * r.height() / r.width())), 0, 0, INTER_AREA);
        }
        return out;
    }
}
