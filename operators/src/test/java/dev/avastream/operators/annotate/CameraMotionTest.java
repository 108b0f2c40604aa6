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
}
