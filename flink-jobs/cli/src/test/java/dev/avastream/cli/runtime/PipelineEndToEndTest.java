package dev.avastream.cli.runtime;

import dev.avastream.jobs.PipelineOptions;

import dev.avastream.jobs.kafka.Topics;
import dev.avastream.jobs.source.ChunkSourceOptions;
import dev.avastream.jobs.source.TitleInput;
import dev.avastream.schema.Candidate;
import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.schema.Shot;
import dev.avastream.schema.Still;
import dev.avastream.testdata.GroundTruth;
import dev.avastream.testdata.SyntheticVideoGenerator;
import dev.avastream.testdata.SyntheticVideoSpec;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.SchemaStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole job on a Flink mini cluster with RocksDB state, against a real (embedded) Kafka broker,
 * on generated videos whose cuts are known exactly.
 */
class PipelineEndToEndTest {
    @TempDir
    static Path dir;
    static String bootstrap;
    static Path video;
    static GroundTruth truth;

    @RegisterExtension
    static final org.junit.jupiter.api.extension.BeforeAllCallback KAFKA = ctx -> bootstrap = EmbeddedKafkaExtension.bootstrap(ctx);

    @BeforeAll
    static void generate() throws Exception {
        video = dir.resolve("cuts.mp4");
        // Keyframes every 30 frames and 1 s chunks: cuts at 30, 120 and 180 fall exactly on chunk edges,
        // the others inside chunks; shot 1 (30..69) and shot 2 (70..119) span chunk edges.
        truth = SyntheticVideoGenerator.generate(SyntheticVideoSpec.builder()
                .size(480, 270).fps(30).seed(42).gopFrames(30)
                .shotLengths(30, 40, 50, 20, 40, 45).build(), video);
    }

    static AvaRunner.Settings settings(int parallelism) {
        PipelineOptions p = PipelineOptions.defaults()
                .withParallelism(parallelism)
                .withChunks(new ChunkSourceOptions(1.0, 0))
                .withCheckpointInterval(Duration.ofMillis(300));
        return AvaRunner.Settings.defaults().withBootstrap(bootstrap).withPipeline(p).withRestartAttempts(0);
    }

