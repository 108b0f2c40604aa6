package dev.avastream.operators.annotate;

/**
 * How much of the change between two frames a zoom about the centre leaves unexplained: the signal
 * that tells a fast zoom from a dissolve.
 *
 * <p>A fast zoom (1.5-3x over a second or less) changes every pixel steadily in one direction, as a
 * dissolve does: over a span its long-range change adds up, spreads over the whole picture, and the
 * fine texture thins out mid-way (the dip a blend of two pictures shows). What a dissolve never is,
 * is the earlier picture made larger or smaller: so the earlier luma thumbnail is scaled about its
 * centre by each of {@link #SCALES} (and the later one likewise, for a zoom out), and the residual is
 * the smallest mean absolute difference left over the central region (the outer
 * {@value #BORDER_SHARE} of each side is left out: a zoom out brings in what was outside the frame),
 * divided by the plain difference there. About 0.1-0.4 for the frames of a zoom; 0.85 and up for a
 * blend between unrelated shots, whose new picture no scale of the old one explains.
 *
 * <p>Pure computation on two thumbnails: seven scales each way over about 400 sampled pixels with
 * bilinear taps computed once per thumbnail size, some 30 microseconds at most (ava bench's stage
 * table counts it in {@code transitions}); skipped (1) when the plain difference is under
 * {@value #MIN_LEVELS} levels, where a ratio means nothing.
 */
public final class ZoomMatch {

    /** Zoom factors tried, each way: from a slow push-in to the fastest crash zoom within one span. */
    public static final double[] SCALES = {1.15, 1.3, 1.5, 1.75, 2.0, 2.5, 3.0};
    /** Share of the thumbnail's width (height) left out on each side. */
    public static final double BORDER_SHARE = 0.15;
    /** Mean absolute luma difference (levels) below which the residual is 1: too little change to tell. */
    public static final double MIN_LEVELS = 3;

    private ZoomMatch() {}

    /**
     * The smallest share of the central difference between {@code earlier} and {@code later} (luma
     * thumbnails of {@code width} columns, row-major, unsigned bytes) that a zoom of either about the
     * centre leaves, 0..1; 1 when the change is too small to tell; -1 when the sizes differ or are too small.
     * Every other pixel of every other row of the central region is compared: the measure is an
     * average over large areas, and it costs a quarter.
     */
    public static double residual(byte[] earlier, byte[] later, int width) {
        if (earlier.length != later.length || width <= 0 || earlier.length % width != 0) return -1;
        int height = earlier.length / width;
        Grid g = grid(width, height);
        if (g == null) return -1;
        long plain = 0;
        for (int p : g.pixels) plain += Math.abs((earlier[p] & 0xff) - (later[p] & 0xff));
        if (plain < MIN_LEVELS * g.pixels.length) return 1;
        double best = plain;
        for (int s = 0; s < SCALES.length; s++) {
            best = Math.min(best, zoomedDifference(earlier, later, g, s, best));
            best = Math.min(best, zoomedDifference(later, earlier, g, s, best));
        }
        return Math.min(1, best / plain);
    }

    /**
     * Sum over the sampled pixels of |target - source zoomed in by scale {@code s} about the centre|,
     * bilinear from the precomputed taps; stops early once it passes {@code bound} (it cannot be the best then).
     */
    private static double zoomedDifference(byte[] source, byte[] target, Grid g, int s, double bound) {
        int[] at = g.source[s];
        float[] fx = g.fx[s], fy = g.fy[s];
        int w = g.width;
        double sum = 0;
        for (int i = 0; i < g.pixels.length; i++) {
            int o = at[i];
            float x = fx[i], y = fy[i];
            float top = (source[o] & 0xff) + x * ((source[o + 1] & 0xff) - (source[o] & 0xff));
            float bottom = (source[o + w] & 0xff) + x * ((source[o + w + 1] & 0xff) - (source[o + w] & 0xff));
            sum += Math.abs((target[g.pixels[i]] & 0xff) - (top + y * (bottom - top)));
            if ((i & 63) == 63 && sum >= bound) return sum;
        }
        return sum;
    }

    /** The sampled pixels of the central region and, per scale, each one's source tap and weights. */
    private record Grid(int width, int height, int[] pixels, int[][] source, float[][] fx, float[][] fy) {}

    private static volatile Grid cached;

    private static Grid grid(int width, int height) {
        Grid g = cached;
        if (g != null && g.width == width && g.height == height) return g;
        int x0 = (int) Math.round(width * BORDER_SHARE), x1 = width - x0;
        int y0 = (int) Math.round(height * BORDER_SHARE), y1 = height - y0;
        if (x1 - x0 < 4 || y1 - y0 < 4) return null;
        int count = ((x1 - x0 + 1) / 2) * ((y1 - y0 + 1) / 2);
        int[] pixels = new int[count];
        int[][] source = new int[SCALES.length][count];
        float[][] fx = new float[SCALES.length][count], fy = new float[SCALES.length][count];
        double cx = (width - 1) / 2.0, cy = (height - 1) / 2.0;
        int i = 0;
        for (int y = y0; y < y1; y += 2) {
            for (int x = x0; x < x1; x += 2) {
                pixels[i] = y * width + x;
                for (int s = 0; s < SCALES.length; s++) {
                    // Zooming in maps every central pixel to a source point nearer the centre: inside the
                    // picture, with a full 2x2 neighbourhood.
                    double sx = cx + (x - cx) / SCALES[s], sy = cy + (y - cy) / SCALES[s];
                    int ix = Math.min((int) sx, width - 2), iy = Math.min((int) sy, height - 2);
                    source[s][i] = iy * width + ix;
                    fx[s][i] = (float) (sx - ix);
                    fy[s][i] = (float) (sy - iy);
                }
                i++;
            }
        }
        g = new Grid(width, height, pixels, source, fx, fy);
        cached = g;
        return g;
    }
}
