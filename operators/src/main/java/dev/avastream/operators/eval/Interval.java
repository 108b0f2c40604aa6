package dev.avastream.operators.eval;

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
            default -> t;
        };
    }

    long overlap(Interval o) {
        return Math.max(0, Math.min(endFrame, o.endFrame) - Math.max(startFrame, o.startFrame) + 1);
    }
}
