package dev.avastream.operators.annotate;

import dev.avastream.operators.SyntheticFrames;
import dev.avastream.schema.FrameAnnotation;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point2f;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REFLECT;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.getRotationMatrix2D;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Synthetic camera moves with known answers: each class found where it is, and not where it is not. */
class CameraMotionTest {

    private static final int W = SyntheticFrames.WIDTH, H = SyntheticFrames.HEIGHT;

    private final AnnotatorRun annotator = new AnnotatorRun(new CameraMotion(CameraMotion.Params.defaults()));
    private final Mat scene = SyntheticFrames.texture(11, 5, 150, 110);

    @AfterEach
    void close() {
        annotator.close();
    }

    /** The scene moved by (dx, dy) pixels and scaled by {@code scale} about the centre. */
    private Mat view(double dx, double dy, double scale) {
        Mat m;
        try (Point2f centre = new Point2f(W / 2f, H / 2f)) {
            m = getRotationMatrix2D(centre, 0, scale);
        }
        m.ptr(0, 2).putDouble(m.ptr(0, 2).getDouble() + dx);
        m.ptr(1, 2).putDouble(m.ptr(1, 2).getDouble() + dy);
        Mat out = new Mat();
        try (Size size = new Size(W, H)) {
            warpAffine(scene, out, m, size, INTER_LINEAR, BORDER_REFLECT, new Scalar());
        }
        m.close();
        return out;
    }

    private List<FrameAnnotation> run(List<Mat> frames) {
        List<FrameAnnotation> out = new ArrayList<>();
        for (Mat f : frames) out.add(annotator.annotate(f));
        return out;
    }

    private List<FrameAnnotation> move(int n, double dxPerFrame, double dyPerFrame, double scalePerFrame) {
        List<Mat> frames = new ArrayList<>();
        for (int k = 0; k < n; k++) frames.add(view(k * dxPerFrame, k * dyPerFrame, Math.pow(scalePerFrame, k)));
        return run(frames);
    }

    private static FrameAnnotation last(List<FrameAnnotation> a) {
        return a.get(a.size() - 1);
    }

    @Test
    void aPanIsMeasuredAndNamed() {
        List<FrameAnnotation> a = move(12, 4, 0, 1.0);
        for (FrameAnnotation f : a.subList(1, a.size())) {
            assertEquals(4.0 / W, f.getGlobalMotionX(), 0.25 / W * 2, "content moves 4 px right per frame");
            assertEquals(0.0, f.getGlobalMotionY(), 1.0 / W);
            assertTrue(f.getGlobalMotionConfidence() > 0.3, "one shift explains the frame: " + f.getGlobalMotionConfidence());
        }
        assertEquals("PAN", last(a).getCameraMotion());
        assertEquals("UNKNOWN", a.get(0).getCameraMotion(), "no previous frame yet");
        assertEquals(-1.0, a.get(0).getGlobalMotionConfidence());
    }

    @Test
    void aTiltIsVerticalAndNotAPan() {
        List<FrameAnnotation> a = move(12, 0, -3, 1.0);
        assertEquals(-3.0 / W, last(a).getGlobalMotionY(), 0.5 / W, "content moves 3 px up per frame");
        assertEquals("TILT", last(a).getCameraMotion());
    }

    @Test
    void aStillCameraIsStatic() {
        List<FrameAnnotation> a = move(12, 0, 0, 1.0);
        assertEquals(0.0, last(a).getGlobalMotionX(), 1e-3);
        assertEquals("STATIC", last(a).getCameraMotion());
    }

    @Test
    void handheldJitterIsShakeAndASteadyPanIsNot() {
        Random random = new Random(5);
        List<Mat> frames = new ArrayList<>();
        for (int k = 0; k < 12; k++) frames.add(view(random.nextInt(9) - 4, random.nextInt(9) - 4, 1.0));
        assertEquals("SHAKE", last(run(frames)).getCameraMotion());
        annotator.reset();
        assertEquals("PAN", last(move(12, 4, 0, 1.0)).getCameraMotion(), "the same speed, steady");
    }

