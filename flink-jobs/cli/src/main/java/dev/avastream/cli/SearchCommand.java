package dev.avastream.cli;

import dev.avastream.jobs.kafka.KafkaConfigOption;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avastream.cli.json.ResultJson;
import dev.avastream.cli.search.FrameStore;
import dev.avastream.jobs.kafka.Topics;
import dev.avastream.operators.config.SettingValues;
import dev.avastream.operators.config.WeightProfile;
import dev.avastream.operators.search.FrameQuery;
import dev.avastream.operators.search.QuerySyntaxException;
import dev.avastream.operators.search.TitleFrameSearch;
import dev.avastream.schema.FaceAnnotation;
import dev.avastream.schema.FrameAnnotation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code ava search}: the frames of a title whose annotations match a query (docs/search.md), ranked
 * by score, from every analysed frame of the title (ava.frames, or a file of {@code ava run
 * --frames-out}), not only its top-K.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Find the frames of a title whose annotations match a query.",
                "Searches every analysed frame of the title (its newest run on ava.frames, or a file of "
                        + "ava run --frames-out) and lists the matches best score first. The query is a "
                        + "comma-separated list of terms and comparisons, e.g. \"close-up, main character, "
                        + "smiling, no text\" (--help-query, docs/search.md)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:searched (also when nothing matched)",
                "2:bad arguments or a query that does not parse (the message names the clause)",
                "3:no frames of the title where they were looked for", "4:reading from Kafka failed"})
