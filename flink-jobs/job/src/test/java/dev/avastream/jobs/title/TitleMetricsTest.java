package dev.avastream.jobs.title;

import dev.avastream.decoders.ChunkSpec;
import dev.avastream.operators.chunk.ChunkProcessor;
import dev.avastream.operators.title.TitleAssembly;
import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.schema.FrameAnnotation;
import dev.avastream.schema.TitleProgress;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The title operator's gauges follow the open titles, and churn counts what each update changed. */
class TitleMetricsTest {

    /** A metric group that keeps what is registered in it. */
    static final class Capturing extends UnregisteredMetricsGroup {
        final Map<String, Metric> metrics = new HashMap<>();

        @Override
        public Counter counter(String name) { return counter(name, new SimpleCounter()); }

        @Override
        public <C extends Counter> C counter(String name, C c) { metrics.put(name, c); return c; }

        @Override
        public <T, G extends Gauge<T>> G gauge(String name, G g) { metrics.put(name, g); return g; }

        @Override
        public <H extends Histogram> H histogram(String name, H h) { metrics.put(name, h); return h; }

        long value(String name) {
            Metric m = metrics.get(name);
            if (m instanceof Counter c) return c.getCount();
            if (m instanceof Gauge<?> g) return ((Number) g.getValue()).longValue();
            throw new AssertionError("no metric " + name + " in " + metrics.keySet());
        }
    }

    static TitleProgress progress(String title, int unsettled) {
        ChunkSpec spec = new ChunkSpec(title, "/v/" + title + ".mp4", 0, 3, 90, 0, 29, 0, new long[0]);
        TitleProgress p = TitleAssembly.start(ChunkProcessor.failedTitle("r", spec, "none"));
        List<FrameAnnotation> frames = new ArrayList<>();
        for (int i = 0; i < unsettled; i++) {
            frames.add(FrameAnnotation.newBuilder().setFrameIndex(i).setTimeUs(i * 33_333L)
                    .setBrightness(0.5).setContrast(0.2).setColourfulness(0.3).setSharpness(0.5).setMotion(0.01)
                    .setCutScore(0).setCutComponents(new ArrayList<>()).build());
        }
        p.getSettling().setUnsettledFrames(frames);
        return p;
    }

    static CandidateSetUpdate update(List<Long> added, List<Long> removed) {
        return CandidateSetUpdate.newBuilder()
                .setRunId("r").setTitleId("a").setSource("/v/a.mp4").setVersion(1).setChunksReceived(1)
                .setChunksAssembled(1).setChunkCount(3).setFramesProcessed(30).setShotsClosed(0).setPoolSize(4)
                .setComplete(false).setCandidates(new ArrayList<>()).setAdded(added).setRemoved(removed)
                .setEmittedAtMs(0).build();
    }

    @Test
    void gaugesSumTheOpenTitlesAndDropACompletedOne() {
        Capturing group = new Capturing();
        TitleMetrics m = new TitleMetrics(group);
        assertEquals(0, group.value(TitleMetrics.OPEN_TITLES));

        m.onTitle("a", progress("a", 5), 7, 2);
        m.onTitle("b", progress("b", 3), 4, 0);
        assertEquals(2, group.value(TitleMetrics.OPEN_TITLES));
        assertEquals(11, group.value(TitleMetrics.POOL_SIZE));
        assertEquals(2, group.value(TitleMetrics.PENDING_CHUNKS));
        assertEquals(8, group.value(TitleMetrics.UNSETTLED_FRAMES));
        long bytes = group.value(TitleMetrics.PROGRESS_BYTES);
        assertTrue(bytes > 0, "serialized progress size");

        m.onTitle("a", progress("a", 0), 9, 0); // the same title again replaces its sizes
        assertEquals(2, group.value(TitleMetrics.OPEN_TITLES));
        assertEquals(13, group.value(TitleMetrics.POOL_SIZE));
        assertEquals(3, group.value(TitleMetrics.UNSETTLED_FRAMES));
        assertTrue(group.value(TitleMetrics.PROGRESS_BYTES) < bytes, "fewer unsettled frames, fewer bytes");

        m.onTitle("a", null, 0, 0);
        m.onTitle("b", null, 0, 0);
        assertEquals(0, group.value(TitleMetrics.OPEN_TITLES));
        assertEquals(0, group.value(TitleMetrics.POOL_SIZE));
        assertEquals(0, group.value(TitleMetrics.PROGRESS_BYTES));
    }

    @Test
    void churnIsAddedPlusRemovedOfEachUpdate() {
        Capturing group = new Capturing();
        TitleMetrics m = new TitleMetrics(group);
        m.onUpdate(update(List.of(10L, 20L), List.of(5L)), 4, 1);
        m.onUpdate(update(List.of(), List.of()), 0, 0);
        assertEquals(3, group.value(TitleMetrics.CANDIDATE_CHURN));
        assertEquals(5, group.value(TitleMetrics.POOL_EDITS));
        Histogram h = (Histogram) group.metrics.get(TitleMetrics.CHURN_PER_UPDATE);
        assertEquals(2, h.getCount());
        assertEquals(3, h.getStatistics().getMax());
        assertEquals(0, h.getStatistics().getMin());
    }
}
