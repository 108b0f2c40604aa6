package dev.avastream.jobs.source;

import dev.avastream.decoders.ChunkSpec;
import dev.avastream.operators.chunk.ChunkProcessor;
import dev.avastream.operators.chunk.ChunkTimings;

/**
 * A source reader's decoding engine. It outlives the fetcher threads, which Flink stops when a
 * reader has no split and starts again for the next one, so the decoder (and its open file) and the
 * pacing clock carry over from chunk to chunk.
 */
final class ChunkWorker implements AutoCloseable {
    private final ChunkProcessor processor;
    private final long minNanosPerChunk;
    private long nextChunkAt;
    private final String profile;

    ChunkWorker(ChunkProcessor.Config config, double maxChunksPerSecond) {
        this.processor = new ChunkProcessor(config);
        this.profile = config.analysis().profile();
        this.minNanosPerChunk = maxChunksPerSecond > 0 ? (long) (1e9 / maxChunksPerSecond) : 0;
    }

    synchronized ChunkProcessor.Processed process(ChunkSplit split) {
        if (split.planningError() != null) {
            return new ChunkProcessor.Processed(
                    ChunkProcessor.failedTitle(split.runId(), split.chunk(), split.planningError(), profile),
                    ChunkTimings.none());
        }
        pace();
        ChunkSpec chunk = split.chunk();
        return processor.processTimed(split.runId(), chunk);
    }

    /** Live-ingest pacing: holds the fetcher thread (never the task thread) until the next chunk is due. */
    private void pace() {
        if (minNanosPerChunk == 0) return;
        long now = System.nanoTime();
        if (nextChunkAt > now) {
            try {
                Thread.sleep((nextChunkAt - now) / 1_000_000, (int) ((nextChunkAt - now) % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        nextChunkAt = Math.max(now, nextChunkAt) + minNanosPerChunk;
    }

    @Override
    public synchronized void close() {
        processor.close();
    }
}
