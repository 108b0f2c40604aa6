package dev.avastream.operators.config;

import dev.avastream.operators.chunk.AnalysisConfig;
import dev.avastream.operators.chunk.ChunkProcessor;
import dev.avastream.operators.shots.GradualTransitionDetector;
import dev.avastream.operators.shots.HardCutDetector;
import dev.avastream.operators.title.TitleAssembly;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TunablesTest {

    @Test
    void keysAreUniqueAndPrefixedWithTheirSection() {
        Set<String> keys = new HashSet<>();
        Set<String> options = new HashSet<>();
        for (Setting<?> s : Tunables.all()) {
            assertTrue(keys.add(s.key()), "duplicate key " + s.key());
            assertTrue(s.key().startsWith(s.section().prefix() + "."), s.key());
            assertTrue(s.key().matches("[a-z]+\\.[a-z0-9-]+"), s.key());
            if (s.option() != null) assertTrue(options.add(s.option()), "duplicate option " + s.option());
            assertEquals(s, Tunables.byKey(s.key()));
        }
        assertTrue(keys.size() >= 60, "all tunables are registered: " + keys.size());
    }

    @Test
    void everyFixedDefaultReadsBackFromItsText() {
        for (Setting<?> s : Tunables.all()) {
            if (s.hasFixedDefault()) assertEquals(s.defaultValue(), s.parse(s.defaultText()), s.key());
        }
    }

    @Test
    void invalidValuesAreRejectedWithTheSettingAndTheRule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tunables.TOP_K.parse("0"));
        assertEquals("title.top-k (--top-k) must be at least 1, was 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tunables.TOP_K.parse("many"));
        assertTrue(e.getMessage().contains("'many' is not an integer"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tunables.CHUNK_SECONDS.parse("0"));
        assertThrows(IllegalArgumentException.class, () -> Tunables.CHUNK_SECONDS.parse("NaN"));
        assertThrows(IllegalArgumentException.class, () -> Tunables.CHECKPOINT_INTERVAL.parse("0s"));
        assertThrows(IllegalArgumentException.class, () -> SettingValues.defaults().withText("no.such", "1"));
        assertEquals(Duration.ofMillis(500), Tunables.CHECKPOINT_INTERVAL.parse("500ms"));
        assertEquals(Duration.ofMinutes(1), Tunables.IDLE_TIMEOUT.parse("1m"));
    }

    @Test
    void parameterRecordsRejectWhatTheSettingRejects() {
        // Built directly, as code does: the same rules as on the command line.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TitleAssembly.Params(0, 2, 240));
        assertTrue(e.getMessage().contains("title.top-k"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TitleAssembly.Params(12, 2, 5));
        assertTrue(e.getMessage().contains("title.pool-size"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ChunkProcessor.Config.defaults().withAnalysisWidth(8));
        HardCutDetector.Params d = HardCutDetector.Params.defaults();
        assertThrows(IllegalArgumentException.class, () -> d.withMinShotSeconds(-1));
    }

    @Test
    void valuesReachTheRecordsBuiltFromThem() {
        SettingValues v = SettingValues.defaults()
                .withText("title.top-k", "5")
                .withText("gradual.min-dissolve-change", "0.05")
                .withText("analysis.long-range-frames", "8")
                .withText("hardcut.min-shot-seconds", "1.5")
                .withText("analysis.width", "256");
        TitleAssembly.Params t = TitleAssembly.Params.from(v);
        assertEquals(5, t.topK());
        assertEquals(0.05, t.gradual().minDissolveChange());
        assertEquals(8, t.gradual().longRangeFrames());
        ChunkProcessor.Config c = ChunkProcessor.Config.from(v);
        assertEquals(256, c.analysisWidth());
        assertEquals(1.5, c.analysis().detector().minShotSeconds());
        // The span the analyzer measures and the one the title's detector reads come from one setting.
        assertEquals(t.gradual().longRangeFrames(), c.analysis().transitions().longRangeFrames());
        assertNotEquals(AnalysisConfig.defaults(), c.analysis());
        assertEquals(GradualTransitionDetector.Params.defaults(), TitleAssembly.Params.defaults().gradual());
    }
}
