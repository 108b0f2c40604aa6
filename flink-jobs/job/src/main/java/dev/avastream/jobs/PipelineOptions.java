package dev.avastream.jobs;

import dev.avastream.jobs.source.ChunkSourceOptions;
import dev.avastream.operators.config.Setting;
import dev.avastream.operators.config.SettingValues;
import dev.avastream.operators.config.Tunables;
import dev.avastream.operators.title.TitleAssembly;

import java.io.Serializable;
import java.time.Duration;

/**
 * Everything that shapes one run of the pipeline besides the per-chunk analysis. Defaults, meaning and
 * valid range of each setting are written once, in {@link Tunables}.
 *
 * @param chunks             how titles are chunked and decoded
 * @param title              top-K and pool bounds of the title operator
 * @param idleTimeout        {@link Tunables#IDLE_TIMEOUT}
 * @param quietTimeout       {@link Tunables#QUIET_TIMEOUT}
 * @param parallelism        {@link Tunables#PARALLELISM}: task slots used by decode and by the title operator
 * @param checkpointInterval {@link Tunables#CHECKPOINT_INTERVAL}
 * @param failAfterChunks    fault injection for recovery tests: fail the job once, in its first
 *                           attempt, after this many chunks and a completed checkpoint (0: never)
 */
public record PipelineOptions(ChunkSourceOptions chunks, TitleAssembly.Params title, Duration idleTimeout,
                              Duration quietTimeout, int parallelism, Duration checkpointInterval, int failAfterChunks)
        implements Serializable {

    public PipelineOptions {
        Tunables.IDLE_TIMEOUT.check(idleTimeout);
        Tunables.QUIET_TIMEOUT.check(quietTimeout);
        Setting.check(Tunables.PARALLELISM, parallelism);
        Tunables.CHECKPOINT_INTERVAL.check(checkpointInterval);
        if (failAfterChunks < 0) throw new IllegalArgumentException("failAfterChunks must be 0 or more: " + failAfterChunks);
    }

    /** The defaults, with one task slot per core. */
    public static PipelineOptions defaults() {
        return from(SettingValues.defaults(), Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * The options as {@code values} set them; {@code defaultParallelism} when they choose none (the
     * number of cores locally, the cluster's default on a cluster).
     */
    public static PipelineOptions from(SettingValues values, int defaultParallelism) {
        Integer p = values.chosen(Tunables.PARALLELISM);
        return new PipelineOptions(ChunkSourceOptions.from(values), TitleAssembly.Params.from(values),
                values.get(Tunables.IDLE_TIMEOUT), values.get(Tunables.QUIET_TIMEOUT), p != null ? p : defaultParallelism,
                values.get(Tunables.CHECKPOINT_INTERVAL), 0);
    }

    public PipelineOptions withChunks(ChunkSourceOptions c) {
        return new PipelineOptions(c, title, idleTimeout, quietTimeout, parallelism, checkpointInterval, failAfterChunks);
    }

    public PipelineOptions withTitle(TitleAssembly.Params t) {
        return new PipelineOptions(chunks, t, idleTimeout, quietTimeout, parallelism, checkpointInterval, failAfterChunks);
    }

    public PipelineOptions withParallelism(int p) {
        return new PipelineOptions(chunks, title, idleTimeout, quietTimeout, p, checkpointInterval, failAfterChunks);
    }

    public PipelineOptions withCheckpointInterval(Duration d) {
        return new PipelineOptions(chunks, title, idleTimeout, quietTimeout, parallelism, d, failAfterChunks);
    }

    public PipelineOptions withIdleTimeout(Duration d) {
        return new PipelineOptions(chunks, title, d, quietTimeout, parallelism, checkpointInterval, failAfterChunks);
    }

    public PipelineOptions withQuietTimeout(Duration d) {
        return new PipelineOptions(chunks, title, idleTimeout, d, parallelism, checkpointInterval, failAfterChunks);
    }

    public PipelineOptions withFailAfterChunks(int n) {
        return new PipelineOptions(chunks, title, idleTimeout, quietTimeout, parallelism, checkpointInterval, n);
    }
}
