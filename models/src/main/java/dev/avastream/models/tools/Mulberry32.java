package dev.avastream.models.tools;

/**
 * The mulberry32 generator, bit for bit as in {@code models/build/reference.mjs}: parity inputs are
 * regenerated from a seed instead of being stored.
 */
public final class Mulberry32 {
    private int a;

    public Mulberry32(int seed) {
        this.a = seed;
    }

    /** Next value in [0, 1). */
    public double next() {
        a += 0x6D2B79F5;
        int t = (a ^ (a >>> 15)) * (1 | a);
        t = (t + ((t ^ (t >>> 7)) * (61 | t))) ^ t;
        return ((t ^ (t >>> 14)) & 0xffffffffL) / 4294967296.0;
    }

    /** {@code n} float32 values uniform in [lo, hi), rounded as a JS Float32Array stores them. */
    public static float[] uniform(int seed, int n, double lo, double hi) {
        Mulberry32 r = new Mulberry32(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (lo + (hi - lo) * r.next());
        return v;
    }
}
