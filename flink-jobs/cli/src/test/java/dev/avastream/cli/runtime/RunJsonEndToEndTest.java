package dev.avastream.cli.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avastream.cli.CliRun;
import dev.avastream.testdata.GroundTruth;
import dev.avastream.testdata.SyntheticVideoGenerator;
import dev.avastream.testdata.SyntheticVideoSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ava run --json --quiet}: one JSON document on stdout, nothing but errors on stderr. */
class RunJsonEndToEndTest {
    @TempDir
    static Path dir;
    static String bootstrap;

    @RegisterExtension
    static final org.junit.jupiter.api.extension.BeforeAllCallback KAFKA = ctx -> bootstrap = EmbeddedKafkaExtension.bootstrap(ctx);

    @Test
    void runJsonReportsEveryTitleForScripts() throws Exception {
        Path video = dir.resolve("json.mp4");
        GroundTruth truth = SyntheticVideoGenerator.generate(SyntheticVideoSpec.builder()
                .size(320, 180).fps(30).seed(11).gopFrames(30).shotLengths(40, 50, 30).build(), video);
        CliRun r = CliRun.of("run", "--video", video.toString(), "--title", "j", "--json", "--quiet",
                "--bootstrap-servers", bootstrap, "--chunk-seconds", "1", "--parallelism", "2");
        int code = r.code();
        String stderr = r.err();
        assertEquals(0, code, stderr);
        assertTrue(stderr.isBlank(), "quiet: nothing on stderr but errors, got:\n" + stderr);
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(0, json.get("exitCode").asInt());
        JsonNode title = json.get("titles").get(0);
        assertEquals("j", title.get("titleId").asText());
        assertTrue(title.get("complete").asBoolean());
        assertEquals(truth.frameCount(), title.get("framesProcessed").asLong());
        assertEquals(truth.cuts().length + 1, title.get("shotsClosed").asInt());
        assertTrue(title.get("candidates").size() > 0);
        assertEquals(0, title.get("errors").size());
    }
}
