package dev.avastream.operators.eval;

import dev.avastream.schema.Shot;
import dev.avastream.schema.Transition;
import dev.avastream.schema.TransitionType;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The boundaries a title's shots report, as they are scored against a truth file: hard cuts (the first
 * frame of each shot that begins with one) and gradual transitions (each once, though the shots on
 * both its sides name it). One home for {@code ava eval-shots}, the summary JSON and the accuracy gate.
 */
public final class DetectedBoundaries {
    private DetectedBoundaries() {}

    /** The first frame of every shot that begins with a hard cut, in order. */
    public static List<Long> cuts(List<Shot> shots) {
        List<Long> cuts = new ArrayList<>();
        for (Shot s : shots) if (s.getTransitionIn() == TransitionType.CUT) cuts.add(s.getStartFrame());
        return cuts;
    }

    /** Every gradual transition the shots name, once each, in frame order. */
    public static List<Transition> transitions(List<Shot> shots) {
        TreeMap<Long, Transition> byStart = new TreeMap<>();
        for (Shot s : shots) {
            for (Transition t : s.getTransitionsBefore()) byStart.putIfAbsent(t.getStartFrame(), t);
            for (Transition t : s.getTransitionsAfter()) byStart.putIfAbsent(t.getStartFrame(), t);
        }
        return new ArrayList<>(byStart.values());
    }

    /** {@link #transitions} as typed frame ranges. */
    public static List<Interval> gradual(List<Shot> shots) {
        List<Interval> out = new ArrayList<>();
        for (Transition t : transitions(shots)) out.add(new Interval(t.getType().name(), t.getStartFrame(), t.getEndFrame()));
        return out;
    }
}
