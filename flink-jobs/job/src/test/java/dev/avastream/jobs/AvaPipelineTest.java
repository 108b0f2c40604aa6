package dev.avastream.jobs;

import dev.avastream.schema.ChunkResult;
import dev.avastream.schema.TitleOutput;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the pipeline is wired: one sink for the title operator's four outputs, aligned checkpoints. */
class AvaPipelineTest {

    private static AvaPipeline pipeline() {
        // only the graph is built, never run: the source's records do not matter
        return new AvaPipeline(env -> env.fromSequence(0, 0).map(i -> new ChunkResult())
                .returns(new AvroTypeInfo<>(ChunkResult.class)), new DiscardingSink<TitleOutput>(), PipelineOptions.defaults());
    }

    @Test
    void updatesShotsStillsAndFramesMeetInOneSink() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
        pipeline().build(env);
        var graph = env.getStreamGraph();
        var sinks = graph.getStreamNodes().stream().filter(n -> n.getOutEdges().isEmpty()).toList();
        assertEquals(1, sinks.size(), "one sink: " + sinks);
        assertEquals(4, sinks.get(0).getInEdges().size(), "fed by updates, shots, stills and frames: " + sinks.get(0).getInEdges());
    }

    @Test
    void unalignedCheckpointsAreRefused() {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(2));
        conf.set(CheckpointingOptions.ENABLE_UNALIGNED, true);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> pipeline().build(env));
        assertTrue(e.getMessage().contains(CheckpointingOptions.ENABLE_UNALIGNED.key()), e.getMessage());
    }
}
