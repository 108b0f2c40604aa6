package dev.avastream.operators.annotate;

import java.util.ArrayList;
import java.util.List;

/**
 * The compact appearance vector that keeps a top-K visually diverse: two frames whose vectors are
 * close look alike at a glance (same palette, same light, same layout of light and dark).
 *
 * <p>Layout ({@value #DIMENSIONS} floats), every entry in 0..1:
 * <ol start="0">
 *   <li>0..2: the 10th, 50th and 90th percentiles of Cr (red-difference chroma), and</li>
 *   <li>3..5: the same of Cb (blue-difference chroma), each mapped from 128 +- 64 to 0..1 (clipped;
 *       0.5 is grey): the palette, from its dominant tint to its extremes;</li>
 *   <li>6..14: mean luma of a 3x3 grid over the frame, row-major (composition of light and dark);</li>
 *   <li>15: brightness (mean luma); 16: contrast (luma standard deviation) x 2.</li>
 * </ol>
 * The distance is Euclidean. Measured on real footage at 320x180: consecutive frames of a shot are
 * 0.002..0.05 apart, frames of a shot with moderate movement up to ~0.1, different shots mostly
 * 0.3 and more.
 */
public final class AppearanceVector {

    /** Length of the vector. */
    public static final int DIMENSIONS = 17;

    private static final float[] PERCENTILES = {0.1f, 0.5f, 0.9f};

    private AppearanceVector() {}

    /**
     * Builds the vector.
     *
     * @param redChromaCdf  cumulative Cr histogram over 256 levels
     * @param blueChromaCdf cumulative Cb histogram over 256 levels
     * @param layout3x3     mean luma of a 3x3 grid, row-major, 0..1
     * @param brightness    mean luma, 0..1
     * @param contrast      luma standard deviation, 0..0.5
     */
    public static float[] of(float[] redChromaCdf, float[] blueChromaCdf, float[] layout3x3,
                             double brightness, double contrast) {
        float[] v = new float[DIMENSIONS];
        for (int i = 0; i < PERCENTILES.length; i++) {
            v[i] = chroma(percentile(redChromaCdf, PERCENTILES[i]));
            v[3 + i] = chroma(percentile(blueChromaCdf, PERCENTILES[i]));
        }
        System.arraycopy(layout3x3, 0, v, 6, 9);
        v[15] = (float) brightness;
        v[16] = (float) Math.min(1.0, contrast * 2.0);
        return v;
    }

    /** Euclidean distance; infinite when either vector is missing or the lengths differ. */
    public static double distance(float[] a, float[] b) {
        if (a == null || b == null || a.length == 0 || a.length != b.length) return Double.POSITIVE_INFINITY;
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    /** Euclidean distance between vectors as Avro stores them ({@code Candidate.feature}). */
    public static double distance(List<Float> a, List<Float> b) {
        if (a == null || b == null || a.isEmpty() || a.size() != b.size()) return Double.POSITIVE_INFINITY;
        double sum = 0;
        for (int i = 0; i < a.size(); i++) {
            double d = a.get(i) - b.get(i);
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    /** The vector as Avro's {@code array<float>}. */
    public static List<Float> toList(float[] v) {
        // A mutable list, like the ones Avro itself builds when it reads a record back.
        List<Float> list = new ArrayList<>(v.length);
        for (float f : v) list.add(f);
        return list;
    }

    /** The lowest level whose cumulative share reaches {@code q}. */
    static int percentile(float[] cdf, float q) {
        for (int level = 0; level < cdf.length; level++) {
            if (cdf[level] >= q) return level;
        }
        return cdf.length - 1;
    }

    private static float chroma(int level) {
        float v = (level - 64) / 128f;
        return v < 0 ? 0 : (v > 1 ? 1 : v);
    }
}
