package dev.avastream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avastream.cli.runtime.EmbeddedKafkaAccess;
import dev.avastream.cli.search.FrameStore;
import dev.avastream.schema.FrameRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ava search} after a real {@code ava run} with the models on, against the embedded Kafka and
 * against the run's {@code --frames-out} file: a query returns exactly the frames whose annotations
 * match, from every analysed frame (not only the top-K), best score first.
 */
class SearchEndToEndTest {
    @TempDir
    static Path dir;
    static String bootstrap;
    static Path video, framesFile;
    static List<FrameRecord> frames;

    @RegisterExtension
    static final org.junit.jupiter.api.extension.BeforeAllCallback KAFKA = ctx -> bootstrap = EmbeddedKafkaAccess.bootstrap(ctx);

    @BeforeAll
    static void run() throws Exception {
        video = dir.resolve("title.mp4");
        CliRun g = CliRun.of("generate", "--out", video.toString(), "--duration", "6", "--width", "480", "--height", "270",
                "--seed", "4", "-q");
        assertEquals(0, g.code(), g.err());
        framesFile = dir.resolve("frames.avro");
        CliRun r = CliRun.of("run", "--video", video.toString(), "--title", "searched", "--bootstrap-servers", bootstrap,
                "--chunk-seconds", "2", "--frames-out", framesFile.toString(), "-q");
        assertEquals(0, r.code(), r.err());
        frames = FrameStore.fromFile(framesFile, "searched").frames();
    }

    private static JsonNode search(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("search", "--json"));
        all.addAll(List.of(args));
        CliRun s = CliRun.of(all.toArray(String[]::new));
        assertEquals(0, s.code(), s.err());
        return new ObjectMapper().readTree(s.out());
    }

    @Test
    void everyAnalysedFrameIsSearchedAndARangeQueryReturnsExactlyItsFrames() throws Exception {
        assertEquals(180, frames.size(), "6 s at 30 fps: every frame of the title kept");
        JsonNode r = search("--title", "searched", "--bootstrap-servers", bootstrap, "--limit", "100",
                "frameIndex >= 30, frameIndex < 70");
        assertEquals(180, r.get("frames").asInt());
        assertEquals(40, r.get("matched").asInt());
        List<Long> got = new ArrayList<>();
        double last = Double.POSITIVE_INFINITY;
        for (JsonNode h : r.get("hits")) {
            got.add(h.get("frameIndex").asLong());
            assertTrue(h.get("score").asDouble() <= last, "best score first: " + r.get("hits"));
            last = h.get("score").asDouble();
        }
        assertEquals(LongStream.range(30, 70).boxed().toList(), got.stream().sorted().toList());
    }

    @Test
    void aModelFieldQueryMatchesExactlyTheModelFramesWhereItHolds() throws Exception {
        // the generated shapes have no faces: "no faces" holds on every frame the models saw, and only there
        List<Long> modelFrames = frames.stream().filter(f -> !"NONE".equals(f.getAnnotation().getModelFrame()))
                .map(FrameRecord::getFrameIndex).sorted().toList();
        assertTrue(modelFrames.size() >= 6 && modelFrames.size() < frames.size(), "model frames: " + modelFrames);
        JsonNode r = search("--title", "searched", "--bootstrap-servers", bootstrap, "--limit", "1000", "no faces");
        assertEquals(modelFrames.size(), r.get("measured").asInt(), "faces are looked for on model frames only");
        List<Long> got = new ArrayList<>();
        r.get("hits").forEach(h -> got.add(h.get("frameIndex").asLong()));
        assertEquals(modelFrames, got.stream().sorted().toList());
        JsonNode faces = search("--title", "searched", "--bootstrap-servers", bootstrap, "faces");
        assertEquals(0, faces.get("matched").asInt());
        assertEquals(modelFrames.size(), faces.get("measured").asInt());
    }

    @Test
    void theRunsFramesFileAnswersAsKafkaDoes() throws Exception {
        String q = "brightness > 0.3, sharpness >= 0.2";
        JsonNode kafka = search("--title", "searched", "--bootstrap-servers", bootstrap, q);
        JsonNode file = search("--frames", framesFile.toString(), q);
        assertTrue(kafka.get("matched").asInt() > 0, kafka.toString());
        assertEquals(kafka.get("matched"), file.get("matched"));
        assertEquals(kafka.get("hits"), file.get("hits"));
        CliRun text = CliRun.of("search", "--frames", framesFile.toString(), "--limit", "3", q);
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains(kafka.get("matched").asInt() + " of 180 frames match"), text.out());
        for (String line : text.out().split("\n")) assertTrue(line.length() <= 80, "80 columns: " + line);
        CliRun words = CliRun.of("search", "--frames", framesFile.toString(), "close-up, main character, eyes open, no text");
        assertEquals(0, words.code(), words.err());
        for (String line : words.out().split("\n")) assertTrue(line.length() <= 80, "80 columns: " + line);
    }

    @Test
    void aBadQueryOrAnUnknownTitleIsNamed() {
        CliRun bad = CliRun.of("search", "--frames", framesFile.toString(), "close-up, smilling");
        assertEquals(AvaCli.EXIT_USAGE, bad.code());
        assertTrue(bad.err().contains("smilling") && bad.err().contains("smiling"), bad.err());
        CliRun none = CliRun.of("search", "--title", "no-such-title", "--bootstrap-servers", bootstrap, "faces");
        assertEquals(AvaCli.EXIT_TITLE_FAILED, none.code());
        assertTrue(none.err().contains("no frames of title no-such-title"), none.err());
        CliRun help = CliRun.of("search", "--help-query");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("close-up"), help.out());
    }
}
