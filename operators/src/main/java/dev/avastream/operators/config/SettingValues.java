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

    private static final SettingValues DEFAULTS = new SettingValues(Map.of(), Map.of());

    private final transient Map<Setting<?>, Object> chosen;
    /** Weights learned from curator feedback, per weight profile (docs/feedback.md); see {@link #withLearned}. */
    private final transient Map<String, List<ProfileDefault<?>>> learned;

    private SettingValues(Map<Setting<?>, Object> chosen, Map<String, List<ProfileDefault<?>>> learned) {
        this.chosen = chosen;
        this.learned = learned;
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
        return new SettingValues(m, learned);
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
        SettingValues v = new SettingValues(Map.of(), learned);
        for (ProfileDefault<?> d : profile) v = v.withObject(d.setting(), d.value());
        for (Map.Entry<Setting<?>, Object> e : chosen.entrySet()) v = v.withObject(e.getKey(), e.getValue());
        return v;
    }

    /**
     * These values with weights learned from curator feedback for titles scored with {@code profile}
     * (replacing any learned before for it): {@link WeightProfile#resolve} lays them over the profile's
     * own overrides, and a value chosen here still wins over both. Only weight settings belong here.
     */
    public SettingValues withLearned(String profile, List<ProfileDefault<?>> weights) {
        WeightProfile.named(profile);
        Map<String, List<ProfileDefault<?>>> m = new LinkedHashMap<>(learned);
        if (weights.isEmpty()) m.remove(profile);
        else m.put(profile, List.copyOf(weights));
        return new SettingValues(chosen, m);
    }

    /** The weights learned for {@code profile} ({@link #withLearned}); empty when none. */
    public List<ProfileDefault<?>> learned(String profile) {
        return learned.getOrDefault(profile, List.of());
    }

    /** The values chosen, in the order they were set. */
    public Map<Setting<?>, Object> chosen() {
        return Collections.unmodifiableMap(chosen);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SettingValues other && chosen.equals(other.chosen) && learned.equals(other.learned);
    }

    @Override
    public int hashCode() { return chosen.hashCode() * 31 + learned.hashCode(); }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("SettingValues{");
        chosen.forEach((s, v) -> b.append(b.length() > 14 ? ", " : "").append(s.key()).append('=').append(s.format(v)));
        learned.forEach((profile, weights) -> weights.forEach(d -> b.append(b.length() > 14 ? ", " : "").append("learned[")
                .append(profile).append("].").append(d.setting().key()).append('=').append(d.valueText())));
        return b.append('}').toString();
    }

    @Serial
    private Object writeReplace() {
        Map<String, Object> byKey = new LinkedHashMap<>();
        chosen.forEach((setting, value) -> byKey.put(setting.key(), value));
        Map<String, Map<String, Object>> learnedByKey = new LinkedHashMap<>();
        Map<String, Map<String, String>> reasons = new LinkedHashMap<>();
        learned.forEach((profile, weights) -> {
            Map<String, Object> values = new LinkedHashMap<>();
            Map<String, String> why = new LinkedHashMap<>();
            for (ProfileDefault<?> d : weights) {
                values.put(d.setting().key(), d.value());
                why.put(d.setting().key(), d.reason());
            }
            learnedByKey.put(profile, values);
            reasons.put(profile, why);
        });
        return new SerializedForm(byKey, learnedByKey, reasons);
    }

    @Serial
    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("SettingValues travels as its SerializedForm");
    }

    /** What is serialized: each chosen value by its setting's key. */
    private record SerializedForm(Map<String, Object> byKey, Map<String, Map<String, Object>> learnedByKey,
                                  Map<String, Map<String, String>> reasons) implements Serializable {
        @Serial
        private Object readResolve() {
            SettingValues values = DEFAULTS;
            for (Map.Entry<String, Object> e : byKey.entrySet()) values = values.withObject(Tunables.byKey(e.getKey()), e.getValue());
            if (learnedByKey != null) {
                for (Map.Entry<String, Map<String, Object>> p : learnedByKey.entrySet()) {
                    List<ProfileDefault<?>> weights = new java.util.ArrayList<>();
                    for (Map.Entry<String, Object> e : p.getValue().entrySet()) {
                        weights.add(profileDefault(Tunables.byKey(e.getKey()), e.getValue(),
                                reasons.get(p.getKey()).get(e.getKey())));
                    }
                    values = values.withLearned(p.getKey(), weights);
                }
            }
            return values;
        }

        private static <T> ProfileDefault<T> profileDefault(Setting<T> setting, Object value, String reason) {
            return new ProfileDefault<>(setting, setting.type().cast(value), reason);
        }
    }

    private <T> SettingValues withObject(Setting<T> setting, Object value) {
        return with(setting, setting.type().cast(value));
    }
}