    @Test
    void shotsFromKafkaMatchTheGeneratedCutsAndUpdatesDecodeWithTheSchema() throws Exception {
        RunOutcome outcome = AvaRunner.run(List.of(new TitleInput("cuts", video.toString())), settings(2), null);
        TitleOutcome title = outcome.titles().get("cuts");
        assertNotNull(title, "no output for the title");
        assertTrue(title.complete(), "the last update is marked complete");
        assertEquals(List.of(), title.errors());

        List<Shot> shots = title.shots();
        long[] starts = shots.stream().mapToLong(Shot::getStartFrame).toArray();
        long[] expected = new long[truth.cuts().length + 1];
        for (int i = 0; i < truth.cuts().length; i++) expected[i + 1] = truth.cuts()[i];
        assertArrayEquals(expected, starts, "shot starts = 0 and the generated cuts");
        assertEquals(truth.frameCount() - 1, shots.get(shots.size() - 1).getEndFrame());
        for (int i = 0; i < shots.size(); i++) {
            assertEquals(i, shots.get(i).getIndex());
            if (i > 0) assertEquals(shots.get(i - 1).getEndFrame() + 1, shots.get(i).getStartFrame());
            assertEquals(truth.framePtsUs()[(int) shots.get(i).getStartFrame()], shots.get(i).getStartUs());
            // Dominant colours: one to three, largest first, shares of the picture that add up to at most all of it.
            List<dev.avastream.schema.ColourShare> colours = shots.get(i).getDominantColours();
            assertTrue(!colours.isEmpty() && colours.size() <= 3, "shot " + i + " colours " + colours);
            double total = 0;
            for (int c = 0; c < colours.size(); c++) {
                if (c > 0) assertTrue(colours.get(c - 1).getShare() >= colours.get(c).getShare(), "largest first: " + colours);
                total += colours.get(c).getShare();
            }
            assertTrue(total > 0.2 && total <= 1.0 + 1e-9, "shares of shot " + i + ": " + colours);
        }
        assertTrue(shots.stream().map(s -> s.getDominantColours().get(0)).distinct().count() > 1,
                "the generated shots differ in palette");

        // One update per chunk, versions 1..n in order, the last one complete.
        CandidateSetUpdate last = title.last();
        List<Long> versions = title.updates().stream().map(CandidateSetUpdate::getVersion).toList();
        List<Long> oneToN = new ArrayList<>();
        for (long v = 1; v <= last.getChunkCount(); v++) oneToN.add(v);
        assertEquals(oneToN, versions);
        assertEquals(truth.frameCount(), last.getFramesProcessed());

        // Diverse: with fewer shots than K every shot is represented; each still lies inside its shot,
        // names its picture on ava.stills (the update carries no JPEG) and the components of its score.
        List<Candidate> top = last.getCandidates();
        assertTrue(top.size() <= 12);
        Set<Integer> shotsUsed = new HashSet<>();
        for (Candidate c : top) shotsUsed.add(c.getShotIndex());
        assertEquals(shots.size(), shotsUsed.size(), "every shot has a still: " + shotsUsed);
        for (Candidate c : top) {
            Shot s = shots.get(c.getShotIndex());
            assertTrue(c.getFrameIndex() >= s.getStartFrame() && c.getFrameIndex() <= s.getEndFrame(),
                    "frame " + c.getFrameIndex() + " not in its shot " + s);
            assertEquals(0, c.getThumbnailJpeg().remaining(), "no JPEG in the update");
            assertEquals("cuts/" + c.getFrameIndex(), c.getStillKey());
            byte[] jpeg = title.jpeg(c.getFrameIndex());
            assertNotNull(jpeg, "a still of frame " + c.getFrameIndex() + " on ava.stills");
            assertTrue(jpeg.length > 100 && (jpeg[0] & 0xFF) == 0xFF && (jpeg[1] & 0xFF) == 0xD8, "JPEG still");
            Still still = title.still(c.getFrameIndex());
            assertEquals(c.getThumbnailWidth(), still.getWidth());
            assertEquals(c.getThumbnailHeight(), still.getHeight());
            assertEquals(c.getTimeUs(), still.getTimeUs());
            double sum = c.getComponents().stream().mapToDouble(x -> x.getContribution()).sum();
            assertEquals(c.getScore(), sum, 1e-6, "score = sum of its components");
        }

        // Each still once: one record per frame that was ever in a published top-K, and none for others.
        Set<Long> everInTopK = new HashSet<>();
        for (CandidateSetUpdate u : title.updates()) for (Candidate c : u.getCandidates()) everInTopK.add(c.getFrameIndex());
        List<Long> stillFrames = title.stills().stream().map(Still::getFrameIndex).sorted().toList();
        assertEquals(everInTopK.stream().sorted().toList(), stillFrames, "one still per frame ever in the top-K");

        // A plain consumer with nothing but the .avsc files decodes the records.
        Schema updateSchema = schema("CandidateSetUpdate.avsc");
        BinaryMessageDecoder<GenericRecord> decoder = new BinaryMessageDecoder<>(GenericData.get(), updateSchema);
        List<GenericRecord> generic = new ArrayList<>();
        try (TopicReader reader = new TopicReader(bootstrap, Topics.CANDIDATES)) {
            reader.seek(java.util.Map.of());
            reader.drain(r -> {
                // no pictures: far below Kafka's 1 MiB (K thumbnails of 320x180 would be ~100 KiB)
                assertTrue(r.value().length < 32 * 1024, "an update of " + r.value().length + " bytes");
                try {
                    GenericRecord rec = decoder.decode(r.value());
                    if (rec.get("runId").toString().equals(outcome.runId())) generic.add(rec);
                } catch (Exception e) {
                    throw new AssertionError("undecodable record", e);
                }
            });
        }
        assertEquals(versions.size(), generic.size());
        GenericRecord lastGeneric = generic.get(generic.size() - 1);
        assertEquals("cuts", lastGeneric.get("titleId").toString());
        assertEquals(true, lastGeneric.get("complete"));
        assertEquals(top.size(), ((List<?>) lastGeneric.get("candidates")).size());
    }

    static Schema schema(String file) throws Exception {
        Schema.Parser parser = new Schema.Parser();
        for (String dep : List.of("ScoreComponent.avsc", "TransitionType.avsc", "ColourShare.avsc", "FaceAnnotation.avsc",
                "ObjectAnnotation.avsc", "TextAnnotation.avsc", "FrameAnnotation.avsc", "CanvasCrop.avsc", "Candidate.avsc")) {
            if (!dep.equals(file)) parse(parser, dep);
        }
        return parse(parser, file);
    }

    private static Schema parse(Schema.Parser parser, String file) throws Exception {
        try (InputStream in = PipelineEndToEndTest.class.getResourceAsStream("/avro/" + file)) {
            assertNotNull(in, "schema " + file + " is on the classpath");
            return parser.parse(in);
        }
    }
}
