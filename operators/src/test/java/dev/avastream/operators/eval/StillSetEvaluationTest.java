package dev.avastream.operators.eval;

import dev.avastream.operators.eval.StillSetEvaluation.Result;
import dev.avastream.operators.rank.NearDuplicateRule;
import dev.avastream.operators.eval.StillSetEvaluation.Rule;
import dev.avastream.schema.Candidate;
import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.schema.FaceAnnotation;
import dev.avastream.schema.FrameAnnotation;
import dev.avastream.schema.Shot;
import dev.avastream.schema.TitleCharacter;
import dev.avastream.schema.Transition;
import dev.avastream.schema.TransitionType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each rule of {@link StillSetEvaluation} on hand-built stills: one faulty still among good ones, and
 * the still just on the good side of the threshold, so a rule that fires too often or never fails here.
 */
class StillSetEvaluationTest {
    private static final double ND = 0.12;
    private final StillSetEvaluation eval = new StillSetEvaluation(StillSetEvaluation.Criteria.defaults(NearDuplicateRule.appearance(ND)));

    /** Shot 0: frames 0-99 (title start, cut out); shot 1: 100-199 (cut in, dissolve 200-209 out); shot 2: 210-299. */
    private final List<Shot> shots = List.of(
            shot(0, 0, 99, TransitionType.TITLE_START, TransitionType.CUT, 0.0, List.of()),
            shot(1, 100, 199, TransitionType.CUT, TransitionType.DISSOLVE, 0.8,
                    List.of(transition(200, 209))),
            shot(2, 210, 299, TransitionType.DISSOLVE, TransitionType.TITLE_END, 0.2, List.of()));

    @Test
    void transitionFlagsStillsInsideADissolveOrWithinTwoFramesOfACut() {
        List<Candidate> set = List.of(still(50, 0), still(98, 1), still(99, 2), still(100, 3), still(101, 4),
                still(102, 5), still(97, 6), still(205, 7), still(250, 8));
        Result r = evaluate(set);
        assertEquals(List.of(98L, 99L, 100L, 101L, 205L), r.finalSet().byRule().get(Rule.TRANSITION).frames());
        assertTrue(r.finalSet().of(205).get(0).reason().contains("dissolve 200-209"), r.finalSet().of(205).toString());
        assertEquals(5.0 / 9, r.finalSet().byRule().get(Rule.TRANSITION).share(), 1e-9);
    }

    @Test
    void blackFlagsDarkFramesAndMostlyDarkOnes() {
        List<Candidate> set = List.of(still(10, 0), still(20, 1, a -> a.setBrightness(0.06)),
                still(30, 2, a -> a.setBrightness(0.061)), still(40, 3, a -> a.setBrightness(0.2).setDarkFraction(0.92)),
                still(50, 4, a -> a.setBrightness(0.2).setDarkFraction(0.85)));
        assertEquals(List.of(20L, 40L), evaluate(set).finalSet().byRule().get(Rule.BLACK).frames());
    }

    @Test
    void blurredFlagsSoftFramesSmearsAndUnsharpFaces() {
        // Median sharpness of the six is 0.6: below 0.45 is blurred.
        List<Candidate> set = List.of(still(10, 0), still(20, 1), still(30, 2, a -> a.setSharpness(0.44)),
                still(40, 3, a -> a.setSharpness(0.46)), still(50, 4, a -> a.setMotionBlur(0.45)),
                still(60, 5, a -> a.setMotionBlur(0.35)));
        assertEquals(List.of(30L, 50L), evaluate(set).finalSet().byRule().get(Rule.BLURRED).frames());

        // Faces: median face sharpness 0.5; the face at 0.3 is unsharp, at 0.4 it is not.
        List<Candidate> faces = List.of(still(10, 0, a -> face(a, 0.5)), still(20, 1, a -> face(a, 0.5)),
                still(30, 2, a -> face(a, 0.3)), still(40, 3, a -> face(a, 0.4)), still(50, 4, a -> face(a, 0.6)));
        Result r = evaluate(faces);
        assertEquals(List.of(30L), r.finalSet().byRule().get(Rule.BLURRED).frames());
        assertEquals(0.5, r.medianFaceSharpness(), 1e-9);
    }

