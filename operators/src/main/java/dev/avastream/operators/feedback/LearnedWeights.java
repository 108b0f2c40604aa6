package dev.avastream.operators.feedback;

import dev.avastream.operators.config.ProfileDefault;
import dev.avastream.schema.ScoreComponent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link ProfileWeightLearner} learned for one profile from the curators' marks: every weighed
 * component's current and learned weight, how much evidence there was, and how well each set of weights
 * orders the marked pairs. When too little evidence was there, the learned weights are the current ones
 * and {@link #reason()} says why, so a caller never has to special-case an empty result.
 *
 * @param profile           the weight profile the marks were made under
 * @param weights           one entry per component of {@link ComponentWeights#all()}, in that order
 * @param marksUsed         marks (after replay: one per frame) in titles that gave at least one pair
 * @param pairsUsed         (picked, rejected) pairs of frames of one title
 * @param titles            titles that gave at least one pair
 * @param agreementBefore   share of the pairs the current weights order right (a tie counts one half); NaN without pairs
 * @param agreementAfter    the same under the learned weights
 * @param learned           whether the weights were learned (false: too few pairs, {@code weights} unchanged)
 * @param reason            one sentence: where the weights come from, or why they were not learned
 * @param ignoredComponents component names in the marks no setting weighs, with how many frames carried
 *                          each (sorted by name); they take no part in the scores compared
 */
public record LearnedWeights(String profile, List<Weight> weights, int marksUsed, int pairsUsed, int titles,
                             double agreementBefore, double agreementAfter, boolean learned, String reason,
                             Map<String, Integer> ignoredComponents) {

    /** Widest line {@link #report()} writes: it goes to terminals and logs. */
    public static final int REPORT_WIDTH = 80;

    /**
     * One component's weight before and after.
     *
     * @param name       component name ({@link ScoreComponent#getName()})
     * @param settingKey the weight's setting, e.g. {@code quality.face-weight}
     * @param penalty    whether the component lowers the score
     * @param current    the weight the profile has now
     * @param learned    the weight learned (equal to {@code current} when it did not move enough to count)
     */
    public record Weight(String name, String settingKey, boolean penalty, double current, double learned) {
        public double change() {
            return learned - current;
        }

        public boolean changed() {
            return learned != current;
        }
    }

    public LearnedWeights {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(reason, "reason");
        weights = List.copyOf(weights);
        ignoredComponents = Map.copyOf(ignoredComponents);
    }

    /** The current weights by component name, in report order. */
    public Map<String, Double> currentWeights() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Weight w : weights) m.put(w.name(), w.current());
        return m;
    }

    /** The learned weights by component name, in report order. */
    public Map<String, Double> learnedWeights() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Weight w : weights) m.put(w.name(), w.learned());
        return m;
    }

    /** The learned weight of one component; fails for a name {@link ComponentWeights} does not know. */
    public double learned(String component) {
        for (Weight w : weights) if (w.name().equals(component)) return w.learned();
        throw new IllegalArgumentException("no weighed component named '" + component + "'");
    }

    /** A frame's score under the learned weights ({@link ComponentWeights#score}). */
    public double rescore(List<ScoreComponent> components) {
        return ComponentWeights.score(components, learnedWeights());
    }

    /**
     * The learned weights that differ from the current ones, as profile defaults with the evidence as
     * reason. Layer them after a profile's own ({@code values.over(concat(profile.overrides(), these))}:
     * a later default for the same setting wins there); a weight set explicitly still wins over both.
     * Empty when nothing was learned.
     */
    public List<ProfileDefault<?>> overrides() {
        List<ProfileDefault<?>> out = new ArrayList<>();
        if (!learned) return out;
        for (Weight w : weights) {
            if (!w.changed()) continue;
            ComponentWeights.Component c = ComponentWeights.named(w.name()).orElseThrow();
            out.add(new ProfileDefault<>(c.setting(), w.learned(), reason));
        }
        return out;
    }

    /**
     * A plain text table for a terminal, at most {@value #REPORT_WIDTH} columns wide: one row per
     * component with the weight it has now ("default": the profile's, under any explicit setting),
     * the learned one and the change.
     */
    public String report() {
        StringBuilder b = new StringBuilder();
        wrap(b, "Quality weights for profile '" + profile + "': " + reason);
        if (!ignoredComponents.isEmpty()) {
            List<String> names = new ArrayList<>();
            new java.util.TreeMap<>(ignoredComponents).forEach((n, k) -> names.add(n + " (" + k + ")"));
            wrap(b, "Ignored components no setting weighs: " + String.join(", ", names));
        }
        b.append(String.format(Locale.ROOT, "%-20s %-30s %7s %7s %7s\n", "component", "setting", "default", "learned",
                "change"));
        for (Weight w : weights) {
            String change = w.changed() ? String.format(Locale.ROOT, "%+7.3f", w.change()) : "      =";
            b.append(String.format(Locale.ROOT, "%-20s %-30s %7.3f %7.3f %7s\n", clip(w.name(), 20),
                    clip(w.settingKey(), 30), w.current(), w.learned(), change));
        }
        return b.toString();
    }

    /** The agreement as a report writes it: two decimals, or "n/a" without pairs. */
    static String agreement(double a) {
        return Double.isNaN(a) ? "n/a" : String.format(Locale.ROOT, "%.2f", a);
    }

    private static String clip(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "~";
    }

    /** Appends {@code text} broken at spaces into lines of at most {@link #REPORT_WIDTH} characters. */
    private static void wrap(StringBuilder b, String text) {
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (word.length() > REPORT_WIDTH) word = clip(word, REPORT_WIDTH);
            if (line.length() > 0 && line.length() + 1 + word.length() > REPORT_WIDTH) {
                b.append(line).append('\n');
                line.setLength(0);
            }
            if (line.length() > 0) line.append(' ');
            line.append(word);
        }
        if (line.length() > 0) b.append(line).append('\n');
    }
}
