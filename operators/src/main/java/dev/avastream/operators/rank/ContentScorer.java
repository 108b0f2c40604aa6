package dev.avastream.operators.rank;

import dev.avastream.operators.config.Setting;
import dev.avastream.operators.config.SettingValues;
import dev.avastream.operators.config.Tunables;
import dev.avastream.schema.FaceAnnotation;
import dev.avastream.schema.FrameAnnotation;
import dev.avastream.schema.ScoreComponent;

import java.io.Serializable;
import java.util.List;

/**
 * What a frame shows, as score components: the people in it and the content a still must not carry.
 * It reads the model fields, so it applies to model frames only (every candidate is one); a frame the
 * models did not see gets none of these components. Pure: annotations in, components out.
 *
 * <p>Components, every value in 0..1 (contribution = weight x value, negative for penalties):
 * <ul>
 *   <li>{@value #FACE}: the largest face as a still, the mean of five parts: both eyes open; a
 *       frontal or three-quarter pose (1 up to {@link Params#frontalYaw()} degrees of yaw, 0 at twice
 *       that); a clear expression (the most probable one's probability above chance, rescaled); the
 *       face's sharpness; its size (share of the frame over {@link Params#goodFaceShare()}, capped).
 *       Halved when the frame cuts the face off (its box touches an edge). Absent without a face;</li>
 *   <li>{@value #PLACEMENT}: the subject's rule-of-thirds score (the largest face, or the person
 *       mask), absent without a subject;</li>
 *   <li>{@value #SUBJECT_BLUR} (penalty): how smeared the subject is, from {@code motionBlur};</li>
 *   <li>{@value #TEXT} (penalty): text coverage over a tenth of the frame, capped;</li>
 *   <li>{@value #NUDITY} (penalty): explicit probability above {@link Params#nudityStart()}, over 0.5,
 *       capped; discounted fivefold where no person is in view (the classifier's false positives on
 *       animation, see docs/annotators.md).</li>
 * </ul>
 * {@link #exclusion} says when a frame must not be a candidate at all, and why.
 */
public final class ContentScorer {

    public static final String FACE = "face";
    public static final String PLACEMENT = "subjectPlacement";
    public static final String SUBJECT_BLUR = "subjectBlur";
    public static final String TEXT = "text";
    public static final String NUDITY = "nudity";

    /** Where edges count as cutting a face off: within this share of the frame of its border. */
    private static final double EDGE = 0.01;
    /** Explicit probability is divided by this where no person is in view. */
    private static final double NO_PERSON_DISCOUNT = 5.0;

    /**
     * @param faceWeight        {@link Tunables#FACE_WEIGHT}
     * @param goodFaceShare     {@link Tunables#GOOD_FACE_SHARE}
     * @param frontalYaw        {@link Tunables#FRONTAL_YAW}
     * @param placementWeight   {@link Tunables#PLACEMENT_WEIGHT}
     * @param subjectBlurWeight {@link Tunables#SUBJECT_BLUR_WEIGHT}
     * @param subjectBlurStart  {@link Tunables#SUBJECT_BLUR_START}
     * @param textWeight        {@link Tunables#TEXT_WEIGHT}
     * @param maxTextCoverage   {@link Tunables#MAX_TEXT_COVERAGE}
     * @param nudityWeight      {@link Tunables#NUDITY_WEIGHT}
     * @param nudityStart       {@link Tunables#NUDITY_START}
     * @param maxNudity         {@link Tunables#MAX_NUDITY}
     */
    public record Params(double faceWeight, double goodFaceShare, double frontalYaw, double placementWeight,
                         double subjectBlurWeight, double subjectBlurStart, double textWeight, double maxTextCoverage,
                         double nudityWeight, double nudityStart, double maxNudity) implements Serializable {
        public Params {
            Setting.check(Tunables.FACE_WEIGHT, faceWeight);
            Setting.check(Tunables.GOOD_FACE_SHARE, goodFaceShare);
            Setting.check(Tunables.FRONTAL_YAW, frontalYaw);
            Setting.check(Tunables.PLACEMENT_WEIGHT, placementWeight);
            Setting.check(Tunables.SUBJECT_BLUR_WEIGHT, subjectBlurWeight);
            Setting.check(Tunables.SUBJECT_BLUR_START, subjectBlurStart);
            Setting.check(Tunables.TEXT_WEIGHT, textWeight);
            Setting.check(Tunables.MAX_TEXT_COVERAGE, maxTextCoverage);
            Setting.check(Tunables.NUDITY_WEIGHT, nudityWeight);
            Setting.check(Tunables.NUDITY_START, nudityStart);
            Setting.check(Tunables.MAX_NUDITY, maxNudity);
        }

        public static Params defaults() { return from(SettingValues.defaults()); }

        /** As {@code values} set them, over the weights of the profile they name ({@link Tunables#QUALITY_PROFILE}). */
        public static Params from(SettingValues values) {
            SettingValues v = dev.avastream.operators.config.WeightProfile.resolve(values);
            return new Params(v.get(Tunables.FACE_WEIGHT), v.get(Tunables.GOOD_FACE_SHARE), v.get(Tunables.FRONTAL_YAW),
                    v.get(Tunables.PLACEMENT_WEIGHT), v.get(Tunables.SUBJECT_BLUR_WEIGHT),
                    v.get(Tunables.SUBJECT_BLUR_START), v.get(Tunables.TEXT_WEIGHT), v.get(Tunables.MAX_TEXT_COVERAGE),
                    v.get(Tunables.NUDITY_WEIGHT), v.get(Tunables.NUDITY_START), v.get(Tunables.MAX_NUDITY));
        }
    }

