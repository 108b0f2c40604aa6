package dev.avastream.operators.annotate;

/**
 * How much of the picture a straight moving edge swept over a span of frames: the signal of a wipe.
 *
 * <p>A wipe replaces the picture a strip at a time: every cell of the {@link FrameFeatures} grid
 * ({@value FrameFeatures#GRID_COLUMNS} x {@value FrameFeatures#GRID_ROWS}) keeps the old shot's colour
 * until the edge reaches it, changes in one or two frames, and keeps the new shot's colour after;
 * and the frame at which each cell changes is a linear function of its position (the edge is
 * straight and moves steadily). Nothing else does both: a dissolve, a fade, a change of light or a
 * zoom change every cell a little every frame (no step); a cut steps every cell in the same frame;
 * motion steps a cell and steps it back. Whole-frame measures cannot tell a wipe from a dissolve
 * (both spread their change evenly over time), and they miss long wipes, whose change over a span
 * shorter than the wipe covers only the strip swept meanwhile.
 *
 * <p>Over the frames {@code t-k .. t} (cell colours, oldest first), with for each cell d_i its colour
 * change (|dY| + |dCr| + |dCb| of the cell means) from frame i-1 to i:
 * <ul>
 *   <li>a cell <b>stepped</b> when its change over the span T is at least {@value #CHANGE_LEVELS}
 *       levels (scaled down in dark pictures, as the hard-cut detector's changed area is, never under
 *       {@value #MIN_DARK_LEVELS}), the path of its changes adds up to at most
 *       {@value #MAX_PATH_OVER_CHANGE} T (it went one way), and its largest change over one or two
 *       to three adjacent frames is at least {@value #MIN_STEP_SHARE} of T (it went at once: an edge
 *       crossing a cell of a 30-frame wipe from top to bottom takes about three frames);</li>
 *   <li>its step frame is the frame of its largest d_i;</li>
 *   <li>with at least {@value #MIN_STEPPED_SHARE} of the cells stepped and their step frames spread over
 *       at least {@value #MIN_STEP_SPREAD} frames (not a cut), a plane (step frame = a x + b y + c over the
 *       cells' column x and row y) is fitted by least squares;</li>
 *   <li>the sweep is the share of the grid's cells that stepped, times the share of them within
 *       {@value #MAX_STEP_RESIDUAL} frames of the plane.</li>
 * </ul>
 * During a wipe of N frames the sweep at frame t is the share of the picture the edge crossed in
 * (t-k, t]: it rises for min(N, k) frames, stays, and falls back to 0 k frames after the wipe ends;
 * what it rises to is min(1, k / N). The sum over a wipe's frames, divided by k, is the share of the
 * picture it replaced.
 *
 * <p>Pure computation on cell colours: about 10 microseconds a frame for k = 10.
 */
public final class EdgeSweep {

    /** Colour change of a cell mean (|dY| + |dCr| + |dCb|, 8-bit levels) over the span that counts, in a picture of full light. */
    public static final int CHANGE_LEVELS = 12;
    /** Mean luma (8-bit) of the span's first and last frames from which {@link #CHANGE_LEVELS} applies in full. */
    public static final double FULL_LEVELS_LUMA = 64;
    /** Fewest levels a cell's change needs however dark the picture: above what grain moves a cell mean by. */
    public static final int MIN_DARK_LEVELS = 4;
    /** Most the path of a stepped cell's changes may add up to, over its change across the span. */
    public static final double MAX_PATH_OVER_CHANGE = 1.3;
    /** Least share of a stepped cell's change made in its largest change over one to three adjacent frames. */
    public static final double MIN_STEP_SHARE = 0.7;
    /** Least share of the grid's cells that must have stepped for any sweep. */
    public static final double MIN_STEPPED_SHARE = 0.1;
    /** Fewest frames between the earliest and latest step, and across the fitted plane: a cut steps every cell in one frame. */
    public static final int MIN_STEP_SPREAD = 2;
    /** Most frames a stepped cell's step may lie off the fitted plane and still count as swept. */
    public static final double MAX_STEP_RESIDUAL = 1.5;

    private EdgeSweep() {}

