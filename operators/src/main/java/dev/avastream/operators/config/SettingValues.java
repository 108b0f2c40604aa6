package dev.avastream.operators.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Values for some {@link Tunables} on top of their defaults: what a command line or a test chose.
 * Each value is checked when it is set; parameter records are then built from it
 * ({@code AnalysisConfig.from(values)}, {@code TitleAssembly.Params.from(values)}, ...), which also
 * check the rules between settings (e.g. pool size at least top-K).
 */
public final class SettingValues {
    private static final SettingValues DEFAULTS = new SettingValues(Map.of());

    private final Map<Setting<?>, Object> chosen;

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
}
