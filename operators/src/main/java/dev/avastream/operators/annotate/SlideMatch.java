package dev.avastream.operators.annotate;

/**
 * How much of the picture moved from one frame to the next as one rigid piece entering from an
 * edge: the signal of a slide (the new picture slides in over the old one, which stays put) and of
 * a push (the new picture pushes the old one out ahead of it).
 *
 * <p>Neither is a dissolve (no pixel blends), nor a wipe (the new picture moves after the edge has
 * passed, so its cells never settle). What they show is translation: in frame t the part of the
 * picture already covered is frame t-1's covered part moved by the slide's speed, while the rest
 * (the old picture, in a slide) stays where it was. So each frame is reduced to profiles (the mean
 * luma of each column within each of {@value #BANDS} horizontal bands, and of each row within each of
 * {@value #BANDS} vertical bands), and for every shift d of {@value #MIN_SHIFT} pixels up to a quarter of the
 * frame, each way along each axis, each column gains e0 - e_d: how much better the previous frame's column d
 * pixels back explains it than the same column does. The covered part is the prefix (from the edge
 * the motion comes from) with the largest total gain; the shift and prefix with the largest gain
 * win; its gain is taken in the band where it is second weakest (an object crossing the picture
 * moves only the bands it spans). A slide's covered share then grows by its step each frame, a push's is the whole picture from
 * its first frame, and the steps add up to one frame's width (height) over the transition: what the
 * gradual detector checks ({@code GradualTransitionDetector}).
 *
 * <p>Profiles keep the rows' (columns') averages, so grain and small motion average out; textureless
 * content gains nothing either way (e0 and e_d both near 0) and so neither helps nor breaks a prefix.
 *
 * <p>Pure computation on ints, on the half-size plane (160x90 for a 320x180 analysis frame, so shifts
 * come in 2-pixel steps of the analysis frame, and the slowest slide found crosses the height in 45
 * frames): the shifts are searched at half of that resolution and refined at full, about 30,000
 * absolute differences; skipped when the frame barely changed. Some 45-65 microseconds a frame when
 * every column changes, and 28-38 for the profiles (20,000 calls in a loop on random planes); ava
 * bench's stage table counts it in {@code transitions}.
 */
public final class SlideMatch {

    /** Bands each profile is taken over: enough to keep some of the picture's layout across the motion. */
    public static final int BANDS = 6;
    /** Smallest shift tried, in pixels of the plane profiled (the half-size plane in the pipeline): less is ordinary camera motion. */
    public static final int MIN_SHIFT = 2;
    /**
     * Largest shift tried, as a share of the frame's extent along the motion: a slide of four frames.
     * A best match at this shift is dropped: the motion may be faster than the range, and what
     * matched is chance (fast animation matches its repeating cels so).
     */
    public static final double MAX_SHIFT_SHARE = 0.25;

    private SlideMatch() {}

    /**
     * The search runs on profiles of 1/COARSE of the resolution (every other shift), then on the best
     * one and its two neighbours at full resolution: about a third of the work of trying every shift at
     * full resolution.
     */
    static final int COARSE = 2;
    /** Bands of the coarse search: neighbouring bands summed. */
    static final int COARSE_BANDS = 3;
    /** Mean change (luma levels per band and position) under which nothing moved enough to be a slide. */
    static final double MIN_CHANGE = 1;

    /** Fixed-point scale of the profiles: means in 1/16 of a luma level, so that the matching runs on ints. */
    static final int SCALE = 16;

    /**
     * A frame's profiles: {@code columns} holds {@link #BANDS} rows of {@code width} column means (band
     * by band, top first), {@code rows} {@link #BANDS} rows of {@code height} row means (left first),
     * each in 1/{@value #SCALE} of a luma level.
     */
    public record Profiles(int width, int height, int[] columns, int[] rows) {}

    /**
     * The motion found between two frames.
     *
     * @param stepX signed horizontal shift per frame, as a share of the width (positive: content moves
     *              right, entering from the left); 0 when the best motion is vertical or none was found
     * @param stepY the same vertically (positive: moves down, entering from the top)
     * @param share share of the width (height) from the entering edge that moved by the step, 0..1
     * @param gain  mean over the moved part of how much better (luma levels) the shift explains it
     *              than no motion does, in the band where it does second worst (an object crossing
     *              the picture moves only the bands it spans)
     */
    public record Result(double stepX, double stepY, double share, double gain) {
        /** Not measured (the schema's defaults). */
        public static final Result UNKNOWN = new Result(0, 0, -1, 0);
        /** Measured, and no part of the picture moved as one piece. */
        public static final Result NONE = new Result(0, 0, 0, 0);
    }

