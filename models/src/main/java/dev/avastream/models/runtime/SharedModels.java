package dev.avastream.models.runtime;

import dev.avastream.models.ModelStore;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models of this process, each loaded (and its bytes checked against the manifest) once and
 * shared by every caller: in a Flink task manager, by every task slot and every chunk. An
 * {@link OnnxModel}'s session is safe to call from several threads, so sharing costs no locking, and
 * memory holds one copy of each model's weights however many slots run.
 *
 * <p>Models stay loaded until the process (or, in Flink, the job's class loader) goes: a chunk
 * opens and closes in well under the time loading a model takes, so per-chunk loading would
 * dominate; the few hundred megabytes they hold are the price.
 */
public final class SharedModels {

    private static final Map<String, OnnxModel> LOADED = new ConcurrentHashMap<>();
    private static volatile ModelStore store;

    private SharedModels() {}

    /**
     * The model {@code name} from {@link ModelStore#locate()}, loaded on first use with these settings.
     *
     * @throws ModelException when the model is missing or its bytes do not match the manifest
     */
    public static OnnxModel get(String name, SessionSettings settings) {
        String key = name + "/" + settings.intraOpThreads() + "/" + settings.interOpThreads();
        OnnxModel m = LOADED.get(key);
        if (m != null) return m;
        synchronized (SharedModels.class) {
            return LOADED.computeIfAbsent(key, k -> store().open(name, settings));
        }
    }

    /** Where the shared models come from (located once). */
    public static ModelStore store() {
        ModelStore s = store;
        if (s == null) {
            synchronized (SharedModels.class) {
                if (store == null) store = ModelStore.locate();
                s = store;
            }
        }
        return s;
    }

    /** Models loaded so far, by name: how many distinct sessions this process holds. */
    public static int loadedCount() {
        return LOADED.size();
    }
}
