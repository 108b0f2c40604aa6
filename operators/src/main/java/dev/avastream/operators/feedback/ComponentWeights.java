package dev.avastream.operators.feedback;

import dev.avastream.operators.config.Setting;
import dev.avastream.operators.config.SettingValues;
import dev.avastream.operators.config.Tunables;
import dev.avastream.operators.config.WeightProfile;
import dev.avastream.operators.rank.ContentScorer;
import dev.avastream.operators.rank.FrameQualityScorer;
import dev.avastream.schema.ScoreComponent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one mapping from a score component's name to the {@link Tunables} setting that weighs it, and
 * whether it is a penalty (its contribution is -weight x value). The scorers write components by name
 * and the settings by key; the learner must connect the two, and this is the only place it does, so a
 * new component needs one line here (ProfileWeightLearnerTest compares this table with the names,
 * weights and signs the scorers actually emit).
 */
public final class ComponentWeights {
    private ComponentWeights() {}

    /**
     * One weighed component.
     *
     * @param name    the component name as in {@link ScoreComponent#getName()}
     * @param setting the weight setting ({@code quality.*-weight})
     * @param penalty true when the component lowers the score (contribution = -weight x value)
     */
    public record Component(String name, Setting<Double> setting, boolean penalty) {
        /** The learner's feature: +value for a reward, -value for a penalty, so score = sum of weight x feature. */
        public double signed(double value) {
            return penalty ? -value : value;
        }
    }

    /**
     * The mainCharacter component's name. CharacterBook (title package) declares it package-private,
     * so it is repeated here rather than widening that class.
     */
    public static final String MAIN_CHARACTER = "mainCharacter";

    // Declaration order is the report's order: pixel qualities, their penalties, content, title level.
    private static final List<Component> ALL = List.of(
            new Component(FrameQualityScorer.EXPOSURE, Tunables.EXPOSURE_WEIGHT, false),
            new Component(FrameQualityScorer.CONTRAST, Tunables.CONTRAST_WEIGHT, false),
            new Component(FrameQualityScorer.COLOURFULNESS, Tunables.COLOURFULNESS_WEIGHT, false),
            new Component(FrameQualityScorer.SHARPNESS, Tunables.SHARPNESS_WEIGHT, false),
            new Component(FrameQualityScorer.STILLNESS, Tunables.STILLNESS_WEIGHT, false),
            new Component(FrameQualityScorer.NEAR_BLACK, Tunables.NEAR_BLACK_WEIGHT, true),
            new Component(FrameQualityScorer.NEAR_WHITE, Tunables.NEAR_WHITE_WEIGHT, true),
            new Component(FrameQualityScorer.TRANSITION, Tunables.TRANSITION_WEIGHT, true),
            new Component(ContentScorer.FACE, Tunables.FACE_WEIGHT, false),
            new Component(ContentScorer.PLACEMENT, Tunables.PLACEMENT_WEIGHT, false),
            new Component(ContentScorer.SUBJECT_BLUR, Tunables.SUBJECT_BLUR_WEIGHT, true),
            new Component(ContentScorer.TEXT, Tunables.TEXT_WEIGHT, true),
            new Component(ContentScorer.NUDITY, Tunables.NUDITY_WEIGHT, true),
            new Component(MAIN_CHARACTER, Tunables.MAIN_CHARACTER_WEIGHT, false));

    private static final Map<String, Component> BY_NAME = index();

    /** Every weighed component, in report order. */
    public static List<Component> all() {
        return ALL;
    }

    /** The component with this name; empty for a name no scorer weighs (the learner ignores and counts it). */
    public static Optional<Component> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /**
     * The weight every component has for titles of {@code profile}: {@code values} resolved through
     * {@link WeightProfile#forTitle}, so an explicitly set weight wins over the profile's, as when scoring.
     *
     * @return name to weight, in report order
     */
    public static Map<String, Double> current(SettingValues values, String profile) {
        SettingValues resolved = WeightProfile.forTitle(values, profile);
        Map<String, Double> weights = new LinkedHashMap<>();
        for (Component c : ALL) weights.put(c.name(), resolved.get(c.setting()));
        return weights;
    }

    /**
     * A frame's score under {@code weights}: the sum of weight x signed value over its components, so
     * under the weights it was scored with it equals the published score. Components no setting weighs
     * (unknown names) and weights missing from the map count 0: the learner cannot move them either.
     */
    public static double score(List<ScoreComponent> components, Map<String, Double> weights) {
        double s = 0;
        for (ScoreComponent part : components) {
            Component c = BY_NAME.get(part.getName());
            Double w = c == null ? null : weights.get(c.name());
            if (w != null) s += w * c.signed(part.getValue());
        }
        return s;
    }

    private static Map<String, Component> index() {
        Map<String, Component> m = new LinkedHashMap<>();
        for (Component c : ALL) m.put(c.name(), c);
        return m;
    }
}
