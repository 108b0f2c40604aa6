package dev.avastream.cli;

import dev.avastream.jobs.kafka.KafkaConfigOption;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avastream.cli.export.StillExport;
import dev.avastream.cli.runtime.RunOutcome;
import dev.avastream.cli.runtime.TopicReader;
import dev.avastream.decoders.VideoDecodeException;
import dev.avastream.jobs.kafka.Topics;
import dev.avastream.cli.json.ResultJson;
import dev.avastream.schema.Candidate;
import dev.avastream.schema.CanvasCrop;
import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.schema.ScoreComponent;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;


/**
 * {@code ava export}: a title's final candidates as full-resolution stills, each re-decoded from the
 * source at its exact frame (never an upscaled thumbnail), with a contact sheet of the set and a JSON
 * manifest. The candidates come from the title's latest update on ava.candidates, or from a summary
 * JSON that {@code ava run --summary-json} wrote.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export a title's stills at full resolution with a contact sheet and a manifest.",
                "Reads the title's latest candidate update from ava.candidates (or a summary JSON of ava "
                        + "run), decodes each still's exact frame from the source video at its own size, "
                        + "and writes the stills (one file per still, in rank order), a contact sheet and a "
                        + "JSON manifest into --out (docs/cli.md)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every still exported", "2:bad arguments (the message names the option or file)",
                "3:the title or its video was not found, or a frame did not decode (named)",
                "4:reading from Kafka failed"})
public final class ExportCommand implements Callable<Integer> {
    @Option(names = "--title", paramLabel = "ID",
            description = "The title to export. Required with Kafka; with --summary-json, a check.")
    String title;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the stills, sheet and manifest go.")
    Path out;

    @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092", paramLabel = "HOST:PORT[,...]",
            description = "Kafka to read the title's updates from. Default: ${DEFAULT-VALUE}.")
    String bootstrapServers;

    @picocli.CommandLine.Mixin
    KafkaConfigOption kafkaConfig = new KafkaConfigOption();

    @Option(names = "--summary-json", paramLabel = "FILE",
            description = "Read the candidates from this summary of ava run instead of Kafka.")
    Path summaryJson;

    @Option(names = "--source", paramLabel = "PATH",
            description = "The title's video, where it is not at the path the run recorded (moved or mounted "
                    + "elsewhere). Default: the recorded path.")
    Path source;

    @Option(names = "--format", defaultValue = "png", paramLabel = "png|jpg",
            description = "Still format: lossless PNG, or JPEG at --jpeg-quality. Default: ${DEFAULT-VALUE}.")
    StillExport.Format format;

    @Option(names = "--jpeg-quality", defaultValue = "95", paramLabel = "Q",
            description = "JPEG quality, 1..100. Default: ${DEFAULT-VALUE}.")
    int jpegQuality;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Integer call() throws Exception {
        kafkaConfig.register(bootstrapServers);
        if (jpegQuality < 1 || jpegQuality > 100) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--jpeg-quality must be 1..100, was " + jpegQuality);
        }
        if (summaryJson == null && (title == null || title.isBlank())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--title is required when reading from Kafka");
        }
        if (summaryJson != null) RunCommand.requireFiles(spec, "--summary-json", List.of(summaryJson));
        StillExport.Title e;
        try {
            e = summaryJson != null ? fromSummary(summaryJson, title) : fromKafka(bootstrapServers, title);
        } catch (TitleNotFound nf) {
            System.err.println("ava export: " + nf.getMessage());
            return AvaCli.EXIT_TITLE_FAILED;
        } catch (org.apache.kafka.common.KafkaException | IllegalStateException k) {
            System.err.println("ava export: reading " + Topics.CANDIDATES + " at " + bootstrapServers + " failed: " + k.getMessage());
            return AvaCli.EXIT_JOB_FAILED;
        }
        String video = source != null ? source.toString() : e.recordedSource();
        if (!Files.isRegularFile(Path.of(video))) {
            System.err.println("ava export: " + video + ": file not found (the video of title " + e.titleId()
                    + "; --source PATH points at it where it has moved)");
            return AvaCli.EXIT_TITLE_FAILED;
        }
        Files.createDirectories(out);
        try {
            StillExport.export(e, video, format, jpegQuality, (name, bytes) -> Files.write(out.resolve(name), bytes));
        } catch (VideoDecodeException d) {
            System.err.println("ava export: " + d.getMessage());
            return AvaCli.EXIT_TITLE_FAILED;
        }
        System.err.printf(Locale.ROOT, "%s: %d stills (version %d%s) exported to %s%n", e.titleId(), e.stills().size(),
                e.version(), e.complete() ? "" : ", title not complete yet", out);
        return AvaCli.EXIT_OK;
    }

    /** No update of the title where it was looked for. */
    static final class TitleNotFound extends Exception {
        TitleNotFound(String message) { super(message); }
    }

    /** The title's latest update on ava.candidates (the highest version of its newest run). */
    static StillExport.Title fromKafka(String bootstrap, String titleId) throws TitleNotFound {
        CandidateSetUpdate[] last = {null};
        try (TopicReader reader = new TopicReader(bootstrap, Topics.CANDIDATES)) {
            reader.seek(java.util.Map.of());
            reader.drain(r -> {
                CandidateSetUpdate u = RunOutcome.decodeUpdate(r.value());
                if (!titleId.equals(u.getTitleId())) return;
                // a title's records share a partition, so a later record is a later version or a newer run
                if (last[0] == null || !last[0].getRunId().equals(u.getRunId()) || u.getVersion() >= last[0].getVersion()) {
                    last[0] = u;
                }
            });
        }
        CandidateSetUpdate u = last[0];
        if (u == null) throw new TitleNotFound("no update of title " + titleId + " on " + Topics.CANDIDATES + " at " + bootstrap);
        return StillExport.Title.of(u, Topics.CANDIDATES + " at " + bootstrap);
    }

    /** The title's final candidates from a summary JSON of ava run (one title, or several under "titles"). */
    static StillExport.Title fromSummary(Path file, String titleId) throws IOException, TitleNotFound {
        JsonNode root = JSON.readTree(file.toFile());
        List<JsonNode> titles = new ArrayList<>();
        if (root.has("titles")) root.get("titles").forEach(titles::add);
        else titles.add(root);
        JsonNode t = null;
        for (JsonNode x : titles) {
            if (titleId == null ? titles.size() == 1 : titleId.equals(x.path("titleId").asText())) t = x;
        }
        if (t == null) {
            throw new TitleNotFound(titleId == null ? file + " holds " + titles.size() + " titles: name one with --title"
                    : "no title " + titleId + " in " + file);
        }
        List<Candidate> stills = new ArrayList<>();
        for (JsonNode c : t.path("candidates")) {
            List<ScoreComponent> parts = ResultJson.components(c.path("components"));
            stills.add(Candidate.newBuilder().setFrameIndex(c.path("frameIndex").asLong()).setTimeUs(c.path("timeUs").asLong())
                    .setShotIndex(c.path("shotIndex").asInt(-1)).setScore(c.path("score").asDouble()).setComponents(parts)
                    .setMainCharacter(c.path("mainCharacter").isTextual() ? c.path("mainCharacter").asText() : "")
                    .setStillKey(c.path("stillKey").asText("")).setThumbnailWidth(0).setThumbnailHeight(0)
                    .setCrops(crops(c.path("crops"))).build());
        }
        return new StillExport.Title(t.path("titleId").asText(), t.path("runId").asText(""), t.path("source").asText(),
                t.path("version").asLong(), t.path("complete").asBoolean(), t.path("profile").asText("default"), stills,
                file.toString());
    }

    private static List<CanvasCrop> crops(JsonNode a) {
        List<CanvasCrop> out = new ArrayList<>();
        for (JsonNode k : a) out.add(ResultJson.crop(k));
        return out;
    }
}
