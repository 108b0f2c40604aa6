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
     * The suite's videos: their ground truth matches their pixels. By default only the entry with a
     * bit of everything, to keep the build short; the whole suite takes about a minute:
     * {@code mvn -pl testdata test -Dtest=SyntheticSuitesTest -Dtestdata.fullSuite=true [-Dsuite.seed=N]}.
     */
    @Test
    void suiteTruthMatchesPixels(@TempDir Path dir) throws Exception {
        List<SyntheticSuites.Entry> suite = SyntheticSuites.shotSuite(Long.getLong("suite.seed", 1));
        if (!Boolean.getBoolean("testdata.fullSuite")) {
            suite = suite.stream().filter(e -> e.name().equals("mixed-24fps")).toList();
            assertEquals(1, suite.size());
        }
        long t0 = System.nanoTime();
        List<SyntheticSuites.Generated> out = SyntheticSuites.generate(suite, dir);
        long t1 = System.nanoTime();
        for (SyntheticSuites.Generated g : out) {
            assertEquals(g.truth(), GroundTruth.read(g.truthFile()));
            TruthVerifier.verify(TruthVerifier.measure(g.video(), g.entry().spec(), g.truth()), g.truth(), g.entry().name());
        }
        System.out.printf("suite: generated in %.1f s, verified in %.1f s%n", (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
    }
}
