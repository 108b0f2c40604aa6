package dev.avastream.cli.preview;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avastream.schema.CandidateSetUpdate;

/**
 * The fields of a {@link CandidateSetUpdate} that say where its title stands (identity, version,
 * progress counters, what changed), as JSON: the same names for {@code ava watch --json} and the
 * preview page. Candidates are left to the caller, which shows different things about them.
 */
public final class UpdateJson {

    private UpdateJson() {}

    public static ObjectNode progress(CandidateSetUpdate u) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("titleId", u.getTitleId());
        o.put("runId", u.getRunId());
        o.put("source", u.getSource());
        o.put("version", u.getVersion());
        o.put("chunksReceived", u.getChunksReceived());
        o.put("chunksAssembled", u.getChunksAssembled());
        o.put("chunkCount", u.getChunkCount());
        o.put("framesProcessed", u.getFramesProcessed());
        o.put("titleFrameCount", u.getTitleFrameCount());
        o.put("shotsClosed", u.getShotsClosed());
        o.put("poolSize", u.getPoolSize());
        o.put("complete", u.getComplete());
        o.put("emittedAtMs", u.getEmittedAtMs());
        o.set("added", AvroJson.value(u.getAdded()));
        o.set("removed", AvroJson.value(u.getRemoved()));
        o.set("errors", AvroJson.value(u.getErrors()));
        return o;
    }
}
