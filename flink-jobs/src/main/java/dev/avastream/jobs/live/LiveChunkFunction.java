package dev.avastream.jobs.live;

import dev.avastream.operators.chunk.ChunkProcessor;
import dev.avastream.schema.ChunkReady;
import dev.avastream.schema.ChunkResult;
import dev.avastream.schema.DeadLetter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.nio.ByteBuffer;

/**
 * ChunkReady records in, ChunkResults out; thin Flink wrapper around {@link LiveChunkProcessor}
 * (decode and analysis happen there). Records that cannot be used go to {@link #DEAD_LETTERS} with
 * the reason; nothing a producer writes can fail the job.
 */
public class LiveChunkFunction extends ProcessFunction<RawRecord, ChunkResult> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", new AvroTypeInfo<>(DeadLetter.class));

    private final String runId;
    private final ChunkProcessor.Config config;
    private transient LiveChunkProcessor processor;
    private transient Counter rejected;

    public LiveChunkFunction(String runId, ChunkProcessor.Config config) {
        this.runId = runId;
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        processor = new LiveChunkProcessor(runId, config);
        rejected = getRuntimeContext().getMetricGroup().counter("chunkEventsRejected");
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<ChunkResult> out) {
        ChunkReady event;
        try {
            event = LiveChunkProcessor.decode(record.value);
        } catch (IllegalArgumentException e) {
            deadLetter(record, null, record + ": " + e.getMessage(), ctx);
            return;
        }
        LiveChunkProcessor.Outcome outcome;
        try {
            outcome = processor.process(event);
        } catch (RuntimeException e) {
            outcome = new LiveChunkProcessor.Outcome(null, "chunk " + event.getChunkIndex() + " of title '"
                    + event.getTitleId() + "' (" + event.getUri() + "): " + e);
        }
        if (outcome.rejection() != null) deadLetter(record, event, outcome.rejection(), ctx);
        if (outcome.result() != null) out.collect(outcome.result());
    }

    private void deadLetter(RawRecord r, ChunkReady event, String reason, Context ctx) {
        rejected.inc();
        ctx.output(DEAD_LETTERS, DeadLetter.newBuilder()
                .setTopic(r.topic).setPartition(r.partition).setOffset(r.offset)
                .setKey(r.key == null ? null : ByteBuffer.wrap(r.key))
                .setValue(r.value == null ? null : ByteBuffer.wrap(r.value))
                .setTitleId(event == null ? null : event.getTitleId().toString())
                .setChunkIndex(event == null ? null : event.getChunkIndex())
                .setReason(reason)
                .setRejectedAtMs(System.currentTimeMillis())
                .build());
    }

    @Override
    public void close() {
        if (processor != null) processor.close();
    }
}
