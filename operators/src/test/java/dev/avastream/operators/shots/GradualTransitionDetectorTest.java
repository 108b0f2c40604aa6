package dev.avastream.operators.shots;

import dev.avastream.schema.FrameAnnotation;
import dev.avastream.schema.ScoreComponent;
import dev.avastream.schema.TransitionType;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gradual-transition detector on synthetic sequences analysed by the real chunk path (see
 * {@link TransitionScenes}): transitions found with the right type and bounds, nothing found on
 * cuts, flashes, pans, motion and grain, and the same result whatever way the stream is split.
 */
class GradualTransitionDetectorTest {

    private static final int TOLERANCE = 2;
    private static TransitionScenes scenes;
    /** Annotated sequences by name, made once: analysing frames is most of these tests' cost. */
    private static final Map<String, List<FrameAnnotation>> CACHE = new HashMap<>();

    @BeforeAll
    static void open() {
        scenes = new TransitionScenes();
    }

    @AfterAll
    static void close() {
        scenes.close();
    }

    private static List<FrameAnnotation> sequence(String name, int count, IntFunction<Mat> frames) {
        return CACHE.computeIfAbsent(name, n -> TransitionScenes.annotate(count, frames));
    }

    private static List<FrameAnnotation> dissolve(int n) {
        return sequence("dissolve" + n, 40 + n + 45, f -> scenes.dissolve(f, 40, n));
    }

    private static List<FrameAnnotation> fadeOut(int n, boolean white) {
        return sequence("fadeOut" + n + white, 40 + n + 30, f -> scenes.fadeOut(f, 40, n, white));
    }

    private static List<FrameAnnotation> fadeIn(int n, boolean white) {
        return sequence("fadeIn" + n + white, 30 + n + 45, f -> scenes.fadeIn(f, 30, n, white));
    }

    /** A longer title: dissolve, cut, fade out, black, fade in, flash, cut, dissolve. */
    private static List<FrameAnnotation> medley() {
        return sequence("medley", 390, f -> {
            if (f < 100) return scenes.dissolve(f, 40, 20);               // A, dissolve 40..59, B
            if (f < 190) return scenes.fadeOut(f, 140, 16, false);        // cut to A at 100, fade 140..155, black
            if (f == 250) return scenes.white(f);                         // a one-frame flash
            if (f < 280) return scenes.fadeIn(f, 190, 14, false);         // fade in to B 190..203
            return scenes.dissolve(f, 320, 30);                           // cut to A at 280, dissolve 320..349
        });
    }

    private static void assertTransition(List<GradualTransition> found, TransitionType type, long start, long end) {
        assertEquals(1, found.size(), "exactly one transition expected, found " + found);
        GradualTransition t = found.get(0);
        assertEquals(type, t.type(), found.toString());
        assertTrue(Math.abs(t.startFrame() - start) <= TOLERANCE, "start " + t.startFrame() + " vs " + start + ": " + t);
        assertTrue(Math.abs(t.endFrame() - end) <= TOLERANCE, "end " + t.endFrame() + " vs " + end + ": " + t);
        double sum = t.components().stream().mapToDouble(ScoreComponent::getContribution).sum();
        assertEquals(t.score(), sum, 1e-12);
        assertTrue(t.score() > 0.5 && t.score() <= 1.0, t.toString());
    }

    @Test
    void findsDissolvesOf12And30Frames() {
        assertTransition(TransitionScenes.detect(dissolve(12)), TransitionType.DISSOLVE, 40, 51);
        assertTransition(TransitionScenes.detect(dissolve(30)), TransitionType.DISSOLVE, 40, 69);
    }

    @Test
    void findsShortAndLongDissolves() {
        assertTransition(TransitionScenes.detect(dissolve(6)), TransitionType.DISSOLVE, 40, 45);
        assertTransition(TransitionScenes.detect(dissolve(50)), TransitionType.DISSOLVE, 40, 89);
    }

    @Test
    void findsFadesToAndFromBlack() {
        assertTransition(TransitionScenes.detect(fadeOut(24, false)), TransitionType.FADE_TO_BLACK, 40, 63);
        assertTransition(TransitionScenes.detect(fadeIn(24, false)), TransitionType.FADE_FROM_BLACK, 30, 53);
        assertTransition(TransitionScenes.detect(fadeOut(8, false)), TransitionType.FADE_TO_BLACK, 40, 47);
        assertTransition(TransitionScenes.detect(fadeIn(45, false)), TransitionType.FADE_FROM_BLACK, 30, 74);
    }

