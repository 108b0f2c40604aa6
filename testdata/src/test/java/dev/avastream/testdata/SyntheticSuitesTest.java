package dev.avastream.testdata;

import dev.avastream.testdata.SyntheticVideoSpec.Boundary;
import dev.avastream.testdata.SyntheticVideoSpec.BoundaryKind;
import dev.avastream.testdata.SyntheticVideoSpec.EventKind;
import dev.avastream.testdata.SyntheticVideoSpec.Look;
import org.bytedeco.ffmpeg.global.avutil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticSuitesTest {
    @BeforeAll
    static void quiet() { avutil.av_log_set_level(avutil.AV_LOG_ERROR); }

    @Test
    void suiteCoversEveryCaseForAnySeed() {
        for (long seed : new long[] {1, 2, 3, 42, 1234}) {
            List<SyntheticSuites.Entry> suite = SyntheticSuites.shotSuite(seed);
            assertEquals(6, suite.size());
            Set<String> names = new HashSet<>();
            EnumSet<BoundaryKind> kinds = EnumSet.noneOf(BoundaryKind.class);
            EnumSet<EventKind> events = EnumSet.noneOf(EventKind.class);
            EnumSet<Look> looks = EnumSet.noneOf(Look.class);
            boolean vfr = false, offset = false, shortDissolve = false, longDissolve = false, hold = false, noHold = false, twoFrameFlash = false;
            for (SyntheticSuites.Entry e : suite) {
                SyntheticVideoSpec s = e.spec();
                assertTrue(names.add(e.name()) && e.name().matches("[a-z0-9-]+"), e.name());
                assertEquals(640, s.width());
                assertEquals(360, s.height());
                double seconds = (double) s.frameCount() / s.fps();
                assertTrue(seconds >= 10 && seconds <= 20, e.name() + ": " + seconds + " s");
                for (Boundary b : s.boundaries()) {
                    kinds.add(b.kind());
                    if (b.kind() == BoundaryKind.DISSOLVE) {
                        shortDissolve |= b.frames() <= 15;
                        longDissolve |= b.frames() >= 35;
                        assertTrue(b.frames() <= 40, b.toString());
                    }
                    if (b.kind() == BoundaryKind.FADE_BLACK || b.kind() == BoundaryKind.FADE_WHITE) {
                        hold |= b.holdFrames() > 0;
                        noHold |= b.holdFrames() == 0;
                    }
                }
                s.events().forEach(x -> events.add(x.kind()));
                twoFrameFlash |= s.events().stream().anyMatch(x -> x.kind() == EventKind.FLASH && x.frames() == 2);
                looks.addAll(s.looks());
                vfr |= s.variableFrameRate();
                offset |= s.startOffsetUs() > 0;
            }
            // every kind the shot suite was made to cover (the edit-suite kinds are editsSuite's)
            assertEquals(EnumSet.copyOf(SyntheticSuites.CLASSIC_BOUNDARIES), kinds, "seed " + seed);
            assertEquals(EnumSet.copyOf(SyntheticSuites.CLASSIC_EVENTS), events, "seed " + seed);
            assertEquals(EnumSet.of(Look.NEW, Look.HUE_ONLY, Look.TEXTURE_ONLY), looks, "seed " + seed);
            assertTrue(vfr && offset && shortDissolve && longDissolve && hold && noHold && twoFrameFlash, "seed " + seed);
        }
    }

    @Test
    void suiteIsDeterministic() {
        assertEquals(SyntheticSuites.shotSuite(5).toString(), SyntheticSuites.shotSuite(5).toString());
        assertNotEquals(SyntheticSuites.shotSuite(5).toString(), SyntheticSuites.shotSuite(6).toString());
        SyntheticSuites.Entry bench = SyntheticSuites.shotBenchmark(5);
        assertEquals(bench.toString(), SyntheticSuites.shotBenchmark(5).toString());
        assertEquals(1280, bench.spec().width());
        assertEquals(720, bench.spec().height());
        assertEquals(1800, bench.spec().frameCount());
        Set<BoundaryKind> kinds = EnumSet.noneOf(BoundaryKind.class);
        bench.spec().boundaries().forEach(b -> kinds.add(b.kind()));
        assertEquals(EnumSet.copyOf(SyntheticSuites.CLASSIC_BOUNDARIES), kinds);
    }

    /**
     * The edits suite covers each of its cases for seeds 1 to 6 (the tuning seeds and the held-out
     * ones), checked here from the specs themselves rather than with the suite's own predicates.
     */
    @Test
    void editsSuiteCoversItsCasesForSeeds1To6() {
        for (long seed = 1; seed <= 6; seed++) {
            List<SyntheticSuites.Entry> suite = SyntheticSuites.editsSuite(seed);
            assertEquals(List.of("dark-cuts", "cuts-into-change", "evolving-textures", "wipes-slides", "strobes-zooms"),
                    suite.stream().map(SyntheticSuites.Entry::name).toList());
            EnumSet<BoundaryKind> kinds = EnumSet.noneOf(BoundaryKind.class);
            EnumSet<EventKind> events = EnumSet.noneOf(EventKind.class);
            for (SyntheticSuites.Entry e : suite) {
                SyntheticVideoSpec s = e.spec();
                String what = "seed " + seed + " " + e.name();
                assertEquals(640, s.width());
                assertEquals(360, s.height());
                double seconds = (double) s.frameCount() / s.fps();
                assertTrue(seconds >= 15 && seconds <= 20, what + ": " + seconds + " s");
                s.boundaries().forEach(b -> kinds.add(b.kind()));
                s.events().forEach(x -> events.add(x.kind()));
                Layout l = new Layout(s.shotLengths(), s.boundaries());
                switch (e.name()) {
                    case "dark-cuts" -> {
                        int darkCuts = 0, darkDissolves = 0;
                        for (int i = 0; i < s.boundaries().size(); i++) {
                            boolean dark = s.looks().get(i) == Look.DARK && s.looks().get(i + 1) == Look.DARK;
                            if (dark && s.boundaries().get(i).kind() == BoundaryKind.CUT) darkCuts++;
                            if (dark && s.boundaries().get(i).kind() == BoundaryKind.DISSOLVE) darkDissolves++;
                        }
                        assertTrue(darkCuts >= 4 && darkDissolves >= 1, what + ": " + darkCuts + " cuts and " + darkDissolves + " dissolves between dark shots");
                        assertTrue(s.looks().stream().filter(x -> x == Look.DARK).count() > s.looks().size() / 2, what + ": mostly dark");
                    }
                    case "cuts-into-change" -> {
                        for (EventKind k : List.of(EventKind.DARKEN, EventKind.BRIGHTEN, EventKind.TEXTURE_CHANGE)) {
                            long n = s.events().stream().filter(x -> x.kind() == k && x.shot() > 0
                                    && s.boundaries().get(x.shot() - 1).kind() == BoundaryKind.CUT && x.offset() >= 1 && x.offset() <= 3).count();
                            assertTrue(n >= 2, what + ": " + n + " " + k + " starting 1..3 frames after a cut");
                        }
                        for (SyntheticVideoSpec.ShotEvent x : s.events()) {
                            boolean light = x.kind() == EventKind.DARKEN || x.kind() == EventKind.BRIGHTEN;
                            assertTrue(light ? x.frames() >= 10 && x.frames() <= 30 : x.frames() >= 2 && x.frames() <= 6, what + ": " + x);
                        }
                    }
                    case "evolving-textures" -> {
                        for (EventKind k : List.of(EventKind.WATER, EventKind.FIRE, EventKind.SNOW, EventKind.CROWD)) {
                            assertTrue(s.events().stream().anyMatch(x -> x.kind() == k), what + ": no " + k);
                        }
                        Set<Integer> evolving = new HashSet<>();
                        s.events().stream().filter(x -> x.kind().isEvolving()).forEach(x -> evolving.add(x.shot()));
                        boolean cutBetween = false, dissolveNext = false;
                        for (int i = 0; i < s.boundaries().size(); i++) {
                            BoundaryKind k = s.boundaries().get(i).kind();
                            cutBetween |= k == BoundaryKind.CUT && evolving.contains(i) && evolving.contains(i + 1);
                            dissolveNext |= k == BoundaryKind.DISSOLVE && (evolving.contains(i) || evolving.contains(i + 1));
                        }
                        assertTrue(cutBetween && dissolveNext, what);
                    }
                    case "wipes-slides" -> {
                        List<Boundary> spatial = s.boundaries().stream().filter(b -> b.kind().isSpatial()).toList();
                        assertTrue(spatial.stream().allMatch(b -> b.frames() >= 6 && b.frames() <= 30), what + ": " + spatial);
                        assertTrue(spatial.stream().anyMatch(b -> b.frames() <= 10) && spatial.stream().anyMatch(b -> b.frames() >= 20), what);
                        assertTrue(spatial.stream().anyMatch(b -> b.kind() == BoundaryKind.WIPE && b.direction().isDiagonal())
                                && spatial.stream().anyMatch(b -> b.kind() == BoundaryKind.WIPE && !b.direction().isDiagonal()), what);
                        assertTrue(spatial.stream().anyMatch(b -> b.kind() == BoundaryKind.SLIDE) && spatial.stream().anyMatch(b -> b.kind() == BoundaryKind.PUSH), what);
                        assertTrue(s.boundaries().contains(Boundary.CUT), what);
                        long truthTypes = l.transitions().stream().filter(t -> t.type().equals(GroundTruth.WIPE) || t.type().equals(GroundTruth.SLIDE)).count();
                        assertEquals(spatial.size(), truthTypes, what);
                    }
                    case "strobes-zooms" -> {
                        assertTrue(s.events().stream().filter(x -> x.kind() == EventKind.STROBE).count() >= 2, what);
                        assertTrue(s.events().stream().anyMatch(x -> x.kind() == EventKind.ZOOM_IN) && s.events().stream().anyMatch(x -> x.kind() == EventKind.ZOOM_OUT), what);
                        assertTrue(s.events().stream().anyMatch(x -> x.kind() == EventKind.FLASH), what);
                        assertTrue(s.boundaries().contains(Boundary.CUT) && s.boundaries().stream().anyMatch(b -> b.kind() == BoundaryKind.DISSOLVE), what);
                    }
                    default -> throw new AssertionError(what);
                }
            }
            assertTrue(kinds.containsAll(List.of(BoundaryKind.CUT, BoundaryKind.DISSOLVE, BoundaryKind.WIPE, BoundaryKind.SLIDE, BoundaryKind.PUSH)), "seed " + seed);
            assertTrue(events.containsAll(EnumSet.complementOf(EnumSet.of(EventKind.PAN, EventKind.MOTION, EventKind.GRAIN))), "seed " + seed + ": " + events);
        }
        assertEquals(SyntheticSuites.editsSuite(5).toString(), SyntheticSuites.editsSuite(5).toString());
        assertNotEquals(SyntheticSuites.editsSuite(5).toString(), SyntheticSuites.editsSuite(6).toString());
        assertEquals(SyntheticSuites.editsSuite(2).toString(), SyntheticSuites.suite("edits", 2).toString());
        assertEquals(SyntheticSuites.broadSuite(2).toString(), SyntheticSuites.suite("broad", 2).toString());
        assertThrows(IllegalArgumentException.class, () -> SyntheticSuites.suite("nope", 1));
    }

    /**
     * The edits suite's videos: their ground truth matches their pixels (every kind, as drawn). By
     * default only {@code wipes-slides} (the whole suite takes about two minutes:
     * {@code -Dtestdata.fullSuite=true [-Dsuite.seed=N]}); {@link EditFeaturesTest} checks every kind
     * explicitly placed.
     */
    @Test
    void editsSuiteTruthMatchesPixels(@TempDir Path dir) throws Exception {
        generateAndVerify("edits suite", sampled(SyntheticSuites.editsSuite(Long.getLong("suite.seed", 1)), "wipes-slides"), dir);
    }

    /**
     * The suite's videos: their ground truth matches their pixels. By default only the entry with a
     * bit of everything, to keep the build short; the whole suite takes about a minute:
     * {@code mvn -pl testdata test -Dtest=SyntheticSuitesTest -Dtestdata.fullSuite=true [-Dsuite.seed=N]}.
     */
    @Test
    void suiteTruthMatchesPixels(@TempDir Path dir) throws Exception {
        generateAndVerify("suite", sampled(SyntheticSuites.shotSuite(Long.getLong("suite.seed", 1)), "mixed-24fps"), dir);
    }

    /** The whole suite with -Dtestdata.fullSuite=true, else only its entry {@code name}. */
    private static List<SyntheticSuites.Entry> sampled(List<SyntheticSuites.Entry> suite, String name) {
        if (Boolean.getBoolean("testdata.fullSuite")) return suite;
        List<SyntheticSuites.Entry> one = suite.stream().filter(e -> e.name().equals(name)).toList();
        assertEquals(1, one.size(), name);
        return one;
    }

    /** Writes the entries, reads each truth file back and checks it against the video's pixels. */
    private static void generateAndVerify(String what, List<SyntheticSuites.Entry> suite, Path dir) throws Exception {
        long t0 = System.nanoTime();
        List<SyntheticSuites.Generated> out = SyntheticSuites.generate(suite, dir);
        long t1 = System.nanoTime();
        for (SyntheticSuites.Generated g : out) {
            assertEquals(g.truth(), GroundTruth.read(g.truthFile()));
            TruthVerifier.verify(TruthVerifier.measure(g.video(), g.entry().spec(), g.truth()), g.truth(), g.entry().name());
        }
        System.out.printf("%s: generated in %.1f s, verified in %.1f s%n", what, (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
    }
}
