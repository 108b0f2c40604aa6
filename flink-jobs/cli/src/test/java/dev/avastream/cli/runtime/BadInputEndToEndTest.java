package dev.avastream.cli.runtime;

import dev.avastream.cli.RunCommandAccess;
import dev.avastream.jobs.PipelineOptions;

import dev.avastream.jobs.source.ChunkSourceOptions;
import dev.avastream.jobs.source.TitleInput;
import dev.avastream.testdata.Corruptor;
import dev.avastream.testdata.GroundTruth;
import dev.avastream.testdata.SyntheticVideoGenerator;
import dev.avastream.testdata.SyntheticVideoSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A garbage file and a truncated file fail with errors naming them; the good title in the same run completes. */
class BadInputEndToEndTest {
    @TempDir
    Path dir;
    static String bootstrap;

    @RegisterExtension
    static final org.junit.jupiter.api.extension.BeforeAllCallback KAFKA = ctx -> bootstrap = EmbeddedKafkaExtension.bootstrap(ctx);

    @Test
    void badFilesAreReportedByNameAndOtherTitlesComplete() throws Exception {
        Path good = dir.resolve("good.mp4");
        GroundTruth truth = SyntheticVideoGenerator.generate(SyntheticVideoSpec.builder().size(320, 180).seed(3)
                .gopFrames(30).shotLengths(40, 50, 30).build(), good);
        Path source = dir.resolve("long.mp4");
        SyntheticVideoGenerator.generate(SyntheticVideoSpec.builder().size(320, 180).seed(4).gopFrames(30).faststart(true)
                .shotLengths(60, 60, 60).build(), source);
        Path truncated = Corruptor.truncate(source, dir.resolve("truncated.mp4"), 0.6);
        Path garbage = Corruptor.garbage(dir.resolve("garbage.mp4"), 50_000, 9);

        List<TitleInput> titles = List.of(new TitleInput("garbage", garbage.toString()),
                new TitleInput("good", good.toString()), new TitleInput("truncated", truncated.toString()));
        PipelineOptions p = PipelineOptions.defaults().withParallelism(2).withChunks(new ChunkSourceOptions(1.0, 0))
                .withCheckpointInterval(Duration.ofMillis(300));
        AvaRunner.Settings settings = AvaRunner.Settings.defaults().withBootstrap(bootstrap).withPipeline(p)
                .withRestartAttempts(0);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path summary = dir.resolve("summary.json");
        int code = dev.avastream.cli.RunCommandAccess.execute(titles, settings, summary,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String stderr = err.toString(StandardCharsets.UTF_8);

        assertEquals(3, code, "exit code says a title failed; stderr:\n" + stderr);
        assertTrue(stderr.contains(garbage.toString()), "the garbage file is named:\n" + stderr);
        assertTrue(stderr.contains(truncated.toString()), "the truncated file is named:\n" + stderr);
        assertFalse(stderr.contains(good.toString()), "the good file has no error:\n" + stderr);

        String json = Files.readString(summary);
        var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        var titlesJson = root.get("titles");
        assertEquals(3, titlesJson.size());
        for (var t : titlesJson) {
            assertTrue(t.get("complete").asBoolean(), t.get("titleId") + " completed");
            if (t.get("titleId").asText().equals("good")) {
                assertEquals(0, t.get("errors").size());
                assertEquals(truth.frameCount(), t.get("framesProcessed").asInt());
                assertEquals(truth.cuts().length + 1, t.get("shots").size());
                assertFalse(t.get("candidates").isEmpty());
            } else {
                assertTrue(t.get("errors").size() > 0, t.get("titleId") + " has errors");
            }
        }
    }
}
