package dev.avastream.operators.eval;

import dev.avastream.operators.shots.FadeThrough;
import dev.avastream.schema.TransitionType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** An inclusive frame range, with a label (a transition type) for reports. */
public record Interval(String type, long startFrame, long endFrame) {
    public Interval {
        if (endFrame < startFrame) throw new IllegalArgumentException("empty interval " + startFrame + ".." + endFrame);
    }

    /**
     * A transition type as truth files write it (editors' names: {@code fade-out}, {@code fade in
     * white}, ...) in the pipeline's TransitionType names ({@code FADE_TO_BLACK}, ...); other names
     * upper-cased.
     */
    public static String normaliseType(String type) {
        String t = type.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_').replace(' ', '_');
        return switch (t) {
            case "FADE_OUT", "FADE_OUT_BLACK", "FADE_TO_BLACK" -> "FADE_TO_BLACK";
            case "FADE_IN", "FADE_IN_BLACK", "FADE_FROM_BLACK" -> "FADE_FROM_BLACK";
            case "FADE_OUT_WHITE", "FADE_TO_WHITE" -> "FADE_TO_WHITE";
            case "FADE_IN_WHITE", "FADE_FROM_WHITE" -> "FADE_FROM_WHITE";
            case "FADE_THROUGH_BLACK", "FADE_OUT_IN", "FADE_OUT_IN_BLACK" -> "FADE_THROUGH_BLACK";
            case "FADE_THROUGH_WHITE", "FADE_OUT_IN_WHITE" -> "FADE_THROUGH_WHITE";
            default -> t;
        };
    }

    /**
     * Truth transitions in {@link #normaliseType normalised} types as the pipeline reports them: a fade
     * out followed at once (the next frame) by a fade in of the same colour is one {@code
     * FADE_THROUGH_BLACK} ({@code _WHITE}) transition over both, as a fade through black is one
     * boundary between two shots. testdata's generator writes the solid frames of such a fade as part
     * of its fade out, so its two halves always touch; a hand-made file may label the whole as {@code
     * fade-through-black}. Returns a new list in frame order.
     */
    public static List<Interval> joinFadesThrough(List<Interval> truth) {
        List<Interval> sorted = new ArrayList<>(truth);
        sorted.sort(Comparator.comparingLong(Interval::startFrame));
        List<Interval> out = new ArrayList<>(sorted.size());
        for (Interval t : sorted) {
            Interval last = out.isEmpty() ? null : out.get(out.size() - 1);
            String through = last == null ? null : through(last.type(), t.type());
            if (through != null && t.startFrame() == last.endFrame() + 1) {
                out.set(out.size() - 1, new Interval(through, last.startFrame(), t.endFrame()));
            } else {
                out.add(t);
            }
        }
        return out;
    }

    /** The pipeline's rule ({@link FadeThrough#through}) on type names; null for names it has no type for. */
    private static String through(String out, String in) {
        TransitionType o = type(out), i = type(in);
        TransitionType t = o == null || i == null ? null : FadeThrough.through(o, i);
        return t == null ? null : t.name();
    }

    private static TransitionType type(String name) {
        for (TransitionType t : TransitionType.values()) if (t.name().equals(name)) return t;
        return null;
    }

    long overlap(Interval o) {
        return Math.max(0, Math.min(endFrame, o.endFrame) - Math.max(startFrame, o.startFrame) + 1);
    }
}