    private final Params params;

    public ContentScorer(Params params) {
        this.params = params;
    }

    public Params params() { return params; }

    /** Whether the models saw this frame (otherwise there is nothing to score here). */
    public static boolean applies(FrameAnnotation a) {
        return a.getModelFrame() != null && !"NONE".equals(a.getModelFrame());
    }

    /**
     * Appends this frame's content components to {@code parts}.
     *
     * @return their total contribution (0 for a frame the models did not see)
     */
    public double score(FrameAnnotation a, List<ScoreComponent> parts) {
        if (!applies(a)) return 0;
        double total = 0;
        FaceAnnotation face = largestFace(a);
        if (face != null) total += FrameQualityScorer.add(parts, FACE, face(face), params.faceWeight());
        if (a.getSubjectThirdsScore() >= 0) {
            total += FrameQualityScorer.add(parts, PLACEMENT, a.getSubjectThirdsScore(), params.placementWeight());
        }
        if (a.getMotionBlur() >= 0) {
            double smear = FrameQualityScorer.clip01((a.getMotionBlur() - params.subjectBlurStart()) / 0.4);
            total -= FrameQualityScorer.addPenalty(parts, SUBJECT_BLUR, smear, params.subjectBlurWeight());
        }
        if (a.getTextCoverage() >= 0) {
            total -= FrameQualityScorer.addPenalty(parts, TEXT, FrameQualityScorer.clip01(a.getTextCoverage() / 0.1), params.textWeight());
        }
        if (a.getNudityExplicit() >= 0) {
            double explicit = FrameQualityScorer.clip01((explicit(a) - params.nudityStart()) / 0.5);
            total -= FrameQualityScorer.addPenalty(parts, NUDITY, explicit, params.nudityWeight());
        }
        return total;
    }

    /** Why the frame must not be a candidate (a title card, explicit content), or null when it may be. */
    public String exclusion(FrameAnnotation a) {
        if (!applies(a)) return null;
        if (a.getTextCoverage() >= params.maxTextCoverage() && a.getTextCoverage() > 0) {
            return String.format(java.util.Locale.ROOT, "text covers %.0f%% of the frame (quality.max-text-coverage %.2f)",
                    100 * a.getTextCoverage(), params.maxTextCoverage());
        }
        double explicit = explicit(a);
        if (explicit >= params.maxNudity() && a.getNudityExplicit() > 0) {
            return String.format(java.util.Locale.ROOT, "explicit content %.2f (quality.max-nudity %.2f)", explicit,
                    params.maxNudity());
        }
        return null;
    }

    /** The explicit probability, discounted where no person is in view. */
    static double explicit(FrameAnnotation a) {
        double p = Math.max(0, a.getNudityExplicit());
        boolean person = a.getFaceCount() > 0 || a.getPersonCount() > 0;
        return person ? p : p / NO_PERSON_DISCOUNT;
    }

    private static FaceAnnotation largestFace(FrameAnnotation a) {
        FaceAnnotation best = null;
        for (FaceAnnotation f : a.getFaces()) if (best == null || f.getShare() > best.getShare()) best = f;
        return best;
    }

    /** The face part, 0..1 (see the class comment). */
    double face(FaceAnnotation f) {
        double eyes = f.getEyesOpen() ? 1 : 0;
        double pose = FrameQualityScorer.clip01(1 - (Math.abs(f.getYaw()) - params.frontalYaw()) / params.frontalYaw());
        double top = 0;
        for (double p : f.getExpressions().values()) top = Math.max(top, p);
        double chance = f.getExpressions().isEmpty() ? 0 : 1.0 / f.getExpressions().size();
        double clear = chance == 0 ? 0 : FrameQualityScorer.clip01((top - chance) / (1 - chance));
        double sharp = FrameQualityScorer.clip01(f.getSharpness());
        double size = FrameQualityScorer.clip01(f.getShare() / params.goodFaceShare());
        double value = (eyes + pose + clear + sharp + size) / 5;
        boolean cut = f.getX() < EDGE || f.getY() < EDGE || f.getX() + f.getWidth() > 1 - EDGE
                || f.getY() + f.getHeight() > 1 - EDGE;
        return cut ? value / 2 : value;
    }
}
