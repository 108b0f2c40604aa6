package dev.avastream.jobs;

import dev.avastream.jobs.title.IdlePolicy;
import dev.avastream.jobs.title.TitleAssemblerFunction;
import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.schema.ChunkResult;
import dev.avastream.schema.TitleOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The AVA Stream dataflow, with its source and sinks passed in so tests and production run the same
 * pipeline:
 * <pre>
 *   chunk source (decode + per-frame analysis, one ChunkResult per chunk)
 *     -> keyBy(title) -> TitleAssemblerFunction (RocksDB state)
 *        -> CandidateSetUpdate          (ava.candidates)
 *        -> Shot (side output)          (ava.shots)      } one exactly-once sink
 *        -> Still (side output)         (ava.stills)     }
 *        -> FrameRecord (side output)   (ava.frames)     }  unless title.publish-frames=false
 * </pre>
 * The outputs meet in one sink ({@link TitleOutput}, routed by topic) so they share one Kafka
 * transaction per checkpoint: an update and the stills it names become visible together. That
 * relies on aligned checkpoint barriers (Flink's default, {@link #build} insists on it): with
 * unaligned checkpoints a still overtaken by a barrier would be written in the next transaction.
 *
 * <p>The chunk results can also come from any stream ({@link #AvaPipeline(ChunkStream, Sink,
 * PipelineOptions)}): live ingest builds them from ChunkReady events on Kafka.
 */
public final class AvaPipeline {
    /** Where chunk results come from: adds its operators to the environment and returns their stream. */
    @FunctionalInterface
    public interface ChunkStream {
        DataStream<ChunkResult> build(StreamExecutionEnvironment env);

        /**
         * Whether the results carry their events' publish times as timestamps, with watermarks: an
         * open title then goes idle in that time ({@link IdlePolicy#eventTime}), else by the clock.
         */
        default boolean eventTime() {
            return false;
        }
    }

    private final ChunkStream source;
    private final Sink<TitleOutput> outputSink;
    private final PipelineOptions options;

    /** @param outputSink where updates, shots and stills go, e.g. {@code KafkaSinks.titleOutput} */
    public AvaPipeline(Source<ChunkResult, ?, ?> source, Sink<TitleOutput> outputSink, PipelineOptions options) {
        this(env -> env
                .fromSource(source, WatermarkStrategy.noWatermarks(), "chunks: decode + annotate + cuts",
                        new AvroTypeInfo<>(ChunkResult.class))
                .uid("chunk-source"), outputSink, options);
    }

    public AvaPipeline(ChunkStream source, Sink<TitleOutput> outputSink, PipelineOptions options) {
        this.source = source;
        this.outputSink = outputSink;
        this.options = options;
    }

    /** Adds the pipeline to {@code env}; the caller executes it. */
    public void build(StreamExecutionEnvironment env) {
        if (env.getCheckpointConfig().isUnalignedCheckpointsEnabled()) {
            throw new IllegalStateException("unaligned checkpoints are enabled (" + CheckpointingOptions.ENABLE_UNALIGNED.key()
                    + "): an update could then commit before the stills it names; AVA Stream needs aligned checkpoints");
        }
        DataStream<ChunkResult> chunks = source.build(env);
        if (options.failAfterChunks() > 0) {
            chunks = chunks.map(new FailOnceAfterChunks(options.failAfterChunks()))
                    .returns(new AvroTypeInfo<>(ChunkResult.class))
                    .name("fault injection").uid("fault-injection");
        }
        SingleOutputStreamOperator<CandidateSetUpdate> updates = chunks
                .keyBy(ChunkResult::getTitleId)
                .process(new TitleAssemblerFunction(options.title(), source.eventTime()
                        ? IdlePolicy.eventTime(options.idleTimeout(), options.quietTimeout())
                        : IdlePolicy.processingTime(options.idleTimeout())))
                .returns(new AvroTypeInfo<>(CandidateSetUpdate.class))
                .name("title: shots + diverse top-K").uid("title-assembler");
        AvroTypeInfo<TitleOutput> output = new AvroTypeInfo<>(TitleOutput.class);
        DataStream<TitleOutput> all = updates
                .map(u -> TitleOutput.newBuilder().setUpdate(u).build()).returns(output)
                .name("updates").uid("title-output-updates")
                .union(updates.getSideOutput(TitleAssemblerFunction.SHOTS)
                                .map(s -> TitleOutput.newBuilder().setShot(s).build()).returns(output)
                                .name("shots").uid("title-output-shots"),
                        updates.getSideOutput(TitleAssemblerFunction.STILLS)
                                .map(s -> TitleOutput.newBuilder().setStill(s).build()).returns(output)
                                .name("stills").uid("title-output-stills"),
                        updates.getSideOutput(TitleAssemblerFunction.FRAMES)
                                .map(f -> TitleOutput.newBuilder().setFrame(f).build()).returns(output)
                                .name("frames").uid("title-output-frames"));
        // uid of the candidates sink this one replaced: its state (open transactions) carries over
        all.sinkTo(outputSink).name("candidates, shots, stills, frames sink").uid("candidates-sink");
    }
}
