package dev.avastream.operators.config;

import java.util.function.Predicate;

/**
 * What a setting's value must satisfy, with the words an error message and the reference use.
 *
 * @param rule        the test a valid value passes
 * @param description how a valid value is described, completing "KEY must be ..."
 */
public record Check<T>(Predicate<T> rule, String description) {

    public boolean accepts(T value) {
        return value != null && rule.test(value);
    }

    public static Check<Integer> atLeast(int min) {
        return new Check<>(v -> v >= min, "at least " + min);
    }

    public static Check<Integer> between(int min, int max) {
        return new Check<>(v -> v >= min && v <= max, "between " + min + " and " + max);
    }

    public static Check<Double> positive() {
        return new Check<>(v -> v > 0 && Double.isFinite(v), "positive");
    }

    public static Check<Double> notNegative() {
        return new Check<>(v -> v >= 0 && Double.isFinite(v), "0 or more");
    }

    /** {@code min < v <= max}. */
    public static Check<Double> aboveAtMost(double min, double max) {
        return new Check<>(v -> v > min && v <= max, "above " + num(min) + " and at most " + num(max));
    }

    /** {@code min <= v <= max}. */
    public static Check<Double> within(double min, double max) {
        return new Check<>(v -> v >= min && v <= max, "between " + num(min) + " and " + num(max));
    }

    /** {@code min < v < max}. */
    public static Check<Double> strictlyWithin(double min, double max) {
        return new Check<>(v -> v > min && v < max, "above " + num(min) + " and below " + num(max));
    }

    public static Check<java.time.Duration> positiveDuration() {
        return new Check<>(d -> !d.isNegative() && !d.isZero(), "a positive duration");
    }

    /** A bound as people write it: 1, not 1.0. */
    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** A Boolean setting: either value is valid, and the reference says which they are. */
    public static Check<Boolean> trueOrFalse() {
        return new Check<>(v -> true, "true or false");
    }

    /** A name from a fixed list (e.g. the weight profiles), compared exactly. */
    public static Check<String> oneOf(java.util.List<String> names) {
        java.util.List<String> known = java.util.List.copyOf(names);
        return new Check<>(known::contains, "one of " + String.join(", ", known));
    }

    /** The name of one of an enum's constants, written in lower case (e.g. the decoder's choices). */
    public static Check<String> oneOfLowerCase(Enum<?>[] constants) {
        return oneOf(java.util.Arrays.stream(constants).map(x -> x.name().toLowerCase(java.util.Locale.ROOT)).toList());
    }

    public static <T> Check<T> any() {
        return new Check<>(v -> true, "any value");
    }
}
