package dev.avastream.jobs.source;

import dev.avastream.operators.chunk.ChunkTimings;
import dev.avastream.schema.ChunkResult;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The chunk source reader's metrics, registered in its operator metric group. Only exports what the
 * plain-Java analysis measured ({@link ChunkTimings}); nothing here looks at pixels.
 *
 * <ul>
 *   <li>{@value #FRAMES_DECODED} (counter) and {@value #FRAMES_PER_SECOND} (meter): frames of the chunks'
 *       own ranges decoded and analysed;</li>
 *   <li>{@value #CHUNKS_PROCESSED}, {@value #CHUNKS_FAILED} (counters);</li>
 *   <li>{@value #CHUNK_LATENCY} (histogram, ms): decode + analysis of one chunk on its reader, with
 *       {@value #CHUNK_DECODE} and {@value #CHUNK_ANALYSE} its two parts;</li>
 *   <li>{@code stage.<name>.}{@value #STAGE_FRAME_MICROS} (histogram, µs): one analysis stage's mean time per
 *       frame in a chunk, for each stage of the chunk analysis: {@code planes}, each registered annotator
 *       by name, {@code candidates} ({@code ChunkAnalyzer.stageNames}, docs/annotators.md);</li>
 *   <li>{@code model.<name>.}{@value #MODEL_CHUNK_MICROS} (histogram, µs): a neural model's inference time per
 *       chunk, registered when a model first reports (none runs in the pipeline yet).</li>
 * </ul>
 */
public final class ChunkMetrics {
    public static final String FRAMES_DECODED = "framesDecoded";
    public static final String FRAMES_PER_SECOND = "framesPerSecond";
    public static final String CHUNKS_PROCESSED = "chunksProcessed";
    public static final String CHUNKS_FAILED = "chunksFailed";
    public static final String CHUNK_LATENCY = "chunkLatencyMs";
    public static final String CHUNK_DECODE = "chunkDecodeMs";
    public static final String CHUNK_ANALYSE = "chunkAnalyseMs";
    public static final String STAGE_FRAME_MICROS = "frameMicros";
    public static final String MODEL_CHUNK_MICROS = "chunkMicros";

    /** Samples each histogram keeps (a sliding window: the dashboard shows recent chunks). */
    public static final int WINDOW = 512;

    private final MetricGroup group;
    private final Counter frames;
    private final Counter chunks;
    private final Counter failed;
    private final Histogram latency;
    private final Histogram decode;
    private final Histogram analyse;
    private final Map<String, Histogram> stages = new HashMap<>();
    private final Map<String, Histogram> models = new HashMap<>();

    /**
     * @param stages the analysis stages to register a histogram for ({@code ChunkAnalyzer.stageNames}
     *               of the job's analysis configuration), so every stage shows from the start
     */
    public ChunkMetrics(MetricGroup group, List<String> stages) {
        this.group = group;
        this.frames = group.counter(FRAMES_DECODED);
        group.meter(FRAMES_PER_SECOND, new MeterView(frames));
        this.chunks = group.counter(CHUNKS_PROCESSED);
        this.failed = group.counter(CHUNKS_FAILED);
        this.latency = group.histogram(CHUNK_LATENCY, new DescriptiveStatisticsHistogram(WINDOW));
        this.decode = group.histogram(CHUNK_DECODE, new DescriptiveStatisticsHistogram(WINDOW));
        this.analyse = group.histogram(CHUNK_ANALYSE, new DescriptiveStatisticsHistogram(WINDOW));
        for (String stage : stages) {
            this.stages.put(stage, group.addGroup("stage", stage)
                    .histogram(STAGE_FRAME_MICROS, new DescriptiveStatisticsHistogram(WINDOW)));
        }
    }

    /** Records one processed chunk (called on the fetcher thread, one chunk at a time). */
    public synchronized void record(ChunkResult result, ChunkTimings t) {
        frames.inc(result.getFramesDecoded());
        chunks.inc();
        if (result.getError() != null) failed.inc();
        if (t.framesFed() == 0 && t.totalNanos() == 0) return; // a title that could not be planned: no work
        latency.update(t.totalNanos() / 1_000_000);
        decode.update(t.decodeNanos() / 1_000_000);
        analyse.update(t.analyseNanos() / 1_000_000);
        for (Map.Entry<String, Long> e : t.stageNanos().entrySet()) {
            Histogram h = stages.get(e.getKey());
            if (h != null && t.framesFed() > 0) h.update(Math.round(e.getValue() / 1000.0 / t.framesFed()));
        }
        for (Map.Entry<String, Long> e : t.modelNanos().entrySet()) {
            models.computeIfAbsent(e.getKey(), m -> group.addGroup("model", m)
                            .histogram(MODEL_CHUNK_MICROS, new DescriptiveStatisticsHistogram(WINDOW)))
                    .update(e.getValue() / 1000);
        }
    }
}
