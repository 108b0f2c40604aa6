package dev.avastream.operators.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ShotEvaluationTest {

    @Test
    void cutsAreMatchedExactlyAndWithinTolerance() {
        var r = ShotEvaluation.evaluate(List.of(10L, 31L, 50L, 90L), List.of(), List.of(10L, 30L, 70L), List.of(),
                List.of(), 2);
        assertEquals(1, r.cutsExact().truePositives());
        assertEquals(2, r.cutsWithinTolerance().truePositives());
        assertEquals(0.5, r.cutsWithinTolerance().precision(), 1e-9);
        assertEquals(2.0 / 3, r.cutsWithinTolerance().recall(), 1e-9);
        assertEquals(List.of(70L), r.missedCuts());
        assertEquals(List.of(50L, 90L), r.falseCuts());
    }

    @Test
    void aDetectedCutIsUsedOnceEvenNearTwoTrueCuts() {
        var r = ShotEvaluation.evaluate(List.of(11L), List.of(), List.of(10L, 12L), List.of(), List.of(), 2);
        assertEquals(1, r.cutsWithinTolerance().truePositives());
        assertEquals(1, r.missedCuts().size());
    }

    @Test
    void gradualTransitionsMatchByOverlapOneToOne() {
        var truth = List.of(new Interval("DISSOLVE", 100, 120), new Interval("FADE_TO_BLACK", 200, 215));
        var found = List.of(new Interval("DISSOLVE", 104, 118), new Interval("DISSOLVE", 119, 125),
                new Interval("FADE_TO_BLACK", 300, 310));
        var r = ShotEvaluation.evaluate(List.of(), found, List.of(), truth, List.of(), 2);
        assertEquals(1, r.gradual().truePositives());
        assertEquals(1, r.gradualTypeMatches());
        assertEquals(List.of(truth.get(1)), r.missedGradual());
        assertEquals(2, r.falseGradual().size());
    }

    @Test
    void falseCutsOnFlashesAreCounted() {
        var r = ShotEvaluation.evaluate(List.of(41L, 80L), List.of(), List.of(80L), List.of(),
                List.of(new Interval("flash", 40, 40)), 2);
        assertEquals(1, r.falseCutsOnEvents());
        assertEquals(1.0, r.cutsWithinTolerance().recall());
    }

    @Test
    void emptyTruthAndEmptyPredictionScorePerfect() {
        var r = ShotEvaluation.evaluate(List.of(), List.of(), List.of(), List.of(), List.of(), 2);
        assertEquals(1.0, r.cutsExact().f1());
        assertEquals(1.0, r.gradual().f1());
    }
}
