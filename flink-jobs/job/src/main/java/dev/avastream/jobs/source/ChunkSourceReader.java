package dev.avastream.jobs.source;

import dev.avastream.schema.ChunkResult;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;

import java.util.Map;
import java.util.function.Supplier;

/** Asks for one chunk at a time and emits each chunk's result when its decode is done. */
final class ChunkSourceReader extends SingleThreadMultiplexSourceReaderBase<ChunkResult, ChunkResult, ChunkSplit, ChunkSplit> {

    private final ChunkWorker worker;

    ChunkSourceReader(ChunkWorker worker, Supplier<SplitReader<ChunkResult, ChunkSplit>> splitReader,
                      Configuration config, SourceReaderContext context) {
        super(splitReader, (record, output, split) -> output.collect(record), config, context);
        this.worker = worker;
    }

    @Override
    public void close() throws Exception {
        try {
            super.close();
        } finally {
            worker.close();
        }
    }

    @Override
    public void start() {
        super.start();
        if (getNumberOfCurrentlyAssignedSplits() == 0) context.sendSplitRequest();
    }

    @Override
    protected void onSplitFinished(Map<String, ChunkSplit> finished) {
        context.sendSplitRequest();
    }

    @Override
    protected ChunkSplit initializedState(ChunkSplit split) { return split; }

    @Override
    protected ChunkSplit toSplitType(String splitId, ChunkSplit state) { return state; }
}
