package dev.avastream.operators.shots;

import dev.avastream.decoders.ChunkPlanner;
import dev.avastream.decoders.ChunkSpec;
import dev.avastream.decoders.VideoProbe;
import dev.avastream.decoders.VideoProber;
import dev.avastream.operators.chunk.ChunkProcessor;
import dev.avastream.schema.ChunkResult;
import dev.avastream.schema.FrameAnnotation;
import dev.avastream.schema.TransitionType;
import dev.avastream.testdata.GroundTruth;
import dev.avastream.testdata.SyntheticSuites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gradual-transition detector over testdata's generated shot suite, decoded and analysed as the
 * pipeline does (probe, chunk plan with pre-roll, {@link ChunkProcessor} per chunk, annotations of
 * the chunks concatenated in order), scored against the videos' ground truth: a detection matches a
 * true transition when their frame ranges overlap (one-to-one, largest overlap first).
 */
class GradualTransitionSuiteTest {

    /** Short chunks, so that many transitions span a chunk edge. */
    private static final double CHUNK_SECONDS = 3.0;

    static List<FrameAnnotation> annotate(Path video, double chunkSeconds) throws Exception {
        VideoProbe probe = VideoProber.probe(video.toString());
        // Only what transitions are found from (ShotsOnlyAnalysisTest: the same signals as the whole
        // analysis), without the models: the figures are the same, the suite decodes in a fraction.
        ChunkProcessor.Config config = ChunkProcessor.Config.from(dev.avastream.operators.config.SettingValues.defaults()
                .with(dev.avastream.operators.config.Tunables.MODELS_ENABLED, false)
                .with(dev.avastream.operators.config.Tunables.SHOTS_ONLY, true));
        List<ChunkSpec> chunks = ChunkPlanner.plan("suite", probe, chunkSeconds,
                config.preRollFrames(probe.averageFps()), config.postRollFrames());
        List<FrameAnnotation> out = new ArrayList<>();
        try (ChunkProcessor processor = new ChunkProcessor(config)) {
            for (ChunkSpec c : chunks) {
                ChunkResult r = processor.process("suite", c);
                assertEquals(null, r.getError());
                out.addAll(r.getAnnotations());
            }
        }
        return out;
    }

    static String truthType(TransitionType t) {
        return switch (t) {
            case DISSOLVE -> GroundTruth.DISSOLVE;
            case FADE_TO_BLACK -> GroundTruth.FADE_OUT;
            case FADE_FROM_BLACK -> GroundTruth.FADE_IN;
            case FADE_TO_WHITE -> GroundTruth.FADE_OUT_WHITE;
            case FADE_FROM_WHITE -> GroundTruth.FADE_IN_WHITE;
            default -> t.name();
        };
    }

    /** Counts of one video's scoring. */
    record Tally(int truth, int detected, int matched, int typeMatched, int onEvents, int onCuts, long startError,
                 long endError, List<String> misses, List<String> falses) {}

