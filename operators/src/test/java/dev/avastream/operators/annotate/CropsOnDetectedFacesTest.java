package dev.avastream.operators.annotate;

import dev.avastream.operators.TestPhotos;
import dev.avastream.operators.crop.Canvas;
import dev.avastream.operators.crop.CanvasCropper;
import dev.avastream.schema.CanvasCrop;
import dev.avastream.schema.FaceAnnotation;
import dev.avastream.schema.FrameAnnotation;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Canvas crops placed from what the face models really detect: real photos (a group of five, four
 * women) and a real head pasted near the frame's edges and twice in one frame. No crop cuts a detected
 * face, each keeps its canvas's aspect, and a face near an edge pulls the narrow crops to it.
 */
class CropsOnDetectedFacesTest {

    private final CanvasCropper cropper = new CanvasCropper();

    private static AnnotatorRun run() {
        return new AnnotatorRun(new FaceAnnotator(FaceAnnotator.Params.defaults()),
                new ObjectAnnotator(ObjectAnnotator.Params.defaults()), new PersonMaskAnnotator(), new SubjectPlacement());
    }

    /** The man's head from webcam.jpg, about 80 px, pasted centred on each of {@code xs} (y = 90) of a plain 320x180 frame. */
    private static Mat headsAt(Mat photo, int... xs) {
        Mat frame = new Mat(180, 320, CV_8UC3, new Scalar(120, 110, 100, 0));
        try (Mat head = new Mat(photo, new Rect(230, 160, 460, 460)); Mat small = new Mat()) {
            resize(head, small, new Size(80, 80), 0, 0, INTER_AREA);
            for (int x : xs) {
                try (Mat roi = new Mat(frame, new Rect(x - 40, 50, 80, 80))) {
                    small.copyTo(roi);
                }
            }
        }
        return frame;
    }

    @Test
    void noCropCutsADetectedFace() {
        try (AnnotatorRun run = run(); Mat group = TestPhotos.photo("sample5.jpg", 320); Mat women = TestPhotos.photo("sample6.jpg", 320);
             Mat webcam = TestPhotos.photo("webcam.jpg", 853); Mat left = headsAt(webcam, 45); Mat right = headsAt(webcam, 275);
             Mat two = headsAt(webcam, 60, 250)) {
            int facesSeen = 0;
            for (Mat m : List.of(group, women, left, right, two)) {
                FrameAnnotation a = run.annotate(m);
                facesSeen += a.getFaces().size();
                for (CanvasCrop c : cropper.crops(a, m.cols(), m.rows())) {
                    CanvasCropper.PixelBox box = CanvasCropper.pixels(c, m.cols(), m.rows());
                    assertEquals(Canvas.named(c.getCanvas()).aspect(), (double) box.width() / box.height(),
                            1.0 / Math.min(box.width(), box.height()) + 1e-9, c.getCanvas());
                    for (FaceAnnotation f : a.getFaces()) {
                        assertFalse(CanvasCropper.cuts(c, f), c.getCanvas() + " crop at x " + c.getX() + " cuts the face at x "
                                + f.getX() + " w " + f.getWidth() + " of a " + m.cols() + "x" + m.rows() + " frame");
                    }
                    assertEquals(0, c.getFacesCut());
                }
            }
            assertTrue(facesSeen >= 7, "the detector finds the faces to protect: " + facesSeen);
        }
    }

    @Test
    void aFaceNearTheEdgePullsTheNarrowCropsToIt() {
        try (AnnotatorRun run = run(); Mat webcam = TestPhotos.photo("webcam.jpg", 853); Mat left = headsAt(webcam, 45);
             Mat right = headsAt(webcam, 275); Mat two = headsAt(webcam, 60, 250)) {
            FrameAnnotation l = run.annotate(left), r = run.annotate(right), t = run.annotate(two);
            assertEquals(1, l.getFaces().size());
            assertEquals(1, r.getFaces().size());
            assertEquals(2, t.getFaces().size());
            for (Canvas canvas : List.of(Canvas.BOX_ART, Canvas.SQUARE, Canvas.PORTRAIT)) {
                CanvasCrop lc = cropper.crop(l, 320 / 180.0, canvas), rc = cropper.crop(r, 320 / 180.0, canvas);
                assertEquals(1, lc.getFacesInside(), canvas + " keeps the face on the left");
                assertEquals(1, rc.getFacesInside(), canvas + " keeps the face on the right");
                assertTrue(lc.getX() < 0.1 && rc.getX() + rc.getWidth() > 0.9, canvas + ": " + lc.getX() + ", " + rc.getX());
                // Two heads 190 px apart do not both fit a narrow crop: one is kept whole, the other left out whole.
                CanvasCrop tc = cropper.crop(t, 320 / 180.0, canvas);
                assertEquals(1, tc.getFacesInside(), canvas.label());
                assertEquals(0, tc.getFacesCut(), canvas.label());
            }
        }
    }
}
