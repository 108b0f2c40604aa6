package dev.avastream.operators.annotate;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Bars are flat black rows or columns in pairs; dark picture content is not a bar. */
class LetterboxDetectorTest {
    private static final int W = 320, H = 180;

    /** A noisy mid-grey picture with black bars of the given sizes (pixels). */
    private static byte[] frame(int top, int bottom, int left, int right, long seed) {
        Random r = new Random(seed);
        byte[] px = new byte[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                boolean bar = y < top || y >= H - bottom || x < left || x >= W - right;
                px[y * W + x] = (byte) (bar ? r.nextInt(12) : 60 + r.nextInt(140));
            }
        }
        return px;
    }

    @Test
    void findsLetterboxAndPillarboxBars() {
        assertArrayEquals(new double[] {22.0 / H, 22.0 / H, 0, 0}, LetterboxDetector.measure(frame(22, 22, 0, 0, 1), W, H), 1e-9);
        assertArrayEquals(new double[] {0, 0, 40.0 / W, 40.0 / W}, LetterboxDetector.measure(frame(0, 0, 40, 40, 2), W, H), 1e-9);
        // a one-pixel difference between the two bars is still a pair (the encoder's rounding)
        assertArrayEquals(new double[] {22.0 / H, 23.0 / H, 0, 0}, LetterboxDetector.measure(frame(22, 23, 0, 0, 3), W, H), 1e-9);
        assertArrayEquals(new double[] {0, 0, 0, 0}, LetterboxDetector.measure(frame(0, 0, 0, 0, 4), W, H), 1e-9);
    }

    @Test
    void aDarkSkyOrABlackFrameIsNoBar() {
        // black only at the top: a night sky, not a letterbox
        assertArrayEquals(new double[] {0, 0, 0, 0}, LetterboxDetector.measure(frame(40, 0, 0, 0, 5), W, H), 1e-9);
        // all black: nothing is left between the bars
        assertArrayEquals(new double[] {0, 0, 0, 0}, LetterboxDetector.measure(frame(90, 90, 0, 0, 6), W, H), 1e-9);
        // a dark but detailed row (a few bright pixels) is picture
        byte[] px = frame(22, 22, 0, 0, 7);
        for (int x = 0; x < W; x += 40) px[5 * W + x] = (byte) 200;
        assertArrayEquals(new double[] {0, 0, 0, 0}, LetterboxDetector.measure(px, W, H), 1e-9,
                "row 5 has detail: the top bar is 5 rows against 22, not a pair");
    }
}