    static Tally score(GroundTruth truth, List<GradualTransition> found) {
        List<GroundTruth.Transition> real = truth.transitions();
        List<long[]> pairs = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            for (int j = 0; j < real.size(); j++) {
                long o = Math.min(found.get(i).endFrame(), real.get(j).endFrame())
                        - Math.max(found.get(i).startFrame(), real.get(j).startFrame()) + 1;
                if (o > 0) pairs.add(new long[] {o, i, j});
            }
        }
        pairs.sort((x, y) -> x[0] != y[0] ? Long.compare(y[0], x[0]) : x[1] != y[1] ? Long.compare(x[1], y[1])
                : Long.compare(x[2], y[2]));
        boolean[] usedF = new boolean[found.size()];
        boolean[] usedR = new boolean[real.size()];
        int matched = 0, typed = 0;
        long startError = 0, endError = 0;
        for (long[] p : pairs) {
            int i = (int) p[1], j = (int) p[2];
            if (usedF[i] || usedR[j]) continue;
            usedF[i] = usedR[j] = true;
            matched++;
            GradualTransition f = found.get(i);
            GroundTruth.Transition r = real.get(j);
            if (truthType(f.type()).equals(r.type())) typed++;
            startError += Math.abs(f.startFrame() - r.startFrame());
            endError += Math.abs(f.endFrame() - r.endFrame());
        }
        List<String> misses = new ArrayList<>();
        for (int j = 0; j < real.size(); j++) if (!usedR[j]) misses.add(real.get(j).toString());
        List<String> falses = new ArrayList<>();
        int onEvents = 0, onCuts = 0;
        for (int i = 0; i < found.size(); i++) {
            if (usedF[i]) continue;
            GradualTransition f = found.get(i);
            String why = "";
            for (GroundTruth.Event e : truth.events()) {
                if (f.startFrame() <= e.endFrame() + 2 && e.startFrame() <= f.endFrame() + 2) why = " on " + e.type();
            }
            for (int c : truth.cuts()) if (c >= f.startFrame() - 2 && c <= f.endFrame() + 2) why = " on a cut";
            if (why.startsWith(" on a cut")) onCuts++;
            else if (!why.isEmpty()) onEvents++;
            falses.add(f.type() + " " + f.startFrame() + ".." + f.endFrame() + why);
        }
        return new Tally(real.size(), found.size(), matched, typed, onEvents, onCuts, startError, endError, misses, falses);
    }

    @Test
    void scoresTheGeneratedShotSuite(@TempDir Path dir) throws Exception {
        String keep = System.getProperty("suite.dir");
        if (keep != null) dir = Path.of(keep);
        long seed = Long.getLong("suite.seed", 1);
        List<SyntheticSuites.Entry> entries = new ArrayList<>(SyntheticSuites.shotSuite(seed));
        if (Boolean.getBoolean("suite.benchmark")) entries.add(SyntheticSuites.shotBenchmark(seed));
        List<SyntheticSuites.Generated> suite = SyntheticSuites.generate(entries, dir);
        int truth = 0, detected = 0, matched = 0, typed = 0;
        long startError = 0, endError = 0;
        StringBuilder report = new StringBuilder("gradual transitions on the generated suite (seed " + seed + ", chunks of "
                + CHUNK_SECONDS + " s):\n");
        for (SyntheticSuites.Generated g : suite) {
            List<FrameAnnotation> frames = annotate(g.video(), CHUNK_SECONDS);
            assertEquals(g.truth().frameCount(), frames.size());
            List<GradualTransition> found = TransitionScenes.detect(frames);
            Tally t = score(g.truth(), found);
            truth += t.truth();
            detected += t.detected();
            matched += t.matched();
            typed += t.typeMatched();
            startError += t.startError();
            endError += t.endError();
            report.append(String.format(Locale.ROOT, "  %-18s truth %2d detected %2d matched %2d (type right %2d) "
                            + "false on events %d, on cuts %d; misses %s; false %s%n", g.entry().name(), t.truth(),
                    t.detected(), t.matched(), t.typeMatched(), t.onEvents(), t.onCuts(), t.misses(), t.falses()));
        }
        double precision = detected == 0 ? 1 : (double) matched / detected;
        double recall = truth == 0 ? 1 : (double) matched / truth;
        report.append(String.format(Locale.ROOT, "  all: precision %.3f recall %.3f type accuracy %.3f, mean |start error| %.2f,"
                        + " mean |end error| %.2f frames%n", precision, recall, matched == 0 ? 0 : (double) typed / matched,
                matched == 0 ? 0 : (double) startError / matched, matched == 0 ? 0 : (double) endError / matched));
        System.out.print(report);
        // How many are found is ShotAccuracyGateTest's (against the README's figures); here, what the
        // found ones say: their type, and where they start and end (docs/shot-detection.md).
        double typeAccuracy = matched == 0 ? 1 : (double) typed / matched;
        assertTrue(typeAccuracy >= 0.95, "transition types: " + report);
        assertTrue(matched == 0 || (double) startError / matched <= 2.0 && (double) endError / matched <= 2.0,
                "transition boundaries more than 2 frames off on average: " + report);
    }
}
