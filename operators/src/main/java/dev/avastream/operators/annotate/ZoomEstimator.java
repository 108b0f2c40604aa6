package dev.avastream.operators.annotate;

/**
 * The zoom between two consecutive luma images: block matching of a grid of blocks, then a robust
 * least-squares fit of the similarity model without rotation (a translation plus a scale about the
 * image centre) to the blocks' motion vectors.
 *
 * <p>Why blocks and not phase correlation: a zoom moves every block radially by (scale - 1) times its
 * distance from the centre, so the scale is the slope of the block vectors against the block
 * positions; phase correlation of the quadrants measured that slope unreliably at quarter size (see
 * {@link CameraMotion}). Each block of the previous image is searched within {@value #RADIUS} pixels
 * of a predicted shift (the global translation, so pans of any speed stay in range) by the sum of
 * squared differences, refined to a fraction of a pixel by a parabola through the minimum and its
 * neighbours. Blocks without texture (a flat minimum) or whose best match lies on the search border
 * (moved further than the search reaches) give no vector. The fit starts from the median vector and
 * no zoom, keeps the blocks within 2.5 median residuals of the model (at least
 * {@value #MIN_INLIER_RESIDUAL} pixels), refits, and repeats: blocks on a subject that moves against
 * the background are rejected as outliers, so a subject crossing a still background is not a zoom.
 *
 * <p>Pure Java on the images' bytes: 24 blocks of at most 16x16 pixels and 49 candidate shifts each,
 * at most 0.3 million multiply-adds; a candidate stops as soon as its partial sum exceeds the best
 * so far, which cuts that by a few times. Reuses its arrays; not thread-safe.
 */
final class ZoomEstimator {

    static final int COLS = 6, ROWS = 4;
    /** Search radius around the predicted shift, in pixels. */
    static final int RADIUS = 3;
    /** Smallest residual threshold of the robust fit, in pixels (sub-pixel refinement is about this good). */
    static final double MIN_INLIER_RESIDUAL = 0.3;
    /** Least curvature of the matching cost at its minimum, per block pixel: the block has texture to match. */
    private static final double MIN_CURVATURE = 4.0;
    /** Fewest blocks a zoom is fitted to. */
    private static final int MIN_BLOCKS = 6;

    private final int blocks = COLS * ROWS;
    private final double[] px = new double[blocks], py = new double[blocks], u = new double[blocks],
            v = new double[blocks], residual = new double[blocks], sorted = new double[blocks];
    private final boolean[] inlier = new boolean[blocks];
    private final long[] cost = new long[(2 * RADIUS + 1) * (2 * RADIUS + 1)];
    private double tx, ty, zoom;

    /**
     * The zoom from {@code previous} to {@code current} (both {@code w x h} 8-bit, row-major): the
     * scale factor per frame minus 1 (positive: the picture grows, zoom in), or NaN when fewer than
     * {@value #MIN_BLOCKS} textured blocks agree on it.
     *
     * @param shiftX predicted horizontal shift of the content, pixels (the global translation)
     * @param shiftY predicted vertical shift, pixels
     */
    double estimate(byte[] previous, byte[] current, int w, int h, double shiftX, double shiftY) {
        int sx = (int) Math.round(shiftX), sy = (int) Math.round(shiftY);
        int b = Math.min(16, Math.min(w / (COLS + 2), h / (ROWS + 2)));
        int mx = RADIUS + Math.abs(sx) + 1, my = RADIUS + Math.abs(sy) + 1;
        int spanX = w - 2 * mx - b, spanY = h - 2 * my - b;
        if (b < 6 || spanX < 0 || spanY < 0) return Double.NaN;
        double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0;
        int n = 0;
        for (int r = 0; r < ROWS; r++) {
            int y0 = my + r * spanY / (ROWS - 1);
            for (int c = 0; c < COLS; c++) {
                int x0 = mx + c * spanX / (COLS - 1);
                if (match(previous, current, w, x0, y0, b, sx, sy, n)) {
                    px[n] = x0 + (b - 1) / 2.0 - cx;
                    py[n] = y0 + (b - 1) / 2.0 - cy;
                    n++;
                }
            }
        }
        return n < MIN_BLOCKS ? Double.NaN : robustFit(n);
    }

