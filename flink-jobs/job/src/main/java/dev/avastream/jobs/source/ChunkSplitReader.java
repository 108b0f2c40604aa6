package dev.avastream.jobs.source;

import dev.avastream.operators.chunk.ChunkProcessor;
import dev.avastream.schema.ChunkResult;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Runs on the source's fetcher thread: decodes one whole chunk and analyses every frame while the
 * decoder still owns the pixels, then hands on a single {@link ChunkResult}. Pixels never leave this
 * thread, so nothing is copied or serialized per frame.
 */
final class ChunkSplitReader implements SplitReader<ChunkResult, ChunkSplit> {
    private final Deque<ChunkSplit> splits = new ArrayDeque<>();
    private final ChunkWorker worker;
    private final ChunkMetrics metrics;

    ChunkSplitReader(ChunkWorker worker, ChunkMetrics metrics) {
        this.worker = worker;
        this.metrics = metrics;
    }

    @Override
    public RecordsWithSplitIds<ChunkResult> fetch() {
        RecordsBySplits.Builder<ChunkResult> records = new RecordsBySplits.Builder<>();
        ChunkSplit split = splits.pollFirst();
        if (split == null) return records.build();
        ChunkProcessor.Processed processed = worker.process(split);
        ChunkResult result = processed.result();
        metrics.record(result, processed.timings());
        records.add(split.splitId(), result);
        records.addFinishedSplit(split.splitId());
        return records.build();
    }

    @Override
    public void handleSplitsChanges(SplitsChange<ChunkSplit> change) {
        if (change instanceof SplitsAddition<ChunkSplit> addition) splits.addAll(addition.splits());
    }

    @Override
    public void wakeUp() {
        // fetch() never blocks waiting for input: a chunk decode is finite work.
    }

    @Override
    public void close() {
        // The worker belongs to the source reader and outlives this fetcher.
    }
}
