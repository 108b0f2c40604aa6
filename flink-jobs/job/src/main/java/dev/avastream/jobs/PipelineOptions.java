package dev.avastream.jobs;

import dev.avastream.jobs.source.ChunkSourceOptions;
import dev.avastream.operators.title.TitleAssembly;

import java.io.Serializable;
import java.time.Duration;

/**
 * Everything that shapes one run of the pipeline, with the defaults the CLI uses.
 *
 * @param chunks             how titles are chunked and decoded
 * @param title              top-K and pool bounds of the title operator
 * @param idleTimeout        a title that receives no chunk for this long is closed with what it has
 * @param parallelism        task slots used by decode and by the title operator
 * @param checkpointInterval how often state is checkpointed and Kafka transactions commit: the
 *                           latency floor of an update seen by a read-committed consumer
 * @param failAfterChunks    fault injection for recovery tests: fail the job once, in its first
 *                           attempt, after this many chunks and a completed checkpoint (0: never)
 */
public record PipelineOptions(ChunkSourceOptions chunks, TitleAssembly.Params title, Duration idleTimeout,
                              int parallelism, Duration checkpointInterval, int failAfterChunks)
        implements Serializable {

    public static PipelineOptions defaults() {
        return new PipelineOptions(ChunkSourceOptions.defaults(), TitleAssembly.Params.defaults(),
                Duration.ofMinutes(30), Math.max(1, Runtime.getRuntime().availableProcessors()),
                Duration.ofSeconds(2), 0);
    }

    public PipelineOptions withChunks(ChunkSourceOptions c) {
        return new PipelineOptions(c, title, idleTimeout, parallelism, checkpointInterval, failAfterChunks);
    }

    public PipelineOptions withTitle(TitleAssembly.Params t) {
        return new PipelineOptions(chunks, t, idleTimeout, parallelism, checkpointInterval, failAfterChunks);
    }

    public PipelineOptions withParallelism(int p) {
        return new PipelineOptions(chunks, title, idleTimeout, p, checkpointInterval, failAfterChunks);
    }

    public PipelineOptions withCheckpointInterval(Duration d) {
        return new PipelineOptions(chunks, title, idleTimeout, parallelism, d, failAfterChunks);
    }

    public PipelineOptions withIdleTimeout(Duration d) {
        return new PipelineOptions(chunks, title, d, parallelism, checkpointInterval, failAfterChunks);
    }

    public PipelineOptions withFailAfterChunks(int n) {
        return new PipelineOptions(chunks, title, idleTimeout, parallelism, checkpointInterval, n);
    }
}