    @Test
    void aSubjectCrossingAStillBackgroundLeavesTheCameraStatic() {
        List<Mat> frames = new ArrayList<>();
        for (int k = 0; k < 12; k++) {
            Mat f = view(0, 0, 1.0);
            int x = 40 + 12 * k;
            f.apply(new org.bytedeco.opencv.opencv_core.Rect(x, 60, 40, 60)).put(new Scalar(20, 200, 240, 0));
            frames.add(f);
        }
        List<FrameAnnotation> a = run(frames);
        assertEquals("STATIC", last(a).getCameraMotion());
        assertEquals(0.0, last(a).getGlobalMotionX(), 1.0 / W, "the background sets the global motion");
    }

    @Test
    void aZoomInIsMeasuredAndNamed() {
        List<FrameAnnotation> a = move(12, 0, 0, 1.02);
        for (FrameAnnotation f : a.subList(1, a.size())) {
            assertEquals(0.02, f.getGlobalZoom(), 0.002, "the picture grows 2% per frame");
        }
        assertEquals("ZOOM", last(a).getCameraMotion());
        assertEquals(0.0, a.get(0).getGlobalZoom(), "no previous frame yet");
    }

    @Test
    void aZoomOutIsNegative() {
        List<FrameAnnotation> a = move(12, 0, 0, 1 / 1.015);
        assertEquals(1 / 1.015 - 1, last(a).getGlobalZoom(), 0.002, "the picture shrinks 1.5% per frame");
        assertEquals("ZOOM", last(a).getCameraMotion());
    }

    @Test
    void aZoomDuringASlowPanIsStillMeasured() {
        List<FrameAnnotation> a = move(12, 2, 0, 1.02);
        assertEquals(0.02, last(a).getGlobalZoom(), 0.002);
        assertEquals("ZOOM", last(a).getCameraMotion(), "the zoom moves the edges more than the pan does");
    }

    @Test
    void panTiltAndStillCameraAreNotZooms() {
        List<FrameAnnotation> pan = move(12, 4, 0, 1.0);
        assertEquals("PAN", last(pan).getCameraMotion());
        for (FrameAnnotation f : pan.subList(1, pan.size())) assertEquals(0.0, f.getGlobalZoom(), 0.002, "a pan has no zoom");
        annotator.reset();
        List<FrameAnnotation> tilt = move(12, 0, -3, 1.0);
        assertEquals("TILT", last(tilt).getCameraMotion());
        assertEquals(0.0, last(tilt).getGlobalZoom(), 0.002);
        annotator.reset();
        List<FrameAnnotation> still = move(12, 0, 0, 1.0);
        assertEquals("STATIC", last(still).getCameraMotion());
        assertEquals(0.0, last(still).getGlobalZoom(), 0.001);
    }

    @Test
    void aSubjectGrowingOrMovingOnAStillBackgroundIsNotAZoom() {
        List<Mat> frames = new ArrayList<>();
        for (int k = 0; k < 12; k++) {
            Mat f = view(0, 0, 1.0);
            // A textured subject walking right and coming closer (growing) in front of a still background.
            int side = 50 + 4 * k, x = 30 + 10 * k;
            try (Mat subject = SyntheticFrames.texture(29 + k, 3, 90, 200);
                 Mat patch = new Mat();
                 Size size = new Size(side, side)) {
                org.bytedeco.opencv.global.opencv_imgproc.resize(subject.apply(new org.bytedeco.opencv.opencv_core.Rect(0, 0, 120, 120)),
                        patch, size);
                patch.copyTo(f.apply(new org.bytedeco.opencv.opencv_core.Rect(x, 40, side, side)));
            }
            frames.add(f);
        }
        List<FrameAnnotation> a = run(frames);
        assertEquals("STATIC", last(a).getCameraMotion());
        for (FrameAnnotation f : a.subList(1, a.size())) {
            assertEquals(0.0, f.getGlobalZoom(), 0.002, "the background sets the zoom, frame " + f.getFrameIndex());
        }
    }
}
