package dev.avastream.testdata;

import dev.avastream.testdata.SyntheticVideoSpec.Boundary;
import dev.avastream.testdata.SyntheticVideoSpec.BoundaryKind;
import dev.avastream.testdata.SyntheticVideoSpec.EventKind;
import dev.avastream.testdata.SyntheticVideoSpec.Look;
import dev.avastream.testdata.SyntheticVideoSpec.ShotEvent;
import org.bytedeco.ffmpeg.global.avutil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShotFeaturesTest {
    @BeforeAll
    static void quiet() { avutil.av_log_set_level(avutil.AV_LOG_ERROR); }

    /** Every boundary kind, every event and both similar looks, explicitly placed. */
    static SyntheticVideoSpec everything() {
        return SyntheticVideoSpec.builder().seed(41).shotLengths(50, 60, 70, 60, 64, 40, 60, 40)
                .boundaries(Boundary.dissolve(20), Boundary.fadeBlack(10, 3), Boundary.cut(), Boundary.fadeWhite(8, 0),
                        Boundary.dissolve(11), Boundary.cut(), Boundary.cut())
                .looks(Look.NEW, Look.NEW, Look.NEW, Look.NEW, Look.NEW, Look.NEW, Look.HUE_ONLY, Look.TEXTURE_ONLY)
                .events(ShotEvent.flash(0, 10, 1), ShotEvent.flash(0, 25, 2), ShotEvent.pan(1, 5, 12), ShotEvent.motion(2, 6, 10),
                        ShotEvent.grain(3), ShotEvent.motion(4, 3, 8), ShotEvent.pan(4, 20, 6))
                .build();
    }

    @Test
    void defaultsAreOff() {
        SyntheticVideoSpec s = SyntheticVideoSpec.builder().build();
        assertEquals(s.shotLengths().size() - 1, s.boundaries().size());
        assertTrue(s.boundaries().stream().allMatch(b -> b.kind() == BoundaryKind.CUT));
        assertEquals(List.of(), s.events());
        assertEquals(List.of(), s.looks());
        assertEquals(4, s.noiseAmplitude());
        assertEquals(0.125, s.panStep());
        assertFalse(s.hasShotFeatures());
    }

    @Test
    void layoutOfExplicitBoundaries() {
        SyntheticVideoSpec s = everything();
        assertTrue(s.hasShotFeatures());
        Layout l = new Layout(s.shotLengths(), s.boundaries());
        // nominal boundaries at 50, 110, 180, 240, 304, 344, 404; a transition of T frames starts T/2 before
        assertEquals(List.of(new GroundTruth.Transition(GroundTruth.DISSOLVE, 40, 59),
                new GroundTruth.Transition(GroundTruth.FADE_OUT, 99, 111), // 10 frames to black + 3 solid black
                new GroundTruth.Transition(GroundTruth.FADE_IN, 112, 121),
                new GroundTruth.Transition(GroundTruth.FADE_OUT_WHITE, 232, 239),
                new GroundTruth.Transition(GroundTruth.FADE_IN_WHITE, 240, 247),
                new GroundTruth.Transition(GroundTruth.DISSOLVE, 299, 309)), l.transitions());
        assertArrayEquals(new int[] {180, 344, 404}, l.cuts());
        assertEquals(List.of(new GroundTruth.Shot(0, 39), new GroundTruth.Shot(60, 98), new GroundTruth.Shot(122, 179),
                new GroundTruth.Shot(180, 231), new GroundTruth.Shot(248, 298), new GroundTruth.Shot(310, 343),
                new GroundTruth.Shot(344, 403), new GroundTruth.Shot(404, 443)), l.shots());
        // dissolve weights j/(N+1); the incoming scene starts moving on the first frame of the dissolve
        assertEquals(1.0 / 21, l.w2[40], 1e-12);
        assertEquals(20.0 / 21, l.w2[59], 1e-12);
        assertEquals(0, l.frameInShot(1, 40));
        assertEquals(0, l.frameInShot(2, 112)); // fade-in: from its first frame
        assertEquals(-1, l.shot1[110]);
        assertEquals(List.of(new GroundTruth.Event(GroundTruth.FLASH, 10, 10), new GroundTruth.Event(GroundTruth.FLASH, 25, 26),
                new GroundTruth.Event(GroundTruth.PAN, 65, 76), new GroundTruth.Event(GroundTruth.MOTION, 128, 137),
                new GroundTruth.Event(GroundTruth.GRAIN, 180, 231), new GroundTruth.Event(GroundTruth.MOTION, 251, 258),
                new GroundTruth.Event(GroundTruth.PAN, 268, 273)), l.events(s.events()));
    }

    @Test
    void explicitThingsThatDoNotFitAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> SyntheticVideoSpec.builder().shotLengths(10, 10)
                .boundaries(Boundary.dissolve(21)).build());
        assertThrows(IllegalArgumentException.class, () -> SyntheticVideoSpec.builder().shotLengths(30, 30, 30)
                .boundaries(Boundary.fadeBlack(15, 4)).build()); // middle shot: 17 + 17 of 30 frames
        assertThrows(IllegalArgumentException.class, () -> SyntheticVideoSpec.builder().shotLengths(30, 30)
                .boundaries(Boundary.dissolve(10)).events(ShotEvent.pan(0, 20, 6)).build()); // shot 0 has 25 pure frames
        assertThrows(IllegalArgumentException.class, () -> SyntheticVideoSpec.builder().shotLengths(30).events(ShotEvent.flash(1, 0, 1)).build());
        assertThrows(IllegalArgumentException.class, () -> ShotEvent.flash(0, 0, 4));
        assertThrows(IllegalArgumentException.class, () -> Boundary.dissolve(0));
        assertThrows(IllegalArgumentException.class, () -> SyntheticVideoSpec.builder().randomBoundaries(0.6, 0.3, 0.2, 5, 10, 0));
        // a pattern repeats
        SyntheticVideoSpec s = SyntheticVideoSpec.builder().shotLengths(40, 40, 40, 40, 40).boundaries(Boundary.dissolve(10), Boundary.cut()).build();
        assertEquals(List.of(Boundary.dissolve(10), Boundary.CUT, Boundary.dissolve(10), Boundary.CUT), s.boundaries());
    }

    @Test
    void drawnFeaturesAreDeterministicAndFit() {
        for (long seed = 1; seed <= 40; seed++) {
            SyntheticVideoSpec s = SyntheticVideoSpec.builder().seed(seed).durationSeconds(30, 20, 100)
                    .randomBoundaries(0.3, 0.2, 0.2, 10, 40, 6).randomEvents(0.5, 0.5, 0.5, 0.3).similarNeighbours(0.25, 0.25).build();
            SyntheticVideoSpec again = SyntheticVideoSpec.builder().seed(seed).durationSeconds(30, 20, 100)
                    .randomBoundaries(0.3, 0.2, 0.2, 10, 40, 6).randomEvents(0.5, 0.5, 0.5, 0.3).similarNeighbours(0.25, 0.25).build();
            assertEquals(s.boundaries(), again.boundaries());
            assertEquals(s.events(), again.events());
            assertEquals(s.looks(), again.looks());
            assertEquals(s.toString(), s.toBuilder().build().toString());
            Layout l = new Layout(s.shotLengths(), s.boundaries());
            for (int i = 0; i < l.shotCount; i++) {
                assertTrue(l.pureLength(i) >= SyntheticVideoSpec.MIN_PURE_FRAMES_DRAWN, "seed " + seed + " shot " + i + ": " + l.pureLength(i));
            }
            for (Boundary b : s.boundaries()) {
                if (b.kind() == BoundaryKind.DISSOLVE) assertTrue(b.frames() >= 1 && b.frames() <= 40 && b.holdFrames() == 0, b.toString());
                if (b.kind() == BoundaryKind.FADE_BLACK || b.kind() == BoundaryKind.FADE_WHITE) assertTrue(b.holdFrames() <= 6, b.toString());
            }
            int prevEnd = -1, prevShot = -1;
            for (ShotEvent e : s.events()) {
                if (e.kind() == EventKind.GRAIN) continue;
                int m = SyntheticVideoSpec.EVENT_MARGIN_FRAMES;
                assertTrue(e.offset() >= m && e.offset() + e.frames() + m <= l.pureLength(e.shot()), "seed " + seed + ": " + e);
                if (e.shot() == prevShot) assertTrue(e.offset() >= prevEnd + m, "seed " + seed + ": overlapping " + e);
                prevShot = e.shot();
                prevEnd = e.offset() + e.frames();
            }
        }
        SyntheticVideoSpec a = SyntheticVideoSpec.builder().seed(1).durationSeconds(30, 20, 100).randomBoundaries(0.5, 0.2, 0.2, 10, 40, 6).build();
        SyntheticVideoSpec b = SyntheticVideoSpec.builder().seed(2).durationSeconds(30, 20, 100).randomBoundaries(0.5, 0.2, 0.2, 10, 40, 6).build();
        assertNotEquals(a.boundaries(), b.boundaries());
    }

    /** The main check: decode a video with everything in it and compare the truth with its pixels. */
    @Test
    void groundTruthMatchesPixels(@TempDir Path dir) throws Exception {
        SyntheticVideoSpec spec = everything();
        Path f = dir.resolve("everything.mp4");
        GroundTruth gt = SyntheticVideoGenerator.generate(spec, f);
        assertEquals(GroundTruth.FORMAT_VERSION, gt.formatVersion());
        assertEquals(spec.frameCount(), gt.frameCount());
        assertEquals(List.of("new", "new", "new", "new", "new", "new", "hue-only", "texture-only"), gt.shotLooks());
        assertEquals(List.of("dissolve", "fade-black", "cut", "fade-white", "dissolve", "cut", "cut"),
                gt.boundaries().stream().map(GroundTruth.ShotBoundary::type).toList());
        assertEquals(-1, gt.shotOf(45));
        assertEquals(1, gt.shotOf(60));
        TruthVerifier.Stats st = TruthVerifier.measure(f, spec, gt);
        TruthVerifier.verify(st, gt, "everything");
        // and, measured directly: a dissolve's frames sit between A and B at the nominal weights
        for (int k = 40; k <= 59; k++) assertEquals((k - 39) / 21.0, st.weight[k], 0.04, "dissolve frame " + k);
        for (int k = 99; k <= 108; k++) assertEquals((k - 98) / 11.0, st.weight[k], 0.04, "fade-out frame " + k);
        for (int k = 109; k <= 111; k++) assertTrue(st.luma[k] < 3, "black frame " + k + ": " + st.luma[k]);
        // a pan moves the scene by about an eighth of the width per frame: large plain difference, small shifted one
        for (int k = 65; k <= 76; k++) {
            assertTrue(st.smoothDiffPrev[k] > 3 * st.shiftedDiffPrev[k], "pan frame " + k + ": " + st.smoothDiffPrev[k] + " vs " + st.shiftedDiffPrev[k]);
        }
        assertTrue(st.smoothDiffPrev[64] < st.smoothDiffPrev[65] / 3, "no pan before the pan");
        // the round trip
        assertEquals(gt, GroundTruth.fromJson(gt.toJson()));
    }

    @Test
    void sameSeedSameVideo(@TempDir Path dir) throws Exception {
        SyntheticVideoSpec spec = SyntheticVideoSpec.builder().size(320, 180).seed(8).shotLengths(40, 40, 40)
                .randomBoundaries(0.4, 0.3, 0.3, 6, 12, 2).randomEvents(0.5, 0.5, 0.5, 0.5).similarNeighbours(0.5, 0.5).build();
        GroundTruth a = SyntheticVideoGenerator.generate(spec, dir.resolve("a.mp4"));
        GroundTruth b = SyntheticVideoGenerator.generate(spec, dir.resolve("b.mp4"));
        assertEquals(a, b);
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.mp4")), Files.readAllBytes(dir.resolve("b.mp4")));
    }
}
