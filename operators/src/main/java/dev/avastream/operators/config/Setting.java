package dev.avastream.operators.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * One tunable of the pipeline: its key, type, default, documentation and validity rule, declared once
 * in {@link Tunables}. Parameter records take their defaults from here and validate their components
 * with {@link #check}; the command line and the cluster entry point generate their options from here;
 * {@code ava config} and docs/configuration.md print it. So a default has exactly one place to change.
 *
 * @param key          section prefix and name, e.g. {@code title.top-k}: what {@code --set KEY=VALUE} takes
 * @param section      the group it is listed in
 * @param type         {@code Integer}, {@code Double}, {@code Duration}, {@code Boolean} or {@code String}
 *                     (a name from a fixed list, which its {@code check} holds)
 * @param defaultValue the value used when none is given; null when the default depends on the
 *                     machine (then {@code defaultText} says what it is)
 * @param defaultText  the default as printed; for a null default, a description of it
 * @param doc          what it does and why the default is where it is, without repeating the default
 * @param check        what a value must satisfy
 * @param option       the dedicated command-line option (e.g. {@code --top-k}), or null when the
 *                     setting is only reachable with {@code --set}
 * @param paramLabel   the placeholder of that option's value in help, e.g. {@code K}
 */
public record Setting<T>(String key, Section section, Class<T> type, T defaultValue, String defaultText, String doc,
                         Check<T> check, String option, String paramLabel) {

    public Setting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(doc, "doc");
        Objects.requireNonNull(check, "check");
        if (!key.startsWith(section.prefix() + ".")) {
            throw new IllegalArgumentException(key + " must start with its section's prefix " + section.prefix() + ".");
        }
        if (type != Integer.class && type != Double.class && type != Duration.class && type != Boolean.class
                && type != String.class) {
            throw new IllegalArgumentException(key + ": unsupported type " + type.getSimpleName());
        }
        if (defaultValue != null && !check.accepts(defaultValue)) {
            throw new IllegalArgumentException(key + ": the default " + defaultValue + " is not " + check.description());
        }
        if (defaultText == null) defaultText = defaultValue == null ? "none" : format(defaultValue);
    }

    /** The default; fails for a setting whose default depends on the machine. */
    public T defaultValue() {
        if (defaultValue == null) throw new IllegalStateException(key + " has no fixed default (" + defaultText + ")");
        return defaultValue;
    }

    public boolean hasFixedDefault() { return defaultValue != null; }

    /** {@code value}, or an {@link IllegalArgumentException} that names the setting and the rule. */
    public T check(T value) {
        if (!check.accepts(value)) {
            throw new IllegalArgumentException(describe() + " must be " + check.description() + ", was " + value);
        }
        return value;
    }

    /** An int component of a parameter record, checked. */
    public static int check(Setting<Integer> setting, int value) { return setting.check(Integer.valueOf(value)); }

    /** A double component of a parameter record, checked. */
    public static double check(Setting<Double> setting, double value) { return setting.check(Double.valueOf(value)); }

    /** The key, with the command-line option when there is one: how an error message names it. */
    public String describe() {
        return option == null ? key : key + " (" + option + ")";
    }

    /** Parses and checks a value written as on the command line ({@code 5}, {@code 0.4}, {@code 500ms}, {@code 2s}, {@code 30m}). */
    public T parse(String text) {
        if (text == null) throw new IllegalArgumentException(describe() + ": missing value");
        String v = text.trim();
        Object parsed;
        try {
            if (type == Integer.class) parsed = Integer.valueOf(v);
            else if (type == Double.class) parsed = Double.valueOf(v);
            else if (type == Boolean.class) parsed = parseBoolean(v);
            else if (type == String.class) parsed = v;
            else parsed = parseDuration(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(describe() + ": '" + text + "' is not " + typeWords());
        }
        return check(type.cast(parsed));
    }

    /** A value as {@link #parse} reads it back. */
    public String format(Object value) {
        if (value instanceof Double d) {
            if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString(d.longValue());
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Duration d) return formatDuration(d);
        return String.valueOf(value);
    }

    /** The kind of value, for help and the reference: integer, number, duration, true or false, name. */
    public String typeWords() {
        if (type == Integer.class) return "an integer";
        if (type == Double.class) return "a number";
        if (type == Boolean.class) return "true or false";
        if (type == String.class) return "a name";
        return "a duration (e.g. 500ms, 2s, 1m)";
    }

    private static Boolean parseBoolean(String v) {
        if (v.equalsIgnoreCase("true")) return true;
        if (v.equalsIgnoreCase("false")) return false;
        throw new NumberFormatException(v);
    }

    static Duration parseDuration(String v) {
        String s = v.toLowerCase();
        if (s.endsWith("ms")) return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
        if (s.endsWith("s")) return Duration.ofMillis(Math.round(Double.parseDouble(s.substring(0, s.length() - 1)) * 1000));
        if (s.endsWith("m")) return Duration.ofMillis(Math.round(Double.parseDouble(s.substring(0, s.length() - 1)) * 60_000));
        if (s.endsWith("h")) return Duration.ofMillis(Math.round(Double.parseDouble(s.substring(0, s.length() - 1)) * 3_600_000));
        return Duration.ofMillis(Long.parseLong(s));
    }

    static String formatDuration(Duration d) {
        long ms = d.toMillis();
        if (ms != 0 && ms % 3_600_000 == 0) return ms / 3_600_000 + "h";
        if (ms != 0 && ms % 60_000 == 0) return ms / 60_000 + "m";
        if (ms % 1000 == 0) return ms / 1000 + "s";
        return ms + "ms";
    }
}
