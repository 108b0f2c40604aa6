package dev.avastream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avastream.decoders.VideoDecodeException;
import dev.avastream.cli.export.ContactSheet;
import dev.avastream.jobs.PipelineOptionSet;
import dev.avastream.operators.config.SettingValues;
import dev.avastream.operators.config.Tunables;
import dev.avastream.operators.eval.StillSetEvaluation;
import dev.avastream.operators.rank.NearDuplicateRule;
import dev.avastream.operators.eval.StillSetEvaluation.Rule;
import dev.avastream.operators.title.InProcessTitleAnalysis;
import dev.avastream.operators.title.TitleAssembly;
import dev.avastream.schema.Candidate;
import dev.avastream.schema.CandidateSetUpdate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code ava eval-stills}: runs the pipeline's analysis and title fold in-process (as eval-shots does)
 * on one video, judges every update's stills with {@link StillSetEvaluation} and draws the final set
 * as a contact sheet a person can check at a glance.
 */
@Command(name = "eval-stills", mixinStandardHelpOptions = true,
        description = {"Judge the stills of one run of a video.",
                "Prints the share of faulty stills per rule (transition, black, blurred, near-duplicate, "
                        + "text-heavy, faceless; target 0), shot and character coverage and churn between "
                        + "updates, and draws the final top-K as a contact sheet (PNG)."})
public final class EvalStillsCommand implements Callable<Integer> {

    @Option(names = "--video", required = true, paramLabel = "PATH", description = "The video.")
    Path video;

    @Option(names = "--sheet", paramLabel = "FILE.png", description = "Contact sheet. Default: <video name>-stills.png.")
    Path sheet;

    @Option(names = "--summary-json", paramLabel = "FILE", description = "Also write the figures as JSON.")
    Path summaryJson;

    /** The pipeline's settings (--top-k, --chunk-seconds, --set ...), as run takes them. */
    @Mixin
    PipelineOptionSet pipeline;

    @Mixin
    OutputOptions output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RunCommand.requireFiles(spec, "--video", List.of(video));
        SettingValues v = pipeline.values();
        TitleAssembly.Params params = TitleAssembly.Params.from(v);
        List<CandidateSetUpdate> updates = new ArrayList<>();
        InProcessTitleAnalysis.Result r;
        try {
            r = InProcessTitleAnalysis.analyse("eval", video.toAbsolutePath().toString(), v.get(Tunables.CHUNK_SECONDS),
                    Runtime.getRuntime().availableProcessors(), pipeline.processor(), params, false,
                    System::currentTimeMillis, updates::add);
        } catch (VideoDecodeException e) {
            System.err.println("ava eval-stills: " + e.getMessage());
            return AvaCli.EXIT_TITLE_FAILED;
        }
        StillSetEvaluation eval = new StillSetEvaluation(StillSetEvaluation.Criteria.defaults(
                new NearDuplicateRule(params.nearDuplicateDistance(), params.nearDuplicateHamming())));
        StillSetEvaluation.Result e = eval.evaluate(updates, r.shots(), params.topK());
        List<Candidate> stills = r.last() == null ? List.of() : r.last().getCandidates();
        Path sheetPath = sheet != null ? sheet : Path.of(stem(video) + "-stills.png");
        writeSheet(stills, e, sheetPath);
        ObjectNode json = json(e, stills, sheetPath);
        if (summaryJson != null) {
            if (summaryJson.toAbsolutePath().getParent() != null) Files.createDirectories(summaryJson.toAbsolutePath().getParent());
            JSON.writeValue(summaryJson.toFile(), json);
        }
        if (output.json) System.out.println(JSON.writeValueAsString(json));
        else System.out.print(report(e, stills, sheetPath));
        for (String err : r.errors()) System.err.println("ava eval-stills: " + err);
        return r.errors().isEmpty() ? AvaCli.EXIT_OK : AvaCli.EXIT_TITLE_FAILED;
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    String report(StillSetEvaluation.Result e, List<Candidate> stills, Path sheetPath) {
        StringBuilder b = new StringBuilder();
        var c = e.coverage();
        b.append(String.format(Locale.ROOT, "%s: %d stills, %d updates%n", video.getFileName(), stills.size(), e.churn().updates()));
        b.append(String.format(Locale.ROOT, "  faults          final set        all updates%n"));
        for (Rule rule : Rule.values()) {
            var f = e.finalSet().byRule().get(rule);
            var a = e.allUpdates().byRule().get(rule);
            b.append(String.format(Locale.ROOT, "  %-15s %3d/%-3d %5.1f%%   %3d/%-3d %5.1f%%%n", rule.label(), f.faulty(), f.stills(),
                    100 * f.share(), a.faulty(), a.stills(), 100 * a.share()));
        }
        b.append(String.format(Locale.ROOT, "  shots covered   %d of %d (%.0f%%), %.0f%% of the duration%n", c.shotsCovered(),
                c.shotsFound(), 100 * c.shotShare(), 100 * c.durationShare()));
        b.append(String.format(Locale.ROOT, "  characters      %d of %d; leading %d of %d%n", c.charactersCovered(),
                c.charactersFound(), c.leadingCovered(), c.leadingCharacters()));
        b.append(String.format(Locale.ROOT, "  churn           mean %.3f, max %.3f, %d flips, %d inexact updates%n",
                e.churn().mean(), e.churn().max(), e.churn().flips().size(), e.churn().inexactUpdates()));
        for (Candidate s : stills) {
            for (var f : e.finalSet().of(s.getFrameIndex())) {
                b.append(String.format(Locale.ROOT, "  frame %d: %s: %s%n", s.getFrameIndex(), f.rule().label(), f.reason()));
            }
        }
        b.append("  contact sheet   ").append(sheetPath).append(System.lineSeparator());
        return b.toString();
    }

