package dev.avastream.operators.rank;

import dev.avastream.operators.annotate.AppearanceVector;
import dev.avastream.operators.annotate.PerceptualHash;
import dev.avastream.operators.config.Setting;
import dev.avastream.operators.config.SettingValues;
import dev.avastream.operators.config.Tunables;
import dev.avastream.schema.Candidate;

import java.io.Serializable;

/**
 * The one rule that says whether two candidates show the same picture, so that only one of them is
 * picked ({@link DiverseTopKSelector}) and the pool evicts the copy first ({@link CandidatePool}).
 * Within a shot and across shots alike: a programme repeated, a recurring set, or two frames of a
 * static shot.
 *
 * <p>Two candidates are near-duplicates when either
 * <ul>
 *   <li>their perceptual hashes ({@link PerceptualHash}) differ in at most {@link #hammingThreshold()}
 *       bits: the same frame re-encoded, rescaled or slightly blurred, which keeps the coarse structure
 *       the hash reads (off with -1, or when either hash is absent); or</li>
 *   <li>their appearance vectors ({@link AppearanceVector}) are closer than {@link #appearanceDistance()}:
 *       the same palette, light and layout at a glance, e.g. a still shot whose subject moved a little,
 *       which the hash may see as a different structure.</li>
 * </ul>
 *
 * @param appearanceDistance {@link Tunables#NEAR_DUPLICATE_DISTANCE}
 * @param hammingThreshold   {@link Tunables#NEAR_DUPLICATE_HAMMING}, -1 for no hash rule
 */
public record NearDuplicateRule(double appearanceDistance, int hammingThreshold) implements Serializable {

    public NearDuplicateRule {
        Setting.check(Tunables.NEAR_DUPLICATE_DISTANCE, appearanceDistance);
        Setting.check(Tunables.NEAR_DUPLICATE_HAMMING, hammingThreshold);
    }

    /** The appearance rule with the default hash rule. */
    public static NearDuplicateRule appearance(double appearanceDistance) {
        return new NearDuplicateRule(appearanceDistance, Tunables.NEAR_DUPLICATE_HAMMING.defaultValue());
    }

    public static NearDuplicateRule defaults() {
        return from(SettingValues.defaults());
    }

    /** The rule as {@code values} set it. */
    public static NearDuplicateRule from(SettingValues v) {
        return new NearDuplicateRule(v.get(Tunables.NEAR_DUPLICATE_DISTANCE), v.get(Tunables.NEAR_DUPLICATE_HAMMING));
    }

    /** Whether {@code a} and {@code b} show the same picture (symmetric; a frame is never its own duplicate here: callers skip it). */
    public boolean nearDuplicates(Candidate a, Candidate b) {
        return sameHash(a.getPerceptualHash(), b.getPerceptualHash())
                || AppearanceVector.distance(a.getFeature(), b.getFeature()) < appearanceDistance;
    }

    /** The hash part alone. */
    public boolean sameHash(long a, long b) {
        return hammingThreshold >= 0 && a != PerceptualHash.ABSENT && b != PerceptualHash.ABSENT
                && PerceptualHash.hamming(a, b) <= hammingThreshold;
    }
}
