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
 * <p>Pure computation on two thumbnails: seven scales each way over about 1,600 pixels with bilinear
 * sampling, some 50 microseconds; skipped (1) when the plain difference is under
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
     */
    public static double residual(byte[] earlier, byte[] later, int width) {
        if (earlier.length != later.length || width <= 0 || earlier.length % width != 0) return -1;
        int height = earlier.length / width;
        int x0 = (int) Math.round(width * BORDER_SHARE), x1 = width - x0;
        int y0 = (int) Math.round(height * BORDER_SHARE), y1 = height - y0;
        if (x1 - x0 < 4 || y1 - y0 < 4) return -1;
        long plain = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                plain += Math.abs((earlier[y * width + x] & 0xff) - (later[y * width + x] & 0xff));
            }
        }
        int pixels = (x1 - x0) * (y1 - y0);
        if (plain < MIN_LEVELS * pixels) return 1;
        double best = plain;
        for (double scale : SCALES) {
            best = Math.min(best, zoomedDifference(earlier, later, width, height, scale, x0, x1, y0, y1, best));
            best = Math.min(best, zoomedDifference(later, earlier, width, height, scale, x0, x1, y0, y1, best));
        }
        return Math.min(1, best / plain);
    }

    /**
     * Sum over the central region of |target - source zoomed in by {@code scale} about the centre|,
     * bilinear; stops early once it passes {@code bound} (it cannot be the best then).
     */
    private static double zoomedDifference(byte[] source, byte[] target, int width, int height, double scale,
                                           int x0, int x1, int y0, int y1, double bound) {
        double cx = (width - 1) / 2.0, cy = (height - 1) / 2.0;
        double sum = 0;
        for (int y = y0; y < y1; y++) {
            double sy = cy + (y - cy) / scale;
            int iy = (int) sy;
            double fy = sy - iy;
            int iy1 = Math.min(iy + 1, height - 1);
            for (int x = x0; x < x1; x++) {
                double sx = cx + (x - cx) / scale;
                int ix = (int) sx;
                double fx = sx - ix;
                int ix1 = Math.min(ix + 1, width - 1);
                double top = (source[iy * width + ix] & 0xff) * (1 - fx) + (source[iy * width + ix1] & 0xff) * fx;
                double bottom = (source[iy1 * width + ix] & 0xff) * (1 - fx) + (source[iy1 * width + ix1] & 0xff) * fx;
                sum += Math.abs((target[y * width + x] & 0xff) - (top * (1 - fy) + bottom * fy));
            }
            if (sum >= bound) return sum;
        }
        return sum;
    }
}
