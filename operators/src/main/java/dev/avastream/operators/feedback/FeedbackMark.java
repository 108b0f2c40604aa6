package dev.avastream.operators.feedback;

import dev.avastream.schema.ScoreComponent;

import java.util.List;
import java.util.Objects;

/**
 * One curator mark on one candidate frame of a title, with the score components the frame was
 * published with. The components travel with the mark so the learner needs no access to the pool or
 * the annotations: only their values are used (the weights they carry are the ones the frame was scored
 * with, which may be older than the weights being learned from).
 *
 * @param titleId        the title the frame belongs to; pairs are only formed within one title
 * @param profile        the weight profile the title is scored with ({@code quality.profile}); marks are
 *                       learned per profile
 * @param frameIndex     the frame within the title: with {@code titleId}, the key the latest mark wins on
 * @param verdict        pick, reject, or clear (retract)
 * @param components     the candidate's score components as published; may be empty for a CLEAR
 * @param markedAtMillis when the curator marked it (epoch millis): the replay order
 * @param curator        who marked it, for audit; not used by the learner
 */
public record FeedbackMark(String titleId, String profile, long frameIndex, Verdict verdict,
                           List<ScoreComponent> components, long markedAtMillis, String curator) {

    public FeedbackMark {
        // Blank ids would silently merge unrelated titles' frames into one pair set: refuse them.
        requireText(titleId, "titleId");
        requireText(profile, "profile");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(components, "components");
        Objects.requireNonNull(curator, "curator");
        if (frameIndex < 0) throw new IllegalArgumentException("frameIndex must be 0 or more, was " + frameIndex);
        // Copied so a caller's later change to its list cannot change a replay; nulls refused here, not mid-learn.
        components = List.copyOf(components);
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) throw new IllegalArgumentException(name + " must not be blank");
    }
}