    @Test
    void findsFadesToAndFromWhite() {
        assertTransition(TransitionScenes.detect(fadeOut(24, true)), TransitionType.FADE_TO_WHITE, 40, 63);
        assertTransition(TransitionScenes.detect(fadeIn(24, true)), TransitionType.FADE_FROM_WHITE, 30, 53);
    }

    private static List<FrameAnnotation> wipe(int n, int dx, int dy) {
        return sequence("wipe" + n + "_" + dx + "_" + dy, 40 + n + 45, f -> scenes.wipe(f, 40, n, dx, dy));
    }

    @Test
    void findsWipesAcrossAndDiagonal() {
        // A straight edge, not a blend: no dip, and a long one changes only a strip over k frames.
        assertTransition(TransitionScenes.detect(wipe(8, 1, 0)), TransitionType.WIPE, 40, 47);
        assertTransition(TransitionScenes.detect(wipe(24, 0, -1)), TransitionType.WIPE, 40, 63);
        // A diagonal edge crosses only a corner's few cells in its first and last frames, which the
        // sweep's fit reads as the wipe's foot: the bounds found lie inside the truth, by a few frames.
        List<GradualTransition> diagonal = TransitionScenes.detect(wipe(16, -1, 1));
        assertEquals(1, diagonal.size(), diagonal.toString());
        assertEquals(TransitionType.WIPE, diagonal.get(0).type());
        assertTrue(diagonal.get(0).startFrame() >= 40 - TOLERANCE && diagonal.get(0).startFrame() <= 44, diagonal.toString());
        assertTrue(diagonal.get(0).endFrame() >= 51 && diagonal.get(0).endFrame() <= 55 + TOLERANCE, diagonal.toString());
        GradualTransition t = TransitionScenes.detect(wipe(24, 0, -1)).get(0);
        assertEquals(List.of(GradualTransitionDetector.FIT, GradualTransitionDetector.SWEPT),
                t.components().stream().map(ScoreComponent::getName).toList());
    }

    private static List<FrameAnnotation> slide(int n, int dx, int dy, boolean push) {
        return sequence((push ? "push" : "slide") + n + "_" + dx + "_" + dy, 40 + n + 45,
                f -> scenes.slide(f, 40, n, dx, dy, push));
    }

    @Test
    void findsSlidesAndPushes() {
        // The new picture moves in: each frame is a jump, no cell settles, nothing blends. What is
        // left is the translation of a rigid piece, the covered part growing at the speed it moves.
        assertTransition(TransitionScenes.detect(slide(12, 1, 0, false)), TransitionType.SLIDE, 40, 51);
        assertTransition(TransitionScenes.detect(slide(9, 0, -1, false)), TransitionType.SLIDE, 40, 48);
        assertTransition(TransitionScenes.detect(slide(24, 0, 1, false)), TransitionType.SLIDE, 40, 63);
        // A push moves the whole picture one frame across, starting and stopping at once.
        assertTransition(TransitionScenes.detect(slide(20, -1, 0, true)), TransitionType.SLIDE, 40, 59);
        assertTransition(TransitionScenes.detect(slide(8, 0, 1, true)), TransitionType.SLIDE, 40, 47);
        GradualTransition over = TransitionScenes.detect(slide(12, 1, 0, false)).get(0);
        assertEquals(List.of(GradualTransitionDetector.STEADY, GradualTransitionDetector.FIT),
                over.components().stream().map(ScoreComponent::getName).toList());
        GradualTransition push = TransitionScenes.detect(slide(20, -1, 0, true)).get(0);
        assertEquals(List.of(GradualTransitionDetector.STEADY, GradualTransitionDetector.TRAVEL),
                push.components().stream().map(ScoreComponent::getName).toList());
    }

    @Test
    void aPanThatTravelsHalfTheFrameIsNoPush() {
        // As fast as a push and as abrupt, but it moves the picture half a frame, not one.
        assertNothing("half-frame pan", sequence("pan20half", 90, f -> scenes.pannedA(Math.min(f, 28), 20, 20)));
    }

