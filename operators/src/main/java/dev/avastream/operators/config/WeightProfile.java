package dev.avastream.operators.config;

import java.util.Arrays;
import java.util.List;

/**
 * Named sets of quality weights a title can be scored with ({@link Tunables#QUALITY_PROFILE}, per
 * title on a live ingest event): what makes a good still depends on the kind of title. Each profile is
 * a list of {@link ProfileDefault}s, one per weight it moves, each with the reason; the weights it does
 * not name keep their declared defaults, and a value set explicitly (command line, {@code --set},
 * {@link SettingValues#with}) still wins over the profile ({@link #resolve}).
 *
 * <p>The overrides are built on first use, not with the constants: {@link Tunables} names the profiles
 * in the check of {@code quality.profile} while it is being initialised itself.
 */
public enum WeightProfile {
    DEFAULT("default", "The weights as declared: a balance for any title."),
    DRAMA("drama", "Dialogue-driven titles: the stills that sell them are the actors' faces, held and well placed."),
    KIDS("kids", "Titles for children: stricter about nudity and text, and bright colour counts more."),
    ACTION("action", "Action titles: the best moments move, so motion and some smear are forgiven and punch counts more.");

    private final String id;
    private final String purpose;

    WeightProfile(String id, String purpose) {
        this.id = id;
        this.purpose = purpose;
    }

    /** The name {@code quality.profile}, {@code --profile} and ingest events use. */
    public String id() { return id; }

    /** Which titles the profile is for, in a sentence. */
    public String purpose() { return purpose; }

    /** The weights this profile moves, each with why; empty for {@link #DEFAULT}. */
    public List<ProfileDefault<?>> overrides() {
        return Overrides.BY_PROFILE.get(ordinal());
    }

    /** Every profile's name, in declaration order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(WeightProfile::id).toList();
    }

    /** The profile with this name, or an error naming it and the known ones. */
    public static WeightProfile named(String name) {
        for (WeightProfile p : values()) if (p.id.equals(name)) return p;
        throw new IllegalArgumentException(unknown(name));
    }

    /** What is said of a name that is no profile: it, and the known ones. */
    public static String unknown(String name) {
        return "unknown weight profile '" + name + "' (known: " + String.join(", ", names()) + ")";
    }

    /** Whether {@code name} is a profile. */
    public static boolean known(String name) {
        return names().contains(name);
    }

    /**
     * The values the scorers read: {@code values} over the overrides of the profile they name
     * ({@link Tunables#QUALITY_PROFILE}) and the weights learned for it from curator feedback
     * ({@link SettingValues#withLearned}), so what was set explicitly wins, then what was learned, then
     * the profile.
     */
    public static SettingValues resolve(SettingValues values) {
        String name = values.get(Tunables.QUALITY_PROFILE);
        List<ProfileDefault<?>> learned = values.learned(name);
        if (learned.isEmpty()) return values.over(named(name).overrides());
        // the weights learned from feedback for this profile sit over its own (a later entry wins)
        List<ProfileDefault<?>> layered = new java.util.ArrayList<>(named(name).overrides());
        layered.addAll(learned);
        return values.over(layered);
    }

    /** The same values, for a title scored with {@code profile} (checked against the known names). */
    public static SettingValues forTitle(SettingValues values, String profile) {
        return resolve(values.with(Tunables.QUALITY_PROFILE, profile));
    }

    /** The overrides, built when first asked for (after {@link Tunables} is initialised). */
    private static final class Overrides {
        static final List<List<ProfileDefault<?>>> BY_PROFILE = List.of(
                List.of(),
                List.of(
                        new ProfileDefault<>(Tunables.FACE_WEIGHT, 3.0, "A drama is sold by its actors: a clear, "
                                + "frontal, open-eyed face with a readable expression is the still."),
                        new ProfileDefault<>(Tunables.PLACEMENT_WEIGHT, 1.0, "Drama stills are composed portraits: "
                                + "an actor on a third reads as a scene, one in the middle as a snapshot."),
                        new ProfileDefault<>(Tunables.STILLNESS_WEIGHT, 1.5, "The moment to keep is a held look, "
                                + "not the middle of a gesture."),
                        new ProfileDefault<>(Tunables.MAIN_CHARACTER_WEIGHT, 2.0, "The leads carry a drama: their "
                                + "stills should outrank those of passers-by more than elsewhere.")),
                List.of(
                        new ProfileDefault<>(Tunables.NUDITY_WEIGHT, 6.0, "Nothing suggestive may front a "
                                + "children's title: the penalty is twice as steep."),
                        new ProfileDefault<>(Tunables.NUDITY_START, 0.15, "The penalty starts at half the "
                                + "probability, so borderline frames (swimwear, bare shoulders) already lose."),
                        new ProfileDefault<>(Tunables.MAX_NUDITY, 0.5, "Excluded well before the frame is likely "
                                + "explicit."),
                        new ProfileDefault<>(Tunables.TEXT_WEIGHT, 3.0, "Children's artwork carries its own "
                                + "lettering: burnt-in captions and logos clash with it."),
                        new ProfileDefault<>(Tunables.COLOURFULNESS_WEIGHT, 1.0, "Bright, saturated frames are "
                                + "what children's titles look like and what their artwork uses.")),
                List.of(
                        new ProfileDefault<>(Tunables.STILLNESS_WEIGHT, 0.3, "An action title's best moments move: "
                                + "a still frame is often the dull one between the stunts."),
                        new ProfileDefault<>(Tunables.SUBJECT_BLUR_WEIGHT, 0.3, "Some smear on a running or "
                                + "fighting subject conveys speed; a blur rejected elsewhere is kept here."),
                        new ProfileDefault<>(Tunables.CONTRAST_WEIGHT, 1.5, "Hard light, explosions and night "
                                + "scenes: punchy contrast is what reads at thumbnail size.")));
    }
}
