package dev.avastream.operators.shots;

import dev.avastream.schema.ScoreComponent;
import dev.avastream.schema.TransitionType;

import java.util.List;

/**
 * A gradual transition found by {@link GradualTransitionDetector}.
 *
 * <p>{@code startFrame} is the first frame that is no longer purely the outgoing picture (the first
 * blended or dimmed frame) and {@code endFrame} the last that is not yet purely the incoming one
 * (for a fade to black: the last frame before black); both inclusive. The outgoing shot ends at
 * {@code startFrame - 1} at the latest and the incoming one begins at {@code endFrame + 1}.
 *
 * @param type       {@link TransitionType#DISSOLVE}, {@link TransitionType#FADE_TO_BLACK},
 *                   {@link TransitionType#FADE_FROM_BLACK}, {@link TransitionType#FADE_TO_WHITE} or
 *                   {@link TransitionType#FADE_FROM_WHITE}
 * @param startFrame first frame of the transition
 * @param endFrame   last frame of the transition
 * @param score      confidence, 0..1: the sum of the components' contributions
 * @param components what was measured, each with value (0..1), weight and contribution
 */
public record GradualTransition(TransitionType type, long startFrame, long endFrame, double score,
                                List<ScoreComponent> components) {

    public GradualTransition {
        if (endFrame < startFrame) throw new IllegalArgumentException("empty transition " + startFrame + ".." + endFrame);
        components = List.copyOf(components);
    }

    /** Frames in the transition. */
    public long frames() {
        return endFrame - startFrame + 1;
    }

    /**
     * Whether a hard cut reported at {@code cutFrame} (the first frame of the new shot) is really this
     * transition: it lies inside it or on the frame right after it. A dissolve's middle can look like
     * a cut to a frame-to-frame detector; the transition replaces such a cut.
     */
    public boolean suppressesCut(long cutFrame) {
        return cutFrame >= startFrame && cutFrame <= endFrame + 1;
    }

    /** Whether any of {@code transitions} {@linkplain #suppressesCut suppresses} the cut. */
    public static boolean suppressesCut(List<GradualTransition> transitions, long cutFrame) {
        for (GradualTransition t : transitions) if (t.suppressesCut(cutFrame)) return true;
        return false;
    }

    /** The value of the named component, or NaN. */
    public double component(String name) {
        for (ScoreComponent c : components) if (c.getName().equals(name)) return c.getValue();
        return Double.NaN;
    }
}
