package dev.avastream.operators.shots;

/**
 * Ordinary least squares with a handful of regressors, for the model fits of
 * {@link GradualTransitionDetector}: normal equations solved by Gaussian elimination with partial
 * pivoting. Reuses its arrays; not thread-safe.
 */
final class LeastSquares {

    /** The regressors of one observation. */
    interface Design {
        /** Writes the regressors of position {@code i} into {@code x}. */
        void row(int i, double[] x);
    }

    private final int m;
    private final double[] x;
    private final double[] ata;
    private final double[] atb;
    private final double[] coef;

    LeastSquares(int regressors) {
        this.m = regressors;
        this.x = new double[m];
        this.ata = new double[m * m];
        this.atb = new double[m];
        this.coef = new double[m];
    }

    /**
     * Fits {@code y} at the positions where {@code use} is true (all when null) and returns the sum
     * of squared residuals, or infinity when the design is singular. Coefficients in {@link #coef}.
     */
    double fit(double[] y, boolean[] use, Design design) {
        java.util.Arrays.fill(ata, 0);
        java.util.Arrays.fill(atb, 0);
        int n = 0;
        for (int i = 0; i < y.length; i++) {
            if (use != null && !use[i]) continue;
            design.row(i, x);
            for (int r = 0; r < m; r++) {
                double xr = x[r];
                if (xr == 0) continue;
                atb[r] += xr * y[i];
                for (int c = r; c < m; c++) ata[r * m + c] += xr * x[c];
            }
            n++;
        }
        if (n < m) return Double.POSITIVE_INFINITY;
        for (int r = 0; r < m; r++) for (int c = 0; c < r; c++) ata[r * m + c] = ata[c * m + r];
        if (!solve()) return Double.POSITIVE_INFINITY;
        double sse = 0;
        for (int i = 0; i < y.length; i++) {
            if (use != null && !use[i]) continue;
            design.row(i, x);
            double p = 0;
            for (int r = 0; r < m; r++) p += coef[r] * x[r];
            double e = y[i] - p;
            sse += e * e;
        }
        return sse;
    }

    /** The coefficient of regressor {@code r} from the last fit. */
    double coef(int r) {
        return coef[r];
    }

    /** Solves ata coef = atb in place (ata and atb are destroyed). */
    private boolean solve() {
        double scale = 0;
        for (int r = 0; r < m; r++) scale = Math.max(scale, Math.abs(ata[r * m + r]));
        if (scale == 0) return false;
        for (int col = 0; col < m; col++) {
            int pivot = col;
            for (int r = col + 1; r < m; r++) {
                if (Math.abs(ata[r * m + col]) > Math.abs(ata[pivot * m + col])) pivot = r;
            }
            if (Math.abs(ata[pivot * m + col]) < 1e-12 * scale) return false;
            if (pivot != col) {
                for (int c = 0; c < m; c++) {
                    double t = ata[col * m + c];
                    ata[col * m + c] = ata[pivot * m + c];
                    ata[pivot * m + c] = t;
                }
                double t = atb[col];
                atb[col] = atb[pivot];
                atb[pivot] = t;
            }
            for (int r = col + 1; r < m; r++) {
                double f = ata[r * m + col] / ata[col * m + col];
                if (f == 0) continue;
                for (int c = col; c < m; c++) ata[r * m + c] -= f * ata[col * m + c];
                atb[r] -= f * atb[col];
            }
        }
        for (int r = m - 1; r >= 0; r--) {
            double sum = atb[r];
            for (int c = r + 1; c < m; c++) sum -= ata[r * m + c] * coef[c];
            coef[r] = sum / ata[r * m + r];
        }
        return true;
    }
}
