package dev.avastream.operators.feedback;

import dev.avastream.operators.annotate.AnalysedFrame;
import dev.avastream.operators.config.ProfileDefault;
import dev.avastream.operators.config.SettingValues;
import dev.avastream.operators.config.Tunables;
import dev.avastream.operators.config.WeightProfile;
import dev.avastream.operators.rank.ContentScorer;
import dev.avastream.operators.rank.FrameQualityScorer;
import dev.avastream.schema.FaceAnnotation;
import dev.avastream.schema.FrameAnnotation;
import dev.avastream.schema.ScoreComponent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The learner on synthetic curator marks whose preference is known: it must find that preference,
 * leave what the curator did not care about alone, and keep the current weights when the marks say
 * too little.
 */
class ProfileWeightLearnerTest {

    private static final SettingValues DEFAULTS = SettingValues.defaults();
    private static final Map<String, Double> DEFAULT_WEIGHTS = ComponentWeights.current(DEFAULTS, "default");

    /** A candidate's components with these values, weighed as the default profile scores them. */
    private static List<ScoreComponent> components(Map<String, Double> values) {
        List<ScoreComponent> parts = new ArrayList<>();
        values.forEach((name, value) -> {
            double w = DEFAULT_WEIGHTS.getOrDefault(name, 1.0);
            boolean penalty = ComponentWeights.named(name).map(ComponentWeights.Component::penalty).orElse(false);
            parts.add(new ScoreComponent(name, value, w, penalty ? -w * value : w * value));
        });
        return parts;
    }

    /**
     * Random-ish, but the same on every run (java.util.Random's sequence is specified). Published
     * candidates are a title's better frames, so they are all decently exposed, sharp and still, and
     * differ within narrow bands there; colourfulness spans its whole range.
     */
    private static Map<String, Double> randomValues(Random r) {
        Map<String, Double> v = new LinkedHashMap<>();
        v.put(FrameQualityScorer.EXPOSURE, 0.7 + 0.25 * r.nextDouble());
        v.put(FrameQualityScorer.CONTRAST, 0.6 + 0.3 * r.nextDouble());
        v.put(FrameQualityScorer.COLOURFULNESS, r.nextDouble());
        v.put(FrameQualityScorer.SHARPNESS, 0.6 + 0.3 * r.nextDouble());
        v.put(FrameQualityScorer.STILLNESS, 0.6 + 0.4 * r.nextDouble());
        v.put(FrameQualityScorer.NEAR_BLACK, r.nextDouble() < 0.1 ? 0.2 * r.nextDouble() : 0.0);
        v.put(FrameQualityScorer.TRANSITION, r.nextDouble() < 0.1 ? 0.3 * r.nextDouble() : 0.0);
        v.put(ContentScorer.FACE, 0.4 + 0.3 * r.nextDouble());
        v.put(ContentScorer.PLACEMENT, 0.3 + 0.5 * r.nextDouble());
        v.put(ContentScorer.TEXT, r.nextDouble() < 0.1 ? 0.2 * r.nextDouble() : 0.0);
        return v;
    }

    private static FeedbackMark mark(String title, String profile, long frame, Verdict verdict,
                                     List<ScoreComponent> parts, long at) {
        return new FeedbackMark(title, profile, frame, verdict, parts, at, "curator-1");
    }

