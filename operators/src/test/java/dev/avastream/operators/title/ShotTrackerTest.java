package dev.avastream.operators.title;

import dev.avastream.schema.ColourShare;
import dev.avastream.schema.FrameAnnotation;
import dev.avastream.schema.Shot;
import dev.avastream.schema.ShotState;
import dev.avastream.schema.Transition;
import dev.avastream.schema.TransitionType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShotTrackerTest {

    @Test
    void aCutEndsTheShotAndTheTitleEndEndsTheLast() {
        ShotTracker t = tracker(ShotTracker.empty());
        List<Shot> closed = new ArrayList<>();
        for (long f = 0; f < 10; f++) {
            int shot = t.add(frame(f, 0.2 + f / 100.0), f == 6, closed);
            assertEquals(f < 6 ? 0 : 1, shot, "frame " + f);
        }
        t.offerKeyFrame(8, 0.4);
        t.offerKeyFrame(9, 0.7);
        t.offerKeyFrame(7, 0.7); // a tie keeps the first offered
        assertEquals(1, closed.size(), "the shot ended by the cut is handed out when the next opens");
        t.end(TransitionType.TITLE_END, closed);
        assertEquals(2, closed.size());
        Shot first = closed.get(0), second = closed.get(1);
        assertEquals(List.of(0L, 5L, 6L, 9L), List.of(first.getStartFrame(), first.getEndFrame(), second.getStartFrame(), second.getEndFrame()));
        assertEquals(TransitionType.TITLE_START, first.getTransitionIn());
        assertEquals(TransitionType.CUT, first.getTransitionOut());
        assertEquals(TransitionType.CUT, second.getTransitionIn());
        assertEquals(TransitionType.TITLE_END, second.getTransitionOut());
        assertEquals(9L, second.getKeyFrame());
        assertEquals(-1L, first.getKeyFrame(), "no candidate offered");
        assertEquals(0.2 + 2.5 / 100, first.getAverageBrightness(), 1e-9);
        assertEquals(1, second.getIndex());
        assertEquals(2, t.shotsClosed());
        assertFalse(t.isOpen());
        assertEquals(1, first.getDominantColours().size());
    }

    @Test
    void aShotStaysOpenAcrossAChunkEdgeAndARestore() throws Exception {
        ShotState state = ShotTracker.empty();
        List<Shot> closed = new ArrayList<>();
        ShotTracker t = tracker(state);
        for (long f = 0; f < 5; f++) t.add(frame(f, 0.5), false, closed);
        // the next chunk, on a tracker restored from the serialized state
        ShotState restored = ShotState.fromByteBuffer(state.toByteBuffer());
        ShotTracker again = tracker(restored);
        assertEquals(4L, again.lastFrame());
        for (long f = 5; f < 9; f++) again.add(frame(f, 0.5), false, closed);
        again.end(TransitionType.TITLE_END, closed);
        assertEquals(1, closed.size(), "one shot over the edge");
        assertEquals(8L, closed.get(0).getEndFrame());
        assertEquals(9.0 * 0.5 / 9, closed.get(0).getAverageBrightness(), 1e-9);
    }

    @Test
    void aGradualTransitionSitsBetweenTwoShotsAndSuppressesTheCutAtItsEnd() {
        ShotTracker t = tracker(ShotTracker.empty());
        List<Shot> closed = new ArrayList<>();
        Transition dissolve = Transition.newBuilder().setType(TransitionType.DISSOLVE).setStartFrame(5).setEndFrame(8)
                .setScore(0.8).build();
        for (long f = 0; f < 5; f++) t.add(frame(f, 0.5), false, closed);
        for (long f = 5; f <= 8; f++) t.blended(frame(f, 0.5), dissolve, closed);
        assertFalse(t.isOpen(), "blended frames belong to no shot");
        assertTrue(closed.isEmpty(), "the shot before is held to collect the transition after it");
        t.add(frame(9, 0.5), true, closed); // the detector's cut at the dissolve's end is the dissolve
        t.add(frame(10, 0.5), false, closed);
        assertEquals(1, closed.size());
        Shot before = closed.get(0);
        assertEquals(TransitionType.DISSOLVE, before.getTransitionOut());
        assertEquals(List.of(dissolve), before.getTransitionsAfter());
        t.end(TransitionType.TITLE_END, closed);
        Shot after = closed.get(1);
        assertEquals(9L, after.getStartFrame(), "no cut at 9: one shot 9..10");
        assertEquals(TransitionType.DISSOLVE, after.getTransitionIn());
        assertEquals(List.of(dissolve), after.getTransitionsBefore());
    }

    @Test
    void aShotIsSummarisedByItsShotTypeCameraMotionAndFaceTracksAcrossARestore() throws Exception {
        ShotState state = ShotTracker.empty();
        List<Shot> closed = new ArrayList<>();
        ShotTracker t = tracker(state);
        // frames 0-9: model frames at 0, 4 and 8 (close-up, close-up, medium); camera static then panning
        for (long f = 0; f < 5; f++) t.add(modelFrame(f, f < 4 ? "STATIC" : "PAN", f % 4 == 0 ? "CLOSE_UP" : null, 7), false, closed);
        ShotTracker again = tracker(ShotState.fromByteBuffer(state.toByteBuffer()));
        for (long f = 5; f < 10; f++) {
            again.add(modelFrame(f, "PAN", f == 8 ? "MEDIUM" : null, 7, 8), false, closed);
        }
        again.add(modelFrame(10, "STATIC", "NO_PEOPLE"), true, closed);  // a cut: the next shot, nobody in it
        again.end(TransitionType.TITLE_END, closed);
        Shot first = closed.get(0), second = closed.get(1);
        assertEquals("CLOSE_UP", first.getShotType(), "two of three model frames");
        assertEquals(2 / 3.0, first.getShotTypeShares().get("CLOSE_UP"), 1e-9);
        assertEquals("PAN", first.getCameraMotion(), "six frames of ten pan");
        assertEquals(0.6, first.getCameraMotionShares().get("PAN"), 1e-9);
        assertEquals(3, first.getModelFrames());
        assertEquals(List.of(7, 8), first.getFaceTracks());
        assertEquals(2, first.getMaxFaces());
        assertEquals(1.0, first.getFaceFrameShare(), 1e-9);
        assertEquals("NO_PEOPLE", second.getShotType());
        assertEquals(0, second.getMaxFaces());
        assertEquals(0.0, second.getFaceFrameShare());
        assertEquals(List.of(), second.getFaceTracks());
    }

    @Test
    void tracksOfOnePersonFromTwoChunksOfAShotAreJoined() {
        ShotTracker t = tracker(ShotTracker.empty());
        List<Shot> closed = new ArrayList<>();
        float[] ann = identity(1), bob = identity(2);
        FrameAnnotation f0 = withFaces(modelFrame(0, "STATIC", "MEDIUM"), face(3, ann), face(4, bob));
        // the next chunk (ids from 10000) sees the same two people, in the other order, and a newcomer
        FrameAnnotation f1 = withFaces(modelFrame(30, "STATIC", "MEDIUM"), face(10000, bob), face(10001, ann), face(10002, identity(3)));
        FrameAnnotation f2 = withFaces(modelFrame(40, "STATIC", "MEDIUM"), face(10001, ann));
        t.add(f0, false, closed);
        t.add(f1, false, closed);
        t.add(f2, false, closed);
        t.end(TransitionType.TITLE_END, closed);
        assertEquals(List.of(4, 3, 10002), f1.getFaces().stream().map(dev.avastream.schema.FaceAnnotation::getTrackId).toList());
        assertEquals(3, f2.getFaces().get(0).getTrackId(), "a joined track keeps its shot id");
        assertEquals(List.of(3, 4, 10002), closed.get(0).getFaceTracks());
    }

    private static float[] identity(long seed) {
        java.util.Random r = new java.util.Random(seed);
        float[] v = new float[1024];
        for (int i = 0; i < v.length; i++) v[i] = (float) r.nextGaussian();
        return v;
    }

    private static dev.avastream.schema.FaceAnnotation face(int track, float[] identity) {
        return dev.avastream.schema.FaceAnnotation.newBuilder().setTrackId(track).setX(0.1).setY(0.1).setWidth(0.2)
                .setHeight(0.3).setScore(0.9).setShare(0.06).setYaw(0).setPitch(0).setRoll(0).setEyeOpenness(0.3)
                .setEyesOpen(true).setMouthOpenness(0).setMouthOpen(false).setExpression("neutral")
                .setIdentity(dev.avastream.operators.annotate.FaceAnnotator.quantise(identity)).build();
    }

    private static FrameAnnotation withFaces(FrameAnnotation a, dev.avastream.schema.FaceAnnotation... faces) {
        a.setFaces(new ArrayList<>(List.of(faces)));
        return a;
    }

    @Test
    void aShotWithoutModelFramesOrKnownMotionSaysSo() {
        ShotTracker t = tracker(ShotTracker.empty());
        List<Shot> closed = new ArrayList<>();
        for (long f = 0; f < 3; f++) t.add(frame(f, 0.5), false, closed);
        t.end(TransitionType.TITLE_END, closed);
        Shot s = closed.get(0);
        assertEquals("UNKNOWN", s.getShotType());
        assertEquals("UNKNOWN", s.getCameraMotion());
        assertEquals(0, s.getModelFrames());
        assertEquals(-1, s.getMaxFaces());
        assertEquals(-1.0, s.getFaceFrameShare());
    }

    @Test
    void aTieOfShotTypesGoesToTheCloserOne() {
        assertEquals("CLOSE_UP", ShotSummary.dominant(java.util.Map.of("MEDIUM", 2, "CLOSE_UP", 2, "UNKNOWN", 5), true));
        assertEquals("PAN", ShotSummary.dominant(java.util.Map.of("TILT", 3, "PAN", 3), false));
        assertEquals("UNKNOWN", ShotSummary.dominant(java.util.Map.of(), true));
    }

    /** A frame with a camera class and, when {@code shotType} is set, a model frame with faces of these tracks. */
    private static FrameAnnotation modelFrame(long f, String camera, String shotType, int... tracks) {
        FrameAnnotation a = frame(f, 0.5);
        a.setCameraMotion(camera);
        if (shotType == null) return a;
        a.setModelFrame("STRIDE");
        a.setShotType(shotType);
        List<dev.avastream.schema.FaceAnnotation> faces = new ArrayList<>();
        for (int id : tracks) {
            faces.add(dev.avastream.schema.FaceAnnotation.newBuilder().setTrackId(id).setX(0.1).setY(0.1).setWidth(0.2)
                    .setHeight(0.3).setScore(0.9).setShare(0.06).setYaw(0).setPitch(0).setRoll(0).setEyeOpenness(0.3)
                    .setEyesOpen(true).setMouthOpenness(0).setMouthOpen(false).setExpression("neutral").build());
        }
        if (!"NO_PEOPLE".equals(shotType)) a.setFaces(faces);
        return a;
    }

    private static ShotTracker tracker(ShotState state) {
        return new ShotTracker(state, "run-1", "t");
    }

    static FrameAnnotation frame(long f, double brightness) {
        return FrameAnnotation.newBuilder().setFrameIndex(f).setTimeUs(f * 33_333).setBrightness(brightness)
                .setContrast(0.2).setColourfulness(0.3).setSharpness(0.5).setMotion(0.01).setCutScore(0)
                .setCutComponents(new ArrayList<>()).setDominantColours(List.of(new ColourShare(200, 30, 30, 1.0))).build();
    }
}
