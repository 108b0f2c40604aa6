package dev.avastream.operators.search;

import dev.avastream.schema.FaceAnnotation;
import dev.avastream.schema.FrameAnnotation;

import java.util.Set;

/**
 * What must be measured on a frame for a named term (and its negation) to apply there. Model fields hold "not
 * measured" values (-1, UNKNOWN, empty lists) off model frames, so a term that reads them says nothing about such a
 * frame: neither the term nor "no term" matches it.
 */
public enum Requirement {
    ALWAYS("nothing: every frame has it"),
    FACE_COUNT("faceCount >= 0 (a model frame)"),
    PEOPLE_COUNTS("faceCount >= 0 or personCount >= 0 (a model frame)"),
    LARGEST_FACE("a face: faceCount >= 1"),
    CHARACTER("a face whose character the title knows"),
    SHOT_TYPE("shotType != UNKNOWN (a model frame)"),
    CAMERA_MOTION("cameraMotion is STATIC, PAN, TILT, ZOOM or SHAKE"),
    TEXT_COVERAGE("textCoverage != -1 (a model frame)"),
    MOTION_BLUR("motionBlur != -1 (not a flat region)"),
    NUDITY_EXPLICIT("nudityExplicit != -1 (a model frame)"),
    NUDITY_SUGGESTIVE("nuditySuggestive != -1 (a model frame)");

    /** The camera motions the schema defines; any other value (UNKNOWN, a newer one) reads as not measured. */
    static final Set<String> CAMERA_MOTIONS = Set.of("STATIC", "PAN", "TILT", "ZOOM", "SHAKE");

    private final String description;

    Requirement(String description) {
        this.description = description;
    }

    /** The requirement in words, for describe() and help(). */
    public String description() {
        return description;
    }

    /** Whether the frame has what this requirement asks for. */
    public boolean holds(FrameAnnotation a, SearchContext ctx) {
        return switch (this) {
            case ALWAYS -> true;
            case FACE_COUNT -> a.getFaceCount() >= 0;
            case PEOPLE_COUNTS -> a.getFaceCount() >= 0 || a.getPersonCount() >= 0;
            case LARGEST_FACE -> largestFace(a) != null;
            case CHARACTER -> largestFace(a) != null && !ctx.characterOf(a).isEmpty();
            case SHOT_TYPE -> !a.getShotType().isEmpty() && !"UNKNOWN".equals(a.getShotType());
            case CAMERA_MOTION -> CAMERA_MOTIONS.contains(a.getCameraMotion());
            case TEXT_COVERAGE -> a.getTextCoverage() != -1;
            case MOTION_BLUR -> a.getMotionBlur() != -1;
            case NUDITY_EXPLICIT -> a.getNudityExplicit() != -1;
            case NUDITY_SUGGESTIVE -> a.getNuditySuggestive() != -1;
        };
    }

    /** The frame's largest face (faces are stored largest first), or null without one or off model frames. */
    static FaceAnnotation largestFace(FrameAnnotation a) {
        return a.getFaceCount() >= 1 && !a.getFaces().isEmpty() ? a.getFaces().get(0) : null;
    }
}
