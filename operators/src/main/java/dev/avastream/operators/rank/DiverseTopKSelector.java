package dev.avastream.operators.rank;

import dev.avastream.operators.config.Setting;
import dev.avastream.operators.config.SettingValues;
import dev.avastream.operators.config.Tunables;
import dev.avastream.operators.annotate.AppearanceVector;
import dev.avastream.schema.Candidate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Picks the top-K stills of a pool, trading score against variety, never two near-duplicates.
 * Pure and deterministic: the same pool in any order gives the same list.
 *
 * <p>Greedy maximal marginal relevance (MMR, Carbonell and Goldstein 1998). Each step picks, among the
 * eligible candidates, the one that maximises
 * <pre>  s(c) / s_max  -  lambda * max over picks p of (1 - DiversityVector.distance(c, p))</pre>
 * with s the score (plus {@link Params#keepMargin()} for a still of the last published set), s_max the
 * highest such score in the pool (1 when it is not positive), and lambda {@link Params#diversityWeight()}
 * (0: pure score order; the first pick, with no picks to be like, is always the best). Ties go to
 * {@link CandidateOrder}. Eligible:
 * <ol>
 *   <li>first pass: the best candidate (by score plus incumbency margin) of each shot without a pick,
 *       among that shot's candidates that are not near-duplicates of a pick ({@link NearDuplicateRule}),
 *       until K are picked or no shot is left;</li>
 *   <li>only when the pool has fewer distinct shots than K, fill up from every frame not picked that is
 *       not a near-duplicate of a pick, does not show the main character of a pick of the same shot
 *       again (two close-ups of one person in one shot are one still), and scores at least
 *       {@link Params#fillMinScoreShare()} of its shot's pick (a second still of a shot is no filler:
 *       a smeared or half-hidden frame does not join the set just because there is room), and whose MMR
 *       value is positive: its score relative to the best outweighs lambda times its likeness to the
 *       picks (the usual MMR stopping rule), so a third frame of a bird over the same sea does not join
 *       two others. A candidate without a diversity vector (a record from before it existed) is spared
 *       this rule: nothing says what it repeats.</li>
 * </ol>
 * So no two frames come from one shot unless the title (so far) has fewer shots than K, and never two
 * near-duplicates: when look-alike shots leave fewer than K distinct stills, the set is shorter rather
 * than padded with repeats. The result is returned in {@link CandidateOrder}.
 */
public final class DiverseTopKSelector {

    /**
     * @param k                     stills to pick, 0 or more ({@link Tunables#TOP_K} in the pipeline)
     * @param nearDuplicateDistance {@link Tunables#NEAR_DUPLICATE_DISTANCE} (see {@link AppearanceVector})
     * @param keepMargin            {@link Tunables#KEEP_MARGIN}: the score bonus of an incumbent when ranking
     * @param nearDuplicateHamming  {@link Tunables#NEAR_DUPLICATE_HAMMING}: the perceptual-hash rule, -1 off
     * @param diversityWeight       {@link Tunables#DIVERSITY_WEIGHT}: lambda of the MMR selection
     * @param fillMinScoreShare     {@link Tunables#FILL_MIN_SCORE_SHARE}: the floor of the fill-up pass
     */
    public record Params(int k, double nearDuplicateDistance, double keepMargin, int nearDuplicateHamming,
                         double diversityWeight, double fillMinScoreShare) implements Serializable {

        public Params {
            if (k < 0) throw new IllegalArgumentException("k must be 0 or more, was " + k);
            Setting.check(Tunables.NEAR_DUPLICATE_DISTANCE, nearDuplicateDistance);
            Setting.check(Tunables.KEEP_MARGIN, keepMargin);
            Setting.check(Tunables.NEAR_DUPLICATE_HAMMING, nearDuplicateHamming);
            Setting.check(Tunables.DIVERSITY_WEIGHT, diversityWeight);
            Setting.check(Tunables.FILL_MIN_SCORE_SHARE, fillMinScoreShare);
        }

        /** With the default fill-up floor. */
        public Params(int k, double nearDuplicateDistance, double keepMargin, int nearDuplicateHamming,
                      double diversityWeight) {
            this(k, nearDuplicateDistance, keepMargin, nearDuplicateHamming, diversityWeight,
                    Tunables.FILL_MIN_SCORE_SHARE.defaultValue());
        }

        /** With the default hash rule and diversity weight. */
        public Params(int k, double nearDuplicateDistance, double keepMargin) {
            this(k, nearDuplicateDistance, keepMargin, Tunables.NEAR_DUPLICATE_HAMMING.defaultValue(),
                    Tunables.DIVERSITY_WEIGHT.defaultValue());
        }

        /** Without hysteresis. */
        public Params(int k, double nearDuplicateDistance) {
            this(k, nearDuplicateDistance, 0.0);
        }

        /** The same parameters with another diversity weight. */
        public Params withDiversityWeight(double weight) {
            return new Params(k, nearDuplicateDistance, keepMargin, nearDuplicateHamming, weight, fillMinScoreShare);
        }

        /** The near-duplicate rule these parameters make. */
        public NearDuplicateRule nearDuplicates() {
            return new NearDuplicateRule(nearDuplicateDistance, nearDuplicateHamming);
        }

        public static Params defaults() {
            return from(SettingValues.defaults());
        }

        /** The selector's parameters as {@code values} set them. */
        public static Params from(SettingValues v) {
            return new Params(v.get(Tunables.TOP_K), v.get(Tunables.NEAR_DUPLICATE_DISTANCE), v.get(Tunables.KEEP_MARGIN),
                    v.get(Tunables.NEAR_DUPLICATE_HAMMING), v.get(Tunables.DIVERSITY_WEIGHT),
                    v.get(Tunables.FILL_MIN_SCORE_SHARE));
        }
    }

    private final Params params;
    private final NearDuplicateRule rule;

    public DiverseTopKSelector(Params params) {
        this.params = params;
        this.rule = params.nearDuplicates();
    }

    public DiverseTopKSelector() {
        this(Params.defaults());
    }

    public Params params() { return params; }

    /** Picks the top {@code k} of {@code pool} with the default near-duplicate rule and diversity weight. */
    public static List<Candidate> select(Collection<Candidate> pool, int k) {
        return new DiverseTopKSelector(new Params(k, Params.defaults().nearDuplicateDistance())).select(pool);
    }

    /** Picks the top K of {@code pool}, best first. */
    public List<Candidate> select(Collection<Candidate> pool) {
        return select(pool, Set.of());
    }

    /**
     * Picks the top K of {@code pool}, best first, with hysteresis: the frames of {@code incumbents}
     * (the last published set) rank as if they scored {@link Params#keepMargin()} more, so a
     * challenger must beat one by more than the margin to replace it.
     */
    public List<Candidate> select(Collection<Candidate> pool, Set<Long> incumbents) {
        double margin = params.keepMargin();
        Map<Long, Double> held = new HashMap<>();
        double best = Double.NEGATIVE_INFINITY;
        for (Candidate c : pool) {
            double s = c.getScore() + (incumbents.contains(c.getFrameIndex()) ? margin : 0.0);
            held.put(c.getFrameIndex(), s);
            best = Math.max(best, s);
        }
        double scale = best > 0 ? best : 1.0;
        List<Candidate> ranked = new ArrayList<>(pool);
        ranked.sort(Comparator.comparingDouble((Candidate c) -> held.get(c.getFrameIndex())).reversed()
                .thenComparingLong(Candidate::getFrameIndex)
                .thenComparingInt(Candidate::getShotIndex));

        List<Candidate> picks = new ArrayList<>(Math.min(params.k(), ranked.size()));
        Map<Integer, Double> shotsPicked = new HashMap<>(); // shot -> its pick's held score
        Set<Long> framesPicked = new HashSet<>();

        // First pass: one representative per shot, the shot's best that is not a copy of a pick.
        while (picks.size() < params.k()) {
            Candidate chosen = null;
            double chosenValue = Double.NEGATIVE_INFINITY;
            Set<Integer> shotsSeen = new HashSet<>();
            for (Candidate c : ranked) {
                if (shotsPicked.containsKey(c.getShotIndex()) || shotsSeen.contains(c.getShotIndex())) continue;
                if (framesPicked.contains(c.getFrameIndex()) || nearDuplicateOfPick(c, picks)) continue;
                shotsSeen.add(c.getShotIndex()); // c represents its shot in this step
                double value = value(c, held, scale, picks);
                if (value > chosenValue) {
                    chosen = c;
                    chosenValue = value;
                }
            }
            if (chosen == null) break;
            picks.add(chosen);
            shotsPicked.put(chosen.getShotIndex(), held.get(chosen.getFrameIndex()));
            framesPicked.add(chosen.getFrameIndex());
        }
        Set<Integer> shotsInPool = new HashSet<>();
        for (Candidate c : ranked) shotsInPool.add(c.getShotIndex());
        if (shotsInPool.size() < params.k()) {
            // Fill-up pass: further frames of shots already picked.
            while (picks.size() < params.k()) {
                Candidate chosen = null;
                double chosenValue = Double.NEGATIVE_INFINITY;
                for (Candidate c : ranked) {
                    if (framesPicked.contains(c.getFrameIndex())) continue;
                    if (nearDuplicateOfPick(c, picks) || sameCharacterInSameShot(c, picks)) continue;
                    if (belowFillFloor(c, held, shotsPicked)) continue;
                    double value = value(c, held, scale, picks);
                    // MMR's own stop: a further frame of a picked shot must add more than it repeats
                    if (value <= 0 && DiversityVector.known(c)) continue;
                    if (value > chosenValue) {
                        chosen = c;
                        chosenValue = value;
                    }
                }
                if (chosen == null) break;
                picks.add(chosen);
                framesPicked.add(chosen.getFrameIndex());
            }
        }
        picks.sort(CandidateOrder.BEST_FIRST);
        return picks;
    }

    /** Whether a further frame of a picked shot scores under the fill-up floor set by that shot's pick. */
    private boolean belowFillFloor(Candidate c, Map<Long, Double> held, Map<Integer, Double> shotsPicked) {
        Double pick = shotsPicked.get(c.getShotIndex());
        return pick != null && pick > 0 && held.get(c.getFrameIndex()) < params.fillMinScoreShare() * pick;
    }

    /** The MMR value of picking {@code c} next (see the class comment). */
    private double value(Candidate c, Map<Long, Double> held, double scale, List<Candidate> picks) {
        double similarity = 0.0;
        for (Candidate p : picks) similarity = Math.max(similarity, DiversityVector.similarity(c, p));
        return held.get(c.getFrameIndex()) / scale - params.diversityWeight() * similarity;
    }

    /** A further frame of a picked shot showing the same main character as a pick there adds nothing new. */
    private static boolean sameCharacterInSameShot(Candidate c, List<Candidate> picks) {
        String who = c.getMainCharacter();
        if (who == null || who.isEmpty()) return false;
        for (Candidate p : picks) {
            if (p.getShotIndex() == c.getShotIndex() && who.equals(p.getMainCharacter())) return true;
        }
        return false;
    }

    private boolean nearDuplicateOfPick(Candidate c, List<Candidate> picks) {
        for (Candidate p : picks) {
            if (rule.nearDuplicates(c, p)) return true;
        }
        return false;
    }
}
