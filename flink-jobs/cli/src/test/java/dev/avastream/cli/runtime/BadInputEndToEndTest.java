package dev.avastream.cli.runtime;

import dev.avastream.cli.RunCommandAccess;
import dev.avastream.jobs.PipelineOptions;

import dev.avastream.jobs.source.ChunkSourceOptions;
import dev.avastream.jobs.source.TitleInput;
import dev.avastream.testdata.BadInputs;
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
import java.util.Map;

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

    /**
     * Every kind of {@link BadInputs}, generated from a seed, in one run with a good title and two
     * that change under the job: one file vanishes and one grows once their first update is out. No
     * input stops the job or another title; every broken one that yields no complete picture is
     * reported by file name and problem (never a bare exception), and every valid but odd one (1-pixel
     * and 8K frames, rotations, 62:1 and 1:37 aspect ratios, a picture named .mp4) completes.
     */
    @Test
    void aGeneratedCorpusOfBadInputsLosesNoOtherWork() throws Exception {
        List<BadInputs.Input> corpus = BadInputs.corpus(dir.resolve("corpus"), 4, 4, 5);
        Path good = dir.resolve("good.mp4");
        GroundTruth truth = SyntheticVideoGenerator.generate(SyntheticVideoSpec.builder().size(320, 180).seed(3)
                .gopFrames(15).shotLengths(40, 50, 30).build(), good);
        Path vanishing = dir.resolve("vanishing.mp4");
        Path growing = dir.resolve("growing.mp4");
        for (Path p : List.of(vanishing, growing)) {
            SyntheticVideoGenerator.generate(SyntheticVideoSpec.builder().size(320, 180).seed(8).gopFrames(15)
                    .shotLengths(40, 50, 40, 50, 40).build(), p);
        }
        // The two files that change come last: they change once the first title's first update is out,
        // while the chunks of the corpus keep the decoders busy (paced: at least 8 s of chunks), so
        // theirs are all decoded after the change.
        List<TitleInput> titles = new java.util.ArrayList<>();
        titles.add(new TitleInput("good", good.toString()));
        for (BadInputs.Input in : corpus) titles.add(new TitleInput(in.name(), in.path().toString()));
        titles.add(new TitleInput("vanishing", vanishing.toString()));
        titles.add(new TitleInput("growing", growing.toString()));

        PipelineOptions p = PipelineOptions.defaults().withParallelism(2).withChunks(new ChunkSourceOptions(0.5, 8))
                .withCheckpointInterval(Duration.ofMillis(300));
        // the models add nothing to what is checked here: what each input does to decoding and the job
        AvaRunner.Settings settings = AvaRunner.Settings.defaults().withBootstrap(bootstrap).withPipeline(p)
                .withProcessor(dev.avastream.operators.chunk.ChunkProcessor.Config.from(
                        dev.avastream.operators.config.SettingValues.defaults()
                                .with(dev.avastream.operators.config.Tunables.MODELS_ENABLED, false)))
                .withRestartAttempts(0);
        java.util.Set<String> changed = java.util.concurrent.ConcurrentHashMap.newKeySet();
        RunOutcome outcome = AvaRunner.run(titles, settings, u -> {
            try {
                if (u.getTitleId().equals("good") && changed.add("vanishing")) {
                    Files.delete(vanishing);
                    Files.write(growing, new byte[1 << 16], java.nio.file.StandardOpenOption.APPEND);
                    changed.add("growing");
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertEquals(java.util.Set.of("vanishing", "growing"), changed, "both files changed mid-title");

        Map<BadInputs.Kind, int[]> byKind = new java.util.TreeMap<>(); // kind -> {inputs, completed clean, reported}
        for (TitleInput t : titles) {
            TitleOutcome o = outcome.titles().get(t.titleId());
            assertTrue(o != null && o.complete(), t.titleId() + ": the title completed (with what it had)");
            for (String e : o.errors()) {
                assertTrue(e.contains(t.source()), t.titleId() + ": the error names the file: " + e);
                assertFalse(e.contains("Exception") || e.contains("java."), t.titleId() + ": a problem, not a stack: " + e);
            }
        }
        TitleOutcome goodOutcome = outcome.titles().get("good");
        assertEquals(List.of(), goodOutcome.errors());
        assertEquals(truth.frameCount(), goodOutcome.last().getFramesProcessed());
        assertEquals(truth.cuts().length + 1, goodOutcome.shots().size());
        assertEquals(List.of(), outcome.titles().get("growing").errors(), "bytes after the planned ones change nothing");
        assertEquals(220, outcome.titles().get("growing").last().getFramesProcessed());
        List<String> gone = outcome.titles().get("vanishing").errors();
        assertTrue(!gone.isEmpty() && gone.stream().allMatch(e -> e.contains("no such file")), gone.toString());

        for (BadInputs.Input in : corpus) {
            TitleOutcome o = outcome.titles().get(in.name());
            boolean clean = o.errors().isEmpty() && o.last().getFramesProcessed() > 0;
            int[] counts = byKind.computeIfAbsent(in.kind(), k -> new int[3]);
            counts[0]++;
            if (clean) counts[1]++; else counts[2]++;
            if (!in.kind().broken) {
                assertTrue(clean, in.name() + " is odd, not broken: it completes without errors, got " + o.errors());
            } else if (!clean) {
                assertFalse(o.errors().isEmpty(), in.name() + ": no frames and no error");
            }
        }
        Map<String, String> problem = Map.of("zero-length.mp4", "file is empty", "text-named-mp4.mp4",
                "not a readable video container", "unknown-codec.mp4", "unsupported video codec",
                "audio-only.m4a", "no video stream: 1 stream, audio aac");
        problem.forEach((name, words) -> assertTrue(String.join("\n", outcome.titles().get(name).errors()).contains(words),
                name + " says '" + words + "': " + outcome.titles().get(name).errors()));
        // the figures the closing note reports: inputs by kind, completed clean, reported
        byKind.forEach((k, c) -> System.out.printf(java.util.Locale.ROOT, "bad input %-18s %d inputs, %d clean, %d reported%n",
                k, c[0], c[1], c[2]));
    }
}
