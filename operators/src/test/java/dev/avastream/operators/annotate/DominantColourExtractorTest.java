package dev.avastream.operators.annotate;

import dev.avastream.operators.SyntheticFrames;
import dev.avastream.schema.ColourShare;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DominantColourExtractorTest {

    private final FramePlanes planes = new FramePlanes();
    private final DominantColourExtractor extractor = new DominantColourExtractor();

    @AfterEach
    void close() {
        planes.close();
        extractor.close();
    }

    private List<ColourShare> colours(Mat bgr) {
        return extractor.measure(planes.load(0, 0, false, bgr));
    }

    /** Three bands: 1/2 teal (BGR 150,120,20), 1/3 orange (30,140,230), 1/6 near-black (10,10,10). */
    private static Mat bands() {
        Mat m = SyntheticFrames.solid(150, 120, 20);
        int w = SyntheticFrames.WIDTH, h = SyntheticFrames.HEIGHT;
        try (Rect orange = new Rect(w / 2, 0, w / 3, h); Mat roi = new Mat(m, orange); Scalar c = new Scalar(30, 140, 230, 0)) {
            roi.put(c);
        }
        try (Rect dark = new Rect(w / 2 + w / 3, 0, w - w / 2 - w / 3, h); Mat roi = new Mat(m, dark); Scalar c = new Scalar(10, 10, 10, 0)) {
            roi.put(c);
        }
        return m;
    }

    @Test
    void reportsTheLargestColoursWithTheirSharesLargestFirst() {
        List<ColourShare> c = colours(bands());
        assertEquals(3, c.size());
        assertColour(c.get(0), 20, 120, 150, 0.5);
        assertColour(c.get(1), 230, 140, 30, 1.0 / 3);
        assertColour(c.get(2), 10, 10, 10, 1.0 / 6);
    }

    @Test
    void aFlatFrameHasOneColourCoveringAllOfIt() {
        List<ColourShare> c = colours(SyntheticFrames.solid(40, 200, 90));
        assertEquals(1, c.size());
        assertColour(c.get(0), 90, 200, 40, 1.0);
    }

    @Test
    void aShotPoolsItsFramesColoursBySharePerFrame() {
        List<Double> shot = new ArrayList<>();
        // Ten frames: seven teal-and-orange, three almost all white.
        for (int i = 0; i < 7; i++) {
            ColourPalette.accumulate(shot, List.of(new ColourShare(20, 120, 150, 0.6), new ColourShare(230, 140, 30, 0.4)));
        }
        for (int i = 0; i < 3; i++) {
            ColourPalette.accumulate(shot, List.of(new ColourShare(250, 250, 250, 0.9), new ColourShare(22, 118, 148, 0.1)));
        }
        List<ColourShare> top = new ColourPalette(shot).top(3, 10);
        assertEquals(3, top.size());
        assertColour(top.get(0), 20, 120, 150, (7 * 0.6 + 3 * 0.1) / 10);
        assertColour(top.get(1), 230, 140, 30, 0.28);
        assertColour(top.get(2), 250, 250, 250, 0.27);
        assertTrue(top.get(0).getShare() + top.get(1).getShare() + top.get(2).getShare() <= 1.0 + 1e-9);
    }

    @Test
    void refusesStateOfTheWrongSize() {
        List<Double> wrong = new ArrayList<>(List.of(1.0, 2.0));
        assertThrows(IllegalArgumentException.class, () -> new ColourPalette(wrong));
        assertThrows(IllegalArgumentException.class, () -> ColourPalette.accumulate(wrong, List.of(new ColourShare(1, 2, 3, 1.0))));
    }

    private static void assertColour(ColourShare c, int r, int g, int b, double share) {
        assertEquals(r, c.getRed(), 3, "red of " + c);
        assertEquals(g, c.getGreen(), 3, "green of " + c);
        assertEquals(b, c.getBlue(), 3, "blue of " + c);
        assertEquals(share, c.getShare(), 0.02, "share of " + c);
    }
}
