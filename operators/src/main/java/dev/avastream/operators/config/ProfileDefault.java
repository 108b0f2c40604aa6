package dev.avastream.operators.config;

/**
 * A default that differs for one kind of run (e.g. the live job) or one kind of title (a
 * {@link WeightProfile}), with the reason it differs. It sits under what the command line sets: a
 * value given there still wins.
 *
 * @param setting the setting whose default differs
 * @param value   the default for that kind of run (checked against the setting's rule)
 * @param reason  why it differs, for the reference (docs/configuration.md, {@code ava config})
 */
public record ProfileDefault<T>(Setting<T> setting, T value, String reason) {
    public ProfileDefault {
        setting.check(value);
    }

    /** The value as it is written on a command line. */
    public String valueText() {
        return setting.format(value);
    }
}
