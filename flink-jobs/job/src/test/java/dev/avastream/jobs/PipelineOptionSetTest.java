package dev.avastream.jobs;

import dev.avastream.operators.annotate.FrameAnnotator;
import dev.avastream.operators.chunk.ChunkAnnotators;
import dev.avastream.operators.chunk.ChunkProcessor;
import dev.avastream.operators.config.Setting;
import dev.avastream.operators.config.SettingValues;
import dev.avastream.operators.config.Tunables;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No dead setting: every one changes what the pipeline is built with. */
class PipelineOptionSetTest {

    @Test
    void everySettingReachesTheOptionsOrTheProcessor() {
        int cores = 4;
        List<Object> defaults = builtWith(SettingValues.defaults(), cores);
        List<String> dead = new ArrayList<>();
        for (Setting<?> s : Tunables.all()) {
            SettingValues v = other(s);
            if (builtWith(v, cores).equals(defaults)) dead.add(s.key() + " (set to " + v + ")");
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
        if (s.type() == Boolean.class) {
            @SuppressWarnings("unchecked") Setting<Boolean> b = (Setting<Boolean>) s;
            return d.with(b, !b.defaultValue());
        }
        if (s.type() == String.class) {
            @SuppressWarnings("unchecked") Setting<String> n = (Setting<String>) s;
            // a name from the setting's list: the weight profiles, or the decoder's deblocking and scaling choices
            List<String> names = new ArrayList<>(dev.avastream.operators.config.WeightProfile.names());
            for (dev.avastream.decoders.LoopFilterSkip k : dev.avastream.decoders.LoopFilterSkip.values()) {
                names.add(k.name().toLowerCase(java.util.Locale.ROOT));
            }
            for (dev.avastream.decoders.AnalysisScaler k : dev.avastream.decoders.AnalysisScaler.values()) {
                names.add(k.name().toLowerCase(java.util.Locale.ROOT));
            }
            return d.with(n, names.stream().filter(x -> !x.equals(n.defaultValue()) && valid(n, x)).findFirst().orElseThrow());
        }
        @SuppressWarnings("unchecked") Setting<Duration> t = (Setting<Duration>) s;
        return d.with(t, t.defaultValue().multipliedBy(2));
    }

    /**
     * What the pipeline is built with: the options' and the processor's values (without the setting
     * values they carry, which differ whenever a setting is set, read or not) and the parameters of
     * the annotators a chunk runs.
     */
    private static List<Object> builtWith(SettingValues v, int cores) {
        List<Object> built = new ArrayList<>();
        ChunkProcessor.Config processor = ChunkProcessor.Config.from(v);
        PipelineOptions options = PipelineOptions.from(v, cores);
        flatten(options, built);
        // the top-K selection reads some settings from the title's values: what it is built with counts
        flatten(options.title().selection(), built);
        flatten(options.title().crops(), built);
        flatten(processor, built);
        List<FrameAnnotator> annotators = ChunkAnnotators.create(processor.analysis(), 25.0);
        for (FrameAnnotator a : annotators) {
            built.add(a.name() + ":" + a.params());
            a.close();
        }
        return built;
    }

    private static boolean valid(Setting<String> s, String value) {
        try {
            s.check(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void flatten(Object o, List<Object> into) {
        if (o instanceof Record r) {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                if (c.getType() == SettingValues.class) continue;
                try {
                    flatten(c.getAccessor().invoke(r), into);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
        } else if (o != null && o.getClass().isArray()) {
            into.add(Arrays.deepToString(new Object[] {o})); // arrays compare by identity
        } else {
            into.add(o);
        }
    }
}
