package dev.avastream.operators.rank;

import dev.avastream.schema.FrameAnnotation;
import dev.avastream.schema.ScoreComponent;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores how good a frame would be as a still, from its visual annotation and its distance to the
 * nearest cut. Pure: no pixels, so a title-level operator can rescore from annotations alone.
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
     * Weights and reference points, with defaults in {@link #defaults()}. The quality weights sum to
     * 5, so a flawless frame scores 5; penalties can push a score below 0.
     *
     * @param exposureWeight      default 1.0
     * @param targetBrightness    mean luma of a well-exposed still (default 0.45)
     * @param exposureTolerance   distance from the target at which exposure scores 0 (default 0.35)
     * @param contrastWeight      default 1.0
     * @param goodContrast        luma standard deviation that scores full contrast (default 0.22)
     * @param colourfulnessWeight default 0.5 (a monochrome film is not a bad film)
     * @param goodColourfulness   colourfulness that scores full marks (default 0.5, "quite colourful"
     *                            on Hasler and Suesstrunk's scale)
     * @param sharpnessWeight     default 1.5 (blur is the commonest reason a frame is unusable)
     * @param stillnessWeight     default 1.0
     * @param fullMotion          motion at which stillness scores 0 (default 0.08 mean luma change)
     * @param nearBlackWeight     penalty weight (default 3.0)
     * @param nearBlackBrightness brightness below which the penalty starts (default 0.12)
     * @param nearWhiteWeight     penalty weight (default 3.0)
     * @param nearWhiteBrightness brightness above which the penalty starts (default 0.90)
     * @param transitionWeight    penalty weight (default 1.5)
     * @param transitionFrames    N, frames on either side of a cut that are penalised (default 6)
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
            if (exposureTolerance <= 0 || goodContrast <= 0 || goodColourfulness <= 0 || fullMotion <= 0
                    || nearBlackBrightness <= 0 || nearWhiteBrightness >= 1 || transitionFrames < 0) {
                throw new IllegalArgumentException("invalid quality parameters " + this);
            }
        }

        public static Params defaults() {
            return new Params(1.0, 0.45, 0.35, 1.0, 0.22, 0.5, 0.5, 1.5, 1.0, 0.08,
                    3.0, 0.12, 3.0, 0.90, 1.5, 6);
        }
    }

    private final Params params;

    public FrameQualityScorer(Params params) {
        this.params = params;
    }

    public FrameQualityScorer() {
        this(Params.defaults());
    }

    public Params params() { return params; }

    /**
     * Scores a frame.
     *
     * @param framesToNearestCut |frame - nearest cut frame|, or {@link #NO_CUT}
     */
    public QualityScore score(FrameAnnotation a, long framesToNearestCut) {
        return score(a.getBrightness(), a.getContrast(), a.getColourfulness(), a.getSharpness(), a.getMotion(),
                framesToNearestCut);
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

    private static double clip01(double v) {
        return v < 0 ? 0 : (v > 1 ? 1 : v);
    }

    private static double add(List<ScoreComponent> parts, String name, double value, double weight) {
        double contribution = weight * value;
        parts.add(component(name, value, weight, contribution));
        return contribution;
    }

    private static double addPenalty(List<ScoreComponent> parts, String name, double value, double weight) {
        double penalty = weight * value;
        parts.add(component(name, value, weight, -penalty));
        return penalty;
    }

    private static ScoreComponent component(String name, double value, double weight, double contribution) {
        return new ScoreComponent(name, value, weight, contribution);
    }
}
