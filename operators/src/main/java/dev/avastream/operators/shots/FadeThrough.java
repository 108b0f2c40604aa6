package dev.avastream.operators.shots;

import dev.avastream.schema.ScoreComponent;
import dev.avastream.schema.Transition;
import dev.avastream.schema.TransitionType;

import java.util.ArrayList;
import java.util.List;

/**
 * A fade out followed by a fade in through the same colour is one transition, not two with a shot of
 * solid black (white) between them: an editor's "fade through black" is a single boundary between
 * the shot before and the shot after. {@link GradualTransitionDetector} reports the two halves as it
 * sees them (a fade to black may be decided long before its fade in starts); the title fold joins
 * them here once it knows both (see {@code TransitionSettler}, which holds the frames back meanwhile).
 *
 * <p>The joined transition spans the fade out's first frame to the fade in's last, the solid frames
 * between included. Its score is the mean of the halves', recorded as two components,
 * {@value #FADE_OUT} and {@value #FADE_IN}, each the half's own score with weight 1/2, so a reader
 * can see which half was the weaker.
 */
public final class FadeThrough {
    /** Component: the fade out's score. */
    public static final String FADE_OUT = "fadeOut";
    /** Component: the fade in's score. */
    public static final String FADE_IN = "fadeIn";

    private FadeThrough() {}

    /** Whether {@code type} is a fade out that a fade in may complete. */
    public static boolean isFadeOut(TransitionType type) {
        return type == TransitionType.FADE_TO_BLACK || type == TransitionType.FADE_TO_WHITE;
    }

    /**
     * The type of a fade out of type {@code out} followed by a fade in of type {@code in}, or null
     * when they do not make one (different colours, or not a fade out then a fade in).
     */
    public static TransitionType through(TransitionType out, TransitionType in) {
        if (out == TransitionType.FADE_TO_BLACK && in == TransitionType.FADE_FROM_BLACK) return TransitionType.FADE_THROUGH_BLACK;
        if (out == TransitionType.FADE_TO_WHITE && in == TransitionType.FADE_FROM_WHITE) return TransitionType.FADE_THROUGH_WHITE;
        return null;
    }

    /** The fade out {@code out} and the later fade in {@code in} as one transition; they must {@link #through join}. */
    public static Transition join(Transition out, Transition in) {
        TransitionType type = through(out.getType(), in.getType());
        if (type == null || in.getStartFrame() <= out.getEndFrame()) {
            throw new IllegalArgumentException("not a fade out then a fade in of one colour: " + out.getType() + " "
                    + out.getStartFrame() + ".." + out.getEndFrame() + ", " + in.getType() + " " + in.getStartFrame()
                    + ".." + in.getEndFrame());
        }
        List<ScoreComponent> parts = new ArrayList<>(2);
        parts.add(new ScoreComponent(FADE_OUT, out.getScore(), 0.5, 0.5 * out.getScore()));
        parts.add(new ScoreComponent(FADE_IN, in.getScore(), 0.5, 0.5 * in.getScore()));
        return Transition.newBuilder().setType(type).setStartFrame(out.getStartFrame()).setEndFrame(in.getEndFrame())
                .setScore(0.5 * out.getScore() + 0.5 * in.getScore()).setComponents(parts).build();
    }
}
