package dev.avastream.operators.shots;

import dev.avastream.operators.title.TransitionSettler;
import dev.avastream.operators.title.TransitionSettler.SettledFrame;
import dev.avastream.schema.FrameAnnotation;
import dev.avastream.schema.ScoreComponent;
import dev.avastream.schema.SettlingState;
import dev.avastream.schema.Transition;
import dev.avastream.schema.TransitionType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A fade out followed by a fade in is one transition ({@link FadeThrough}), joined as the title fold
 * settles frames ({@link TransitionSettler}), on real analysed frames ({@link TransitionScenes}): the
 * solid frames between belong to it, so no shot of black is left between the two shots.
 */
class FadeThroughTest {
    private static final int TOLERANCE = 2;
    private static TransitionScenes scenes;

    @BeforeAll
    static void scenes() {
        scenes = new TransitionScenes();
    }

    @AfterAll
    static void close() {
        scenes.close();
    }

    /** Scene A, a fade out of 16 frames from frame 40, {@code hold} solid frames, a fade in of 14 into B, then B. */
    private static List<FrameAnnotation> through(int hold, boolean white) {
        int inStart = 40 + 16 + hold;
        return TransitionScenes.annotate(inStart + 14 + 45, f -> f < inStart ? scenes.fadeOut(f, 40, 16, white)
                : scenes.fadeIn(f, inStart, 14, white));
    }

    /** Feeds the frames through settlers, handing the state over (as bytes, as RocksDB keeps it) every {@code chunk} frames. */
    private static List<SettledFrame> settle(List<FrameAnnotation> frames, GradualTransitionDetector.Params params, int chunk)
            throws Exception {
        SettlingState state = TransitionSettler.empty();
        List<SettledFrame> out = new ArrayList<>();
        for (int from = 0; from < frames.size(); from += chunk) {
            TransitionSettler s = new TransitionSettler(state, params);
            for (FrameAnnotation f : frames.subList(from, Math.min(frames.size(), from + chunk))) out.addAll(s.feed(f));
            if (from + chunk >= frames.size()) out.addAll(s.flush());
            state = SettlingState.fromByteBuffer(s.state().toByteBuffer());
        }
        assertEquals(frames.size(), out.size(), "every frame settles once");
        for (int i = 0; i < out.size(); i++) assertEquals(i, out.get(i).frame().getFrameIndex());
        return out;
    }

    /** The distinct transitions the settled frames carry, by first frame. */
    private static List<Transition> transitions(List<SettledFrame> settled) {
        Map<Long, Transition> byStart = new LinkedHashMap<>();
        for (SettledFrame f : settled) if (f.covering() != null) byStart.putIfAbsent(f.covering().getStartFrame(), f.covering());
        return new ArrayList<>(byStart.values());
    }

    private static void assertOneThrough(List<SettledFrame> settled, TransitionType type, int hold) {
        List<Transition> ts = transitions(settled);
        assertEquals(1, ts.size(), "one transition for fade out + " + hold + " solid + fade in: " + ts);
        Transition t = ts.get(0);
        assertEquals(type, t.getType());
        long end = 40 + 16 + hold + 14 - 1;
        assertTrue(Math.abs(t.getStartFrame() - 40) <= TOLERANCE && Math.abs(t.getEndFrame() - end) <= TOLERANCE,
                "40.." + end + " expected: " + t);
        for (SettledFrame f : settled) {
            long i = f.frame().getFrameIndex();
            boolean inside = i >= t.getStartFrame() && i <= t.getEndFrame();
            assertEquals(inside, f.covering() != null, "frame " + i + " covered only inside " + t);
        }
        assertEquals(List.of(FadeThrough.FADE_OUT, FadeThrough.FADE_IN),
                t.getComponents().stream().map(ScoreComponent::getName).toList());
        assertEquals(t.getScore(), t.getComponents().stream().mapToDouble(ScoreComponent::getContribution).sum(), 1e-12);
        assertTrue(t.getScore() > 0.5, t.toString());
    }

