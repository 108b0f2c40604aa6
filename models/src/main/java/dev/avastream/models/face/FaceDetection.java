package dev.avastream.models.face;

import dev.avastream.models.image.Box;
import dev.avastream.models.image.Point3;

import java.util.List;

/**
 * A face found by BlazeFace, in frame pixels. Keypoints, in the model's order: the subject's right
 * eye (image left), left eye, nose tip, mouth centre, right ear tragion, left ear tragion (z = 0).
 */
public record FaceDetection(Box box, double score, List<Point3> keypoints) {
    public Point3 rightEye() {
        return keypoints.get(0);
    }

    public Point3 leftEye() {
        return keypoints.get(1);
    }

    /** Angle of the eye line (radians, y down): 0 when the eyes are level. */
    public double eyeLineAngle() {
        return Math.atan2(leftEye().y() - rightEye().y(), leftEye().x() - rightEye().x());
    }
}