    /**
     * The sweep over {@code cells.length - 1} frames (see the class comment), 0..1.
     *
     * @param cells each frame's cell colours, oldest first: Y, Cr, Cb of each of the
     *              {@value FrameFeatures#GRID_CELLS} cells, row by row (as {@link FrameFeatures#cellColours()})
     * @return the share of the picture swept; 0 when fewer than three frames are given or their grids differ
     */
    public static double sweep(byte[][] cells) {
        int frames = cells.length;
        if (frames < 3) return 0;
        int n = FrameFeatures.GRID_CELLS;
        for (byte[] c : cells) if (c == null || c.length != n * 3) return 0;
        byte[] first = cells[0], last = cells[frames - 1];
        long luma = 0;
        for (int c = 0; c < n * 3; c += 3) luma += (first[c] & 0xff) + (last[c] & 0xff);
        double meanLuma = luma / (2.0 * n);
        double levels = meanLuma >= FULL_LEVELS_LUMA ? CHANGE_LEVELS
                : Math.max(MIN_DARK_LEVELS, CHANGE_LEVELS * meanLuma / FULL_LEVELS_LUMA);

        int[] stepFrame = new int[n];
        int stepped = 0;
        int earliest = Integer.MAX_VALUE, latest = Integer.MIN_VALUE;
        for (int cell = 0; cell < n; cell++) {
            int o = cell * 3;
            double total = change(first, last, o);
            if (total < levels) { stepFrame[cell] = -1; continue; }
            double path = 0, largest = 0, largestRun = 0, previous = 0, beforePrevious = 0;
            int at = -1;
            for (int i = 1; i < frames; i++) {
                double d = change(cells[i - 1], cells[i], o);
                path += d;
                if (d > largest) { largest = d; at = i; }
                largestRun = Math.max(largestRun, d + previous + beforePrevious);
                beforePrevious = previous;
                previous = d;
            }
            if (path > MAX_PATH_OVER_CHANGE * total || largestRun < MIN_STEP_SHARE * total) {
                stepFrame[cell] = -1;
                continue;
            }
            stepFrame[cell] = at;
            stepped++;
            earliest = Math.min(earliest, at);
            latest = Math.max(latest, at);
        }
        if (stepped < MIN_STEPPED_SHARE * n || latest - earliest < MIN_STEP_SPREAD) return 0;

        // Least squares of step = a x + b y + c over the stepped cells (normal equations, 3x3).
        double sxx = 0, sxy = 0, sx = 0, syy = 0, sy = 0, s1 = 0, sxt = 0, syt = 0, st = 0;
        for (int cell = 0; cell < n; cell++) {
            if (stepFrame[cell] < 0) continue;
            double x = cell % FrameFeatures.GRID_COLUMNS, y = cell / FrameFeatures.GRID_COLUMNS, t = stepFrame[cell];
            sxx += x * x; sxy += x * y; sx += x; syy += y * y; sy += y; s1 += 1;
            sxt += x * t; syt += y * t; st += t;
        }
        double[] plane = solve3(sxx, sxy, sx, sxy, syy, sy, sx, sy, s1, sxt, syt, st);
        // A singular system: every stepped cell in one row or column, which no moving edge makes
        // across more than one frame.
        if (plane == null) return 0;
        int onPlane = 0;
        double low = Double.POSITIVE_INFINITY, high = Double.NEGATIVE_INFINITY;
        for (int cell = 0; cell < n; cell++) {
            if (stepFrame[cell] < 0) continue;
            double x = cell % FrameFeatures.GRID_COLUMNS, y = cell / FrameFeatures.GRID_COLUMNS;
            double fitted = plane[0] * x + plane[1] * y + plane[2];
            low = Math.min(low, fitted);
            high = Math.max(high, fitted);
            if (Math.abs(stepFrame[cell] - fitted) <= MAX_STEP_RESIDUAL) onPlane++;
        }
        // The edge must move: steps that position does not order (a short blend's cells each peaking
        // by chance in one of its few frames) fit a flat plane.
        if (high - low < MIN_STEP_SPREAD) return 0;
        return (double) stepped / n * ((double) onPlane / stepped);
    }

    /** |dY| + |dCr| + |dCb| of the cell at offset {@code o} between two frames' cell colours. */
    private static double change(byte[] a, byte[] b, int o) {
        return Math.abs((a[o] & 0xff) - (b[o] & 0xff)) + Math.abs((a[o + 1] & 0xff) - (b[o + 1] & 0xff))
                + Math.abs((a[o + 2] & 0xff) - (b[o + 2] & 0xff));
    }

    /** Solves the 3x3 system (row-major m, right-hand side r) by Cramer's rule; null when singular. */
    private static double[] solve3(double m00, double m01, double m02, double m10, double m11, double m12,
                                   double m20, double m21, double m22, double r0, double r1, double r2) {
        double det = m00 * (m11 * m22 - m12 * m21) - m01 * (m10 * m22 - m12 * m20) + m02 * (m10 * m21 - m11 * m20);
        if (Math.abs(det) < 1e-9) return null;
        double a = (r0 * (m11 * m22 - m12 * m21) - m01 * (r1 * m22 - m12 * r2) + m02 * (r1 * m21 - m11 * r2)) / det;
        double b = (m00 * (r1 * m22 - m12 * r2) - r0 * (m10 * m22 - m12 * m20) + m02 * (m10 * r2 - r1 * m20)) / det;
        double c = (m00 * (m11 * r2 - r1 * m21) - m01 * (m10 * r2 - r1 * m20) + r0 * (m10 * m21 - m11 * m20)) / det;
        return new double[] {a, b, c};
    }
}