public final class SearchCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "QUERY", description = "The query (quote it).")
    String query;

    @Option(names = "--title", paramLabel = "ID",
            description = "The title to search. Required with Kafka; with --frames, needed only when the "
                    + "file holds several titles.")
    String title;

    @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092", paramLabel = "HOST:PORT[,...]",
            description = "Kafka to read the title's frames from. Default: ${DEFAULT-VALUE}.")
    String bootstrapServers;

    @picocli.CommandLine.Mixin
    KafkaConfigOption kafkaConfig = new KafkaConfigOption();

    @Option(names = "--frames", paramLabel = "FILE", description = "Search this file of ava run --frames-out "
            + "instead of Kafka.")
    Path frames;

    @Option(names = "--profile", paramLabel = "NAME", description = "Weight profile to score the frames with. "
            + "Default: the one the title's latest update on Kafka names, else default.")
    String profile;

    @Option(names = "--limit", defaultValue = "20", paramLabel = "N",
            description = "Show at most N frames (0: only count them). Default: ${DEFAULT-VALUE}.")
    int limit;

    @Option(names = "--json", description = "Print the result as one JSON document.")
    boolean json;

    @Option(names = "--help-query", description = "Print the query language's reference and exit.")
    boolean helpQuery;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public Integer call() throws Exception {
        kafkaConfig.register(bootstrapServers);
        PrintStream out = System.out, err = System.err;
        if (helpQuery) {
            out.print(FrameQuery.help());
            return AvaCli.EXIT_OK;
        }
        if (query == null || query.isBlank()) throw new CommandLine.ParameterException(spec.commandLine(), "give a QUERY (--help-query)");
        if (limit < 0) throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be 0 or more, was " + limit);
        if (profile != null && !WeightProfile.known(profile)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--profile: " + WeightProfile.unknown(profile));
        }
        if (frames == null && (title == null || title.isBlank())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--title is required when reading from Kafka");
        }
        if (frames != null) RunCommand.requireFiles(spec, "--frames", List.of(frames));
        FrameQuery q;
        try {
            q = FrameQuery.parse(query);
        } catch (QuerySyntaxException e) {
            err.println("ava search: " + e.getMessage());
            err.println("(ava search --help-query lists the terms and fields)");
            return AvaCli.EXIT_USAGE;
        }
        FrameStore.TitleFrames found;
        String scoreProfile = profile;
        try {
            if (frames != null) {
                found = FrameStore.fromFile(frames, title);
            } else {
                found = FrameStore.fromKafka(bootstrapServers, Topics.FRAMES, title);
                if (scoreProfile == null && found != null) {
                    try {
                        scoreProfile = ExportCommand.fromKafka(bootstrapServers, title).profile();
                    } catch (ExportCommand.TitleNotFound none) {
                        // frames without an update: score with the default profile
                    }
                }
            }
        } catch (IllegalArgumentException | java.io.IOException e) {
            err.println("ava search: " + e.getMessage());
            return frames != null ? AvaCli.EXIT_USAGE : AvaCli.EXIT_TITLE_FAILED;
        } catch (org.apache.kafka.common.KafkaException | IllegalStateException k) {
            err.println("ava search: reading " + Topics.FRAMES + " at " + bootstrapServers + " failed: " + k.getMessage());
            return AvaCli.EXIT_JOB_FAILED;
        }
        if (found == null) {
            err.println("ava search: no frames of title " + title + (frames != null ? " in " + frames
                    : " on " + Topics.FRAMES + " at " + bootstrapServers + " (the job writes them unless "
                    + "title.publish-frames=false; the topic keeps them 3 days)"));
            return AvaCli.EXIT_TITLE_FAILED;
        }
        if (scoreProfile == null || !WeightProfile.known(scoreProfile)) scoreProfile = WeightProfile.DEFAULT.id();
        TitleFrameSearch index = new TitleFrameSearch(found.frames(), SettingValues.defaults(), scoreProfile);
        TitleFrameSearch.Result r = index.search(q, limit);
        if (json) out.println(JSON.writeValueAsString(json(found, index, r)));
        else print(out, found, index, r);
        return AvaCli.EXIT_OK;
    }

    /** The result as the preview's search answer and {@code --json} write it. */
    public static ObjectNode json(FrameStore.TitleFrames t, TitleFrameSearch index, TitleFrameSearch.Result r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("titleId", t.titleId());
        o.put("runId", t.runId());
        o.put("profile", index.profile());
        if (index.mainCharacter().isEmpty()) o.putNull("mainCharacter");
        else o.put("mainCharacter", index.mainCharacter());
        o.put("query", r.query().toString());
        ArrayNode clauses = o.putArray("clauses");
        for (String line : r.query().describe().split("\n")) if (!line.isBlank()) clauses.add(line.strip());
        o.put("frames", r.frames());
        o.put("measured", r.measured());
        o.put("matched", r.matched());
        ArrayNode hits = o.putArray("hits");
        int rank = 0;
        for (TitleFrameSearch.Hit h : r.hits()) {
            ObjectNode j = hits.addObject();
            j.put("rank", ++rank);
            j.put("frameIndex", h.frameIndex());
            j.put("timeUs", h.timeUs());
            j.put("shotIndex", h.shotIndex());
            j.set("score", ResultJson.number(h.score()));
            if (h.character().isEmpty()) j.putNull("character");
            else j.put("character", h.character());
            j.put("modelFrame", h.annotation().getModelFrame());
            j.put("summary", summary(h.annotation()));
        }
        return o;
    }

    private static void print(PrintStream out, FrameStore.TitleFrames t, TitleFrameSearch index, TitleFrameSearch.Result r) {
        out.printf(Locale.ROOT, "title %s (run %s), profile %s, main character %s%n", t.titleId(),
                t.runId().length() > 8 ? t.runId().substring(0, 8) : t.runId(), index.profile(),
                index.mainCharacter().isEmpty() ? "none" : index.mainCharacter());
        out.println("query: " + r.query());
        for (String line : r.query().describe().split("\n")) if (!line.isBlank()) wrap(out, line.strip(), "  ", "      ");
        out.printf(Locale.ROOT, "%d of %d frames match (%d with the fields it reads measured)%n", r.matched(),
                r.frames(), r.measured());
        if (r.hits().size() < r.matched()) out.printf(Locale.ROOT, "the best %d:%n", r.hits().size());
        if (r.hits().isEmpty()) return;
        out.printf(Locale.ROOT, "%4s %7s %9s %5s %6s  %s%n", "rank", "frame", "time", "shot", "score", "what");
        int rank = 0;
        for (TitleFrameSearch.Hit h : r.hits()) {
            String what = summary(h.annotation());
            if (!h.character().isEmpty()) what = h.character() + (what.isEmpty() ? "" : ", " + what);
            if (what.length() > 42) what = what.substring(0, 41) + "…";
            out.printf(Locale.ROOT, "%4d %7d %8.3fs %5s %6.3f  %s%n", ++rank, h.frameIndex(), h.timeUs() / 1e6,
                    h.shotIndex() < 0 ? "-" : String.valueOf(h.shotIndex()), h.score(), what);
        }
    }

    /** Prints {@code text} in lines of at most 80 columns, broken at spaces, the first and the rest indented. */
    static void wrap(PrintStream out, String text, String first, String rest) {
        StringBuilder line = new StringBuilder(first);
        boolean empty = true;
        for (String word : text.split(" ")) {
            if (!empty && line.length() + 1 + word.length() > 80) {
                out.println(line);
                line = new StringBuilder(rest);
                empty = true;
            }
            if (!empty) line.append(' ');
            line.append(word);
            empty = false;
        }
        if (!empty) out.println(line);
    }

    /** The frame in a few words: shot type and the largest face's expression where the models saw it. */
    static String summary(FrameAnnotation a) {
        if ("NONE".equals(a.getModelFrame())) return "";
        StringBuilder b = new StringBuilder(a.getShotType().toLowerCase(Locale.ROOT).replace('_', ' '));
        if (!a.getFaces().isEmpty()) {
            FaceAnnotation f = a.getFaces().get(0);
            b.append(", ").append(f.getExpression()).append(f.getEyesOpen() ? "" : ", eyes closed");
        }
        if (a.getTextCoverage() > 0) b.append(", text");
        return b.toString();
    }
}
