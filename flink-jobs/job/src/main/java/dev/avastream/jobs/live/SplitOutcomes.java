package dev.avastream.jobs.live;

import dev.avastream.schema.ChunkResult;
import dev.avastream.schema.DeadLetter;
import dev.avastream.schema.LiveChunkOutcome;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Results go on, dead letters to {@link #DEAD_LETTERS}. */
public class SplitOutcomes extends ProcessFunction<LiveChunkOutcome, ChunkResult> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", new AvroTypeInfo<>(DeadLetter.class));

    @Override
    public void processElement(LiveChunkOutcome o, Context ctx, Collector<ChunkResult> out) {
        if (o.getDeadLetter() != null) ctx.output(DEAD_LETTERS, o.getDeadLetter());
        if (o.getChunk() != null) out.collect(o.getChunk());
    }
}
