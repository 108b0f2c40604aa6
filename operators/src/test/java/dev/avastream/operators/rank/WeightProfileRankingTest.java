package dev.avastream.operators.rank;

import dev.avastream.operators.annotate.AnalysedFrame;
import dev.avastream.operators.config.SettingValues;
import dev.avastream.operators.config.Tunables;
import dev.avastream.schema.FaceAnnotation;
import dev.avastream.schema.FrameAnnotation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The profiles change which of two frames ranks first, not just the numbers: a held, well-placed face
 * close-up against a punchy frame caught mid-action (a turned face, motion, some smear, hard contrast).
 */
class WeightProfileRankingTest {

    /** A still, soft-contrast close-up: a sharp frontal face with a clear expression, on a third. */
    private static FrameAnnotation closeUp() {
        FrameAnnotation a = modelFrame(0.10, 0.15, 0.6, 0.0, 0.05);
        a.setFaces(new ArrayList<>(List.of(face(0.55, 0.15, 0.5, 5, Map.of("sad", 0.55, "neutral", 0.45), 0.6))));
        a.setFaceCount(1);
        a.setPersonCount(1);
        a.setSubjectThirdsScore(0.8);
        return a;
    }

    /** Mid-action: high contrast and colour, moving, the subject smeared, the face small and turned. */
    private static FrameAnnotation action() {
        FrameAnnotation a = modelFrame(0.30, 0.5, 0.8, 0.06, 0.55);
        a.setFaces(new ArrayList<>(List.of(face(0.4, 0.3, 0.12, 50, Map.of("angry", 0.6, "neutral", 0.4), 0.3))));
        a.setFaceCount(1);
        a.setPersonCount(1);
        a.setSubjectThirdsScore(0.3);
        return a;
    }

    private static FrameAnnotation modelFrame(double contrast, double colourfulness, double sharpness, double motion,
                                              double motionBlur) {
        FrameAnnotation a = AnalysedFrame.blankAnnotation(100, 4_000_000);
        a.setBrightness(0.45);
        a.setContrast(contrast);
        a.setColourfulness(colourfulness);
        a.setSharpness(sharpness);
        a.setMotion(motion);
        a.setModelFrame("CANDIDATE");
        a.setTextCoverage(0.0);
        a.setNudityExplicit(0.01);
        a.setMotionBlur(motionBlur);
        return a;
    }

    private static FaceAnnotation face(double x, double y, double size, double yaw, Map<String, Double> expressions,
                                       double sharpness) {
        return FaceAnnotation.newBuilder().setTrackId(1).setX(x).setY(y).setWidth(size * 9 / 16).setHeight(size)
                .setScore(0.9).setShare(size * size * 9 / 16).setYaw(yaw).setPitch(0).setRoll(0)
                .setEyeOpenness(0.3).setEyesOpen(true).setMouthOpenness(0).setMouthOpen(false)
                .setExpression(expressions.keySet().iterator().next()).setExpressions(expressions)
                .setSharpness(sharpness).build();
    }

    private static double score(String profile, FrameAnnotation a) {
        SettingValues v = SettingValues.defaults().with(Tunables.QUALITY_PROFILE, profile);
        FrameQualityScorer scorer = new FrameQualityScorer(FrameQualityScorer.Params.from(v),
                new ContentScorer(ContentScorer.Params.from(v)));
        return scorer.score(a, FrameQualityScorer.NO_CUT).score();
    }

    @Test
    void dramaPutsTheHeldCloseUpFirstActionTheFrameMidAction() {
        double dramaClose = score("drama", closeUp()), dramaAction = score("drama", action());
        double actionClose = score("action", closeUp()), actionAction = score("action", action());
        String figures = String.format("drama %.3f vs %.3f, action %.3f vs %.3f (close-up vs mid-action)",
                dramaClose, dramaAction, actionClose, actionAction);
        assertTrue(dramaClose > dramaAction + 0.5, figures);
        assertTrue(actionAction > actionClose, figures);
        // the same two frames under the declared weights: the close-up, by less than under drama
        assertTrue(score("default", closeUp()) > score("default", action()), figures);
        assertTrue(score("default", closeUp()) - score("default", action()) < dramaClose - dramaAction, figures);
    }

    @Test
    void kidsRejectsABorderlineFrameTheDeclaredWeightsKeep() {
        FrameAnnotation beach = closeUp();
        beach.setNudityExplicit(0.6);
        ContentScorer declared = new ContentScorer(ContentScorer.Params.defaults());
        ContentScorer kids = new ContentScorer(ContentScorer.Params.from(
                SettingValues.defaults().with(Tunables.QUALITY_PROFILE, "kids")));
        assertTrue(declared.exclusion(beach) == null, "not excluded under the declared thresholds");
        String why = kids.exclusion(beach);
        assertTrue(why != null && why.contains("quality.max-nudity"), String.valueOf(why));
        assertTrue(score("kids", beach) < score("default", beach), "and it loses more score");
    }
}
