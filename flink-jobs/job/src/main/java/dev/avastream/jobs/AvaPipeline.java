package dev.avastream.jobs;

import dev.avastream.jobs.title.TitleAssemblerFunction;
import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.schema.ChunkResult;
import dev.avastream.schema.Shot;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
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
 *        -> CandidateSetUpdate sink  (ava.candidates)
 *        -> Shot sink (side output)  (ava.shots)
 * </pre>
 * The chunk results can also come from any stream ({@link #AvaPipeline(ChunkStream, Sink, Sink,
 * PipelineOptions)}): live ingest builds them from ChunkReady events on Kafka.
 */
public final class AvaPipeline {
    /** Where chunk results come from: adds its operators to the environment and returns their stream. */
    @FunctionalInterface
    public interface ChunkStream {
        DataStream<ChunkResult> build(StreamExecutionEnvironment env);
    }

    private final ChunkStream source;
    private final Sink<CandidateSetUpdate> candidateSink;
    private final Sink<Shot> shotSink;
    private final PipelineOptions options;

    public AvaPipeline(Source<ChunkResult, ?, ?> source, Sink<CandidateSetUpdate> candidateSink, Sink<Shot> shotSink,
                       PipelineOptions options) {
        this(env -> env
                .fromSource(source, WatermarkStrategy.noWatermarks(), "chunks: decode + annotate + cuts",
                        new AvroTypeInfo<>(ChunkResult.class))
                .uid("chunk-source"), candidateSink, shotSink, options);
    }

    public AvaPipeline(ChunkStream source, Sink<CandidateSetUpdate> candidateSink, Sink<Shot> shotSink,
                       PipelineOptions options) {
        this.source = source;
        this.candidateSink = candidateSink;
        this.shotSink = shotSink;
        this.options = options;
    }

    /** Adds the pipeline to {@code env}; the caller executes it. */
    public void build(StreamExecutionEnvironment env) {
        DataStream<ChunkResult> chunks = source.build(env);
        if (options.failAfterChunks() > 0) {
            chunks = chunks.map(new FailOnceAfterChunks(options.failAfterChunks()))
                    .returns(new AvroTypeInfo<>(ChunkResult.class))
                    .name("fault injection").uid("fault-injection");
        }
        SingleOutputStreamOperator<CandidateSetUpdate> updates = chunks
                .keyBy(ChunkResult::getTitleId)
                .process(new TitleAssemblerFunction(options.title(), options.idleTimeout()))
                .returns(new AvroTypeInfo<>(CandidateSetUpdate.class))
                .name("title: shots + diverse top-K").uid("title-assembler");
        updates.sinkTo(candidateSink).name("candidates sink").uid("candidates-sink");
        updates.getSideOutput(TitleAssemblerFunction.SHOTS).sinkTo(shotSink).name("shots sink").uid("shots-sink");
    }
}
