package dev.avastream.cli;

import dev.avastream.operators.chunk.ChunkProcessor;
import dev.avastream.operators.config.SettingValues;
import dev.avastream.operators.config.Tunables;
import dev.avastream.cli.json.SummaryJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avastream.decoders.VideoDecodeException;
import dev.avastream.operators.eval.DetectedBoundaries;
import dev.avastream.operators.eval.Interval;
import dev.avastream.operators.eval.Score;
import dev.avastream.operators.eval.ShotEvaluation;
import dev.avastream.operators.title.InProcessTitleAnalysis;
import dev.avastream.operators.title.TitleAssembly;
import dev.avastream.schema.FrameAnnotation;
import dev.avastream.schema.ScoreComponent;
import dev.avastream.schema.Shot;
import dev.avastream.schema.TransitionType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code ava eval-shots}: runs the pipeline's shot detection (same chunking, same detector, same
 * title fold, without Flink) on a video and scores it against a truth file.
 */
@Command(name = "eval-shots", mixinStandardHelpOptions = true,
        description = {"Detect shots in a video and score them against a truth file.",
                "Prints precision, recall and F1 for hard cuts (exactly and within +/- --tolerance frames) and "
                        + "for gradual transitions (by overlap), the false cuts on flashes, pans and motion, and "
                        + "frames per second. Truth format: docs/shot-detection.md."})
public final class EvalShotsCommand implements Callable<Integer> {
    @Option(names = "--video", required = true, paramLabel = "PATH", description = "The video.")
    Path video;

    @Option(names = "--truth", required = true, paramLabel = "FILE.json", description = "Ground truth (format: docs/shot-detection.md, 'Shot truth files').")
    Path truth;

    @Option(names = "--tolerance", defaultValue = "2", paramLabel = "FRAMES", description = "Cut tolerance. Default: ${DEFAULT-VALUE}.")
    int tolerance;

    // Defaults are the pipeline's (chunking.chunk-seconds, hardcut.min-shot-seconds): picocli shows the initial value.
    @Option(names = "--chunk-seconds", paramLabel = "S", description = "Chunk length, as in run. Default: ${DEFAULT-VALUE}.")
    double chunkSeconds = Tunables.CHUNK_SECONDS.defaultValue();

    @Option(names = "--min-shot-seconds", paramLabel = "S",
            description = "Shortest shot a hard cut may create, as in run. Default: ${DEFAULT-VALUE}.")
    double minShotSeconds = Tunables.MIN_SHOT_SECONDS.defaultValue();

    @Option(names = "--threads", paramLabel = "N", description = "Chunks analysed at once. Default: number of cores.")
    Integer threads;

    @Option(names = "--stats", paramLabel = "FILE.csv",
            description = "Write every frame's annotations and cut-score components (like PySceneDetect's stats file).")
    Path stats;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Set any pipeline setting, as run takes it (repeatable; ava config lists them).")
    List<String> sets = new java.util.ArrayList<>();

    @picocli.CommandLine.Mixin
    OutputOptions output;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (tolerance < 0) throw new IllegalArgumentException("--tolerance must be >= 0");
        if (chunkSeconds <= 0) throw new IllegalArgumentException("--chunk-seconds must be positive");
        Truth t;
        try {
            t = Truth.read(truth);
        } catch (IOException | RuntimeException e) {
            System.err.println("ava eval-shots: " + truth + ": not a readable truth file: " + e.getMessage());
            return AvaCli.EXIT_USAGE;
        }
        RunCommand.requireFiles(spec, "--video", List.of(video));
        // Shots are found from a few pixel annotators: the rest (and the models) would only cost time here.
        SettingValues values = SettingValues.defaults().with(Tunables.MIN_SHOT_SECONDS, minShotSeconds)
                .with(Tunables.SHOTS_ONLY, true).with(Tunables.MODELS_ENABLED, false);
        for (String kv : sets) {
            int eq = kv.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("--set expects KEY=VALUE, got '" + kv + "'");
            values = values.withText(kv.substring(0, eq).trim(), kv.substring(eq + 1));
        }
        InProcessTitleAnalysis.Result r;
        try {
            r = InProcessTitleAnalysis.analyse("eval", video.toAbsolutePath().toString(), chunkSeconds,
                    threads != null ? threads : Runtime.getRuntime().availableProcessors(),
                    ChunkProcessor.Config.from(values),
                    TitleAssembly.Params.from(values), stats != null);
        } catch (VideoDecodeException e) {
            System.err.println("ava eval-shots: " + e.getMessage());
            return AvaCli.EXIT_TITLE_FAILED;
        }
        List<Long> cuts = DetectedBoundaries.cuts(r.shots());
        List<Interval> gradual = DetectedBoundaries.gradual(r.shots());
        ShotEvaluation.Result e = ShotEvaluation.evaluate(cuts, gradual, t.cuts, t.transitions, t.events, tolerance);
        if (stats != null) writeStats(r.annotations(), new HashSet<>(cuts), stats);

