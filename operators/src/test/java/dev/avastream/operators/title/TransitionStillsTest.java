package dev.avastream.operators.title;

import dev.avastream.operators.chunk.ChunkProcessor;
import dev.avastream.operators.config.SettingValues;
import dev.avastream.operators.config.Tunables;
import dev.avastream.schema.Candidate;
import dev.avastream.testdata.GroundTruth;
import dev.avastream.testdata.SyntheticVideoGenerator;
import dev.avastream.testdata.SyntheticVideoSpec;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A frame of a dissolve or a fade (through black or white, with black or white frames held between)
 * is never a still: generated titles whose boundaries are mostly gradual, where the ground truth says
 * exactly which frames blend two shots. Each still must come from a shot's own frames, at least two
 * frames away from a cut.
 */
class TransitionStillsTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(longs = {3, 8})
    void noStillIsABlendedFadedOrBlankFrame(long seed) throws Exception {
        Path video = dir.resolve("gradual-" + seed + ".mp4");
        GroundTruth truth = SyntheticVideoGenerator.generate(SyntheticVideoSpec.builder().size(320, 180).fps(25).seed(seed)
                .randomShots(16, 40, 90).randomBoundaries(0.35, 0.3, 0.25, 8, 24, 8).build(), video);
        assertTrue(truth.transitions().size() >= 8, "mostly gradual boundaries: " + truth.transitions());

        SettingValues values = SettingValues.defaults().with(Tunables.MODELS_ENABLED, false);
        InProcessTitleAnalysis.Result r = InProcessTitleAnalysis.analyse("gradual", video.toString(), 2, 2,
                ChunkProcessor.Config.from(values), TitleAssembly.Params.from(values), false);
        assertTrue(r.errors().isEmpty(), r.errors().toString());
        assertEquals(values.get(Tunables.TOP_K), r.last().getCandidates().size(), "sixteen shots fill a set of K");
        for (Candidate c : r.last().getCandidates()) {
            long f = c.getFrameIndex();
            for (GroundTruth.Transition t : truth.transitions()) {
                assertFalse(f >= t.startFrame() && f <= t.endFrame(),
                        "still at frame " + f + " is inside the " + t.type() + " " + t.startFrame() + "-" + t.endFrame());
            }
            for (int cut : truth.cuts()) {
                assertTrue(Math.abs(f - cut) >= 2 && Math.abs(f - (cut - 1)) >= 2,
                        "still at frame " + f + " is next to the cut at " + cut);
            }
            assertTrue(c.getAnnotation().getBrightness() > 0.08 && c.getAnnotation().getBrightness() < 0.92,
                    "still at frame " + f + " is blank: brightness " + c.getAnnotation().getBrightness());
        }
    }
}
