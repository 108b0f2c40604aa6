package dev.avastream.models.face;

import static dev.avastream.models.face.FaceLandmarks.*;

/**
 * Eye and mouth openness from the mesh, as aspect ratios that do not depend on the face's size:
 * eye = mean lid gap / corner-to-corner width (about 0.25-0.35 open, under 0.15 closed on FaceMesh
 * output); mouth = inner lip gap / inner mouth width (about 0 closed, 0.3 and more clearly open).
 * The booleans apply the thresholds; the ratios are kept so callers can rank or re-threshold.
 */
public record EyesAndMouth(double rightEyeRatio, double leftEyeRatio, double mouthRatio,
                           boolean eyesOpen, boolean mouthOpen) {
    public static final double EYE_OPEN = 0.18;
    public static final double MOUTH_OPEN = 0.25;

    public static EyesAndMouth of(FaceLandmarks f) {
        double right = (f.get(RIGHT_EYE_TOP).distance2d(f.get(RIGHT_EYE_BOTTOM)) + f.get(RIGHT_EYE_TOP2).distance2d(f.get(RIGHT_EYE_BOTTOM2)))
                / (2 * f.get(RIGHT_EYE_OUTER).distance2d(f.get(RIGHT_EYE_INNER)));
        double left = (f.get(LEFT_EYE_TOP).distance2d(f.get(LEFT_EYE_BOTTOM)) + f.get(LEFT_EYE_TOP2).distance2d(f.get(LEFT_EYE_BOTTOM2)))
                / (2 * f.get(LEFT_EYE_OUTER).distance2d(f.get(LEFT_EYE_INNER)));
        double mouth = f.get(UPPER_LIP_INNER).distance2d(f.get(LOWER_LIP_INNER)) / f.get(MOUTH_RIGHT).distance2d(f.get(MOUTH_LEFT));
        // both eyes must be open: a wink or a half-closed eye spoils a still
        return new EyesAndMouth(right, left, mouth, Math.min(right, left) >= EYE_OPEN, mouth >= MOUTH_OPEN);
    }
}
