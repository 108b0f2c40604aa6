package dev.avastream.jobs.source;

import java.io.Serializable;

/**
 * How titles are cut into chunks and handed out.
 *
 * @param chunkSeconds       target chunk length; boundaries snap to nearby keyframes
 * @param maxChunksPerSecond pace each reader to at most this many chunks a second (0: as fast as it
 *                           can), e.g. to simulate a live ingest or to give checkpoints room in tests
 */
public record ChunkSourceOptions(double chunkSeconds, double maxChunksPerSecond) implements Serializable {
    public static ChunkSourceOptions defaults() { return new ChunkSourceOptions(10.0, 0); }
}
