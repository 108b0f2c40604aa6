package dev.avastream.testdata;

import dev.avastream.testdata.SyntheticVideoSpec.Boundary;
import dev.avastream.testdata.SyntheticVideoSpec.BoundaryKind;
import dev.avastream.testdata.SyntheticVideoSpec.Direction;
import dev.avastream.testdata.SyntheticVideoSpec.EventKind;
import dev.avastream.testdata.SyntheticVideoSpec.Look;
import dev.avastream.testdata.SyntheticVideoSpec.ShotEvent;
import org.bytedeco.ffmpeg.global.avutil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The edit-suite kinds: wipes, slides, pushes, dark shots, light and texture changes, evolving content, strobes, zooms. */
class EditFeaturesTest {
    @BeforeAll
    static void quiet() { avutil.av_log_set_level(avutil.AV_LOG_ERROR); }

    /** Every edit-suite boundary, event and look, explicitly placed. */
    static SyntheticVideoSpec everything() {
        return SyntheticVideoSpec.builder().seed(3).shotLengths(60, 60, 70, 70, 70, 60, 60, 60, 60, 80, 60, 50)
                .boundaries(Boundary.CUT, Boundary.wipe(20, Direction.DOWN_RIGHT), Boundary.slide(15, Direction.RIGHT),
                        Boundary.push(12, Direction.UP), Boundary.dissolve(10), Boundary.CUT, Boundary.CUT, Boundary.CUT,
                        Boundary.wipe(8, Direction.LEFT), Boundary.CUT, Boundary.slide(6, Direction.DOWN))
                .looks(Look.DARK, Look.DARK, Look.NEW, Look.NEW, Look.NEW, Look.NEW, Look.NEW, Look.NEW, Look.NEW, Look.NEW, Look.NEW, Look.NEW)
                .events(ShotEvent.darken(2, 2, 20), ShotEvent.brighten(3, 1, 15), ShotEvent.textureChange(4, 2, 4),
                        ShotEvent.evolving(EventKind.WATER, 5), ShotEvent.evolving(EventKind.FIRE, 6), ShotEvent.evolving(EventKind.SNOW, 7),
                        ShotEvent.evolving(EventKind.CROWD, 8), ShotEvent.strobe(9, 5, 14), ShotEvent.zoomIn(9, 30, 12),
                        ShotEvent.zoomOut(10, 10, 15))
                .build();
    }

    @Test
    void layoutAndTruthOfExplicitKinds() {
        SyntheticVideoSpec s = everything();
        Layout l = new Layout(s.shotLengths(), s.boundaries());
        assertEquals(List.of(new GroundTruth.Transition(GroundTruth.WIPE, 110, 129), new GroundTruth.Transition(GroundTruth.SLIDE, 183, 197),
                new GroundTruth.Transition(GroundTruth.SLIDE, 254, 265), new GroundTruth.Transition(GroundTruth.DISSOLVE, 325, 334),
                new GroundTruth.Transition(GroundTruth.WIPE, 566, 573), new GroundTruth.Transition(GroundTruth.SLIDE, 707, 712)), l.transitions());
        List<GroundTruth.Event> ev = l.events(s.events());
        assertTrue(ev.contains(new GroundTruth.Event(GroundTruth.DARKEN, 132, 151)), ev.toString());
        assertTrue(ev.contains(new GroundTruth.Event(GroundTruth.WATER, 335, 389)), ev.toString());
        assertTrue(ev.contains(new GroundTruth.Event(GroundTruth.STROBE, 579, 592)), ev.toString());
        // the strobe's flashes are flash events too, inside it
        List<int[]> flashes = s.events().stream().filter(e -> e.kind() == EventKind.STROBE).findFirst().orElseThrow().flashes();
        long flashEvents = ev.stream().filter(e -> e.type().equals(GroundTruth.FLASH) && e.startFrame() >= 579 && e.endFrame() <= 592).count();
        assertEquals(flashes.size(), flashEvents);
        assertEquals(List.of("cut", "wipe", "slide", "slide", "dissolve", "cut", "cut", "cut", "wipe", "cut", "slide"),
                boundaryTypes(s, l));
        // a strobe's pattern: 3..8 flashes of 1..2 frames, 1..3 apart, over exactly its frames, for every length
        for (int frames = 5; frames <= 37; frames++) {
            for (int offset = 0; offset < 4; offset++) {
                List<int[]> f = ShotEvent.strobe(offset, offset, frames).flashes();
                assertTrue(f.size() >= 3 && f.size() <= 8, frames + ": " + f.size());
                assertEquals(0, f.get(0)[0]);
                assertEquals(frames, f.get(f.size() - 1)[0] + f.get(f.size() - 1)[1]);
                for (int i = 0; i < f.size(); i++) {
                    assertTrue(f.get(i)[1] >= 1 && f.get(i)[1] <= 2);
                    if (i > 0) {
                        int gap = f.get(i)[0] - f.get(i - 1)[0] - f.get(i - 1)[1];
                        assertTrue(gap >= 1 && gap <= 3, frames + ": gap " + gap);
                    }
                }
            }
        }
    }