    /**
     * Titles of 8 candidates each; the curator picks the 2 with the highest value of {@code component}
     * (the lowest unless {@code preferHigh}) of each and rejects the rest, whatever else the frames have.
     */
    private static List<FeedbackMark> colourfulCurator(String profile, int titles, long seed, String component,
                                                       boolean preferHigh) {
        Random r = new Random(seed);
        List<FeedbackMark> marks = new ArrayList<>();
        long at = 1_000;
        for (int t = 0; t < titles; t++) {
            List<Map<String, Double>> frames = new ArrayList<>();
            for (int f = 0; f < 8; f++) frames.add(randomValues(r));
            List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7));
            Comparator<Integer> by = Comparator.comparingDouble(i -> frames.get(i).get(component));
            order.sort(preferHigh ? by.reversed() : by);
            for (int k = 0; k < order.size(); k++) {
                int f = order.get(k);
                marks.add(mark("title-" + t, profile, 100L * f, k < 2 ? Verdict.PICK : Verdict.REJECT,
                        components(frames.get(f)), at++));
            }
        }
        return marks;
    }

    private static List<FeedbackMark> colourfulCurator(String profile, int titles, long seed) {
        return colourfulCurator(profile, titles, seed, FrameQualityScorer.COLOURFULNESS, true);
    }

    /** Index of the frame that ranks first under {@code weights}. */
    private static int first(List<List<ScoreComponent>> frames, Map<String, Double> weights) {
        int best = 0;
        for (int i = 1; i < frames.size(); i++) {
            if (ComponentWeights.score(frames.get(i), weights) > ComponentWeights.score(frames.get(best), weights)) best = i;
        }
        return best;
    }

    @Test
    void learnsThatTheCuratorWantsColourAndRanksANewTitleByIt() {
        LearnedWeights learned = new ProfileWeightLearner().learn("default", colourfulCurator("default", 3, 42), DEFAULTS);
        String report = learned.report();

        assertTrue(learned.learned(), report);
        assertEquals(24, learned.marksUsed(), report);
        assertEquals(36, learned.pairsUsed(), report);
        assertEquals(3, learned.titles(), report);
        double colour = learned.learned(FrameQualityScorer.COLOURFULNESS);
        double colourBefore = DEFAULT_WEIGHTS.get(FrameQualityScorer.COLOURFULNESS);
        assertTrue(colour > colourBefore + 1.0, "colourfulness must rise clearly: " + report);
        for (LearnedWeights.Weight w : learned.weights()) {
            if (w.name().equals(FrameQualityScorer.COLOURFULNESS)) continue;
            assertTrue(Math.abs(w.change()) < 0.5, w.name() + " moved too far: " + report);
            assertTrue(Math.abs(w.change()) < (colour - colourBefore) / 3, w.name() + " moved too far: " + report);
        }
        assertTrue(learned.agreementAfter() > learned.agreementBefore(), report);
        assertTrue(learned.agreementAfter() >= 0.9, report);

        // A title the learner never saw: the most colourful frame is a little less sharp and less still
        // than the others, so the declared weights put another frame first and the learned ones it.
        List<List<ScoreComponent>> fresh = List.of(
                components(Map.of("exposure", 0.8, "contrast", 0.6, "colourfulness", 0.30, "sharpness", 0.85,
                        "stillness", 0.9, "face", 0.5, "subjectPlacement", 0.5)),
                components(Map.of("exposure", 0.8, "contrast", 0.6, "colourfulness", 0.95, "sharpness", 0.55,
                        "stillness", 0.7, "face", 0.5, "subjectPlacement", 0.5)),
                components(Map.of("exposure", 0.8, "contrast", 0.6, "colourfulness", 0.10, "sharpness", 0.9,
                        "stillness", 0.8, "face", 0.5, "subjectPlacement", 0.5)));
        assertNotEquals(1, first(fresh, learned.currentWeights()), "the test needs the declared weights to miss it");
        assertEquals(1, first(fresh, learned.learnedWeights()), report);
        assertTrue(learned.rescore(fresh.get(1)) > learned.rescore(fresh.get(0)), report);

        // The overrides are the changed weights, ready to layer over the profile's
        List<ProfileDefault<?>> overrides = learned.overrides();
        assertTrue(overrides.stream().anyMatch(o -> o.setting() == Tunables.COLOURFULNESS_WEIGHT), report);
        assertEquals(learned.weights().stream().filter(LearnedWeights.Weight::changed).count(), overrides.size());
        assertTrue(overrides.get(0).reason().startsWith("learned from 24 curator marks on 3 titles (pairwise agreement "),
                overrides.get(0).reason());
        List<ProfileDefault<?>> layered = new ArrayList<>(WeightProfile.DEFAULT.overrides());
        layered.addAll(overrides);
        assertEquals(colour, SettingValues.defaults().over(layered).get(Tunables.COLOURFULNESS_WEIGHT));
    }

    @Test
    void tooFewPairsKeepTheCurrentWeightsAndSayWhy() {
        ProfileWeightLearner learner = new ProfileWeightLearner();
        LearnedWeights none = learner.learn("drama", List.of(), DEFAULTS);
        assertFalse(none.learned());
        assertEquals(0, none.pairsUsed());
        assertTrue(none.reason().startsWith("not learned: 0 pairs"), none.reason());
        assertEquals(ComponentWeights.current(DEFAULTS, "drama"), none.learnedWeights());
        assertEquals(3.0, none.learned(ContentScorer.FACE), "drama's own face weight is the current one");
        assertTrue(none.overrides().isEmpty());
        assertTrue(Double.isNaN(none.agreementBefore()));

        // one title: 1 pick and 3 rejects are 3 pairs, under the 10 needed
        List<FeedbackMark> few = colourfulCurator("drama", 1, 7).subList(1, 5);
        LearnedWeights some = learner.learn("drama", few, DEFAULTS);
        assertFalse(some.learned(), some.report());
        assertEquals(3, some.pairsUsed());
        assertTrue(some.reason().contains("fewer than the 10 needed"), some.reason());
        assertEquals(some.currentWeights(), some.learnedWeights());
        assertTrue(some.overrides().isEmpty());

        // only picks: no pair at all
        List<FeedbackMark> picks = colourfulCurator("drama", 3, 7).stream().filter(m -> m.verdict() == Verdict.PICK).toList();
        assertEquals(0, learner.learn("drama", picks, DEFAULTS).pairsUsed());
    }

    @Test
    void theLatestMarkPerFrameWinsAndClearRetractsIt() {
        List<ScoreComponent> a = components(Map.of("colourfulness", 0.9)), b = components(Map.of("colourfulness", 0.1));
        List<FeedbackMark> marks = List.of(
                mark("t", "default", 1, Verdict.PICK, a, 10),
                mark("t", "default", 2, Verdict.PICK, b, 10),
                mark("t", "default", 3, Verdict.REJECT, b, 10),
                mark("t", "default", 2, Verdict.REJECT, b, 20),  // changed their mind
                mark("t", "default", 3, Verdict.CLEAR, List.of(), 30),  // took it back
                mark("t", "default", 4, Verdict.PICK, a, 50),
                mark("t", "default", 4, Verdict.CLEAR, List.of(), 40)); // earlier than the pick: the pick stands
        Map<Long, FeedbackMark> latest = ProfileWeightLearner.replay("default", marks).get("t");
        assertEquals(List.of(1L, 2L, 4L), List.copyOf(latest.keySet()));
        assertEquals(Verdict.REJECT, latest.get(2L).verdict());
        assertEquals(Verdict.PICK, latest.get(4L).verdict());

        // ties in time: list order decides
        Map<Long, FeedbackMark> tie = ProfileWeightLearner.replay("default", List.of(
                mark("t", "default", 1, Verdict.PICK, a, 5), mark("t", "default", 1, Verdict.REJECT, a, 5))).get("t");
        assertEquals(Verdict.REJECT, tie.get(1L).verdict());

        // through the learner: 2 picks x 1 reject
        LearnedWeights learned = new ProfileWeightLearner(FROM_ONE_PAIR).learn("default", marks, DEFAULTS);
        assertEquals(2, learned.pairsUsed(), learned.report());
        assertEquals(3, learned.marksUsed());

        // the arrival order of marks with distinct times does not matter
        List<FeedbackMark> many = new ArrayList<>(colourfulCurator("default", 3, 42));
        LearnedWeights inOrder = new ProfileWeightLearner().learn("default", many, DEFAULTS);
        Collections.shuffle(many, new Random(3));
        assertEquals(inOrder, new ProfileWeightLearner().learn("default", many, DEFAULTS));
    }

    /** The default parameters, except that a single pair is enough. */
    private static final ProfileWeightLearner.Params FROM_ONE_PAIR = new ProfileWeightLearner.Params(0.1, 5000, 1e-7,
            1, 10.0, 0.01);

    @Test
    void marksOfAnotherProfileAreIgnored() {
        List<FeedbackMark> mine = colourfulCurator("default", 3, 42);
        // a kids curator with the opposite taste, on the same titles and frames
        List<FeedbackMark> theirs = colourfulCurator("kids", 3, 42, FrameQualityScorer.COLOURFULNESS, false);
        List<FeedbackMark> both = new ArrayList<>(mine);
        both.addAll(theirs);
        ProfileWeightLearner learner = new ProfileWeightLearner();
        assertEquals(learner.learn("default", mine, DEFAULTS), learner.learn("default", both, DEFAULTS));

        LearnedWeights kids = learner.learn("kids", both, DEFAULTS);
        assertEquals(1.0, kids.currentWeights().get(FrameQualityScorer.COLOURFULNESS), "kids' own weight is the base");
        assertTrue(kids.learned(FrameQualityScorer.COLOURFULNESS) < 1.0, kids.report());
    }

    @Test
    void weightsNeverGoNegative() {
        // the curator always picks the blurriest frames: sharpness is a reward they dislike
        List<FeedbackMark> marks = colourfulCurator("default", 5, 11, FrameQualityScorer.SHARPNESS, false);
        ProfileWeightLearner.Params weak = new ProfileWeightLearner.Params(0.01, 5000, 1e-7, 10, 10.0, 0.01);
        LearnedWeights learned = new ProfileWeightLearner(weak).learn("default", marks, DEFAULTS);
        String report = learned.report();
        assertEquals(0.0, learned.learned(FrameQualityScorer.SHARPNESS), report);
        for (LearnedWeights.Weight w : learned.weights()) {
            assertTrue(w.learned() >= 0 && w.learned() <= 10.0, w.name() + ": " + report);
        }
        // and a weight set above the cap is not cut down to it by the cap alone
        SettingValues high = DEFAULTS.with(Tunables.NEAR_BLACK_WEIGHT, 20.0);
        LearnedWeights capped = new ProfileWeightLearner(weak).learn("default", marks, high);
        assertTrue(capped.learned(FrameQualityScorer.NEAR_BLACK) <= 20.0, capped.report());
    }

    @Test
    void theReportFitsEightyColumns() {
        List<FeedbackMark> marks = new ArrayList<>(colourfulCurator("action", 3, 5));
        List<ScoreComponent> odd = new ArrayList<>(marks.get(0).components());
        odd.add(new ScoreComponent("aVeryLongComponentNameNoSettingWeighsAtAllWhichMustStillNotBreakTheReportWidth",
                0.5, 1.0, 0.5));
        marks.set(0, mark("title-0", "action", marks.get(0).frameIndex(), Verdict.PICK, odd, 1));
        for (LearnedWeights l : List.of(new ProfileWeightLearner().learn("action", marks, DEFAULTS),
                new ProfileWeightLearner().learn("action", List.of(), DEFAULTS))) {
            String report = l.report();
            for (String line : report.split("\n")) {
                assertTrue(line.length() <= LearnedWeights.REPORT_WIDTH, "too wide (" + line.length() + "): " + line);
            }
            for (ComponentWeights.Component c : ComponentWeights.all()) assertTrue(report.contains(c.name()), report);
        }
        LearnedWeights l = new ProfileWeightLearner().learn("action", marks, DEFAULTS);
        assertEquals(Map.of("aVeryLongComponentNameNoSettingWeighsAtAllWhichMustStillNotBreakTheReportWidth", 1),
                l.ignoredComponents());
    }

    /** The mapping must match what the scorers emit: names, weights and the sign of penalties. */
    @Test
    void componentWeightsMatchWhatTheScorersEmit() {
        FrameAnnotation a = AnalysedFrame.blankAnnotation(100, 4_000_000);
        a.setBrightness(0.05); // near black, so that penalty is non-zero
        a.setContrast(0.2);
        a.setColourfulness(0.3);
        a.setSharpness(0.7);
        a.setMotion(0.01);
        a.setModelFrame("CANDIDATE");
        a.setTextCoverage(0.05);
        a.setNudityExplicit(0.6);
        a.setMotionBlur(0.5);
        a.setSubjectThirdsScore(0.8);
        a.setFaceCount(1);
        a.setPersonCount(1);
        a.setFaces(new ArrayList<>(List.of(FaceAnnotation.newBuilder().setTrackId(1).setX(0.4).setY(0.3)
                .setWidth(0.2).setHeight(0.3).setScore(0.9).setShare(0.06).setYaw(5).setPitch(0).setRoll(0)
                .setEyeOpenness(0.3).setEyesOpen(true).setMouthOpenness(0).setMouthOpen(false).setExpression("happy")
                .setExpressions(Map.of("happy", 0.8, "neutral", 0.2)).setSharpness(0.6).build())));
        SettingValues drama = DEFAULTS.with(Tunables.QUALITY_PROFILE, "drama");
        FrameQualityScorer scorer = new FrameQualityScorer(FrameQualityScorer.Params.from(drama),
                new ContentScorer(ContentScorer.Params.from(drama)));
        var scored = scorer.score(a, 2);
        Map<String, Double> weights = ComponentWeights.current(DEFAULTS, "drama");
        assertEquals(13, scored.components().size(), "every scorer component is present: " + scored.components());
        for (ScoreComponent part : scored.components()) {
            ComponentWeights.Component c = ComponentWeights.named(part.getName()).orElseThrow(
                    () -> new AssertionError("no weight setting for " + part.getName()));
            assertEquals(weights.get(c.name()), part.getWeight(), 1e-12, c.name());
            assertEquals(c.signed(part.getValue()) * part.getWeight(), part.getContribution(), 1e-12, c.name());
        }
        assertEquals(scored.score(), ComponentWeights.score(scored.components(), weights), 1e-9);
        assertEquals(Tunables.MAIN_CHARACTER_WEIGHT, ComponentWeights.named("mainCharacter").orElseThrow().setting());
        assertEquals(14, ComponentWeights.all().size());
    }

    @Test
    void aMarkNeedsATitleAndAProfile() {
        assertThrows(IllegalArgumentException.class, () -> mark(" ", "default", 1, Verdict.PICK, List.of(), 1));
        assertThrows(IllegalArgumentException.class, () -> mark("t", "", 1, Verdict.PICK, List.of(), 1));
        assertThrows(NullPointerException.class, () -> mark(null, "default", 1, Verdict.PICK, List.of(), 1));
        assertThrows(NullPointerException.class, () -> mark("t", "default", 1, null, List.of(), 1));
        assertThrows(IllegalArgumentException.class, () -> new ProfileWeightLearner().learn("nonsense", List.of(), DEFAULTS));
    }
}
