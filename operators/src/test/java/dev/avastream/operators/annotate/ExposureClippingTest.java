package dev.avastream.operators.annotate;

import dev.avastream.operators.SyntheticFrames;
import dev.avastream.schema.FrameAnnotation;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExposureClippingTest {

    private final FramePlanes planes = new FramePlanes();
    private final AnalysedFrame frame = new AnalysedFrame(planes);
    private final AnnotatorPipeline pipeline = new AnnotatorPipeline(List.of(new ExposureClipping()));

    @AfterEach
    void close() {
        pipeline.close();
        planes.close();
    }

    /** A grey frame with the left {@code shadowColumns} columns at {@code shadow} and the right {@code highlightColumns} at {@code highlight}. */
    private static Mat frame(int shadowColumns, int shadow, int highlightColumns, int highlight) {
        Mat m = SyntheticFrames.solid(128, 128, 128);
        if (shadowColumns > 0) {
            m.apply(new Rect(0, 0, shadowColumns, m.rows())).put(new Scalar(shadow, shadow, shadow, 0));
        }
        if (highlightColumns > 0) {
            m.apply(new Rect(m.cols() - highlightColumns, 0, highlightColumns, m.rows()))
                    .put(new Scalar(highlight, highlight, highlight, 0));
        }
        return m;
    }

    private FrameAnnotation annotate(Mat bgr) {
        planes.load(0, 0, false, bgr);
        pipeline.run(frame.begin(true));
        return frame.annotation();
    }

    @Test
    void measuresTheShareOfClippedShadowsAndHighlights() {
        int w = SyntheticFrames.WIDTH;
        FrameAnnotation a = annotate(frame(w / 4, 0, w / 10, 255));
        assertEquals((double) (w / 4) / w, a.getShadowClipping(), 1e-9);
        assertEquals((double) (w / 10) / w, a.getHighlightClipping(), 1e-9);
    }

    @Test
    void countsTheBoundaryLevelsAndNothingInside() {
        int w = SyntheticFrames.WIDTH;
        FrameAnnotation clipped = annotate(frame(w / 2, 2, w / 2, 253));
        assertEquals(0.5, clipped.getShadowClipping(), 1e-9, "luma 2 is clipped");
        assertEquals(0.5, clipped.getHighlightClipping(), 1e-9, "luma 253 is clipped");
        FrameAnnotation inside = annotate(frame(w / 2, 3, w / 2, 252));
        assertEquals(0.0, inside.getShadowClipping(), 1e-9, "luma 3 still has detail");
        assertEquals(0.0, inside.getHighlightClipping(), 1e-9, "luma 252 still has detail");
    }

    @Test
    void anAnnotationWithoutTheAnnotatorSaysNotMeasured() {
        FrameAnnotation blank = AnalysedFrame.blankAnnotation(0, 0);
        assertEquals(-1.0, blank.getShadowClipping());
        assertEquals(-1.0, blank.getHighlightClipping());
    }
}
