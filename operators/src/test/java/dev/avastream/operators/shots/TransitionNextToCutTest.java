package dev.avastream.operators.shots;

import dev.avastream.operators.title.TransitionSettler;
import dev.avastream.operators.title.TransitionSettler.SettledFrame;
import dev.avastream.schema.FrameAnnotation;
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

/**
 * {@code gradual.min-frames-from-cut}: a transition that starts a few frames after a reported hard cut
 * (or ends a few frames before one) is the shot settling after the cut, and the title drops it; one
 * further away, or with the setting at 0, stays. A 12-frame dissolve (40..51) analysed by the real
 * chunk path, with a cut reported at various frames around it.
 */
class TransitionNextToCutTest {

    private static TransitionScenes scenes;
    private static List<FrameAnnotation> dissolve;

    @BeforeAll
    static void open() {
        scenes = new TransitionScenes();
        dissolve = TransitionScenes.annotate(40 + 12 + 45, f -> scenes.dissolve(f, 40, 12));
    }

    @AfterAll
    static void close() {
        scenes.close();
    }

    private static List<Transition> transitions(long cut, GradualTransitionDetector.Params params) {
        TransitionSettler s = new TransitionSettler(TransitionSettler.empty(), params);
        s.addChunk(List.of(cut), List.of());
        List<SettledFrame> out = new ArrayList<>();
        for (FrameAnnotation f : dissolve) out.addAll(s.feed(f));
        out.addAll(s.flush());
        Map<Long, Transition> byStart = new LinkedHashMap<>();
        for (SettledFrame f : out) if (f.covering() != null) byStart.putIfAbsent(f.covering().getStartFrame(), f.covering());
        return new ArrayList<>(byStart.values());
    }

    private static List<TransitionType> types(long cut, GradualTransitionDetector.Params params) {
        return transitions(cut, params).stream().map(Transition::getType).toList();
    }

    @Test
    void aTransitionRightAfterOrBeforeACutIsDropped() {
        GradualTransitionDetector.Params p = GradualTransitionDetector.Params.defaults();
        assertEquals(6, p.minFramesFromCut());
        assertEquals(List.of(), types(37, p), "three frames after a cut");
        assertEquals(List.of(), types(55, p), "three frames before a cut");
    }

    @Test
    void aTransitionFurtherFromTheCutOrWithTheRuleOffStays() {
        GradualTransitionDetector.Params p = GradualTransitionDetector.Params.defaults();
        assertEquals(List.of(TransitionType.DISSOLVE), types(30, p), "ten frames after a cut");
        assertEquals(List.of(TransitionType.DISSOLVE), types(62, p), "ten frames before a cut");
        assertEquals(List.of(TransitionType.DISSOLVE), types(37, p.withMinFramesFromCut(0)), "rule off");
    }
}