    /** Whether a plane is large enough for profiles: two pixels per band each way. */
    public static boolean measurable(int width, int height) {
        return width >= 2 * BANDS && height >= 2 * BANDS;
    }

    /**
     * The profiles of a luma plane of {@code width} x {@code height} (row-major, unsigned bytes, rows
     * {@code stride} apart). The pipeline takes them of the half-size plane ({@code TransitionSignalTracker}).
     */
    public static Profiles profiles(byte[] luma, int width, int height, int stride) {
        if (!measurable(width, height)) throw new IllegalArgumentException("too small for profiles: " + width + "x" + height);
        int[] columnSums = new int[BANDS * width];
        int[] rowSums = new int[BANDS * height];
        for (int b = 0; b < BANDS; b++) {
            int y0 = bandStart(height, b), y1 = bandStart(height, b + 1);
            int x0 = bandStart(width, b), x1 = bandStart(width, b + 1);
            for (int y = 0; y < height; y++) {
                int o = y * stride;
                int sum = 0;
                for (int x = x0; x < x1; x++) sum += luma[o + x] & 0xff;
                rowSums[b * height + y] = sum * SCALE / Math.max(1, x1 - x0);
                if (y >= y0 && y < y1) for (int x = 0; x < width; x++) columnSums[b * width + x] += luma[o + x] & 0xff;
            }
            for (int x = 0; x < width; x++) columnSums[b * width + x] = columnSums[b * width + x] * SCALE / Math.max(1, y1 - y0);
        }
        return new Profiles(width, height, columnSums, rowSums);
    }

    /** First of the {@code n} positions (rows or columns) in band {@code b}; band b ends where b + 1 starts. */
    private static int bandStart(int n, int b) {
        return b * n / BANDS;
    }

    /** The best slide or push from {@code previous} to {@code current}; {@link Result#UNKNOWN} when their sizes differ. */
    public static Result match(Profiles previous, Profiles current) {
        if (previous == null || current == null || previous.width != current.width || previous.height != current.height) {
            return Result.UNKNOWN;
        }
        double[] h = best(previous.columns, current.columns, current.width);
        double[] v = best(previous.rows, current.rows, current.height);
        double[] b = h[2] * h[1] >= v[2] * v[1] ? h : v;
        if (b[1] <= 0) return Result.NONE;
        double step = b[0] / (b == h ? current.width : current.height);
        return b == h ? new Result(step, 0, b[1], b[2]) : new Result(0, step, b[1], b[2]);
    }

    /**
     * Along one axis of {@code n} positions: {signed shift, share, gain per position of the moved part}
     * of the best shift and prefix (zeros when no shift gains anything, or the change is too small).
     */
    static double[] best(int[] prev, int[] cur, int n) {
        int maxShift = (int) (n * MAX_SHIFT_SHARE);
        int[] e0 = new int[n], e = new int[n];
        absDiff(prev, cur, n, BANDS, e0);
        // Nothing moved enough to be a slide: under a level per band and position on average.
        long change = 0;
        for (int x = 0; x < n; x++) change += e0[x];
        if (change < (long) MIN_CHANGE * SCALE * BANDS * n) return new double[] {0, 0, 0};
        int q = n / COARSE;
        int[] prevCoarse = reduce(prev, n), curCoarse = reduce(cur, n);
        int[] c0 = new int[q];
        absDiff(prevCoarse, curCoarse, q, COARSE_BANDS, c0);
        long coarseGain = 0;
        int coarseShift = 0;
        for (int sign = 1; sign >= -1; sign -= 2) {
            for (int d = 1; d <= maxShift / COARSE; d++) {
                long[] g = prefixGain(prevCoarse, curCoarse, q, COARSE_BANDS, c0, sign, d, e);
                if (g[0] > coarseGain) {
                    coarseGain = g[0];
                    coarseShift = sign * d;
                }
            }
        }
        if (coarseShift == 0) return new double[] {0, 0, 0};
        long bestGain = 0;
        int bestShift = 0, bestLength = 0;
        int sign = Integer.signum(coarseShift);
        int centre = COARSE * Math.abs(coarseShift);
        for (int d = centre - COARSE / 2; d <= centre + COARSE / 2; d++) {
            if (d < MIN_SHIFT || d > maxShift) continue;
            long[] g = prefixGain(prev, cur, n, BANDS, e0, sign, d, e);
            if (g[0] > bestGain) {
                bestGain = g[0];
                bestShift = sign * d;
                bestLength = (int) g[1];
            }
        }
        // Motion at the end of the range may be faster than the range: what matched there is chance.
        if (bestGain <= 0 || Math.abs(bestShift) >= maxShift) return new double[] {0, 0, 0};
        int covered = bestLength + Math.abs(bestShift);
        return new double[] {bestShift, Math.min(1.0, covered / (double) n),
                bandGain(prev, cur, n, bestShift, bestLength) / covered / SCALE};
    }

