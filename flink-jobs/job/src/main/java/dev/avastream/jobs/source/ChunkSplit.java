package dev.avastream.jobs.source;

import dev.avastream.decoders.ChunkSpec;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * A FLIP-27 split: one chunk of one title. A title that could not even be probed becomes a single
 * split with {@code planningError} set, so its failure travels down the same path as its results
 * would have and the title operator can close it with an error while other titles go on.
 */
public record ChunkSplit(String runId, ChunkSpec chunk, String planningError) implements SourceSplit {

    public static ChunkSplit of(String runId, ChunkSpec chunk) { return new ChunkSplit(runId, chunk, null); }

    public static ChunkSplit failedTitle(String runId, TitleInput title, String error) {
        return new ChunkSplit(runId, new ChunkSpec(title.titleId(), title.source(), 0, 0, 0, 0, -1, 0, new long[0]), error);
    }

    @Override
    public String splitId() { return chunk.titleId() + "#" + chunk.chunkIndex(); }
}
