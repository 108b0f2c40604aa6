package dev.avastream.operators.search;

import dev.avastream.schema.FaceAnnotation;
import dev.avastream.schema.FrameAnnotation;

import java.util.List;
import java.util.function.BiPredicate;

/**
 * The vocabulary of named terms: each with its names (the first is the canonical one), its exact definition and
 * what must be measured for it (and its negation) to apply. "character-N" (the largest face is that character) is
 * not listed here: FrameQuery reads it as the comparison "character = character-N".
 */
public enum QueryTerm {
    EXTREME_CLOSE_UP(List.of("extreme close-up"), "shotType = EXTREME_CLOSE_UP", Requirement.SHOT_TYPE,
            (a, c) -> "EXTREME_CLOSE_UP".equals(a.getShotType())),
    CLOSE_UP(List.of("close-up"), "shotType = CLOSE_UP", Requirement.SHOT_TYPE,
            (a, c) -> "CLOSE_UP".equals(a.getShotType())),
    MEDIUM(List.of("medium", "medium shot"), "shotType = MEDIUM", Requirement.SHOT_TYPE,
            (a, c) -> "MEDIUM".equals(a.getShotType())),
    LONG_SHOT(List.of("long shot"), "shotType = LONG", Requirement.SHOT_TYPE,
            (a, c) -> "LONG".equals(a.getShotType())),
    EXTREME_LONG_SHOT(List.of("extreme long shot"), "shotType = EXTREME_LONG", Requirement.SHOT_TYPE,
            (a, c) -> "EXTREME_LONG".equals(a.getShotType())),
    PEOPLE(List.of("people", "person"), "personCount >= 1 or faceCount >= 1", Requirement.PEOPLE_COUNTS,
            (a, c) -> a.getPersonCount() >= 1 || a.getFaceCount() >= 1),
    FACE(List.of("face", "faces"), "faceCount >= 1", Requirement.FACE_COUNT, (a, c) -> a.getFaceCount() >= 1),
    MAIN_CHARACTER(List.of("main character"), "largest face's character is the main character",
            Requirement.CHARACTER, (a, c) -> c.isMainCharacter(c.characterOf(a))),
    SMILING(List.of("smiling", "happy"), "largest face's expression = happy", Requirement.LARGEST_FACE,
            expression("happy")),
    SAD(List.of("sad"), "largest face's expression = sad", Requirement.LARGEST_FACE, expression("sad")),
    ANGRY(List.of("angry"), "largest face's expression = angry", Requirement.LARGEST_FACE, expression("angry")),
    SURPRISED(List.of("surprised"), "largest face's expression = surprise", Requirement.LARGEST_FACE,
            expression("surprise")),
    FEARFUL(List.of("fearful"), "largest face's expression = fear", Requirement.LARGEST_FACE, expression("fear")),
    DISGUSTED(List.of("disgusted"), "largest face's expression = disgust", Requirement.LARGEST_FACE,
            expression("disgust")),
    NEUTRAL(List.of("neutral"), "largest face's expression = neutral", Requirement.LARGEST_FACE,
            expression("neutral")),
    EYES_OPEN(List.of("eyes open"), "largest face's eyesOpen (eyeOpenness >= 0.18)", Requirement.LARGEST_FACE,
            face(FaceAnnotation::getEyesOpen)),
    EYES_CLOSED(List.of("eyes closed"), "largest face not eyesOpen (eyeOpenness < 0.18)", Requirement.LARGEST_FACE,
            face(f -> !f.getEyesOpen())),
    MOUTH_OPEN(List.of("mouth open"), "largest face's mouthOpen (mouthOpenness >= 0.25)", Requirement.LARGEST_FACE,
            face(FaceAnnotation::getMouthOpen)),
    FRONTAL(List.of("frontal"), "largest face's |yaw| <= " + Thresholds.FRONTAL_MAX_YAW + " degrees",
            Requirement.LARGEST_FACE, face(f -> Math.abs(f.getYaw()) <= Thresholds.FRONTAL_MAX_YAW)),
    PROFILE_VIEW(List.of("profile view", "profile"), "largest face's |yaw| >= " + Thresholds.PROFILE_MIN_YAW
            + " degrees", Requirement.LARGEST_FACE, face(f -> Math.abs(f.getYaw()) >= Thresholds.PROFILE_MIN_YAW)),
    TEXT(List.of("text"), "textCoverage > 0", Requirement.TEXT_COVERAGE, (a, c) -> a.getTextCoverage() > 0),
    STATIC(List.of("static"), "cameraMotion = STATIC", Requirement.CAMERA_MOTION, camera("STATIC")),
    PAN(List.of("pan"), "cameraMotion = PAN", Requirement.CAMERA_MOTION, camera("PAN")),
    TILT(List.of("tilt"), "cameraMotion = TILT", Requirement.CAMERA_MOTION, camera("TILT")),
    ZOOM(List.of("zoom"), "cameraMotion = ZOOM", Requirement.CAMERA_MOTION, camera("ZOOM")),
    SHAKE(List.of("shake", "handheld"), "cameraMotion = SHAKE", Requirement.CAMERA_MOTION, camera("SHAKE")),
    DARK(List.of("dark"), "brightness < " + Thresholds.DARK_BRIGHTNESS, Requirement.ALWAYS,
            (a, c) -> a.getBrightness() < Thresholds.DARK_BRIGHTNESS),
    BRIGHT(List.of("bright"), "brightness > " + Thresholds.BRIGHT_BRIGHTNESS, Requirement.ALWAYS,
            (a, c) -> a.getBrightness() > Thresholds.BRIGHT_BRIGHTNESS),
    SHARP(List.of("sharp"), "sharpness >= " + Thresholds.SHARP, Requirement.ALWAYS,
            (a, c) -> a.getSharpness() >= Thresholds.SHARP),
    MOTION_BLUR(List.of("motion blur", "smeared"), "motionBlur >= " + Thresholds.MOTION_BLUR,
            Requirement.MOTION_BLUR, (a, c) -> a.getMotionBlur() >= Thresholds.MOTION_BLUR),
    NUDITY(List.of("nudity"), "nudityExplicit >= " + Thresholds.NUDITY, Requirement.NUDITY_EXPLICIT,
            (a, c) -> a.getNudityExplicit() >= Thresholds.NUDITY),
    SUGGESTIVE(List.of("suggestive"), "nuditySuggestive >= " + Thresholds.NUDITY, Requirement.NUDITY_SUGGESTIVE,
            (a, c) -> a.getNuditySuggestive() >= Thresholds.NUDITY),
    MODEL_FRAME(List.of("model frame"), "modelFrame != NONE (the model annotators ran)", Requirement.ALWAYS,
            (a, c) -> !"NONE".equals(a.getModelFrame()));

