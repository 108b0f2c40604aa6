package dev.avastream.cli.live;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Per-chunk end-to-end latencies of a live ingest and their summary: percentiles, and the trend
 * (mean of the chunks published in the first minute against the last minute) that shows whether
 * the job keeps up. Plain Java.
 */
public final class LatencyReport {

    /** One chunk: when its event was published, when its update was emitted, when a consumer read it. */
    public record Sample(int chunkIndex, long publishedAtMs, long emittedAtMs, long receivedAtMs) {
        public long emitLatencyMs() { return emittedAtMs - publishedAtMs; }
        public long visibleLatencyMs() { return receivedAtMs - publishedAtMs; }
    }

    /** Percentiles of one latency, in ms. */
    public record Summary(int count, double p50, double p90, double p99, double max, double mean) {
        public String format() {
            return String.format(Locale.ROOT, "p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms, mean %.0f ms (%d chunks)",
                    p50, p90, p99, max, mean, count);
        }
    }

    private final List<Sample> samples = new ArrayList<>();

    public synchronized void add(Sample s) { samples.add(s); }

    public synchronized List<Sample> samples() { return List.copyOf(samples); }

    /** Nearest-rank percentile ({@code q} in [0, 1]) of unsorted values. */
    public static double percentile(double[] values, double q) {
        if (values.length == 0) return Double.NaN;
        double[] v = values.clone();
        Arrays.sort(v);
        int rank = (int) Math.ceil(q * v.length);
        return v[Math.min(v.length - 1, Math.max(0, rank - 1))];
    }

    public static Summary summarize(double[] values) {
        if (values.length == 0) return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        return new Summary(values.length, percentile(values, 0.5), percentile(values, 0.9), percentile(values, 0.99),
                Arrays.stream(values).max().orElse(Double.NaN), Arrays.stream(values).average().orElse(Double.NaN));
    }

    public synchronized Summary visible() { return summarize(samples.stream().mapToDouble(Sample::visibleLatencyMs).toArray()); }

    public synchronized Summary emitted() { return summarize(samples.stream().mapToDouble(Sample::emitLatencyMs).toArray()); }

    /**
     * Mean visible latency of the chunks published within {@code windowMs} of the first publish, and
     * of those within {@code windowMs} of the last: {first, last}. A job that keeps up shows no growth.
     */
    public synchronized double[] trend(long windowMs) {
        if (samples.isEmpty()) return new double[] {Double.NaN, Double.NaN};
        long first = samples.stream().mapToLong(Sample::publishedAtMs).min().getAsLong();
        long last = samples.stream().mapToLong(Sample::publishedAtMs).max().getAsLong();
        double a = samples.stream().filter(s -> s.publishedAtMs() <= first + windowMs).mapToLong(Sample::visibleLatencyMs).average().orElse(Double.NaN);
        double b = samples.stream().filter(s -> s.publishedAtMs() >= last - windowMs).mapToLong(Sample::visibleLatencyMs).average().orElse(Double.NaN);
        return new double[] {a, b};
    }

    /** Least-squares slope of visible latency against publish time: ms of extra latency per minute of ingest. */
    public synchronized double slopeMsPerMinute() {
        int n = samples.size();
        if (n < 2) return 0;
        double mx = 0, my = 0;
        for (Sample s : samples) { mx += s.publishedAtMs(); my += s.visibleLatencyMs(); }
        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0;
        for (Sample s : samples) {
            double dx = s.publishedAtMs() - mx;
            sxy += dx * (s.visibleLatencyMs() - my);
            sxx += dx * dx;
        }
        return sxx == 0 ? 0 : sxy / sxx * 60_000;
    }
}