    @Test
    void nearDuplicateFlagsTheLowerRankedOfTwoAlikeStills() {
        List<Candidate> set = List.of(still(10, 0), still(20, 1), still(30, 0.05), still(40, 1.11), still(60, 2));
        Result r = evaluate(set);
        // 30 is 0.05 from 10, 40 is 0.11 from 20; both lower-ranked. 60 is 0.89 from the nearest.
        assertEquals(List.of(30L, 40L), r.finalSet().byRule().get(Rule.NEAR_DUPLICATE).frames());
        assertTrue(r.finalSet().of(40).get(0).reason().contains("frame 20"), r.finalSet().of(40).toString());
        assertTrue(eval.nearDuplicate(set.get(0), set.get(2)));
        assertTrue(!eval.nearDuplicate(set.get(1), set.get(4)));
    }

    @Test
    void textHeavyFlagsFivePercentOfText() {
        List<Candidate> set = List.of(still(10, 0, a -> a.setTextCoverage(0.05)), still(20, 1, a -> a.setTextCoverage(0.049)),
                still(30, 2));
        assertEquals(List.of(10L), evaluate(set).finalSet().byRule().get(Rule.TEXT_HEAVY).frames());
    }

    @Test
    void facelessFlagsAStillWithoutAFaceFromAShotOfPeople() {
        // Shot 1 has faces on 80% of its model frames, shot 2 on 20%; shot 0 none.
        List<Candidate> set = List.of(still(150, 0, a -> a.setFaceCount(0)), still(160, 1, a -> face(a, 0.5)),
                still(250, 2, a -> a.setFaceCount(0)), still(50, 3, a -> a.setFaceCount(0)),
                still(170, 4)); // faces not measured: not judged
        assertEquals(List.of(150L), evaluate(set).finalSet().byRule().get(Rule.FACELESS).frames());
    }

    @Test
    void coverageCountsShotsFramesAndCharacters() {
        List<Candidate> set = List.of(still(50, 0, "character-1"), still(60, 1, "character-1"), still(150, 2, "character-3"),
                still(160, 3, ""));
        CandidateSetUpdate last = CandidateSetUpdate.newBuilder(update(1, set, List.of(50L, 60L, 150L, 160L), List.of()))
                .setCharacters(List.of(character("character-1"), character("character-2"), character("character-3"),
                        character("character-4"))).build();
        Result r = eval.evaluate(List.of(last), shots, 4);
        assertEquals(2, r.coverage().shotsCovered());
        assertEquals(3, r.coverage().shotsFound());
        assertEquals(200, r.coverage().framesCovered());
        assertEquals(200.0 / 300, r.coverage().durationShare(), 1e-9);
        assertEquals(2, r.coverage().charactersCovered());
        assertEquals(4, r.coverage().charactersFound());
        assertEquals(3, r.coverage().leadingCharacters());
        assertEquals(2, r.coverage().leadingCovered());
    }

    @Test
    void churnCountsReplacementsNotGrowthAndFindsFlips() {
        Candidate a = still(10, 0), b = still(20, 1), c = still(30, 2), d = still(40, 3), e = still(50, 4);
        List<CandidateSetUpdate> updates = List.of(
                update(1, List.of(a, b), List.of(10L, 20L), List.of()),          // first: no step
                update(2, List.of(a, b, c, d), List.of(30L, 40L), List.of()),    // grew by 2: churn 0
                update(3, List.of(a, b, c, e), List.of(50L), List.of(40L)),      // one replaced: 2/8
                update(4, List.of(a, b, c, d), List.of(40L), List.of(50L)),      // d back, same score: a flip; 2/8
                update(5, List.of(a, b, c, d), List.of(), List.of(30L)));        // published removed is wrong
        StillSetEvaluation.Churn churn = eval.evaluate(updates, shots, 4).churn();
        assertEquals(4, churn.steps());
        assertEquals((0 + 0.25 + 0.25 + 0) / 4, churn.mean(), 1e-9);
        assertEquals(0.25, churn.max(), 1e-9);
        assertEquals(3, churn.maxAt());
        assertEquals(List.of(new StillSetEvaluation.Flip(40, 3, 4, d.getScore())), churn.flips());
        assertEquals(1, churn.inexactUpdates());

        // d comes back with another score: a real change, not a flip.
        Candidate d2 = Candidate.newBuilder(d).setScore(d.getScore() + 0.1).build();
        List<CandidateSetUpdate> changed = new ArrayList<>(updates.subList(0, 3));
        changed.add(update(4, List.of(a, b, c, d2), List.of(40L), List.of(50L)));
        assertEquals(List.of(), eval.evaluate(changed, shots, 4).churn().flips());
    }

