package dev.avastream.models.face;

import dev.avastream.models.image.Point3;
import dev.avastream.models.image.SquareCrop;

import java.util.List;

/**
 * The 468 MediaPipe FaceMesh landmarks of one face in frame pixels (z: relative depth, same scale,
 * smaller = nearer the camera), the mesh model's face presence probability, and the crop it ran on.
 */
public record FaceLandmarks(List<Point3> points, double faceScore, SquareCrop crop) {
    // MediaPipe mesh indices used by the pose and state measures ("right" = the subject's right)
    public static final int RIGHT_EYE_OUTER = 33, RIGHT_EYE_INNER = 133, RIGHT_EYE_TOP = 159, RIGHT_EYE_TOP2 = 158,
            RIGHT_EYE_BOTTOM = 145, RIGHT_EYE_BOTTOM2 = 153;
    public static final int LEFT_EYE_OUTER = 263, LEFT_EYE_INNER = 362, LEFT_EYE_TOP = 386, LEFT_EYE_TOP2 = 385,
            LEFT_EYE_BOTTOM = 374, LEFT_EYE_BOTTOM2 = 380;
    public static final int UPPER_LIP_INNER = 13, LOWER_LIP_INNER = 14, MOUTH_RIGHT = 78, MOUTH_LEFT = 308;
    public static final int RIGHT_CHEEK = 234, LEFT_CHEEK = 454, NOSE_TIP = 1, FOREHEAD = 10, CHIN = 152;

    public Point3 get(int index) {
        return points.get(index);
    }
}