    /**
     * The profiles at 1/{@value #COARSE} of the resolution, in {@value #COARSE_BANDS} bands: sums of
     * that many neighbouring positions and of neighbouring bands.
     */
    private static int[] reduce(int[] p, int n) {
        int q = n / COARSE;
        int merge = BANDS / COARSE_BANDS;
        int[] out = new int[COARSE_BANDS * q];
        for (int b = 0; b < BANDS; b++) {
            int o = (b / merge) * q;
            for (int i = 0; i < q; i++) {
                int sum = 0;
                for (int j = 0; j < COARSE; j++) sum += p[b * n + COARSE * i + j];
                out[o + i] += sum;
            }
        }
        return out;
    }

    /** out[x] = sum over the {@code bands} bands of |cur - prev| at x. */
    private static void absDiff(int[] prev, int[] cur, int n, int bands, int[] out) {
        for (int b = 0; b < bands; b++) {
            int o = b * n;
            for (int x = 0; x < n; x++) out[x] += Math.abs(cur[o + x] - prev[o + x]);
        }
    }

    /**
     * The largest total gain e0 - e_d over a prefix from the entering edge (the left or top for
     * {@code sign} 1: content moving right or down) at shift {@code d}, and that prefix's length:
     * {gain, length}. {@code e} is scratch of n ints.
     */
    private static long[] prefixGain(int[] prev, int[] cur, int n, int bands, int[] e0, int sign, int d, int[] e) {
        int m = n - d;
        java.util.Arrays.fill(e, 0, m, 0);
        for (int b = 0; b < bands; b++) {
            int o = b * n;
            if (sign > 0) {
                // e[t] for current x = t + d against previous x - d = t
                for (int t = 0; t < m; t++) e[t] += Math.abs(cur[o + t + d] - prev[o + t]);
            } else {
                // e[x] for current x against previous x + d
                for (int x = 0; x < m; x++) e[x] += Math.abs(cur[o + x] - prev[o + x + d]);
            }
        }
        long sum = 0, top = 0;
        int length = 0;
        if (sign > 0) {
            for (int t = 0; t < m; t++) {
                sum += e0[t + d] - e[t];
                if (sum > top) { top = sum; length = t + 1; }
            }
        } else {
            for (int t = 0; t < m; t++) {
                int x = m - 1 - t;
                sum += e0[x] - e[x];
                if (sum > top) { top = sum; length = t + 1; }
            }
        }
        return new long[] {top, length};
    }

    /**
     * The second lowest, over the bands, of the gain of the moved part (its first {@code length}
     * positions from the entering edge) at {@code shift}: a slide moves every band of the picture, an
     * object crossing it only those it spans. One band may be textureless (a sky) and gain nothing.
     */
    private static double bandGain(int[] prev, int[] cur, int n, int shift, int length) {
        int d = Math.abs(shift);
        double[] gains = new double[BANDS];
        for (int b = 0; b < BANDS; b++) {
            int o = b * n;
            double g = 0;
            for (int t = 0; t < length; t++) {
                int x = shift > 0 ? t + d : n - 1 - d - t; // the moved part, from the entering edge
                int source = shift > 0 ? x - d : x + d;
                g += Math.abs(cur[o + x] - prev[o + x]) - Math.abs(cur[o + x] - prev[o + source]);
            }
            gains[b] = g;
        }
        java.util.Arrays.sort(gains);
        return gains[1];
    }
}
