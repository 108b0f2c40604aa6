package dev.avastream.cli.runtime;

import dev.avastream.jobs.PipelineOptions;
import dev.avastream.jobs.kafka.Topics;
import dev.avastream.jobs.source.ChunkSourceOptions;
import dev.avastream.jobs.source.TitleInput;
import dev.avastream.operators.chunk.ChunkProcessor;
import dev.avastream.operators.config.SettingValues;
import dev.avastream.operators.config.Tunables;
import dev.avastream.operators.title.TitleAssembly;
import dev.avastream.schema.Candidate;
import dev.avastream.schema.FrameRecord;
import dev.avastream.schema.Shot;
import dev.avastream.testdata.GroundTruth;
import dev.avastream.testdata.SyntheticVideoGenerator;
import dev.avastream.testdata.SyntheticVideoSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ava.frames topic, on a Flink mini cluster against the embedded Kafka: with
 * {@code title.publish-frames=false} the job writes nothing there; on (the default) a read-committed consumer finds one
 * {@link FrameRecord} per frame of the title, keyed by title (so in one partition), in frame order,
 * each naming the shot ava.shots publishes it in, and a top-K frame's record carries the annotation
 * its candidate does (model fields included).
 */
class FramesEndToEndTest {
    private static final Topics TOPICS = Topics.withPrefix("frames-e2e");

    @TempDir
    static Path dir;
    static String bootstrap;
    static Path video;
    static GroundTruth truth;

    @RegisterExtension
    static final org.junit.jupiter.api.extension.BeforeAllCallback KAFKA = ctx -> bootstrap = EmbeddedKafkaExtension.bootstrap(ctx);

    @BeforeAll
    static void generate() throws Exception {
        video = dir.resolve("frames.mp4");
        // 3 shots over 4 one-second chunks; cuts at 30 (a chunk edge) and 70 (inside a chunk)
        truth = SyntheticVideoGenerator.generate(SyntheticVideoSpec.builder()
                .size(480, 270).fps(30).seed(7).gopFrames(30)
                .shotLengths(30, 40, 50).build(), video);
    }

    private static AvaRunner.Settings settings(boolean publishFrames) {
        SettingValues values = SettingValues.defaults().with(Tunables.PUBLISH_FRAMES, publishFrames);
        PipelineOptions p = PipelineOptions.defaults()
                .withParallelism(2)
                .withChunks(new ChunkSourceOptions(1.0, 0))
                .withTitle(TitleAssembly.Params.from(values))
                .withCheckpointInterval(Duration.ofMillis(300));
        return new AvaRunner.Settings(bootstrap, TOPICS, p, ChunkProcessor.Config.defaults(), null, -1, 0, Map.of(), null);
    }

    @Test
    void offTheTopicIsNotWrittenOnEveryFrameGoesOutOnceInOrder() throws Exception {
        // off: the run publishes its updates, and nothing at all on ava.frames
        RunOutcome off = AvaRunner.run(List.of(new TitleInput("frames", video.toString())), settings(false), null);
        assertTrue(off.titles().get("frames").complete());
        Map<TopicPartition, Long> afterOff;
        try (TopicReader r = new TopicReader(bootstrap, TOPICS.frames())) { afterOff = r.endOffsets(); }
        assertFalse(afterOff.isEmpty(), "the topic exists (created with the others)");
        assertEquals(0L, afterOff.values().stream().mapToLong(Long::longValue).sum(), "nothing written: " + afterOff);

        // on (the default)
        assertTrue(Tunables.PUBLISH_FRAMES.defaultValue(), "ava search needs the frames: on by default");
        RunOutcome on = AvaRunner.run(List.of(new TitleInput("frames", video.toString())), settings(true), null);
        TitleOutcome title = on.titles().get("frames");
        assertNotNull(title);
        assertTrue(title.complete());
        assertEquals(List.of(), title.errors());

        List<FrameRecord> frames = new ArrayList<>();
        Set<Integer> partitions = new HashSet<>();
        try (TopicReader r = new TopicReader(bootstrap, TOPICS.frames())) { // read_committed
            r.seek(afterOff);
            r.drainSettled(Duration.ofSeconds(30), rec -> {
                assertEquals("frames", new String(rec.key(), StandardCharsets.UTF_8), "keyed by title id");
                partitions.add(rec.partition());
                try {
                    FrameRecord f = FrameRecord.getDecoder().decode(ByteBuffer.wrap(rec.value()));
                    if (f.getRunId().equals(on.runId())) frames.add(f);
                } catch (Exception e) {
                    throw new AssertionError("not a FrameRecord", e);
                }
            });
        }
        assertEquals(1, partitions.size(), "a title's frames lie in one partition: " + partitions);
        assertEquals(truth.frameCount(), frames.size(), "one record per frame of the title");
        Map<Long, Shot> shotOf = new HashMap<>();
        for (Shot s : title.shots()) for (long f = s.getStartFrame(); f <= s.getEndFrame(); f++) shotOf.put(f, s);
        int modelFrames = 0;
        for (int i = 0; i < frames.size(); i++) {
            FrameRecord f = frames.get(i);
            assertEquals(i, f.getFrameIndex(), "frame order, none twice, none missing");
            assertEquals(i, f.getAnnotation().getFrameIndex());
            assertEquals(truth.framePtsUs()[i], f.getTimeUs());
            assertEquals("frames", f.getTitleId());
            Shot s = shotOf.get((long) i);
            assertEquals(s == null ? -1 : s.getIndex(), f.getShotIndex(), "frame " + i);
            boolean model = !"NONE".equals(f.getAnnotation().getModelFrame());
            if (model) modelFrames++;
            // the model fields are measured exactly on model frames
            assertEquals(model, f.getAnnotation().getFaceCount() >= 0, "frame " + i);
            assertEquals(model, !"UNKNOWN".equals(f.getAnnotation().getShotType()), "frame " + i);
        }
        assertTrue(modelFrames >= truth.frameCount() / 30, "one model frame a second at least: " + modelFrames);
        for (Candidate c : title.last().getCandidates()) {
            FrameRecord f = frames.get((int) c.getFrameIndex());
            assertNotEquals("NONE", f.getAnnotation().getModelFrame(), "a candidate is a model frame");
            assertEquals(c.getAnnotation(), f.getAnnotation(), "frame " + c.getFrameIndex() + " as its candidate carries it");
        }
    }
}
