package dev.avastream.operators.annotate;

import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

import java.util.Arrays;
import java.util.List;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * A 64-bit DCT perceptual hash (pHash) of the frame, for the near-duplicate rule: two frames whose
 * hashes differ in few bits show the same picture, whatever the encoder, the quality or a slight blur
 * did to it.
 *
 * <p>The luma is shrunk to {@value #SIDE}x{@value #SIDE} (area average, aspect ignored), its 2-D DCT-II
 * taken, and of the {@value #BLOCK}x{@value #BLOCK} lowest frequencies (the DC term included, as the
 * common {@code imagehash} library does) each one above their median sets a bit, row-major from the most
 * significant bit. Low frequencies are the picture's coarse structure, which re-encoding and blur barely
 * move, while their signs about the median change completely between different scenes: random pictures
 * differ in about 32 bits.
 *
 * <p>0 means "not measured" ({@code FrameAnnotation.perceptualHash}'s default): a measured frame always
 * sets a bit, as its DC term is the largest coefficient (only an all-black frame has none).
 *
 * <p>Cost: a resize of the quarter-size luma and a separable 32-point DCT in Java (about 10 µs at
 * 320x180). Stateless, so it runs on the chunk's own frames only.
 */
public final class PerceptualHash implements FrameAnnotator {

    /** Side of the shrunk luma the DCT reads. */
    public static final int SIDE = 32;
    /** Side of the low-frequency block whose signs about the median make the hash. */
    public static final int BLOCK = 8;
    /** The hash of a frame that was not measured. */
    public static final long ABSENT = 0L;

    public static final FrameValue<Long> PERCEPTUAL_HASH = FrameValue.field("perceptualHash", Long.class);

    /** cos(pi (2x + 1) u / 2N) for u < BLOCK, x < SIDE: only the low frequencies are ever needed. */
    private static final double[][] COS = new double[BLOCK][SIDE];

    static {
        for (int u = 0; u < BLOCK; u++) {
            for (int x = 0; x < SIDE; x++) COS[u][x] = Math.cos(Math.PI * (2 * x + 1) * u / (2.0 * SIDE));
        }
    }

    private final Mat small = new Mat();
    private final Size size = new Size(SIDE, SIDE);

    @Override
    public String name() { return "phash"; }

    @Override
    public AnnotatorCost cost() { return AnnotatorCost.PIXEL; }

    @Override
    public List<FrameValue<?>> writes() { return List.of(PERCEPTUAL_HASH); }

    @Override
    public void annotate(AnalysedFrame frame) {
        frame.set(PERCEPTUAL_HASH, of(frame.planes().quarterGray()));
    }

    /** The hash of an 8-bit single-channel picture of any size. */
    public long of(Mat gray) {
        resize(gray, small, size, 0, 0, INTER_AREA);
        double[] luma = new double[SIDE * SIDE];
        try (UByteIndexer ix = small.createIndexer()) {
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) luma[y * SIDE + x] = ix.get(y, x);
            }
        }
        return hash(luma);
    }

    /** The hash of a {@value #SIDE}x{@value #SIDE} luma picture, row-major, any scale. */
    public static long hash(double[] luma) {
        if (luma.length != SIDE * SIDE) throw new IllegalArgumentException("need " + SIDE * SIDE + " values, got " + luma.length);
        // Separable DCT-II (unnormalised: the median comparison does not need the scale), rows then columns.
        double[] rows = new double[SIDE * BLOCK];
        for (int y = 0; y < SIDE; y++) {
            for (int u = 0; u < BLOCK; u++) {
                double s = 0;
                for (int x = 0; x < SIDE; x++) s += luma[y * SIDE + x] * COS[u][x];
                rows[y * BLOCK + u] = s;
            }
        }
        double[] low = new double[BLOCK * BLOCK];
        for (int v = 0; v < BLOCK; v++) {
            for (int u = 0; u < BLOCK; u++) {
                double s = 0;
                for (int y = 0; y < SIDE; y++) s += rows[y * BLOCK + u] * COS[v][y];
                low[v * BLOCK + u] = s;
            }
        }
        double[] sorted = low.clone();
        Arrays.sort(sorted);
        double median = 0.5 * (sorted[BLOCK * BLOCK / 2 - 1] + sorted[BLOCK * BLOCK / 2]);
        long bits = 0;
        for (double c : low) bits = (bits << 1) | (c > median ? 1L : 0L);
        return bits;
    }

    /** Bits in which two hashes differ, 0..64. */
    public static int hamming(long a, long b) {
        return Long.bitCount(a ^ b);
    }

    @Override
    public void close() {
        small.close();
        size.close();
    }
}
