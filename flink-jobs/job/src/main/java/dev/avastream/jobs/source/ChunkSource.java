package dev.avastream.jobs.source;

import dev.avastream.operators.chunk.ChunkAnalyzer;
import dev.avastream.operators.chunk.ChunkProcessor;
import dev.avastream.schema.ChunkResult;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.util.ArrayList;
import java.util.List;

/**
 * FLIP-27 source over video files whose splits are chunks: the enumerator probes and plans each
 * title, readers decode and analyse chunks in parallel and emit one {@link ChunkResult} per chunk.
 * Bounded: the job ends when every chunk of every title is done.
 */
public final class ChunkSource implements Source<ChunkResult, ChunkSplit, ChunkEnumeratorState> {
    private static final long serialVersionUID = 1L;

    private final List<TitleInput> titles;
    private final String runId;
    private final ChunkSourceOptions options;
    private final ChunkProcessor.Config processorConfig;

    public ChunkSource(List<TitleInput> titles, String runId, ChunkSourceOptions options,
                       ChunkProcessor.Config processorConfig) {
        this.titles = new ArrayList<>(titles);
        this.runId = runId;
        this.options = options;
        this.processorConfig = processorConfig;
    }

    @Override
    public Boundedness getBoundedness() { return Boundedness.BOUNDED; }

    @Override
    public SplitEnumerator<ChunkSplit, ChunkEnumeratorState> createEnumerator(SplitEnumeratorContext<ChunkSplit> ctx) {
        return new ChunkEnumerator(ctx, options, processorConfig, runId, new ChunkEnumeratorState(titles, List.of()));
    }

    @Override
    public SplitEnumerator<ChunkSplit, ChunkEnumeratorState> restoreEnumerator(SplitEnumeratorContext<ChunkSplit> ctx,
                                                                                ChunkEnumeratorState state) {
        return new ChunkEnumerator(ctx, options, processorConfig, runId, state);
    }

    @Override
    public SimpleVersionedSerializer<ChunkSplit> getSplitSerializer() { return ChunkSplitSerializer.INSTANCE; }

    @Override
    public SimpleVersionedSerializer<ChunkEnumeratorState> getEnumeratorCheckpointSerializer() {
        return new ChunkEnumeratorStateSerializer();
    }

    @Override
    public SourceReader<ChunkResult, ChunkSplit> createReader(SourceReaderContext ctx) {
        ChunkMetrics metrics = new ChunkMetrics(ctx.metricGroup(),
                ChunkAnalyzer.stageNames(processorConfig.analysis()));
        ChunkWorker worker = new ChunkWorker(processorConfig, options.maxChunksPerSecond());
        return new ChunkSourceReader(worker, () -> new ChunkSplitReader(worker, metrics), new Configuration(), ctx);
    }
}
