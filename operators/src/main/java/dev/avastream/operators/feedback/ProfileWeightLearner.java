package dev.avastream.operators.feedback;

import dev.avastream.operators.config.SettingValues;
import dev.avastream.schema.ScoreComponent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Learns one weight profile's quality weights from curator marks: pairwise logistic regression
 * (RankNet) over the score components, pulled towards the profile's current weights.
 *
 * <p>A frame's feature for component c is x_c = its value (0..1), negated for a penalty, 0 when the
 * frame lacks the component; its score under weights w is s = sum_c w_c x_c, the published score when
 * w are the weights it was scored with. Every picked frame of a title is paired with every rejected
 * frame of the same title (stills of different titles are never compared: a dark thriller's best still
 * need not beat a cartoon's worst). The learned weights minimise
 * <pre>
 *   sum over titles t of  (1 / P_t) sum over its P_t pairs (p, r) of  log(1 + exp(-(s_p - s_r)))
 *   + lambda * sum_c (w_c - w0_c)^2,      0 <= w_c <= max(cap, w0_c)
 * </pre>
 * with w0 the current weights. Each title counts as one unit of evidence whatever its number of pairs,
 * so one title with many marks cannot outweigh many titles with a few; lambda says how many titles'
 * worth of evidence it takes to move a weight far. The problem is convex with a unique minimum (lambda
 * > 0), found by accelerated projected gradient descent (FISTA) with the fixed step 1/L, L a bound on
 * the curvature: deterministic, and the frames are visited sorted by (title, frame), so the result does
 * not depend on the order marks arrive in beyond the replay rule below.
 *
 * <p>Replay: the marks of the profile are applied in order of {@link FeedbackMark#markedAtMillis()}
 * (equal times: list order); the latest mark per (title, frame) wins and {@link Verdict#CLEAR} removes
 * the frame's mark. Marks of other profiles are ignored. Pure: no Flink, no Kafka, no clock.
 */
public final class ProfileWeightLearner {

    /**
     * @param regularisation lambda: the pull towards the current weights. One title's data term has a
     *                       gradient of at most 1 per component, so alone it moves a weight by at most
     *                       1 / (2 lambda); in practice far less, as its pairs get ordered right. At 0.1, 3
     *                       titles of 8 marks with a consistent taste for one component move its weight by
     *                       about +1.5 and the components the curator ignored by under 0.4 (the test).
     *                       Positive, so the minimum is unique.
     * @param maxIterations  gradient steps at most; the learner stops earlier once no weight moves by
     *                       {@code tolerance}. Each step costs one pass over the pairs.
     * @param tolerance      largest weight change of a step at which the optimum counts as reached
     * @param minPairs       fewer (picked, rejected) pairs than this and nothing is learned: a couple of
     *                       marks say more about the curator's mood than about the profile
     * @param maxWeight      cap on a learned weight (a current weight above it is kept as its own cap):
     *                       with perfectly separable marks the pull of the data never stops, and one
     *                       component must not drown all others
     * @param minChange      learned weights within this of the current one are reported unchanged (no
     *                       override): noise-level moves would churn configurations for nothing; learned
     *                       weights are also rounded to this many decimals' worth (see {@link #decimals})
     */
    public record Params(double regularisation, int maxIterations, double tolerance, int minPairs, double maxWeight,
                         double minChange) {
        public Params {
            if (!(regularisation > 0) || !Double.isFinite(regularisation)) {
                throw new IllegalArgumentException("regularisation must be positive, was " + regularisation);
            }
            if (maxIterations < 1) throw new IllegalArgumentException("maxIterations must be at least 1");
            if (!(tolerance > 0)) throw new IllegalArgumentException("tolerance must be positive");
            if (minPairs < 1) throw new IllegalArgumentException("minPairs must be at least 1");
            if (!(maxWeight > 0) || !Double.isFinite(maxWeight)) {
                throw new IllegalArgumentException("maxWeight must be positive, was " + maxWeight);
            }
            if (!(minChange >= 0) || minChange >= maxWeight) {
                throw new IllegalArgumentException("minChange must be 0 or more and below maxWeight");
            }
        }

        /** lambda 0.1, 5000 steps, tolerance 1e-7, 10 pairs, cap 10, changes under 0.01 ignored. */
        public static Params defaults() {
            return new Params(0.1, 5000, 1e-7, 10, 10.0, 0.01);
        }

        /** Decimals learned weights are rounded to: 3, or more when minChange is finer. */
        public int decimals() {
            return minChange <= 0 ? 6 : Math.max(3, (int) Math.ceil(-Math.log10(minChange)) + 1);
        }
    }

    private final Params params;

    public ProfileWeightLearner(Params params) {
        this.params = params;
    }

    public ProfileWeightLearner() {
        this(Params.defaults());
    }

    public Params params() { return params; }

    /**
     * Learns the weights of {@code profile} from {@code marks}.
     *
     * @param profile the weight profile to learn (a {@code WeightProfile} name); marks of others are ignored
     * @param marks   curator marks in any order (replayed by time, see the class comment)
     * @param values  the settings the ranker runs with: the current weights are theirs for {@code profile}
     */
    public LearnedWeights learn(String profile, List<FeedbackMark> marks, SettingValues values) {
        Map<String, Double> currentByName = ComponentWeights.current(values, profile);
        List<ComponentWeights.Component> components = ComponentWeights.all();
        int n = components.size();
        double[] w0 = new double[n];
        for (int i = 0; i < n; i++) w0[i] = currentByName.get(components.get(i).name());

        Map<String, Map<Long, FeedbackMark>> latest = replay(profile, marks);
        Map<String, Integer> ignored = new TreeMap<>();
        List<double[][]> titlePairs = new ArrayList<>();
        int marksUsed = 0, pairs = 0;
        for (Map<Long, FeedbackMark> frames : latest.values()) {
            List<double[]> picks = new ArrayList<>(), rejects = new ArrayList<>();
            for (FeedbackMark m : frames.values()) {
                double[] x = features(m.components(), ignored);
                (m.verdict() == Verdict.PICK ? picks : rejects).add(x);
            }
            if (picks.isEmpty() || rejects.isEmpty()) continue;
            double[][] diffs = new double[picks.size() * rejects.size()][];
            int k = 0;
            for (double[] p : picks) {
                for (double[] r : rejects) {
                    double[] d = new double[n];
                    for (int i = 0; i < n; i++) d[i] = p[i] - r[i];
                    diffs[k++] = d;
                }
            }
            titlePairs.add(diffs);
            marksUsed += frames.size();
            pairs += diffs.length;
        }
        int titles = titlePairs.size();
        double before = agreement(titlePairs, w0);

        if (pairs < params.minPairs()) {
            String why = String.format(Locale.ROOT, "not learned: %s from %s on %s, fewer than the %d needed; "
                    + "the current weights are kept", count(pairs, "pair"), count(marksUsed, "curator mark"),
                    count(titles, "title"), params.minPairs());
            return new LearnedWeights(profile, weights(components, w0, w0), marksUsed, pairs, titles, before, before,
                    false, why, ignored);
        }

        double[] w = optimise(titlePairs, w0);
        double scale = Math.pow(10, params.decimals());
        for (int i = 0; i < n; i++) {
            double rounded = Math.round(w[i] * scale) / scale;
            w[i] = Math.abs(rounded - w0[i]) < params.minChange() ? w0[i] : rounded;
        }
        double after = agreement(titlePairs, w);
        String why = String.format(Locale.ROOT, "learned from %s on %s (pairwise agreement %s -> %s)",
                count(marksUsed, "curator mark"), count(titles, "title"), LearnedWeights.agreement(before),
                LearnedWeights.agreement(after));
        return new LearnedWeights(profile, weights(components, w0, w), marksUsed, pairs, titles, before, after, true,
                why, ignored);
    }

    /**
     * The marks of {@code profile} that stand after replay: the latest per (title, frame), CLEARs removed,
     * by title id and frame index (sorted, so what follows does not depend on arrival order).
     */
    public static Map<String, Map<Long, FeedbackMark>> replay(String profile, List<FeedbackMark> marks) {
        List<FeedbackMark> mine = new ArrayList<>();
        for (FeedbackMark m : marks) if (m.profile().equals(profile)) mine.add(m);
        mine.sort(Comparator.comparingLong(FeedbackMark::markedAtMillis)); // stable: ties keep list order
        Map<String, Map<Long, FeedbackMark>> latest = new TreeMap<>();
        for (FeedbackMark m : mine) {
            Map<Long, FeedbackMark> frames = latest.computeIfAbsent(m.titleId(), t -> new TreeMap<>());
            if (m.verdict() == Verdict.CLEAR) frames.remove(m.frameIndex());
            else frames.put(m.frameIndex(), m);
        }
        latest.values().removeIf(Map::isEmpty);
        return latest;
    }

    /** The frame's feature vector in {@link ComponentWeights#all()} order; unknown names are counted. */
    private static double[] features(List<ScoreComponent> parts, Map<String, Integer> ignored) {
        List<ComponentWeights.Component> components = ComponentWeights.all();
        double[] x = new double[components.size()];
        for (ScoreComponent part : parts) {
            var c = ComponentWeights.named(part.getName());
            if (c.isEmpty()) {
                ignored.merge(part.getName(), 1, Integer::sum);
                continue;
            }
            // a name twice adds up, as the contributions would in the published score
            x[components.indexOf(c.get())] += c.get().signed(part.getValue());
        }
        return x;
    }

    /** FISTA on the objective of the class comment, projected onto 0 <= w_c <= max(cap, w0_c). */
    private double[] optimise(List<double[][]> titlePairs, double[] w0) {
        int n = w0.length;
        double lambda = params.regularisation();
        double[] upper = new double[n];
        for (int i = 0; i < n; i++) upper[i] = Math.max(params.maxWeight(), w0[i]);
        // L: the Hessian of log(1+exp(-z)) is at most 1/4 dd^T per pair, whose largest eigenvalue is |d|^2
        double curvature = 2 * lambda;
        for (double[][] pairs : titlePairs) {
            double sum = 0;
            for (double[] d : pairs) for (double v : d) sum += v * v;
            curvature += 0.25 * sum / pairs.length;
        }
        double step = 1 / curvature;

        double[] w = w0.clone(), y = w0.clone(), grad = new double[n], next = new double[n];
        double t = 1;
        for (int iter = 0; iter < params.maxIterations(); iter++) {
            gradient(titlePairs, y, w0, lambda, grad);
            double moved = 0;
            for (int i = 0; i < n; i++) {
                next[i] = Math.min(upper[i], Math.max(0, y[i] - step * grad[i]));
                moved = Math.max(moved, Math.abs(next[i] - w[i]));
            }
            double tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
            for (int i = 0; i < n; i++) {
                y[i] = next[i] + (t - 1) / tNext * (next[i] - w[i]); // momentum; the next step projects again
                w[i] = next[i];
            }
            t = tNext;
            if (moved < params.tolerance()) break;
        }
        return w;
    }

    private static void gradient(List<double[][]> titlePairs, double[] w, double[] w0, double lambda, double[] grad) {
        int n = w.length;
        for (int i = 0; i < n; i++) grad[i] = 2 * lambda * (w[i] - w0[i]);
        for (double[][] pairs : titlePairs) {
            double share = 1.0 / pairs.length;
            for (double[] d : pairs) {
                double margin = 0;
                for (int i = 0; i < n; i++) margin += w[i] * d[i];
                // d/dw log(1 + exp(-m)) = -sigmoid(-m) d; written to stay finite for large |m|
                double g = -share * (margin >= 0 ? Math.exp(-margin) / (1 + Math.exp(-margin)) : 1 / (1 + Math.exp(margin)));
                for (int i = 0; i < n; i++) grad[i] += g * d[i];
            }
        }
    }

    /** Share of the pairs the weights order right, a tie counting one half; NaN without pairs. */
    private static double agreement(List<double[][]> titlePairs, double[] w) {
        double right = 0;
        int total = 0;
        for (double[][] pairs : titlePairs) {
            for (double[] d : pairs) {
                double margin = 0;
                for (int i = 0; i < w.length; i++) margin += w[i] * d[i];
                right += margin > 1e-12 ? 1 : (margin < -1e-12 ? 0 : 0.5);
                total++;
            }
        }
        return total == 0 ? Double.NaN : right / total;
    }

    /** "1 title", "3 titles": the reason is read by people and lands in configuration references. */
    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static List<LearnedWeights.Weight> weights(List<ComponentWeights.Component> components, double[] current,
                                                       double[] learned) {
        List<LearnedWeights.Weight> out = new ArrayList<>();
        for (int i = 0; i < components.size(); i++) {
            ComponentWeights.Component c = components.get(i);
            out.add(new LearnedWeights.Weight(c.name(), c.setting().key(), c.penalty(), current[i], learned[i]));
        }
        return out;
    }
}
