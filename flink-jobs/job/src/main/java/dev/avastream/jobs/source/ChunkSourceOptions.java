package dev.avastream.jobs.source;

import dev.avastream.operators.config.Setting;
import dev.avastream.operators.config.SettingValues;
import dev.avastream.operators.config.Tunables;

import java.io.Serializable;

/**
 * How titles are cut into chunks and handed out.
 *
 * @param chunkSeconds       {@link Tunables#CHUNK_SECONDS}: target chunk length; boundaries snap to
 *                           nearby keyframes
 * @param maxChunksPerSecond {@link Tunables#MAX_CHUNKS_PER_SECOND}: pace each reader (0: as fast as it can)
 */
public record ChunkSourceOptions(double chunkSeconds, double maxChunksPerSecond) implements Serializable {
    public ChunkSourceOptions {
        Setting.check(Tunables.CHUNK_SECONDS, chunkSeconds);
        Setting.check(Tunables.MAX_CHUNKS_PER_SECOND, maxChunksPerSecond);
    }

    public static ChunkSourceOptions defaults() { return from(SettingValues.defaults()); }

    public static ChunkSourceOptions from(SettingValues v) {
        return new ChunkSourceOptions(v.get(Tunables.CHUNK_SECONDS), v.get(Tunables.MAX_CHUNKS_PER_SECOND));
    }
}
