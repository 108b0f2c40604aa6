package dev.avastream.operators.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Scores detected shot boundaries against ground truth, the way shot-boundary benchmarks do:
 * <ul>
 *   <li>hard cuts (a cut is the first frame of the new shot) matched one-to-one, exactly and within
 *       a tolerance of ±{@code tolerance} frames (closest pairs first);</li>
 *   <li>gradual transitions matched one-to-one when their frame ranges overlap (largest overlap first);
 *       a detected gradual transition that covers a true hard cut, or a cut inside a true gradual
 *       transition, counts as a miss and a false detection, since it is the wrong kind;</li>
 *   <li>false cuts on in-shot events (flashes, pans, motion): detected cuts within ±tolerance of such
 *       an event, reported separately because they are the classic failure.</li>
 * </ul>
 */
public final class ShotEvaluation {
    private ShotEvaluation() {}

    /** Everything the evaluation found. */
    public record Result(Score cutsExact, Score cutsWithinTolerance, int tolerance, Score gradual,
                         int gradualTypeMatches, List<Long> missedCuts, List<Long> falseCuts,
                         List<Interval> missedGradual, List<Interval> falseGradual, int falseCutsOnEvents) {}

    public static Result evaluate(List<Long> predictedCuts, List<Interval> predictedGradual, List<Long> trueCuts,
                                  List<Interval> trueGradual, List<Interval> inShotEvents, int tolerance) {
        int exact = 0;
        java.util.Set<Long> truthSet = new java.util.HashSet<>(trueCuts);
        for (Long c : new java.util.HashSet<>(predictedCuts)) if (truthSet.contains(c)) exact++;

        // Tolerant one-to-one matching: closest pairs first, each cut used once.
        List<long[]> pairs = new ArrayList<>();
        for (int i = 0; i < predictedCuts.size(); i++) {
            for (int j = 0; j < trueCuts.size(); j++) {
                long d = Math.abs(predictedCuts.get(i) - trueCuts.get(j));
                if (d <= tolerance) pairs.add(new long[]{d, i, j});
            }
        }
        pairs.sort(Comparator.<long[]>comparingLong(p -> p[0]).thenComparingLong(p -> p[1]).thenComparingLong(p -> p[2]));
        boolean[] usedP = new boolean[predictedCuts.size()];
        boolean[] usedT = new boolean[trueCuts.size()];
        int tolerant = 0;
        for (long[] p : pairs) {
            if (usedP[(int) p[1]] || usedT[(int) p[2]]) continue;
            usedP[(int) p[1]] = true;
            usedT[(int) p[2]] = true;
            tolerant++;
        }
        List<Long> missed = new ArrayList<>();
        for (int j = 0; j < trueCuts.size(); j++) if (!usedT[j]) missed.add(trueCuts.get(j));
        List<Long> falseCuts = new ArrayList<>();
        for (int i = 0; i < predictedCuts.size(); i++) if (!usedP[i]) falseCuts.add(predictedCuts.get(i));

        int onEvents = 0;
        for (Long c : falseCuts) {
            for (Interval e : inShotEvents) {
                if (c >= e.startFrame() - tolerance && c <= e.endFrame() + tolerance) {
                    onEvents++;
                    break;
                }
            }
        }

        // Gradual transitions: overlap matching, largest overlap first.
        List<long[]> gpairs = new ArrayList<>();
        for (int i = 0; i < predictedGradual.size(); i++) {
            for (int j = 0; j < trueGradual.size(); j++) {
                long o = predictedGradual.get(i).overlap(trueGradual.get(j));
                if (o > 0) gpairs.add(new long[]{-o, i, j});
            }
        }
        gpairs.sort(Comparator.<long[]>comparingLong(p -> p[0]).thenComparingLong(p -> p[1]).thenComparingLong(p -> p[2]));
        boolean[] usedPg = new boolean[predictedGradual.size()];
        boolean[] usedTg = new boolean[trueGradual.size()];
        int gradualMatched = 0;
        int typeMatches = 0;
        for (long[] p : gpairs) {
            if (usedPg[(int) p[1]] || usedTg[(int) p[2]]) continue;
            usedPg[(int) p[1]] = true;
            usedTg[(int) p[2]] = true;
            gradualMatched++;
            if (predictedGradual.get((int) p[1]).type().equalsIgnoreCase(trueGradual.get((int) p[2]).type())) typeMatches++;
        }
        List<Interval> missedGradual = new ArrayList<>();
        for (int j = 0; j < trueGradual.size(); j++) if (!usedTg[j]) missedGradual.add(trueGradual.get(j));
        List<Interval> falseGradual = new ArrayList<>();
        for (int i = 0; i < predictedGradual.size(); i++) if (!usedPg[i]) falseGradual.add(predictedGradual.get(i));

        return new Result(new Score(exact, predictedCuts.size(), trueCuts.size()),
                new Score(tolerant, predictedCuts.size(), trueCuts.size()), tolerance,
                new Score(gradualMatched, predictedGradual.size(), trueGradual.size()), typeMatches,
                missed, falseCuts, missedGradual, falseGradual, onEvents);
    }
}
