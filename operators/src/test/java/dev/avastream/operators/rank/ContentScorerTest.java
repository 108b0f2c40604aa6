package dev.avastream.operators.rank;

import dev.avastream.operators.annotate.AnalysedFrame;
import dev.avastream.schema.FaceAnnotation;
import dev.avastream.schema.FrameAnnotation;
import dev.avastream.schema.ScoreComponent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the models saw, as score components and exclusions, on annotations where the answer is known. */
class ContentScorerTest {

    private final FrameQualityScorer scorer = new FrameQualityScorer(FrameQualityScorer.Params.defaults(),
            new ContentScorer(ContentScorer.Params.defaults()));

    /** A well-exposed model frame with nothing in it (no faces, no text, nothing explicit). */
    private static FrameAnnotation frame() {
        FrameAnnotation a = AnalysedFrame.blankAnnotation(100, 4_000_000);
        a.setBrightness(0.45);
        a.setContrast(0.22);
        a.setColourfulness(0.4);
        a.setSharpness(0.7);
        a.setMotion(0.01);
        a.setModelFrame("STRIDE");
        a.setFaceCount(0);
        a.setPersonCount(0);
        a.setTextCoverage(0.0);
        a.setNudityExplicit(0.01);
        a.setMotionBlur(0.1);
        return a;
    }

    private static FaceAnnotation face(double x, double y, double size, double yaw, boolean eyesOpen, double sharpness) {
        return FaceAnnotation.newBuilder().setTrackId(1).setX(x).setY(y).setWidth(size * 9 / 16).setHeight(size)
                .setScore(0.9).setShare(size * size * 9 / 16).setYaw(yaw).setPitch(0).setRoll(0)
                .setEyeOpenness(eyesOpen ? 0.3 : 0.1).setEyesOpen(eyesOpen).setMouthOpenness(0).setMouthOpen(false)
                .setExpression("happy").setExpressions(Map.of("happy", 0.8, "neutral", 0.2)).setSharpness(sharpness).build();
    }

    private static FrameAnnotation with(FaceAnnotation f) {
        FrameAnnotation a = frame();
        a.setFaces(new ArrayList<>(List.of(f)));
        a.setFaceCount(1);
        a.setPersonCount(1);
        return a;
    }

    private double score(FrameAnnotation a) {
        QualityScore q = scorer.score(a, FrameQualityScorer.NO_CUT);
        double sum = q.components().stream().mapToDouble(ScoreComponent::getContribution).sum();
        assertEquals(q.score(), sum, 1e-9, "the components add up to the score");
        return q.score();
    }

    private static double component(QualityScore q, String name) {
        return q.components().stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow().getValue();
    }

    @Test
    void aGoodFaceBeatsClosedEyesAProfileACutOffFaceABlurredFaceAndNoFace() {
        double good = score(with(face(0.3, 0.2, 0.3, 5, true, 0.7)));
        assertTrue(good > score(with(face(0.3, 0.2, 0.3, 5, false, 0.7))), "closed eyes");
        assertTrue(good > score(with(face(0.3, 0.2, 0.3, 70, true, 0.7))), "a profile");
        assertTrue(good > score(with(face(0.0, 0.2, 0.3, 5, true, 0.7))), "cut off by the frame's edge");
        assertTrue(good > score(with(face(0.3, 0.2, 0.3, 5, true, 0.2))), "a soft face");
        assertTrue(good > score(with(face(0.3, 0.2, 0.05, 5, true, 0.7))), "an extra in the background");
        assertTrue(good > score(frame()), "a face beats no face");
        QualityScore q = scorer.score(with(face(0.3, 0.2, 0.3, 5, true, 0.7)), FrameQualityScorer.NO_CUT);
        assertEquals((1 + 1 + (0.8 - 0.5) / 0.5 + 0.7 + 1) / 5, component(q, ContentScorer.FACE), 1e-9,
                "eyes, pose, expression above chance, sharpness and size, averaged");
    }

    @Test
    void aSmearedSubjectTextAndNudityCostScore() {
        FrameAnnotation smeared = frame();
        smeared.setMotionBlur(0.7);
        assertTrue(score(smeared) < score(frame()), "a smeared subject");
        FrameAnnotation subtitled = frame();
        subtitled.setTextCoverage(0.05);
        QualityScore q = scorer.score(subtitled, FrameQualityScorer.NO_CUT);
        assertEquals(0.5, component(q, ContentScorer.TEXT), 1e-9, "half of a tenth of the frame");
        assertNull(scorer.exclusion(subtitled), "a subtitle line is penalised, not excluded");
        FrameAnnotation card = frame();
        card.setTextCoverage(0.26);
        assertNotNull(scorer.exclusion(card), "a title card is excluded");
    }

    @Test
    void explicitContentIsExcludedWhereAPersonIsInViewAndDiscountedWhereNobodyIs() {
        FrameAnnotation person = with(face(0.3, 0.2, 0.3, 5, true, 0.7));
        person.setNudityExplicit(0.9);
        assertNotNull(scorer.exclusion(person));
        FrameAnnotation sky = frame();           // the classifier's false positive on a cartoon sky: nobody in view
        sky.setNudityExplicit(0.95);
        assertNull(scorer.exclusion(sky));
        assertEquals(0.0, component(scorer.score(sky, FrameQualityScorer.NO_CUT), ContentScorer.NUDITY), 1e-9,
                "0.95 / 5 is under the penalty's start");
        FrameAnnotation suggestive = with(face(0.3, 0.2, 0.3, 5, true, 0.7));
        suggestive.setNudityExplicit(0.55);
        assertEquals(0.5, component(scorer.score(suggestive, FrameQualityScorer.NO_CUT), ContentScorer.NUDITY), 1e-9);
    }

    @Test
    void framesTheModelsDidNotSeeGetNoContentComponents() {
        FrameAnnotation a = frame();
        a.setModelFrame("NONE");
        a.setTextCoverage(0.5);
        QualityScore q = scorer.score(a, FrameQualityScorer.NO_CUT);
        assertTrue(q.components().stream().noneMatch(c -> c.getName().equals(ContentScorer.TEXT)));
        assertNull(scorer.exclusion(a));
        assertEquals(new FrameQualityScorer().score(a, FrameQualityScorer.NO_CUT).score(), q.score(), 1e-12);
    }
}
