package dev.avastream.operators.rank;

import dev.avastream.schema.FrameAnnotation;
import dev.avastream.schema.ScoreComponent;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameQualityScorerTest {

    private final FrameQualityScorer scorer = new FrameQualityScorer();

    private static FrameAnnotation frame(double brightness, double contrast, double colourfulness, double sharpness, double motion) {
        // The builder: every field not named here takes the schema's default, so a new field does not touch this test.
        return FrameAnnotation.newBuilder().setFrameIndex(100L).setTimeUs(4_000_000L).setBrightness(brightness)
                .setContrast(contrast).setColourfulness(colourfulness).setSharpness(sharpness).setMotion(motion).build();
    }

    private static Map<String, ScoreComponent> byName(QualityScore s) {
        return s.components().stream().collect(Collectors.toMap(ScoreComponent::getName, Function.identity()));
    }

    @Test
    void componentsAddUpToTheScoreExactly() {
        FrameAnnotation[] frames = {
                frame(0.45, 0.2, 0.4, 0.7, 0.01), frame(0.02, 0.01, 0.0, 0.1, 0.3), frame(0.97, 0.05, 0.1, 0.2, 0.0),
                frame(0.6, 0.3, 1.2, 1.0, 0.05)};
        for (FrameAnnotation f : frames) {
            for (long d : new long[] {0, 1, 3, 6, 7, FrameQualityScorer.NO_CUT}) {
                QualityScore s = scorer.score(f, d);
                double sum = 0;
                for (ScoreComponent c : s.components()) sum += c.getContribution();
                assertEquals(s.score(), sum, 0.0, "contributions sum to the score");
                assertEquals(s.score(), scorer.value(f, d), 0.0, "the fast path agrees exactly");
                for (ScoreComponent c : s.components()) {
                    assertTrue(c.getValue() >= 0 && c.getValue() <= 1, c.getName() + " value " + c.getValue());
                    assertEquals(Math.abs(c.getContribution()), c.getWeight() * c.getValue(), 1e-12);
                }
            }
        }
    }

    @Test
    void wellExposedSharpStillFrameBeatsDarkBlurredMovingOne() {
        double good = scorer.score(frame(0.45, 0.22, 0.5, 0.8, 0.0), FrameQualityScorer.NO_CUT).score();
        double dark = scorer.score(frame(0.03, 0.02, 0.1, 0.3, 0.0), FrameQualityScorer.NO_CUT).score();
        double blurred = scorer.score(frame(0.45, 0.22, 0.5, 0.3, 0.0), FrameQualityScorer.NO_CUT).score();
        double moving = scorer.score(frame(0.45, 0.22, 0.5, 0.8, 0.1), FrameQualityScorer.NO_CUT).score();
        assertTrue(good > blurred && good > moving && good > dark);
        assertEquals(5.0, scorer.score(frame(0.45, 0.22, 0.5, 1.0, 0.0), FrameQualityScorer.NO_CUT).score(), 1e-9,
                "a flawless frame scores the sum of the quality weights");
        assertTrue(dark < 0, "near-black is penalised below zero: " + dark);
    }

    @Test
    void penaltiesAreNegativeContributions() {
        Map<String, ScoreComponent> black = byName(scorer.score(frame(0.0, 0.0, 0.0, 0.0, 0.0), 0));
        assertEquals(-3.0, black.get(FrameQualityScorer.NEAR_BLACK).getContribution(), 1e-12);
        assertEquals(-1.5, black.get(FrameQualityScorer.TRANSITION).getContribution(), 1e-12);
        assertEquals(0.0, black.get(FrameQualityScorer.NEAR_WHITE).getContribution(), 1e-12);
        Map<String, ScoreComponent> white = byName(scorer.score(frame(1.0, 0.0, 0.0, 0.0, 0.0), FrameQualityScorer.NO_CUT));
        assertEquals(-3.0, white.get(FrameQualityScorer.NEAR_WHITE).getContribution(), 1e-12);
    }

    @Test
    void transitionPenaltyFadesWithDistanceToTheCut() {
        FrameAnnotation f = frame(0.45, 0.2, 0.4, 0.7, 0.01);
        double previous = Double.NEGATIVE_INFINITY;
        for (long d = 0; d <= 8; d++) {
            double s = scorer.score(f, d).score();
            assertTrue(s >= previous, "score grows with distance from the cut");
            previous = s;
        }
        assertEquals(scorer.score(f, FrameQualityScorer.NO_CUT).score(), scorer.score(f, 7).score(), 0.0,
                "beyond transitionFrames (6) there is no penalty");
        assertTrue(scorer.score(f, 6).score() < scorer.score(f, 7).score());
    }

    @Test
    void namesEveryComponent() {
        assertEquals(java.util.Set.of("exposure", "contrast", "colourfulness", "sharpness", "stillness", "nearBlack",
                        "nearWhite", "transitionProximity"),
                byName(scorer.score(frame(0.5, 0.2, 0.3, 0.5, 0.02), 3)).keySet());
    }
}
