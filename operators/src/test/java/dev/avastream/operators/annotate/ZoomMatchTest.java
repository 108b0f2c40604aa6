package dev.avastream.operators.annotate;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ZoomMatch} on thumbnails of a smooth random picture: a zoom in or out leaves little of the
 * change, a blend into an unrelated picture nearly all of it.
 */
class ZoomMatchTest {

    private static final int W = 80, H = 45;

    /** A picture with detail at several scales (a sum of random blobs), sampled at (x, y) in picture units. */
    private static final class Picture {
        final double[][] blobs;

        Picture(long seed) {
            Random r = new Random(seed);
            blobs = new double[40][];
            for (int i = 0; i < blobs.length; i++) {
                blobs[i] = new double[] {r.nextDouble() * W, r.nextDouble() * H, 2 + r.nextDouble() * 10, r.nextDouble() * 160 - 80};
            }
        }

        double at(double x, double y) {
            double v = 128;
            for (double[] b : blobs) {
                double dx = x - b[0], dy = y - b[1];
                v += b[3] * Math.exp(-(dx * dx + dy * dy) / (2 * b[2] * b[2]));
            }
            return Math.max(0, Math.min(255, v));
        }

        /** The thumbnail seen through a zoom of {@code scale} about the centre (2: twice as large). */
        byte[] thumbnail(double scale) {
            byte[] t = new byte[W * H];
            double cx = (W - 1) / 2.0, cy = (H - 1) / 2.0;
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) t[y * W + x] = (byte) Math.round(at(cx + (x - cx) / scale, cy + (y - cy) / scale));
            }
            return t;
        }
    }

    private static byte[] blend(byte[] a, byte[] b, double w) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) out[i] = (byte) Math.round((1 - w) * (a[i] & 0xff) + w * (b[i] & 0xff));
        return out;
    }

    @Test
    void aZoomInOrOutLeavesLittleOfTheChange() {
        Picture p = new Picture(1);
        for (double scale : new double[] {1.4, 2.0, 2.8}) {
            double in = ZoomMatch.residual(p.thumbnail(1), p.thumbnail(scale), W);
            double out = ZoomMatch.residual(p.thumbnail(scale), p.thumbnail(1), W);
            assertTrue(in < 0.35, "zoom in x" + scale + ": " + in);
            assertTrue(out < 0.35, "zoom out x" + scale + ": " + out);
        }
    }

    @Test
    void aBlendIntoAnotherPictureIsNotAZoom() {
        byte[] a = new Picture(1).thumbnail(1), b = new Picture(2).thumbnail(1);
        for (double w : new double[] {0.3, 0.6, 1.0}) {
            double r = ZoomMatch.residual(a, blend(a, b, w), W);
            // Scaling a smooth picture smooths it further, which explains a little of any change: well
            // above the detector's 0.6 all the same.
            assertTrue(r > 0.7, "blend " + w + ": " + r);
        }
    }

    @Test
    void tooLittleChangeOrMismatchedSizesTellNothing() {
        byte[] a = new Picture(1).thumbnail(1);
        assertEquals(1.0, ZoomMatch.residual(a, a.clone(), W));
        assertEquals(-1.0, ZoomMatch.residual(a, new byte[a.length - W], W));
        assertEquals(-1.0, ZoomMatch.residual(new byte[12], new byte[12], 4));
    }
}
