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
import java.time.Duration;
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
 * folds them in chunk order. A title stays open until its end-of-title event or until it goes idle,
 * measured in the events' publish times ({@link dev.avastream.jobs.title.IdlePolicy}).
 * Decoding is asynchronous ({@link LiveChunkDecoder}) so a checkpoint, and with it the Kafka commit
 * that makes updates visible, never waits for a chunk being decoded.
 */
public final class LivePipeline {
    /** Threads decoding chunks per subtask. */
    static final int DECODE_THREADS = 2;
    /** A chunk that takes longer goes to the dead letters (a hung file read, say). */
    static final long DECODE_TIMEOUT_MINUTES = 10;

    /**
     * A partition with no new event for this long stops holding the watermark back (most partitions
     * of a chunk topic are empty while one title streams in). Flink's idleness clock pauses while the
     * source is backpressured, so a partition whose chunks wait behind a slow decoder is not idle.
     */
    static final Duration PARTITION_IDLENESS = Duration.ofSeconds(30);

    /**
     * Event time of a chunk event: its Kafka record time (the producer's send time, or the broker's
     * append time on a topic set so). The watermark follows the newest time read per partition; an
     * event older than the watermark (producers' clocks differ) is still folded, and the title
     * operator counts its idle time from the watermark then.
     */
    static final WatermarkStrategy<RawRecord> EVENT_TIME =
            WatermarkStrategy.<RawRecord>forMonotonousTimestamps().withIdleness(PARTITION_IDLENESS);

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

    /**
     * The chunk results of a live source, with its dead letters going to {@code deadLetterSink}. Each
     * result carries its ChunkReady event's Kafka record time, and the stream carries watermarks of
     * those times: the title operator measures idleness in them ({@link AvaPipeline.ChunkStream#eventTime}).
     */
    public static AvaPipeline.ChunkStream chunks(KafkaSource<RawRecord> source, Sink<DeadLetter> deadLetterSink,
                                                 String runId, ChunkProcessor.Config processor) {
        return new AvaPipeline.ChunkStream() {
            @Override
            public DataStream<ChunkResult> build(StreamExecutionEnvironment env) {
                return results(env, source, deadLetterSink, runId, processor);
            }

            @Override
            public boolean eventTime() {
                return true;
            }
        };
    }

    private static DataStream<ChunkResult> results(StreamExecutionEnvironment env, KafkaSource<RawRecord> source,
                                                   Sink<DeadLetter> deadLetterSink, String runId,
                                                   ChunkProcessor.Config processor) {
        DataStream<RawRecord> events = env
                .fromSource(source, EVENT_TIME, "chunk-ready events")
                .uid("chunk-events")
                .rebalance();
        // Two chunks in decode per subtask at most: a live chunk rarely waits for another, and
        // more would only share the same cores. The results keep their events' timestamps, and a
        // watermark passes only once every chunk before it is decoded (unordered, but not across
        // watermarks), so a title never goes idle in event time while a chunk of it is in decode.
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