    @Test
    void aFadeOutAndAFadeInThroughBlackAreOneTransitionWhateverTheHoldAndWhereverTheStateIsHandedOver() throws Exception {
        GradualTransitionDetector.Params p = GradualTransitionDetector.Params.defaults();
        for (int hold : new int[] {0, 4, 34, 80}) {
            List<FrameAnnotation> frames = through(hold, false);
            for (int chunk : new int[] {frames.size(), 7, 30}) {
                assertOneThrough(settle(frames, p, chunk), TransitionType.FADE_THROUGH_BLACK, hold);
            }
        }
    }

    @Test
    void throughWhiteToo() throws Exception {
        assertOneThrough(settle(through(10, true), GradualTransitionDetector.Params.defaults(), 25),
                TransitionType.FADE_THROUGH_WHITE, 10);
    }

    @Test
    void aHoldLongerThanTheSettingIsAShotOfItsOwnBetweenTwoFades() throws Exception {
        GradualTransitionDetector.Params p = GradualTransitionDetector.Params.defaults();
        p = new GradualTransitionDetector.Params(p.longRangeFrames(), p.minDissolveFrames(), p.minFadeFrames(),
                p.maxTransitionFrames(), p.minLongRangeChange(), p.minRelativeExcess(), p.minAdditivity(), p.jumpShare(),
                p.minJump(), p.minDissolveChange(), p.minDissolveFit(), p.minDip(), p.minCoverage(), p.minFadeDepth(),
                p.minFadeFit(), p.maxFadeReversal(), p.flatMargin(), p.flatContrast(), p.flatShare(), 20, p.dipFreeChange(),
                p.minFramesFromCut());
        List<SettledFrame> settled = settle(through(34, false), p, 30);
        List<Transition> ts = transitions(settled);
        assertEquals(List.of(TransitionType.FADE_TO_BLACK, TransitionType.FADE_FROM_BLACK),
                ts.stream().map(Transition::getType).toList(), ts.toString());
        assertNull(settled.get(40 + 16 + 17).covering(), "the middle of the hold belongs to no transition");
    }

    @Test
    void aFadeOutThatACutEndsStaysAFadeOutAndItsFramesDoNotWaitForTheEnd() throws Exception {
        // A fades to black over 40..55, 20 black frames, then a cut to B at 76. (The detector itself
        // keeps B's first frames undecided while its floor still remembers the black, up to the
        // longest transition; the fade out waits no longer than that.)
        List<FrameAnnotation> frames = TransitionScenes.annotate(76 + 150,
                f -> f < 76 ? scenes.fadeOut(f, 40, 16, false) : scenes.b(f));
        TransitionSettler s = new TransitionSettler(TransitionSettler.empty(), GradualTransitionDetector.Params.defaults());
        List<SettledFrame> beforeFlush = new ArrayList<>();
        for (FrameAnnotation f : frames) beforeFlush.addAll(s.feed(f));
        assertTrue(beforeFlush.size() > 76, "once B is seen for a while, the fade out and the black settle: "
                + beforeFlush.size() + " settled");
        List<SettledFrame> all = new ArrayList<>(beforeFlush);
        all.addAll(s.flush());
        List<Transition> ts = transitions(all);
        assertEquals(1, ts.size(), ts.toString());
        assertEquals(TransitionType.FADE_TO_BLACK, ts.get(0).getType());
    }

    @Test
    void joiningNeedsAFadeOutThenAFadeInOfOneColour() {
        Transition out = Transition.newBuilder().setType(TransitionType.FADE_TO_BLACK).setStartFrame(10).setEndFrame(20)
                .setScore(0.8).build();
        Transition in = Transition.newBuilder().setType(TransitionType.FADE_FROM_WHITE).setStartFrame(25).setEndFrame(30)
                .setScore(0.6).build();
        assertNull(FadeThrough.through(out.getType(), in.getType()));
        assertThrows(IllegalArgumentException.class, () -> FadeThrough.join(out, in));
        in.setType(TransitionType.FADE_FROM_BLACK);
        Transition t = FadeThrough.join(out, in);
        assertEquals(TransitionType.FADE_THROUGH_BLACK, t.getType());
        assertEquals(10, t.getStartFrame());
        assertEquals(30, t.getEndFrame());
        assertEquals(0.7, t.getScore(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> FadeThrough.join(in, out), "a fade in then a fade out");
    }
}