    /** The thresholds behind the terms, each with its reason. */
    public static final class Thresholds {
        private Thresholds() {}

        /** Within 30 degrees of facing the camera both eyes and the whole mouth stay visible: a frontal portrait. */
        public static final int FRONTAL_MAX_YAW = 30;
        /** From 60 degrees on the far eye is hidden and the nose breaks the cheek line: a profile. */
        public static final int PROFILE_MIN_YAW = 60;
        /** Mean luma under a quarter: a night or low-key frame (the ranker's black-frame rule is far lower, 0.06). */
        public static final double DARK_BRIGHTNESS = 0.25;
        /** Mean luma over 0.65: a high-key or daylight frame, well above a typical graded mid-tone (~0.4). */
        public static final double BRIGHT_BRIGHTNESS = 0.65;
        /** log10(1 + Laplacian variance)/4 of 0.5 is a variance of ~100, the usual in-focus cut-off. */
        public static final double SHARP = 0.5;
        /** The schema reads a ten-pixel smear as 0.4..0.7; eval-stills calls a still blurred from 0.4. */
        public static final double MOTION_BLUR = 0.4;
        /** More likely than not, as the nudity classifier's probabilities read. */
        public static final double NUDITY = 0.5;
    }

    private final List<String> names;
    private final String definition;
    private final Requirement requirement;
    private final BiPredicate<FrameAnnotation, SearchContext> test;

    QueryTerm(List<String> names, String definition, Requirement requirement,
              BiPredicate<FrameAnnotation, SearchContext> test) {
        this.names = names;
        this.definition = definition;
        this.requirement = requirement;
        this.test = test;
    }

    /** The term's names, canonical first; matched case-insensitively ignoring spaces, hyphens and punctuation. */
    public List<String> names() { return names; }

    /** The canonical name. */
    public String canonicalName() { return names.get(0); }

    /** The exact definition, e.g. "shotType = CLOSE_UP". */
    public String definition() { return definition; }

    /** What must be measured for the term and its negation to apply. */
    public Requirement requirement() { return requirement; }

    /** Whether the frame is measured for this term and the term holds there. */
    public boolean holds(FrameAnnotation a, SearchContext ctx) {
        return requirement.holds(a, ctx) && test.test(a, ctx);
    }

    /** The term with that name (any of its names, by {@link Suggestions#key}), or null. */
    public static QueryTerm byName(String name) {
        String k = Suggestions.key(name);
        for (QueryTerm t : values()) for (String n : t.names) if (Suggestions.key(n).equals(k)) return t;
        return null;
    }

    /** Every name of every term, for suggestions. */
    static List<String> allNames() {
        return java.util.Arrays.stream(values()).flatMap(t -> t.names.stream()).toList();
    }

    Clause clause() {
        QueryTerm t = this;
        return new Clause() {
            @Override public boolean measured(FrameAnnotation a, SearchContext ctx) { return requirement.holds(a, ctx); }
            @Override public boolean test(FrameAnnotation a, SearchContext ctx) { return test.test(a, ctx); }
            @Override public String text() { return t.canonicalName(); }
            @Override public String definition() { return definition; }
            @Override public String requirement() { return requirement.description(); }
        };
    }

    private static BiPredicate<FrameAnnotation, SearchContext> face(java.util.function.Predicate<FaceAnnotation> p) {
        return (a, c) -> {
            FaceAnnotation f = Requirement.largestFace(a);
            return f != null && p.test(f);
        };
    }

    private static BiPredicate<FrameAnnotation, SearchContext> expression(String e) {
        return face(f -> e.equalsIgnoreCase(f.getExpression()));
    }

    private static BiPredicate<FrameAnnotation, SearchContext> camera(String m) {
        return (a, c) -> m.equals(a.getCameraMotion());
    }
}
