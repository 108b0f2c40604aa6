package dev.avastream.operators.annotate;

import dev.avastream.schema.FaceAnnotation;
import dev.avastream.schema.FrameAnnotation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Tracks from synthetic identities: people with a known embedding each, seen again with noise. */
class FaceTrackerTest {

    private static final double SIMILARITY = 0.7;

    private static float[] person(long seed) {
        Random r = new Random(seed);
        float[] v = new float[1024];
        for (int i = 0; i < v.length; i++) v[i] = (float) r.nextGaussian();
        return unit(v);
    }

    /** The person's embedding seen again: mostly the same, some noise (cosine about {@code alike}). */
    private static float[] seen(float[] who, double alike, long seed) {
        Random r = new Random(seed);
        float[] noise = unit(randomGaussian(r));
        float[] v = new float[who.length];
        double k = Math.sqrt(1 - alike * alike);
        for (int i = 0; i < v.length; i++) v[i] = (float) (alike * who[i] + k * noise[i]);
        return unit(v);
    }

    private static float[] randomGaussian(Random r) {
        float[] v = new float[1024];
        for (int i = 0; i < v.length; i++) v[i] = (float) r.nextGaussian();
        return v;
    }

    private static float[] unit(float[] v) {
        double n = 0;
        for (float x : v) n += x * x;
        for (int i = 0; i < v.length; i++) v[i] /= (float) Math.sqrt(n);
        return v;
    }

    private static FaceAnnotation face(float[] identity, double x) {
        return FaceAnnotation.newBuilder().setX(x).setY(0.2).setWidth(0.15).setHeight(0.25).setScore(0.9).setShare(0.04)
                .setYaw(0).setPitch(0).setRoll(0).setEyeOpenness(0.3).setEyesOpen(true).setMouthOpenness(0)
                .setMouthOpen(false).setExpression("neutral").setIdentity(FaceAnnotator.quantise(identity)).build();
    }

    private static FrameAnnotation frame(long index, FaceAnnotation... faces) {
        FrameAnnotation a = AnalysedFrame.blankAnnotation(index, index * 40_000);
        a.setFaces(new ArrayList<>(List.of(faces)));
        return a;
    }

    @Test
    void samePeopleKeepTheirTracksAcrossFramesEvenWhenTheySwapPlaces() {
        float[] ann = person(1), bob = person(2);
        List<FrameAnnotation> frames = List.of(
                frame(0, face(seen(ann, 0.9, 10), 0.1), face(seen(bob, 0.9, 11), 0.7)),
                frame(25, face(seen(bob, 0.85, 12), 0.1), face(seen(ann, 0.85, 13), 0.7)),  // they swapped sides
                frame(26),                                                                     // nobody
                frame(50, face(seen(ann, 0.92, 14), 0.4)));
        int next = new FaceTracker(SIMILARITY).track(frames, new TreeSet<>(), 500);
        int annTrack = frames.get(0).getFaces().get(0).getTrackId(), bobTrack = frames.get(0).getFaces().get(1).getTrackId();
        assertEquals(500, annTrack);
        assertEquals(501, bobTrack);
        assertEquals(bobTrack, frames.get(1).getFaces().get(0).getTrackId(), "identity, not place, decides");
        assertEquals(annTrack, frames.get(1).getFaces().get(1).getTrackId());
        assertEquals(annTrack, frames.get(3).getFaces().get(0).getTrackId(), "a gap without faces does not end a track");
        assertEquals(502, next);
    }

    @Test
    void aStrangerStartsATrackAndACutEndsThemAll() {
        float[] ann = person(1), carl = person(3);
        List<FrameAnnotation> frames = List.of(
                frame(0, face(seen(ann, 0.9, 20), 0.1)),
                frame(25, face(seen(carl, 0.9, 21), 0.12)),   // someone else in the same place
                frame(50, face(seen(ann, 0.9, 22), 0.1)));    // after a cut at 40: Ann again, a new track
        new FaceTracker(SIMILARITY).track(frames, new TreeSet<>(List.of(40L)), 0);
        int first = frames.get(0).getFaces().get(0).getTrackId();
        int stranger = frames.get(1).getFaces().get(0).getTrackId();
        int afterCut = frames.get(2).getFaces().get(0).getTrackId();
        assertNotEquals(first, stranger, "a different face in the same place is someone else");
        assertNotEquals(first, afterCut, "a cut ends every track");
        assertEquals(List.of(0, 1, 2), List.of(first, stranger, afterCut));
    }

    @Test
    void aWeakerMatchInTheSamePlaceContinuesATrack() {
        float[] ann = person(1);
        List<FrameAnnotation> frames = List.of(
                frame(0, face(seen(ann, 0.95, 30), 0.1)),
                // a harder view of the same face (e.g. turned): below the threshold, in the same place
                frame(25, face(seen(ann, 0.62, 31), 0.11)));
        new FaceTracker(SIMILARITY).track(frames, new TreeSet<>(), 0);
        assertEquals(frames.get(0).getFaces().get(0).getTrackId(), frames.get(1).getFaces().get(0).getTrackId());
    }
}