    private static void assertNothing(String what, List<FrameAnnotation> frames) {
        List<GradualTransition> found = TransitionScenes.detect(frames);
        assertEquals(List.of(), found, what);
    }

    @Test
    void ignoresHardCuts() {
        assertNothing("cut", sequence("cut", 100, f -> f < 50 ? scenes.a(f) : scenes.b(f)));
        assertNothing("cuts", sequence("cuts", 140, f -> f < 40 || (f >= 60 && f < 70) ? scenes.a(f) : scenes.b(f)));
    }

    @Test
    void ignoresFlashesOfOneAndTwoFrames() {
        assertNothing("white flash", sequence("flash1", 90, f -> f == 40 ? scenes.white(f) : scenes.a(f)));
        assertNothing("two-frame flash", sequence("flash2", 90, f -> f == 40 || f == 41 ? scenes.white(f) : scenes.a(f)));
        assertNothing("black frame", sequence("blackFrame", 90, f -> f == 40 ? scenes.black(f) : scenes.a(f)));
        assertNothing("brightened", sequence("brighter", 90, f -> {
            Mat m = scenes.a(f);
            if (f == 40 || f == 41) {
                Mat bright = new Mat();
                m.convertTo(bright, -1, 1.0, 90);
                m.close();
                return bright;
            }
            return m;
        }));
    }

    @Test
    void ignoresPans() {
        assertNothing("fast pan", sequence("pan40", 90, f -> scenes.pannedA(f, 20, 40)));
        assertNothing("pan that stops", sequence("pan40stop", 100, f -> scenes.pannedA(Math.min(f, 60), 20, 40)));
        assertNothing("slow pan", sequence("pan3", 100, f -> scenes.pannedA(Math.min(f, 60), 20, 3)));
    }

    @Test
    void ignoresMotionAndNoise() {
        assertNothing("fast object", sequence("object", 100, f -> scenes.fastObject(f, 15)));
        assertNothing("shake", sequence("shake", 100, f -> scenes.shaken(f, 12)));
        assertNothing("steady drift", sequence("drift", 100, scenes::a));
        assertNothing("heavy grain", sequence("grain", 100, f -> {
            Mat m = scenes.a(0);
            Mat noisy = dev.avastream.operators.SyntheticFrames.withGrain(m, 14, f);
            m.close();
            return noisy;
        }));
    }

    @Test
    void aDissolveAfterACutFromAStillDarkShotIsFound() {
        // Measured against the still dim shot before the cut, the drifting bright shot after it keeps
        // the long-range change above the floor from the cut on: one long run, in which the dissolve
        // (whose start must lie before the run's) could not be fitted. The cut starts a new floor.
        List<FrameAnnotation> frames = sequence("stillThenDissolve", 140, f -> scenes.stillThenDissolve(f, 40, 80, 12));
        assertTransition(TransitionScenes.detect(frames), TransitionType.DISSOLVE, 80, 91);
    }

    @Test
    void ignoresFastZooms() {
        // Every pixel changes steadily one way and fine texture thins mid-way, as in a dissolve; but the
        // later picture is the earlier one scaled.
        assertNothing("zoom x2.5 in 12 frames", sequence("zoom12", 90, f -> scenes.zoom(f, 40, 12, 2.5)));
        assertNothing("zoom x3 in 20 frames", sequence("zoom20", 100, f -> scenes.zoom(f, 40, 20, 3.0)));
    }

    @Test
    void findsEveryTransitionOfALongerTitle() {
        List<GradualTransition> found = TransitionScenes.detect(medley());
        List<TransitionType> types = new ArrayList<>();
        for (GradualTransition t : found) types.add(t.type());
        assertEquals(List.of(TransitionType.DISSOLVE, TransitionType.FADE_TO_BLACK, TransitionType.FADE_FROM_BLACK,
                TransitionType.DISSOLVE), types, found.toString());
    }

