package dev.avastream.jobs.live;

import dev.avastream.jobs.kafka.KafkaClientConfig;
import dev.avastream.jobs.title.TitleAssemblerFunction;

import dev.avastream.jobs.AvaPipeline;
import dev.avastream.jobs.PipelineOptions;
import dev.avastream.jobs.kafka.KafkaSinks;
import dev.avastream.jobs.kafka.Topics;
import dev.avastream.operators.chunk.ChunkProcessor;
import dev.avastream.schema.ChunkResult;
import dev.avastream.schema.DeadLetter;
import dev.avastream.schema.LiveChunkOutcome;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The live job: the same {@link AvaPipeline} as for files, fed from ChunkReady events on Kafka.
 * <pre>
 *   KafkaSource(ava.chunks, raw bytes)
 *     -> rebalance -> LiveChunkDecoder (async: decode the event, decode + analyse the chunk file)
 *     -> SplitOutcomes -> dead letters (side output) -> ava.chunks.dlq
 *     -> keyBy(title) -> TitleAssemblerFunction -> ava.candidates, ava.shots, ava.stills (one sink)
 * </pre>
 * Chunks are decoded wherever a slot is free, so they reach the title operator in any order; it
 * folds them in chunk order. A title stays open until its end-of-title event or the idle timeout.
 * Decoding is asynchronous ({@link LiveChunkDecoder}) so a checkpoint, and with it the Kafka commit
 * that makes updates visible, never waits for a chunk being decoded.
 */
public final class LivePipeline {
    /** Threads decoding chunks per subtask. */
    static final int DECODE_THREADS = 2;
    /** A chunk that takes longer goes to the dead letters (a hung file read, say). */
    static final long DECODE_TIMEOUT_MINUTES = 10;

    private LivePipeline() { }

    /** Kafka source of raw records: resumes from the group's committed offsets, else from the start. */
    public static KafkaSource<RawRecord> source(String bootstrap, String topic, String groupId) {
        return KafkaSource.<RawRecord>builder()
                // the connection settings of this cluster (TLS, SASL), carried to the TaskManagers
                .setProperties(KafkaClientConfig.properties(bootstrap))
                .setBootstrapServers(bootstrap)
                .setTopics(topic)
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new RawRecordDeserializer())
                .setProperty("isolation.level", "read_committed")
                .setProperty("partition.discovery.interval.ms", "10000")
                .build();
    }

    /** The chunk results of a live source, with its dead letters going to {@code deadLetterSink}. */
    public static AvaPipeline.ChunkStream chunks(KafkaSource<RawRecord> source, Sink<DeadLetter> deadLetterSink,
                                                 String runId, ChunkProcessor.Config processor) {
        return env -> {
            DataStream<RawRecord> events = env
                    .fromSource(source, WatermarkStrategy.noWatermarks(), "chunk-ready events")
                    .uid("chunk-events")
                    .rebalance();
            // Two chunks in decode per subtask at most: a live chunk rarely waits for another, and
            // more would only share the same cores.
            DataStream<LiveChunkOutcome> outcomes = AsyncDataStream.unorderedWait(events,
                            new LiveChunkDecoder(runId, processor, DECODE_THREADS), DECODE_TIMEOUT_MINUTES,
                            TimeUnit.MINUTES, 2 * DECODE_THREADS)
                    .returns(new AvroTypeInfo<>(LiveChunkOutcome.class))
                    .name("live chunks: decode + annotate + cuts").uid("live-chunks");
            SingleOutputStreamOperator<ChunkResult> results = outcomes
                    .process(new SplitOutcomes())
                    .returns(new AvroTypeInfo<>(ChunkResult.class))
                    .name("live chunks: results / dead letters").uid("live-split");
            results.getSideOutput(SplitOutcomes.DEAD_LETTERS).sinkTo(deadLetterSink)
                    .name("dead letters sink").uid("dead-letters-sink");
            return results;
        };
    }

    /** Adds the whole live job, with Kafka source and sinks, to {@code env}. */
    public static void build(StreamExecutionEnvironment env, String bootstrap, Topics topics, LiveTopics live,
                             String groupId, String runId, PipelineOptions options, ChunkProcessor.Config processor) {
        String txPrefix = "ava-live-" + runId.substring(0, Math.min(8, runId.length()));
        new AvaPipeline(
                chunks(source(bootstrap, live.chunks(), groupId),
                        KafkaSinks.deadLetters(bootstrap, live.deadLetters(), txPrefix), runId, processor),
                KafkaSinks.titleOutput(bootstrap, topics, txPrefix), options).build(env);
    }
}
