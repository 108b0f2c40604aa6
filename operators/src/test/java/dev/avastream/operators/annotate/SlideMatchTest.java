package dev.avastream.operators.annotate;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link SlideMatch} on luma planes built here: slides, pushes, a still picture, grain. */
class SlideMatchTest {

    private static final int W = 320, H = 180;

    /** A smooth random texture (blocks of 8 pixels, blurred), wider and taller than the frame. */
    private static int[][] texture(long seed) {
        Random r = new Random(seed);
        int bw = (2 * W) / 8 + 2, bh = (2 * H) / 8 + 2;
        int[][] blocks = new int[bh][bw];
        for (int[] row : blocks) for (int i = 0; i < bw; i++) row[i] = 40 + r.nextInt(176);
        int[][] t = new int[2 * H][2 * W];
        for (int y = 0; y < 2 * H; y++) {
            for (int x = 0; x < 2 * W; x++) {
                double fx = x / 8.0, fy = y / 8.0;
                int x0 = (int) fx, y0 = (int) fy;
                double ax = fx - x0, ay = fy - y0;
                t[y][x] = (int) Math.round((1 - ay) * ((1 - ax) * blocks[y0][x0] + ax * blocks[y0][x0 + 1])
                        + ay * ((1 - ax) * blocks[y0 + 1][x0] + ax * blocks[y0 + 1][x0 + 1]));
            }
        }
        return t;
    }

    private static final int[][] A = texture(1), B = texture(2);

    /**
     * A frame of a slide along x ({@code alongX}) or y with B's leading edge {@code o} pixels in from
     * the side it enters from ({@code forward}: left or top); A moves ahead of it with {@code push}.
     */
    private static byte[] frame(int o, boolean alongX, boolean forward, boolean push, Random grain) {
        byte[] out = new byte[W * H];
        int extent = alongX ? W : H;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int along = alongX ? (forward ? x : W - 1 - x) : (forward ? y : H - 1 - y);
                int v;
                if (along < o) {
                    int d = extent - o; // B's content is d further on than where it is shown
                    int sx = alongX ? x + (forward ? d : -d) + W / 2 : x + W / 2;
                    int sy = alongX ? y + H / 2 : y + (forward ? d : -d) + H / 2;
                    v = B[sy][sx];
                } else {
                    int d = push ? o : 0; // A's content is d back
                    int sx = alongX ? x - (forward ? d : -d) + W / 2 : x + W / 2;
                    int sy = alongX ? y + H / 2 : y - (forward ? d : -d) + H / 2;
                    v = A[sy][sx];
                }
                if (grain != null) v = Math.max(0, Math.min(255, v + grain.nextInt(21) - 10));
                out[y * W + x] = (byte) v;
            }
        }
        return out;
    }

    private static SlideMatch.Result match(byte[] a, byte[] b) {
        return SlideMatch.match(SlideMatch.profiles(a, W, H, W), SlideMatch.profiles(b, W, H, W));
    }

    @Test
    void aSlideOverMovesTheCoveredPartByItsStep() {
        // 20 px a frame from the left: 120 px covered, then 140.
        SlideMatch.Result r = match(frame(120, true, true, false, null), frame(140, true, true, false, null));
        assertEquals(20.0 / W, r.stepX(), 0.5 / W, r.toString());
        assertEquals(0, r.stepY());
        assertEquals(140.0 / W, r.share(), 0.05, r.toString());
        assertTrue(r.gain() >= 5, r.toString());
    }

    @Test
    void aSlideFromBelowMovesUp() {
        SlideMatch.Result r = match(frame(60, false, false, false, null), frame(72, false, false, false, null));
        assertEquals(-12.0 / H, r.stepY(), 0.5 / H, r.toString());
        assertEquals(0, r.stepX());
        assertEquals(72.0 / H, r.share(), 0.06, r.toString());
        assertTrue(r.gain() >= 5, r.toString());
    }

    @Test
    void aPushMovesTheWholePicture() {
        SlideMatch.Result r = match(frame(100, true, false, true, null), frame(116, true, false, true, null));
        assertEquals(-16.0 / W, r.stepX(), 0.5 / W, r.toString());
        assertTrue(r.share() >= 0.95, r.toString());
        assertTrue(r.gain() >= 5, r.toString());
    }

    @Test
    void aStillPictureAndGrainMoveNothing() {
        SlideMatch.Result still = match(frame(0, true, true, false, null), frame(0, true, true, false, null));
        assertEquals(SlideMatch.Result.NONE, still);
        // Fresh grain of +-10 levels on a still picture: chance matches only, far under a slide's gain.
        SlideMatch.Result grain = match(frame(0, true, true, false, new Random(3)), frame(0, true, true, false, new Random(4)));
        assertTrue(grain.gain() < 1.5 || grain.share() < 0.1, grain.toString());
    }

    @Test
    void framesOfAnotherSizeAreNotCompared() {
        SlideMatch.Profiles small = SlideMatch.profiles(new byte[160 * 90], 160, 90, 160);
        SlideMatch.Profiles big = SlideMatch.profiles(new byte[W * H], W, H, W);
        assertEquals(SlideMatch.Result.UNKNOWN, SlideMatch.match(small, big));
        assertEquals(SlideMatch.Result.UNKNOWN, SlideMatch.match(null, big));
    }
}