    /** Feeds frames [0, split), hands the retained window (through Avro bytes) to a new detector, feeds the rest. */
    private static List<GradualTransition> splitRun(List<FrameAnnotation> frames, int split) throws Exception {
        GradualTransitionDetector.Params p = GradualTransitionDetector.Params.defaults();
        GradualTransitionDetector first = new GradualTransitionDetector(p);
        List<GradualTransition> out = new ArrayList<>();
        for (int i = 0; i < split; i++) out.addAll(first.accept(frames.get(i)));
        List<FrameAnnotation> stored = new ArrayList<>();
        for (FrameAnnotation f : first.retainedWindow()) {
            ByteBuffer bytes = f.toByteBuffer();
            stored.add(FrameAnnotation.fromByteBuffer(bytes));
        }
        assertTrue(stored.size() <= GradualTransitionDetector.maxRetainedFrames(p));
        GradualTransitionDetector second = new GradualTransitionDetector(p, stored);
        for (int i = split; i < frames.size(); i++) out.addAll(second.accept(frames.get(i)));
        out.addAll(second.flush());
        return out;
    }

    @Test
    void splittingTheStreamAnywhereGivesTheSameTransitions() throws Exception {
        List<FrameAnnotation> frames = medley();
        List<GradualTransition> whole = TransitionScenes.detect(frames);
        assertFalse(whole.isEmpty());
        for (int split = 0; split <= frames.size(); split++) {
            assertEquals(whole, splitRun(frames, split), "split at " + split);
        }
    }

    @Test
    void undecidedFromBoundsEveryLaterReport() {
        List<FrameAnnotation> frames = medley();
        GradualTransitionDetector.Params p = GradualTransitionDetector.Params.defaults();
        GradualTransitionDetector d = new GradualTransitionDetector(p);
        long bound = Long.MIN_VALUE;
        int reports = 0;
        for (FrameAnnotation f : frames) {
            for (GradualTransition t : d.accept(f)) {
                reports++;
                assertTrue(t.startFrame() >= bound, t + " reported after undecidedFrom was " + bound);
                assertTrue(f.getFrameIndex() - t.startFrame() <= GradualTransitionDetector.maxReportDelayFrames(p),
                        t + " reported at " + f.getFrameIndex());
            }
            long u = d.undecidedFrom();
            assertTrue(u <= f.getFrameIndex() + 1, "undecided from " + u + " at frame " + f.getFrameIndex());
            assertTrue(u >= bound, "undecidedFrom went back from " + bound + " to " + u);
            bound = u;
            assertTrue(d.retainedWindow().size() <= GradualTransitionDetector.maxRetainedFrames(p));
        }
        assertTrue(reports > 0);
    }

    @Test
    void aGapFlushesAndStartsOver() {
        List<FrameAnnotation> frames = fadeOut(24, false);
        GradualTransitionDetector d = new GradualTransitionDetector(GradualTransitionDetector.Params.defaults());
        List<GradualTransition> out = new ArrayList<>();
        for (FrameAnnotation f : frames) out.addAll(d.accept(f));
        FrameAnnotation later = FrameAnnotation.newBuilder(frames.get(0)).setFrameIndex(1000).build();
        out.addAll(d.accept(later));
        assertEquals(1, out.size());
        assertEquals(List.of(later), d.retainedWindow());
        assertThrows(IllegalArgumentException.class, () -> d.accept(frames.get(5)));
    }

    @Test
    void transitionsSuppressCutsInsideThem() {
        GradualTransition t = new GradualTransition(TransitionType.DISSOLVE, 40, 51, 0.9, List.of());
        assertFalse(t.suppressesCut(39));
        assertTrue(t.suppressesCut(40));
        assertTrue(t.suppressesCut(46));
        assertTrue(t.suppressesCut(52));
        assertFalse(t.suppressesCut(53));
        assertTrue(GradualTransition.suppressesCut(List.of(t), 45));
        assertEquals(12, t.frames());
    }

    @Test
    void defaultsBoundTheWindowAndTheDelay() {
        GradualTransitionDetector.Params p = GradualTransitionDetector.Params.defaults();
        assertEquals(90, GradualTransitionDetector.maxRetainedFrames(p));
        assertEquals(88, GradualTransitionDetector.maxReportDelayFrames(p));
        Supplier<GradualTransitionDetector.Params> bad = () -> p.withMaxTransitionFrames(1);
        assertThrows(IllegalArgumentException.class, bad::get);
    }
}
