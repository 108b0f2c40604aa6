package dev.avastream.operators.rank;

import dev.avastream.operators.config.Setting;
import dev.avastream.operators.config.SettingValues;
import dev.avastream.operators.config.Tunables;
import dev.avastream.schema.FrameAnnotation;
import dev.avastream.schema.ScoreComponent;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores how good a frame would be as a still, from its visual annotation and its distance to the
 * nearest cut, and on model frames from what the models saw ({@link ContentScorer}: faces, subject
 * placement and blur, text, nudity). Pure: no pixels, so a title-level operator can rescore from
 * annotations alone.
 *
 * <p>Two stages: while frames stream, {@link #value} ranks them on their pixel qualities alone (the
 * models have not seen most of them); a segment's best frames then get the models, and
 * {@link #score} adds their content components, which decide the published score.
 *
 * <p>The score is the sum of the components' contributions (weight x value for the qualities,
 * -weight x value for the penalties), every value in 0..1:
 * <ul>
 *   <li>{@value #EXPOSURE}: 1 at {@link Params#targetBrightness()}, falling linearly to 0 at
 *       {@link Params#exposureTolerance()} away from it;</li>
 *   <li>{@value #CONTRAST}: luma standard deviation / {@link Params#goodContrast()}, capped at 1;</li>
 *   <li>{@value #COLOURFULNESS}: colourfulness / {@link Params#goodColourfulness()}, capped at 1;</li>
 *   <li>{@value #SHARPNESS}: the sharpness annotation itself (log-scaled Laplacian variance);</li>
 *   <li>{@value #STILLNESS}: 1 - motion / {@link Params#fullMotion()}, floored at 0 (motion blur, and
 *       frames mid-gesture, make poor stills);</li>
 *   <li>{@value #NEAR_BLACK} (penalty): rises linearly from 0 at brightness
 *       {@link Params#nearBlackBrightness()} to 1 at black;</li>
 *   <li>{@value #NEAR_WHITE} (penalty): rises from 0 at {@link Params#nearWhiteBrightness()} to 1 at
 *       white;</li>
 *   <li>{@value #TRANSITION} (penalty): 1 - d / (N + 1) for a frame d frames from the nearest cut
 *       (d = |frame - cut frame|), N = {@link Params#transitionFrames()}; 0 beyond N. Frames next to a
 *       cut are often half-blended by the encoder or mid-motion.</li>
 * </ul>
 */
public final class FrameQualityScorer {

    public static final String EXPOSURE = "exposure";
    public static final String CONTRAST = "contrast";
    public static final String COLOURFULNESS = "colourfulness";
    public static final String SHARPNESS = "sharpness";
    public static final String STILLNESS = "stillness";
    public static final String NEAR_BLACK = "nearBlack";
    public static final String NEAR_WHITE = "nearWhite";
    public static final String TRANSITION = "transitionProximity";

    /** Distance to pass when no cut is known near the frame. */
    public static final long NO_CUT = Long.MAX_VALUE;

    /**
     * Weights and reference points. Each component is the {@link Tunables} setting named after it
     * ({@code quality.*}), where its default, its meaning and its valid range are written once;
     * {@link #defaults()} takes them from there. A flawless frame scores the sum of the five quality
     * weights; penalties can push a score below 0.
     *
     * @param exposureWeight      {@link Tunables#EXPOSURE_WEIGHT}
     * @param targetBrightness    {@link Tunables#TARGET_BRIGHTNESS}
     * @param exposureTolerance   {@link Tunables#EXPOSURE_TOLERANCE}
     * @param contrastWeight      {@link Tunables#CONTRAST_WEIGHT}
     * @param goodContrast        {@link Tunables#GOOD_CONTRAST}
     * @param colourfulnessWeight {@link Tunables#COLOURFULNESS_WEIGHT}
     * @param goodColourfulness   {@link Tunables#GOOD_COLOURFULNESS}
     * @param sharpnessWeight     {@link Tunables#SHARPNESS_WEIGHT}
     * @param stillnessWeight     {@link Tunables#STILLNESS_WEIGHT}
     * @param fullMotion          {@link Tunables#FULL_MOTION}
     * @param nearBlackWeight     {@link Tunables#NEAR_BLACK_WEIGHT}
     * @param nearBlackBrightness {@link Tunables#NEAR_BLACK_BRIGHTNESS}
     * @param nearWhiteWeight     {@link Tunables#NEAR_WHITE_WEIGHT}
     * @param nearWhiteBrightness {@link Tunables#NEAR_WHITE_BRIGHTNESS}
     * @param transitionWeight    {@link Tunables#TRANSITION_WEIGHT}
     * @param transitionFrames    {@link Tunables#TRANSITION_FRAMES}
     */
    public record Params(double exposureWeight, double targetBrightness, double exposureTolerance,
                         double contrastWeight, double goodContrast,
                         double colourfulnessWeight, double goodColourfulness,
                         double sharpnessWeight,
                         double stillnessWeight, double fullMotion,
                         double nearBlackWeight, double nearBlackBrightness,
                         double nearWhiteWeight, double nearWhiteBrightness,
                         double transitionWeight, int transitionFrames) implements Serializable {

        public Params {
            Setting.check(Tunables.EXPOSURE_WEIGHT, exposureWeight);
            Setting.check(Tunables.TARGET_BRIGHTNESS, targetBrightness);
            Setting.check(Tunables.EXPOSURE_TOLERANCE, exposureTolerance);
            Setting.check(Tunables.CONTRAST_WEIGHT, contrastWeight);
            Setting.check(Tunables.GOOD_CONTRAST, goodContrast);
            Setting.check(Tunables.COLOURFULNESS_WEIGHT, colourfulnessWeight);
            Setting.check(Tunables.GOOD_COLOURFULNESS, goodColourfulness);
            Setting.check(Tunables.SHARPNESS_WEIGHT, sharpnessWeight);
            Setting.check(Tunables.STILLNESS_WEIGHT, stillnessWeight);
            Setting.check(Tunables.FULL_MOTION, fullMotion);
            Setting.check(Tunables.NEAR_BLACK_WEIGHT, nearBlackWeight);
            Setting.check(Tunables.NEAR_BLACK_BRIGHTNESS, nearBlackBrightness);
            Setting.check(Tunables.NEAR_WHITE_WEIGHT, nearWhiteWeight);
            Setting.check(Tunables.NEAR_WHITE_BRIGHTNESS, nearWhiteBrightness);
            Setting.check(Tunables.TRANSITION_WEIGHT, transitionWeight);
            Setting.check(Tunables.TRANSITION_FRAMES, transitionFrames);
        }

        public static Params defaults() {
            return from(SettingValues.defaults());
        }

        /**
         * The scorer's parameters as {@code values} set them, the weights of the profile they name
         * ({@link Tunables#QUALITY_PROFILE}) under what they set explicitly.
         */
        public static Params from(SettingValues values) {
            SettingValues v = dev.avastream.operators.config.WeightProfile.resolve(values);
            return new Params(v.get(Tunables.EXPOSURE_WEIGHT), v.get(Tunables.TARGET_BRIGHTNESS), v.get(Tunables.EXPOSURE_TOLERANCE), v.get(Tunables.CONTRAST_WEIGHT), v.get(Tunables.GOOD_CONTRAST), v.get(Tunables.COLOURFULNESS_WEIGHT), v.get(Tunables.GOOD_COLOURFULNESS), v.get(Tunables.SHARPNESS_WEIGHT), v.get(Tunables.STILLNESS_WEIGHT), v.get(Tunables.FULL_MOTION), v.get(Tunables.NEAR_BLACK_WEIGHT), v.get(Tunables.NEAR_BLACK_BRIGHTNESS), v.get(Tunables.NEAR_WHITE_WEIGHT), v.get(Tunables.NEAR_WHITE_BRIGHTNESS), v.get(Tunables.TRANSITION_WEIGHT), v.get(Tunables.TRANSITION_FRAMES));
        }
    }

    private final Params params;
    private final ContentScorer content;

    /** Pixel qualities only: frames are scored as if the models had not seen them. */
    public FrameQualityScorer(Params params) {
        this(params, null);
    }

    /**
     * Pixel qualities, and on model frames the {@link ContentScorer}'s components too.
     *
     * @param content null to score pixels only
     */
    public FrameQualityScorer(Params params, ContentScorer content) {
        this.params = params;
        this.content = content;
    }

    public FrameQualityScorer() {
        this(Params.defaults());
    }

    /** Why a frame must not be a candidate (see {@link ContentScorer#exclusion}), or null. */
    public String exclusion(FrameAnnotation a) {
        return content == null ? null : content.exclusion(a);
    }

    public Params params() { return params; }

    /**
     * Scores a frame.
     *
     * @param framesToNearestCut |frame - nearest cut frame|, or {@link #NO_CUT}
     */
    public QualityScore score(FrameAnnotation a, long framesToNearestCut) {
        QualityScore pixels = score(a.getBrightness(), a.getContrast(), a.getColourfulness(), a.getSharpness(),
                a.getMotion(), framesToNearestCut);
        if (content == null || !ContentScorer.applies(a)) return pixels;
        List<ScoreComponent> parts = new ArrayList<>(pixels.components());
        double total = pixels.score() + content.score(a, parts);
        return new QualityScore(total, parts);
    }

    /** Scores a frame from its measurements (see {@code FrameAnnotation} for their meaning). */
    public QualityScore score(double brightness, double contrast, double colourfulness, double sharpness,
                              double motion, long framesToNearestCut) {
        List<ScoreComponent> parts = new ArrayList<>(8);
        double total = 0;
        total += add(parts, EXPOSURE, exposure(brightness), params.exposureWeight());
        total += add(parts, CONTRAST, ratio(contrast, params.goodContrast()), params.contrastWeight());
        total += add(parts, COLOURFULNESS, ratio(colourfulness, params.goodColourfulness()), params.colourfulnessWeight());
        total += add(parts, SHARPNESS, clip01(sharpness), params.sharpnessWeight());
        total += add(parts, STILLNESS, stillness(motion), params.stillnessWeight());
        total -= addPenalty(parts, NEAR_BLACK, nearBlack(brightness), params.nearBlackWeight());
        total -= addPenalty(parts, NEAR_WHITE, nearWhite(brightness), params.nearWhiteWeight());
        total -= addPenalty(parts, TRANSITION, transition(framesToNearestCut), params.transitionWeight());
        return new QualityScore(total, parts);
    }

    /** The score alone, without building components: for deciding quickly whether a frame can compete. */
    public double value(FrameAnnotation a, long framesToNearestCut) {
        double b = a.getBrightness();
        return params.exposureWeight() * exposure(b)
                + params.contrastWeight() * ratio(a.getContrast(), params.goodContrast())
                + params.colourfulnessWeight() * ratio(a.getColourfulness(), params.goodColourfulness())
                + params.sharpnessWeight() * clip01(a.getSharpness())
                + params.stillnessWeight() * stillness(a.getMotion())
                - params.nearBlackWeight() * nearBlack(b)
                - params.nearWhiteWeight() * nearWhite(b)
                - params.transitionWeight() * transition(framesToNearestCut);
    }

    private double exposure(double brightness) {
        return clip01(1.0 - Math.abs(brightness - params.targetBrightness()) / params.exposureTolerance());
    }

    private double stillness(double motion) {
        return clip01(1.0 - motion / params.fullMotion());
    }

    private double nearBlack(double brightness) {
        return clip01((params.nearBlackBrightness() - brightness) / params.nearBlackBrightness());
    }

    private double nearWhite(double brightness) {
        return clip01((brightness - params.nearWhiteBrightness()) / (1.0 - params.nearWhiteBrightness()));
    }

    private double transition(long framesToNearestCut) {
        if (framesToNearestCut < 0 || framesToNearestCut > params.transitionFrames()) return 0.0;
        return 1.0 - framesToNearestCut / (params.transitionFrames() + 1.0);
    }

    private static double ratio(double value, double full) {
        return clip01(value / full);
    }

    static double clip01(double v) {
        return v < 0 ? 0 : (v > 1 ? 1 : v);
    }

    static double add(List<ScoreComponent> parts, String name, double value, double weight) {
        double contribution = weight * value;
        parts.add(component(name, value, weight, contribution));
        return contribution;
    }

    static double addPenalty(List<ScoreComponent> parts, String name, double value, double weight) {
        double penalty = weight * value;
        parts.add(component(name, value, weight, -penalty));
        return penalty;
    }

    private static ScoreComponent component(String name, double value, double weight, double contribution) {
        return new ScoreComponent(name, value, weight, contribution);
    }
}
