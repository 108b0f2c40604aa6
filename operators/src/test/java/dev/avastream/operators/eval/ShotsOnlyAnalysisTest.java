package dev.avastream.operators.eval;

import dev.avastream.operators.chunk.ChunkProcessor;
import dev.avastream.operators.config.SettingValues;
import dev.avastream.operators.config.Tunables;
import dev.avastream.operators.title.InProcessTitleAnalysis;
import dev.avastream.operators.title.TitleAssembly;
import dev.avastream.schema.FrameAnnotation;
import dev.avastream.testdata.SyntheticSuites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code analysis.shots-only} (what eval-shots and the accuracy gate run) finds exactly the shots the
 * whole analysis finds: the boundaries, and every per-frame value they are found from, are equal on
 * the suite video with every boundary kind and event; only the other annotations are left out.
 */
class ShotsOnlyAnalysisTest {

    @Test
    void theShotsAndEverySignalTheyAreFoundFromAreThoseOfTheWholeAnalysis(@TempDir Path dir) throws Exception {
        SyntheticSuites.Entry everything = SyntheticSuites.shotSuite(1).stream()
                .filter(e -> e.name().equals("mixed-24fps")).findFirst().orElseThrow();
        SyntheticSuites.Generated g = SyntheticSuites.generate(List.of(everything), dir).get(0);
        SettingValues whole = SettingValues.defaults().with(Tunables.MODELS_ENABLED, false);
        InProcessTitleAnalysis.Result all = analyse(g, whole);
        InProcessTitleAnalysis.Result shots = analyse(g, whole.with(Tunables.SHOTS_ONLY, true));

        assertFalse(DetectedBoundaries.cuts(all.shots()).isEmpty());
        assertFalse(DetectedBoundaries.gradual(all.shots()).isEmpty());
        assertEquals(DetectedBoundaries.cuts(all.shots()), DetectedBoundaries.cuts(shots.shots()));
        assertEquals(DetectedBoundaries.gradual(all.shots()), DetectedBoundaries.gradual(shots.shots()));
        assertEquals(all.annotations().size(), shots.annotations().size());
        boolean otherMeasured = false, otherMeasuredInShotsOnly = false;
        for (int i = 0; i < all.annotations().size(); i++) {
            FrameAnnotation a = all.annotations().get(i), s = shots.annotations().get(i);
            String at = "frame " + a.getFrameIndex();
            assertEquals(a.getFrameIndex(), s.getFrameIndex(), at);
            assertEquals(a.getBrightness(), s.getBrightness(), at);
            assertEquals(a.getContrast(), s.getContrast(), at);
            assertEquals(a.getCutScore(), s.getCutScore(), at);
            assertEquals(a.getCutComponents(), s.getCutComponents(), at);
            assertEquals(a.getDarkFraction(), s.getDarkFraction(), at);
            assertEquals(a.getBrightFraction(), s.getBrightFraction(), at);
            assertEquals(a.getEdgeDensity(), s.getEdgeDensity(), at);
            assertEquals(a.getAdjacentChange(), s.getAdjacentChange(), at);
            assertEquals(a.getLongRangeChange(), s.getLongRangeChange(), at);
            // -1: not measured
            otherMeasured |= a.getThirdsScore() != -1 || a.getNoiseSigma() != -1;
            otherMeasuredInShotsOnly |= s.getThirdsScore() != -1 || s.getNoiseSigma() != -1;
        }
        assertTrue(otherMeasured, "the whole analysis measures composition and noise");
        assertFalse(otherMeasuredInShotsOnly, "shots-only leaves them out");
    }

    private static InProcessTitleAnalysis.Result analyse(SyntheticSuites.Generated g, SettingValues v) throws Exception {
        InProcessTitleAnalysis.Result r = InProcessTitleAnalysis.analyse("shots-only", g.video().toString(), 3.0, 2,
                ChunkProcessor.Config.from(v), TitleAssembly.Params.from(v), true);
        assertTrue(r.errors().isEmpty(), r.errors().toString());
        return r;
    }
}
