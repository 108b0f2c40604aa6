package dev.avastream.cli.live;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LatencyReportTest {
    @Test
    void nearestRankPercentiles() {
        double[] v = new double[100];
        for (int i = 0; i < 100; i++) v[i] = 100 - i; // 1..100, unsorted
        assertEquals(50, LatencyReport.percentile(v, 0.5));
        assertEquals(99, LatencyReport.percentile(v, 0.99));
        assertEquals(100, LatencyReport.percentile(v, 1.0));
        assertEquals(7, LatencyReport.percentile(new double[] {7}, 0.99));
    }

    @Test
    void trendComparesTheFirstAndLastMinuteAndTheSlopeShowsGrowth() {
        LatencyReport steady = new LatencyReport();
        LatencyReport growing = new LatencyReport();
        for (int i = 0; i < 300; i++) { // a chunk every 2 s for 10 minutes
            long published = i * 2000L;
            steady.add(new LatencyReport.Sample(i, published, published + 900, published + 1500));
            growing.add(new LatencyReport.Sample(i, published, published + 900, published + 1500 + i * 10L));
        }
        double[] t = steady.trend(60_000);
        assertEquals(1500, t[0], 1e-9);
        assertEquals(1500, t[1], 1e-9);
        assertEquals(0, steady.slopeMsPerMinute(), 1e-6);
        double[] g = growing.trend(60_000);
        assertEquals(1500 + 150, g[0], 1e-9); // chunks 0..30
        assertEquals(1500 + 2840, g[1], 1e-9); // chunks 269..299
        assertEquals(300, growing.slopeMsPerMinute(), 1e-6); // 10 ms per 2 s chunk
        assertEquals(1500, steady.visible().p50());
        assertEquals(900, steady.emitted().p99());
    }
}