        long frames = r.last() == null ? 0 : r.last().getFramesProcessed();
        if (output.json) {
            ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode o = m.createObjectNode();
            o.put("video", video.toString());
            o.put("frames", frames);
            o.put("framesPerSecond", r.framesPerSecond());
            put(o.putObject("cutsExact"), e.cutsExact());
            put(o.putObject("cutsWithinTolerance"), e.cutsWithinTolerance());
            o.put("tolerance", tolerance);
            if (t.gradualLabelled) put(o.putObject("gradual"), e.gradual());
            o.put("gradualTypeMatches", e.gradualTypeMatches());
            o.put("falseCutsOnEvents", e.falseCutsOnEvents());
            // What was detected, so other scorers (testdata/scripts/compare_pyscenedetect.py) can apply their rules.
            cuts.forEach(o.putArray("detectedCuts")::add);
            intervals(o.putArray("detectedGradual"), gradual);
            e.missedCuts().forEach(o.putArray("missedCuts")::add);
            e.falseCuts().forEach(o.putArray("falseCuts")::add);
            if (t.gradualLabelled) {
                intervals(o.putArray("missedGradual"), e.missedGradual());
                intervals(o.putArray("falseGradual"), e.falseGradual());
            }
            System.out.println(m.writeValueAsString(o));
        } else {
            System.out.printf(Locale.ROOT, "%s: %d frames, %d true cuts, %d true gradual transitions, %.1f frames/s%n",
                    video.getFileName(), frames, t.cuts.size(), t.transitions.size(), r.framesPerSecond());
            System.out.println("  cuts, exact frame:      " + e.cutsExact());
            System.out.printf(Locale.ROOT, "  cuts, within +/-%d:     %s%n", tolerance, e.cutsWithinTolerance());
            if (t.gradualLabelled) {
                System.out.println("  gradual (overlap):      " + e.gradual() + ", type right " + e.gradualTypeMatches());
            } else {
                System.out.println("  gradual:                not labelled in the truth file (" + gradual.size() + " found)");
            }
            System.out.println("  false cuts on flashes/pans/motion: " + e.falseCutsOnEvents());
            if (!e.missedCuts().isEmpty()) System.out.println("  missed cuts: " + e.missedCuts());
            if (!e.falseCuts().isEmpty()) System.out.println("  false cuts:  " + e.falseCuts());
            if (!e.missedGradual().isEmpty()) System.out.println("  missed gradual: " + e.missedGradual());
            if (t.gradualLabelled && !e.falseGradual().isEmpty()) System.out.println("  false gradual:  " + e.falseGradual());
        }
        for (String err : r.errors()) System.err.println("ava eval-shots: " + err);
        return r.errors().isEmpty() ? AvaCli.EXIT_OK : AvaCli.EXIT_TITLE_FAILED;
    }

    private static void put(ObjectNode o, Score s) {
        o.put("precision", s.precision());
        o.put("recall", s.recall());
        o.put("f1", s.f1());
        o.put("truePositives", s.truePositives());
        o.put("predicted", s.predicted());
        o.put("actual", s.actual());
    }

    /** One row per frame: the annotations and every cut-score component, then whether a cut starts there. */
    static void writeStats(List<FrameAnnotation> frames, Set<Long> cuts, Path file) throws IOException {
        Set<String> componentNames = new LinkedHashSet<>();
        for (FrameAnnotation f : frames) for (ScoreComponent c : f.getCutComponents()) componentNames.add(c.getName());
        if (file.toAbsolutePath().getParent() != null) Files.createDirectories(file.toAbsolutePath().getParent());
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
            StringBuilder header = new StringBuilder("frame,timeMs,brightness,contrast,colourfulness,sharpness,motion,cutScore");
            for (String n : componentNames) header.append(',').append(n);
            header.append(",cut");
            w.println(header);
            for (FrameAnnotation f : frames) {
                StringBuilder row = new StringBuilder();
                row.append(f.getFrameIndex()).append(',').append(String.format(Locale.ROOT, "%.3f", f.getTimeUs() / 1000.0));
                for (double v : new double[]{f.getBrightness(), f.getContrast(), f.getColourfulness(), f.getSharpness(),
                        f.getMotion(), f.getCutScore()}) {
                    row.append(',').append(String.format(Locale.ROOT, "%.5f", v));
                }
                for (String n : componentNames) {
                    double v = Double.NaN;
                    for (ScoreComponent c : f.getCutComponents()) if (c.getName().equals(n)) v = c.getValue();
                    row.append(',').append(Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.5f", v));
                }
                row.append(',').append(cuts.contains(f.getFrameIndex()) ? 1 : 0);
                w.println(row);
            }
        }
    }

    /** The truth file: a GroundTruth JSON from testdata, or a hand-made file with the same fields. */
    record Truth(List<Long> cuts, List<Interval> transitions, List<Interval> events, boolean gradualLabelled) {
        static Truth read(Path file) throws IOException {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            if (root == null || !root.isObject()) throw new IOException("expected a JSON object");
            List<Long> cuts = new ArrayList<>();
            for (JsonNode c : root.path("cuts")) cuts.add(c.asLong());
            // A file without "transitions" labels cuts only: gradual detections are then not scored.
            return new Truth(cuts, Interval.joinFadesThrough(intervals(root.path("transitions"), true)),
                    intervals(root.path("events"), false),
                    root.has("transitions"));
        }

        private static List<Interval> intervals(JsonNode array, boolean normaliseType) {
            List<Interval> out = new ArrayList<>();
            for (JsonNode n : array) {
                String type = n.path("type").asText("");
                out.add(new Interval(normaliseType ? normalise(type) : type, n.path("startFrame").asLong(),
                        n.path("endFrame").asLong()));
            }
            return out;
        }

        /** Truth files name fades the way editors do; the pipeline uses TransitionType names. */
        static String normalise(String type) {
            return Interval.normaliseType(type);
        }
    }

    private static void intervals(com.fasterxml.jackson.databind.node.ArrayNode out, java.util.List<dev.avastream.operators.eval.Interval> in) {
        for (dev.avastream.operators.eval.Interval i : in) {
            out.addObject().put("type", i.type()).put("startFrame", i.startFrame()).put("endFrame", i.endFrame());
        }
    }
}
