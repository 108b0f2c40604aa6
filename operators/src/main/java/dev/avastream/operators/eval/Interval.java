package dev.avastream.operators.eval;

/** An inclusive frame range, with a label (a transition type) for reports. */
public record Interval(String type, long startFrame, long endFrame) {
    public Interval {
        if (endFrame < startFrame) throw new IllegalArgumentException("empty interval " + startFrame + ".." + endFrame);
    }

    long overlap(Interval o) {
        return Math.max(0, Math.min(endFrame, o.endFrame) - Math.max(startFrame, o.startFrame) + 1);
    }
}