    static ObjectNode json(StillSetEvaluation.Result e, List<Candidate> stills, Path sheetPath) {
        ObjectNode o = JSON.createObjectNode();
        o.put("stills", stills.size());
        ObjectNode fin = o.putObject("finalSet"), all = o.putObject("allUpdates");
        for (Rule rule : Rule.values()) {
            for (var pair : List.of(new Object[]{fin, e.finalSet()}, new Object[]{all, e.allUpdates()})) {
                var share = ((StillSetEvaluation.Faults) pair[1]).byRule().get(rule);
                ObjectNode r = ((ObjectNode) pair[0]).putObject(rule.label());
                r.put("faulty", share.faulty()).put("stills", share.stills()).put("share", share.share());
                share.frames().forEach(r.putArray("frames")::add);
            }
        }
        var c = e.coverage();
        o.putObject("coverage").put("shotsCovered", c.shotsCovered()).put("shotsFound", c.shotsFound())
                .put("shotShare", c.shotShare()).put("durationShare", c.durationShare())
                .put("charactersCovered", c.charactersCovered()).put("charactersFound", c.charactersFound())
                .put("leadingCharacters", c.leadingCharacters()).put("leadingCovered", c.leadingCovered());
        o.putObject("churn").put("updates", e.churn().updates()).put("steps", e.churn().steps())
                .put("mean", e.churn().mean()).put("max", e.churn().max()).put("flips", e.churn().flips().size())
                .put("inexactUpdates", e.churn().inexactUpdates());
        o.put("sheet", sheetPath.toString());
        return o;
    }

    /** The final stills as a contact sheet ({@link ContactSheet}), each still's faults in red. */
    void writeSheet(List<Candidate> stills, StillSetEvaluation.Result e, Path out) throws Exception {
        ContactSheet.write(stills, video.toAbsolutePath().toString(),
                c -> e.finalSet().of(c.getFrameIndex()).stream().map(f -> f.rule().label() + ": " + f.reason()).toList(), out);
    }

    private static String stem(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
