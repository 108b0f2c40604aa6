package dev.avastream.models.face;

import dev.avastream.models.image.Point3;

import static dev.avastream.models.face.FaceLandmarks.*;

/**
 * Head orientation in degrees from the mesh, with the measurements it comes from.
 *
 * <ul>
 *   <li>roll: angle of the line between the outer eye corners (positive: the head tilts clockwise
 *       in the image, y down).</li>
 *   <li>yaw: after undoing the roll, the angle of the cheek-to-cheek line in the x-z plane; the
 *       mesh's depth says which cheek is further away. Positive: the subject's left cheek (image
 *       right) is further from the camera, i.e. the face turns towards image left. A mirror image
 *       flips the sign.</li>
 *   <li>pitch: the angle of the forehead-to-chin line in the y-z plane. Positive: the chin is
 *       nearer the camera than the forehead, i.e. the face looks up.</li>
 * </ul>
 * {@code noseOffset} is a depth-free cross-check of yaw: the nose tip's horizontal position between
 * the cheeks, -1 at the image-left cheek, +1 at the image-right one.
 */
public record HeadPose(double yaw, double pitch, double roll, double noseOffset) {

    public static HeadPose of(FaceLandmarks f) {
        Point3 re = f.get(RIGHT_EYE_OUTER), le = f.get(LEFT_EYE_OUTER);
        double roll = Math.atan2(le.y() - re.y(), le.x() - re.x());
        double cx = (re.x() + le.x()) / 2, cy = (re.y() + le.y()) / 2;
        Point3 rc = unroll(f.get(RIGHT_CHEEK), roll, cx, cy), lc = unroll(f.get(LEFT_CHEEK), roll, cx, cy);
        Point3 top = unroll(f.get(FOREHEAD), roll, cx, cy), chin = unroll(f.get(CHIN), roll, cx, cy);
        Point3 nose = unroll(f.get(NOSE_TIP), roll, cx, cy);
        double yaw = Math.atan2(lc.z() - rc.z(), lc.x() - rc.x());
        double pitch = Math.atan2(top.z() - chin.z(), chin.y() - top.y());
        double half = (lc.x() - rc.x()) / 2;
        double noseOffset = half == 0 ? 0 : (nose.x() - (lc.x() + rc.x()) / 2) / half;
        return new HeadPose(Math.toDegrees(yaw), Math.toDegrees(pitch), Math.toDegrees(roll), noseOffset);
    }

    /** Rotates a point by -roll about (cx, cy); depth is unchanged. */
    private static Point3 unroll(Point3 p, double roll, double cx, double cy) {
        double c = Math.cos(-roll), s = Math.sin(-roll), dx = p.x() - cx, dy = p.y() - cy;
        return new Point3(cx + c * dx - s * dy, cy + s * dx + c * dy, p.z());
    }
}
