package dev.avastream.operators.config;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values for some {@link Tunables} on top of their defaults: what a command line or a test chose.
 * Each value is checked when it is set; parameter records are then built from it
 * ({@code AnalysisConfig.from(values)}, {@code TitleAssembly.Params.from(values)}, ...), which also
 * check the rules between settings (e.g. pool size at least top-K).
 *
 * <p>Serializable, so a job ships it to its tasks: an annotator reads its own settings from the values
 * its {@code AnalysisConfig} was built from. It travels as key and value pairs and is rebuilt (and
 * checked again) through {@link Tunables#byKey} on arrival.
 */
public final class SettingValues implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private static final SettingValues DEFAULTS = new SettingValues(Map.of());

    private final transient Map<Setting<?>, Object> chosen;

    private SettingValues(Map<Setting<?>, Object> chosen) {
        this.chosen = chosen;
    }

    /** No value chosen: every setting at its default. */
    public static SettingValues defaults() { return DEFAULTS; }

    /** The chosen value, or the setting's default. */
    public <T> T get(Setting<T> setting) {
        Object v = chosen.get(setting);
        return v != null ? setting.type().cast(v) : setting.defaultValue();
    }

    /** The chosen value, or null when none was chosen (for settings whose default depends on the machine). */
    public <T> T chosen(Setting<T> setting) {
        return setting.type().cast(chosen.get(setting));
    }

    /** These values with {@code setting} set to {@code value} (checked). */
    public <T> SettingValues with(Setting<T> setting, T value) {
        Map<Setting<?>, Object> m = new LinkedHashMap<>(chosen);
        m.put(setting, setting.check(value));
        return new SettingValues(m);
    }

    /** These values with the setting named {@code key} set from text, as {@code --set KEY=VALUE} gives it. */
    public SettingValues withText(String key, String text) {
        return withParsed(Tunables.byKey(key), text);
    }

    private <T> SettingValues withParsed(Setting<T> setting, String text) {
        return with(setting, setting.parse(text));
    }

    /**
     * These values on top of other defaults ({@code profile}, e.g. {@link Tunables#LIVE_DEFAULTS}): a
     * value chosen here wins, a setting not chosen here takes the profile's default, the rest theirs.
     */
    public SettingValues over(List<ProfileDefault<?>> profile) {
        SettingValues v = DEFAULTS;
        for (ProfileDefault<?> d : profile) v = v.withObject(d.setting(), d.value());
        for (Map.Entry<Setting<?>, Object> e : chosen.entrySet()) v = v.withObject(e.getKey(), e.getValue());
        return v;
    }

    /** The values chosen, in the order they were set. */
    public Map<Setting<?>, Object> chosen() {
        return Collections.unmodifiableMap(chosen);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SettingValues other && chosen.equals(other.chosen);
    }

    @Override
    public int hashCode() { return chosen.hashCode(); }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("SettingValues{");
        chosen.forEach((s, v) -> b.append(b.length() > 14 ? ", " : "").append(s.key()).append('=').append(s.format(v)));
        return b.append('}').toString();
    }

    @Serial
    private Object writeReplace() {
        Map<String, Object> byKey = new LinkedHashMap<>();
        chosen.forEach((setting, value) -> byKey.put(setting.key(), value));
        return new SerializedForm(byKey);
    }

    @Serial
    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("SettingValues travels as its SerializedForm");
    }

    /** What is serialized: each chosen value by its setting's key. */
    private record SerializedForm(Map<String, Object> byKey) implements Serializable {
        @Serial
        private Object readResolve() {
            SettingValues values = DEFAULTS;
            for (Map.Entry<String, Object> e : byKey.entrySet()) values = values.withObject(Tunables.byKey(e.getKey()), e.getValue());
            return values;
        }
    }

    private <T> SettingValues withObject(Setting<T> setting, Object value) {
        return with(setting, setting.type().cast(value));
    }
}
