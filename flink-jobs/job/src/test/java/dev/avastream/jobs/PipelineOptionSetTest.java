package dev.avastream.jobs;

import dev.avastream.operators.chunk.ChunkProcessor;
import dev.avastream.operators.config.Setting;
import dev.avastream.operators.config.SettingValues;
import dev.avastream.operators.config.Tunables;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No dead setting: every one changes what the pipeline is built with. */
class PipelineOptionSetTest {

    @Test
    void everySettingReachesTheOptionsOrTheProcessor() {
        int cores = 4;
        List<Object> defaults = List.of(PipelineOptions.from(SettingValues.defaults(), cores),
                ChunkProcessor.Config.from(SettingValues.defaults()));
        List<String> dead = new ArrayList<>();
        for (Setting<?> s : Tunables.all()) {
            SettingValues v = other(s);
            List<Object> built = List.of(PipelineOptions.from(v, cores), ChunkProcessor.Config.from(v));
            if (built.equals(defaults)) dead.add(s.key() + " (set to " + v + ")");
        }
        assertTrue(dead.isEmpty(), "settings that change nothing: " + dead);
    }

    @Test
    void defaultsAreTheSettingsDefaults() {
        PipelineOptions p = PipelineOptions.from(SettingValues.defaults(), 7);
        assertEquals(7, p.parallelism());
        assertEquals(Tunables.CHECKPOINT_INTERVAL.defaultValue(), p.checkpointInterval());
        assertEquals(Tunables.IDLE_TIMEOUT.defaultValue(), p.idleTimeout());
        assertEquals(Tunables.CHUNK_SECONDS.defaultValue(), p.chunks().chunkSeconds());
        assertEquals(Tunables.TOP_K.defaultValue(), p.title().topK());
        assertEquals(Tunables.ANALYSIS_WIDTH.defaultValue(), ChunkProcessor.Config.defaults().analysisWidth());
    }

    /** The values with {@code s} set to something valid other than its default. */
    private static SettingValues other(Setting<?> s) {
        SettingValues d = SettingValues.defaults();
        if (s == Tunables.PARALLELISM) return d.with(Tunables.PARALLELISM, 3);
        if (s.type() == Integer.class) {
            @SuppressWarnings("unchecked") Setting<Integer> i = (Setting<Integer>) s;
            int v = i.defaultValue();
            return i.check().accepts(v + 1) ? d.with(i, v + 1) : d.with(i, v - 1);
        }
        if (s.type() == Double.class) {
            @SuppressWarnings("unchecked") Setting<Double> x = (Setting<Double>) s;
            double v = x.defaultValue();
            double up = v == 0 ? 0.5 : v * 1.5;
            return x.check().accepts(up) ? d.with(x, up) : d.with(x, v / 2);
        }
        @SuppressWarnings("unchecked") Setting<Duration> t = (Setting<Duration>) s;
        return d.with(t, t.defaultValue().multipliedBy(2));
    }
}