    /**
     * Matches the block at ({@code x0}, {@code y0}) of {@code prev} in {@code cur} around the shift
     * ({@code sx}, {@code sy}); on success writes its vector to {@code u[k]}, {@code v[k]}.
     */
    private boolean match(byte[] prev, byte[] cur, int w, int x0, int y0, int b, int sx, int sy, int k) {
        int side = 2 * RADIUS + 1;
        // The predicted shift first, so the best so far is low early and most other shifts stop after
        // a few rows (their partial sum already exceeds it); the neighbours of the winner are then
        // completed for the sub-pixel parabola.
        int centre = RADIUS * side + RADIUS;
        long best = ssd(prev, cur, w, x0, y0, b, sx, sy, Long.MAX_VALUE);
        int bi = centre;
        cost[centre] = best;
        for (int i = 0; i < cost.length; i++) {
            if (i == centre) continue;
            long sum = ssd(prev, cur, w, x0, y0, b, sx + i % side - RADIUS, sy + i / side - RADIUS, best);
            cost[i] = sum;
            if (sum >= 0 && sum < best) {
                best = sum;
                bi = i;
            }
        }
        int ix = bi % side, iy = bi / side;
        if (ix == 0 || iy == 0 || ix == side - 1 || iy == side - 1) return false;
        for (int i : new int[] {bi - 1, bi + 1, bi - side, bi + side}) {
            if (cost[i] < 0) cost[i] = ssd(prev, cur, w, x0, y0, b, sx + i % side - RADIUS, sy + i / side - RADIUS, Long.MAX_VALUE);
        }
        double cxx = cost[bi - 1] + cost[bi + 1] - 2.0 * best;
        double cyy = cost[bi - side] + cost[bi + side] - 2.0 * best;
        double floor = MIN_CURVATURE * b * b;
        if (cxx < floor || cyy < floor) return false;
        u[k] = sx + ix - RADIUS + (cost[bi - 1] - cost[bi + 1]) / (2.0 * cxx);
        v[k] = sy + iy - RADIUS + (cost[bi - side] - cost[bi + side]) / (2.0 * cyy);
        return true;
    }

    /**
     * Sum of squared differences between the block at ({@code x0}, {@code y0}) of {@code prev} and
     * the block shifted by ({@code dx}, {@code dy}) in {@code cur}; -1 as soon as a row ends with the
     * sum at or above {@code stop} (it cannot be the best).
     */
    private static long ssd(byte[] prev, byte[] cur, int w, int x0, int y0, int b, int dx, int dy, long stop) {
        long sum = 0;
        int offset = dy * w + dx;
        for (int y = y0; y < y0 + b; y++) {
            int row = y * w;
            for (int x = row + x0, end = row + x0 + b; x < end; x++) {
                int d = (prev[x] & 0xff) - (cur[x + offset] & 0xff);
                sum += d * d;
            }
            if (sum >= stop) return -1;
        }
        return sum;
    }

    /** Fits translation and zoom to the first {@code n} vectors, rejecting outliers; NaN when too few remain. */
    private double robustFit(int n) {
        // Start: the median vector, no zoom (a subject cannot pull a median the way it pulls a mean).
        for (int i = 0; i < n; i++) sorted[i] = u[i];
        tx = median(n);
        for (int i = 0; i < n; i++) sorted[i] = v[i];
        ty = median(n);
        zoom = 0;
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < n; i++) {
                residual[i] = Math.hypot(u[i] - tx - zoom * px[i], v[i] - ty - zoom * py[i]);
                sorted[i] = residual[i];
            }
            double limit = Math.max(MIN_INLIER_RESIDUAL, 2.5 * median(n));
            int kept = 0;
            for (int i = 0; i < n; i++) {
                inlier[i] = residual[i] <= limit;
                if (inlier[i]) kept++;
            }
            if (kept < MIN_BLOCKS || !fit(n)) return Double.NaN;
        }
        return zoom;
    }

    /** Least squares of u = tx + zoom x, v = ty + zoom y over the inliers (closed form); false when degenerate. */
    private boolean fit(int n) {
        double mx = 0, my = 0, mu = 0, mv = 0;
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (!inlier[i]) continue;
            mx += px[i];
            my += py[i];
            mu += u[i];
            mv += v[i];
            k++;
        }
        mx /= k;
        my /= k;
        mu /= k;
        mv /= k;
        double num = 0, den = 0;
        for (int i = 0; i < n; i++) {
            if (!inlier[i]) continue;
            double ax = px[i] - mx, ay = py[i] - my;
            num += ax * (u[i] - mu) + ay * (v[i] - mv);
            den += ax * ax + ay * ay;
        }
        // The inliers must spread around their centroid, or the slope is undetermined.
        if (den < 1e-9) return false;
        zoom = num / den;
        tx = mu - zoom * mx;
        ty = mv - zoom * my;
        return true;
    }

    /** The median of {@code sorted[0..n)} (reorders it). */
    private double median(int n) {
        java.util.Arrays.sort(sorted, 0, n);
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }
}