    @Test
    void allUpdatesCountsEveryStillEverPublishedOnce() {
        Candidate good = still(10, 0), dark = still(20, 1, x -> x.setBrightness(0.01)), other = still(30, 2);
        List<CandidateSetUpdate> updates = List.of(update(1, List.of(good, dark), List.of(10L, 20L), List.of()),
                update(2, List.of(good, dark), List.of(), List.of()),
                update(3, List.of(good, other), List.of(30L), List.of(20L)));
        Result r = eval.evaluate(updates, shots, 2);
        assertEquals(0, r.finalSet().faultyStills());
        assertEquals(3, r.allUpdates().stills());
        assertEquals(List.of(20L), r.allUpdates().byRule().get(Rule.BLACK).frames());
        assertEquals(1.0 / 3, r.allUpdates().byRule().get(Rule.BLACK).share(), 1e-9);
    }

    // ---- hand-built records ----

    private Result evaluate(List<Candidate> set) {
        List<Long> frames = set.stream().map(Candidate::getFrameIndex).toList();
        return eval.evaluate(List.of(update(1, set, frames, List.of())), shots, set.size());
    }

    /** A good still: mid-grey, sharp 0.6, no faces measured, appearance vector {x, 0}. */
    private static Candidate still(long frame, double x) { return still(frame, x, a -> { }); }

    private static Candidate still(long frame, double x, String who) {
        return Candidate.newBuilder(still(frame, x)).setMainCharacter(who).build();
    }

    private static Candidate still(long frame, double x, Consumer<FrameAnnotation.Builder> edit) {
        FrameAnnotation.Builder a = FrameAnnotation.newBuilder().setFrameIndex(frame).setTimeUs(frame * 40_000)
                .setBrightness(0.45).setContrast(0.2).setColourfulness(0.3).setSharpness(0.6).setDarkFraction(0.05);
        edit.accept(a);
        return Candidate.newBuilder().setFrameIndex(frame).setTimeUs(frame * 40_000).setScore(1.0 - frame / 1000.0)
                .setFeature(List.of((float) x, 0f)).setAnnotation(a.build()).setThumbnailWidth(320).setThumbnailHeight(180)
                .setShotIndex(frame < 100 ? 0 : frame < 200 ? 1 : 2).build();
    }

    private static void face(FrameAnnotation.Builder a, double sharpness) {
        a.setFaceCount(1).setFaces(List.of(FaceAnnotation.newBuilder().setX(0.4).setY(0.3).setWidth(0.2).setHeight(0.3)
                .setScore(0.9).setShare(0.06).setYaw(0).setPitch(0).setRoll(0).setEyeOpenness(0.3).setEyesOpen(true)
                .setMouthOpenness(0).setMouthOpen(false).setExpression("neutral").setSharpness(sharpness).build()));
    }

    private static Shot shot(int index, long start, long end, TransitionType in, TransitionType out, double faceShare,
                             List<Transition> after) {
        return Shot.newBuilder().setRunId("r").setTitleId("t").setIndex(index).setStartFrame(start).setEndFrame(end)
                .setStartUs(start * 40_000).setEndUs(end * 40_000).setTransitionIn(in).setTransitionOut(out)
                .setFaceFrameShare(faceShare).setTransitionsAfter(after).build();
    }

    private static Transition transition(long start, long end) {
        return Transition.newBuilder().setType(TransitionType.DISSOLVE).setStartFrame(start).setEndFrame(end).build();
    }

    private static TitleCharacter character(String name) {
        return TitleCharacter.newBuilder().setName(name).setModelFrames(10).setShots(2).setFaces(10).build();
    }

    private static CandidateSetUpdate update(long version, List<Candidate> set, List<Long> added, List<Long> removed) {
        return CandidateSetUpdate.newBuilder().setRunId("r").setTitleId("t").setSource("t.mp4").setVersion(version)
                .setChunksReceived((int) version).setChunksAssembled((int) version).setChunkCount(5).setFramesProcessed(300)
                .setShotsClosed(3).setPoolSize(set.size()).setComplete(false).setCandidates(set).setAdded(added)
                .setRemoved(removed).setEmittedAtMs(0).build();
    }
}
