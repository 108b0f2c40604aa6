package dev.avastream.operators.rank;

import dev.avastream.operators.config.Setting;
import dev.avastream.operators.config.SettingValues;
import dev.avastream.operators.config.Tunables;
import dev.avastream.operators.annotate.AppearanceVector;
import dev.avastream.schema.Candidate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Picks the top-K stills of a pool, best first, keeping them visually diverse. Pure and
 * deterministic: the same pool in any order gives the same list.
 *
 * <p>Greedy, in {@link CandidateOrder} (score, then earlier frame):
 * <ol>
 *   <li>take a candidate when its shot has no pick yet and it is not a near-duplicate of a pick
 *       (appearance vectors, {@link AppearanceVector#distance}, closer than
 *       {@link Params#nearDuplicateDistance()});</li>
 *   <li>only when the pool has fewer distinct shots than K, fill up with further frames of shots
 *       already picked that are not near-duplicates of a pick and do not show the main character of a
 *       pick of the same shot again (two close-ups of one person in one shot are one still).</li>
 * </ol>
 * So no two frames come from one shot unless the title (so far) has fewer shots than K, and never two
 * near-duplicates: when look-alike shots leave fewer than K distinct stills, the set is shorter
 * rather than padded with repeats.
 * The result is returned in {@link CandidateOrder}. Candidates without an appearance vector are never
 * near-duplicates. With hysteresis ({@link #select(Collection, Set)}), the last published stills
 * rank as if they scored {@link Params#keepMargin()} more.
 */
public final class DiverseTopKSelector {

    /**
     * @param k                     stills to pick, 0 or more ({@link Tunables#TOP_K} in the pipeline)
     * @param nearDuplicateDistance {@link Tunables#NEAR_DUPLICATE_DISTANCE} (see {@link AppearanceVector})
     * @param keepMargin            {@link Tunables#KEEP_MARGIN}: the score bonus of an incumbent when ranking
     */
    public record Params(int k, double nearDuplicateDistance, double keepMargin) implements Serializable {

        public Params {
            if (k < 0) throw new IllegalArgumentException("k must be 0 or more, was " + k);
            Setting.check(Tunables.NEAR_DUPLICATE_DISTANCE, nearDuplicateDistance);
            Setting.check(Tunables.KEEP_MARGIN, keepMargin);
        }

        /** Without hysteresis. */
        public Params(int k, double nearDuplicateDistance) {
            this(k, nearDuplicateDistance, 0.0);
        }

        public static Params defaults() {
            return from(SettingValues.defaults());
        }

        /** The selector's parameters as {@code values} set them. */
        public static Params from(SettingValues v) {
            return new Params(v.get(Tunables.TOP_K), v.get(Tunables.NEAR_DUPLICATE_DISTANCE), v.get(Tunables.KEEP_MARGIN));
        }
    }

    private final Params params;

    public DiverseTopKSelector(Params params) {
        this.params = params;
    }

    public DiverseTopKSelector() {
        this(Params.defaults());
    }

    public Params params() { return params; }

    /** Picks the top {@code k} of {@code pool} with the default near-duplicate distance. */
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
        List<Candidate> ranked = new ArrayList<>(pool);
        double margin = params.keepMargin();
        ranked.sort(java.util.Comparator.comparingDouble((Candidate c) ->
                        c.getScore() + (incumbents.contains(c.getFrameIndex()) ? margin : 0.0)).reversed()
                .thenComparingLong(Candidate::getFrameIndex));
        List<Candidate> picks = new ArrayList<>(Math.min(params.k(), ranked.size()));
        Set<Integer> shotsPicked = new HashSet<>();
        Set<Long> framesPicked = new HashSet<>();

        for (Candidate c : ranked) {
            if (picks.size() >= params.k()) break;
            if (shotsPicked.contains(c.getShotIndex()) || framesPicked.contains(c.getFrameIndex())) continue;
            if (nearDuplicateOfPick(c, picks)) continue;
            picks.add(c);
            shotsPicked.add(c.getShotIndex());
            framesPicked.add(c.getFrameIndex());
        }
        Set<Integer> shotsInPool = new HashSet<>();
        for (Candidate c : ranked) shotsInPool.add(c.getShotIndex());
        if (shotsInPool.size() < params.k()) {
            for (Candidate c : ranked) {
                if (picks.size() >= params.k()) break;
                if (framesPicked.contains(c.getFrameIndex())) continue;
                if (nearDuplicateOfPick(c, picks)) continue;
                if (sameCharacterInSameShot(c, picks)) continue;
                picks.add(c);
                framesPicked.add(c.getFrameIndex());
            }
        }
        picks.sort(CandidateOrder.BEST_FIRST);
        return picks;
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
            if (AppearanceVector.distance(c.getFeature(), p.getFeature()) < params.nearDuplicateDistance()) return true;
        }
        return false;
    }
}
