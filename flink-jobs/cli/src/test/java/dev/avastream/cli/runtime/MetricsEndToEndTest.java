package dev.avastream.cli.runtime;

import dev.avastream.jobs.PipelineOptions;

import dev.avastream.jobs.source.ChunkMetrics;
import dev.avastream.jobs.source.ChunkSourceOptions;
import dev.avastream.jobs.source.TitleInput;
import dev.avastream.operators.chunk.AnalysisConfig;
import dev.avastream.operators.chunk.ChunkAnalyzer;
import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.testdata.GroundTruth;
import dev.avastream.testdata.SyntheticVideoGenerator;
import dev.avastream.testdata.SyntheticVideoSpec;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Meter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The job's own metrics, as a metric reporter of the embedded cluster sees them: the real pipeline on
 * a generated video (Flink mini cluster, RocksDB, embedded Kafka), then every counter checked against
 * what the video and the published updates say.
 */
class MetricsEndToEndTest {
    static final String SOURCE = "chunks: decode";
    static final String TITLE = "title: shots";

    @TempDir
    static Path dir;
    static String bootstrap;

    @RegisterExtension
    static final org.junit.jupiter.api.extension.BeforeAllCallback KAFKA = ctx -> bootstrap = EmbeddedKafkaExtension.bootstrap(ctx);

    @Test
    void pipelineMetricsAreRegisteredAndCountTheRun() throws Exception {
        Path video = dir.resolve("metrics.mp4");
        GroundTruth truth = SyntheticVideoGenerator.generate(SyntheticVideoSpec.builder()
                .size(320, 180).fps(30).seed(7).gopFrames(30)
                .shotLengths(40, 35, 50, 30, 45).build(), video);
        PipelineOptions p = PipelineOptions.defaults()
                .withParallelism(2)
                .withChunks(new ChunkSourceOptions(1.0, 0))
                .withCheckpointInterval(Duration.ofMillis(300));
        AvaRunner.Settings settings = AvaRunner.Settings.defaults().withBootstrap(bootstrap).withPipeline(p)
                .withRestartAttempts(0).withFlinkConfig(CollectingReporter.config());

        CollectingReporter.clear();
        RunOutcome outcome = AvaRunner.run(List.of(new TitleInput("metrics", video.toString())), settings, null);
        TitleOutcome title = outcome.titles().get("metrics");
        assertNotNull(title);
        assertTrue(title.complete());
        List<CandidateSetUpdate> updates = title.updates();
        long chunks = title.last().getChunkCount();
        assertTrue(chunks >= 5, "1 s chunks of a 6.7 s video: " + chunks);

        // Source: frames and chunks, summed over both reader subtasks.
        assertEquals(truth.frameCount(), sumCounters(SOURCE, ChunkMetrics.FRAMES_DECODED), "frames decoded");
        assertEquals(chunks, sumCounters(SOURCE, ChunkMetrics.CHUNKS_PROCESSED), "chunks processed");
        assertEquals(0, sumCounters(SOURCE, ChunkMetrics.CHUNKS_FAILED));
        assertEquals(2, CollectingReporter.find(SOURCE, ChunkMetrics.FRAMES_PER_SECOND).size());
        for (var e : CollectingReporter.find(SOURCE, ChunkMetrics.FRAMES_PER_SECOND)) {
            assertTrue(e.metric() instanceof Meter, "framesPerSecond is a meter");
        }

        // Latency histograms: one sample per chunk.
        for (String h : List.of(ChunkMetrics.CHUNK_LATENCY, ChunkMetrics.CHUNK_DECODE, ChunkMetrics.CHUNK_ANALYSE)) {
            assertEquals(chunks, histogramCount(SOURCE, h), h + " samples");
        }
        assertTrue(maxOf(CollectingReporter.find(SOURCE, ChunkMetrics.CHUNK_LATENCY)) > 0, "a chunk takes more than 0 ms");

        // Per-stage (annotator) histograms: every stage, one sample per chunk, and the annotators cost something.
        long stageTotal = 0;
        for (String stage : ChunkAnalyzer.stageNames(AnalysisConfig.defaults())) {
            List<CollectingReporter.Entry> found = CollectingReporter.withIdentifierContaining("stage." + stage + "."
                    + ChunkMetrics.STAGE_FRAME_MICROS);
            assertEquals(2, found.size(), "stage " + stage + " on both readers: " + found);
            long count = 0;
            for (var e : found) {
                Histogram hist = (Histogram) e.metric();
                count += hist.getCount();
                stageTotal += hist.getStatistics().getMax();
            }
            assertEquals(chunks, count, "stage " + stage + " samples");
        }
        assertTrue(stageTotal > 0, "the annotators take time");
        assertTrue(maxOf(CollectingReporter.withIdentifierContaining("stage.visual." + ChunkMetrics.STAGE_FRAME_MICROS)) > 0, "visual annotator time per frame");
        // the neural annotators: one latency sample per chunk each, and they took time
        for (String model : List.of("faces", "objects", "text", "nudity")) {
            List<CollectingReporter.Entry> found =
                    CollectingReporter.withIdentifierContaining("model." + model + "." + ChunkMetrics.MODEL_CHUNK_MICROS);
            assertFalse(found.isEmpty(), "model " + model + " histogram");
            long count = 0;
            for (var e : found) count += ((Histogram) e.metric()).getCount();
            assertEquals(chunks, count, "model " + model + " samples");
            assertTrue(maxOf(found) > 0, "model " + model + " took time");
        }

        // Title operator: churn is the sum of what the published updates added and removed.
        long churn = 0;
        for (CandidateSetUpdate u : updates) churn += u.getAdded().size() + u.getRemoved().size();
        assertTrue(churn > 0);
        assertEquals(churn, sumCounters(TITLE, "candidateChurn"), "churn counter = added + removed of every update");
        assertEquals(updates.size(), sumCounters(TITLE, "candidateUpdates"));
        assertEquals(updates.size(), histogramCount(TITLE, "candidateChurnPerUpdate"));
        assertTrue(sumCounters(TITLE, "poolEdits") > 0);
        for (String g : List.of("openTitles", "poolSize", "pendingChunks", "unsettledFrames", "progressStateBytes")) {
            List<CollectingReporter.Entry> found = CollectingReporter.find(TITLE, g);
            assertFalse(found.isEmpty(), "gauge " + g);
            for (var e : found) {
                Object v = ((Gauge<?>) e.metric()).getValue();
                assertEquals(0L, ((Number) v).longValue(), g + " after the title completed");
            }
        }
    }

    private static long sumCounters(String operator, String name) {
        List<CollectingReporter.Entry> found = CollectingReporter.find(operator, name);
        assertFalse(found.isEmpty(), "no metric " + name + " on " + operator);
        long sum = 0;
        for (var e : found) sum += ((Counter) e.metric()).getCount();
        return sum;
    }

    private static long histogramCount(String operator, String name) {
        List<CollectingReporter.Entry> found = CollectingReporter.find(operator, name);
        assertFalse(found.isEmpty(), "no histogram " + name + " on " + operator);
        long n = 0;
        for (var e : found) n += ((Histogram) e.metric()).getCount();
        return n;
    }

    private static long maxOf(List<CollectingReporter.Entry> histograms) {
        assertFalse(histograms.isEmpty(), "no such histogram");
        long max = Long.MIN_VALUE;
        for (var e : histograms) max = Math.max(max, ((Histogram) e.metric()).getStatistics().getMax());
        return max;
    }
}