    private static List<String> boundaryTypes(SyntheticVideoSpec s, Layout l) {
        long[] pts = new long[l.frameCount];
        GroundTruth gt = new GroundTruth(GroundTruth.FORMAT_VERSION, l.frameCount, 30, 640, 360, 0, 0, false, 0, l.cuts(), l.shots(),
                List.of(), l.transitions(), l.events(s.events()), pts, new int[0], s.seed());
        return gt.boundaries().stream().map(GroundTruth.ShotBoundary::type).toList();
    }

    @Test
    void badEditKindsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Boundary(BoundaryKind.WIPE, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> Boundary.slide(10, Direction.DOWN_LEFT));
        assertThrows(IllegalArgumentException.class, () -> new Boundary(BoundaryKind.DISSOLVE, 10, 0, Direction.UP));
        assertThrows(IllegalArgumentException.class, () -> ShotEvent.strobe(0, 3, 4));
        assertThrows(IllegalArgumentException.class, () -> ShotEvent.strobe(0, 3, 38));
        assertThrows(IllegalArgumentException.class, () -> ShotEvent.evolving(EventKind.FLASH, 0));
        assertThrows(IllegalArgumentException.class, () -> SyntheticVideoSpec.builder().shotLengths(60)
                .events(ShotEvent.evolving(EventKind.FIRE, 0), ShotEvent.textureChange(0, 3, 3)).build());
        // a boundary without a direction prints as it always did
        assertEquals("Boundary[kind=DISSOLVE, frames=10, holdFrames=0]", Boundary.dissolve(10).toString());
    }

    /** The main check: decode a video with every edit-suite kind in it and compare the truth with its pixels. */
    @Test
    void groundTruthMatchesPixels(@TempDir Path dir) throws Exception {
        SyntheticVideoSpec spec = everything();
        Path f = dir.resolve("edits.mp4");
        GroundTruth gt = SyntheticVideoGenerator.generate(spec, f);
        assertEquals(List.of("dark", "dark", "new", "new", "new", "new", "new", "new", "new", "new", "new", "new"), gt.shotLooks());
        TruthVerifier.Stats st = TruthVerifier.measure(f, spec, gt);
        TruthVerifier.verify(st, gt, "edits");
        // the fits found the spec's compositions
        assertEquals("wipe DOWN_RIGHT", st.fit[120]);
        assertEquals("slide RIGHT", st.fit[190]);
        assertEquals("push UP", st.fit[260]);
        assertEquals("wipe LEFT", st.fit[570]);
        assertEquals("slide DOWN", st.fit[710]);
        assertEquals(gt, GroundTruth.fromJson(gt.toJson()));
    }
}
