package dev.avastream.models.face;

import dev.avastream.models.image.Point3;
import dev.avastream.models.image.SquareCrop;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.avastream.models.face.FaceLandmarks.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pose and eye/mouth measures on synthetic landmark sets with known geometry. */
class HeadPoseTest {
    /** A frontal face of width 100 centred at (200, 200), rotated by roll (degrees), yawed by turning depth. */
    static FaceLandmarks face(double rollDeg, double yawDeg, double eyeGap, double mouthGap) {
        Point3[] p = new Point3[468];
        for (int i = 0; i < p.length; i++) p[i] = new Point3(0, 0, 0);
        double yaw = Math.toRadians(yawDeg);
        // points on a head: x across, y down, z towards the back; yaw turns x into z
        put(p, RIGHT_CHEEK, -50, 0, 0, yaw);
        put(p, LEFT_CHEEK, 50, 0, 0, yaw);
        put(p, RIGHT_EYE_OUTER, -35, -20, 0, yaw);
        put(p, RIGHT_EYE_INNER, -10, -20, 0, yaw);
        put(p, LEFT_EYE_INNER, 10, -20, 0, yaw);
        put(p, LEFT_EYE_OUTER, 35, -20, 0, yaw);
        for (int[] lid : new int[][] {{RIGHT_EYE_TOP, RIGHT_EYE_BOTTOM, -22}, {RIGHT_EYE_TOP2, RIGHT_EYE_BOTTOM2, -18},
                {LEFT_EYE_TOP, LEFT_EYE_BOTTOM, 22}, {LEFT_EYE_TOP2, LEFT_EYE_BOTTOM2, 18}}) {
            put(p, lid[0], lid[2], -20 - eyeGap / 2, 0, yaw);
            put(p, lid[1], lid[2], -20 + eyeGap / 2, 0, yaw);
        }
        put(p, NOSE_TIP, 0, 10, -30, yaw);
        put(p, MOUTH_RIGHT, -20, 35, 0, yaw);
        put(p, MOUTH_LEFT, 20, 35, 0, yaw);
        put(p, UPPER_LIP_INNER, 0, 35 - mouthGap / 2, 0, yaw);
        put(p, LOWER_LIP_INNER, 0, 35 + mouthGap / 2, 0, yaw);
        put(p, FOREHEAD, 0, -60, 0, yaw);
        put(p, CHIN, 0, 60, 0, yaw);
        double r = Math.toRadians(rollDeg);
        List<Point3> rolled = new ArrayList<>();
        for (Point3 q : p) {
            rolled.add(new Point3(200 + Math.cos(r) * q.x() - Math.sin(r) * q.y(), 200 + Math.sin(r) * q.x() + Math.cos(r) * q.y(), q.z()));
        }
        return new FaceLandmarks(rolled, 1.0, new SquareCrop(200, 200, 200, 0, 192));
    }

    static void put(Point3[] p, int i, double x, double y, double z, double yaw) {
        p[i] = new Point3(Math.cos(yaw) * x + Math.sin(yaw) * z, y, -Math.sin(yaw) * x + Math.cos(yaw) * z);
    }

    @Test
    void recoversRollAndYaw() {
        HeadPose frontal = HeadPose.of(face(0, 0, 8, 0));
        assertEquals(0, frontal.roll(), 1e-9);
        assertEquals(0, frontal.yaw(), 1e-9);
        assertEquals(0, frontal.pitch(), 1e-9);
        HeadPose tilted = HeadPose.of(face(15, 0, 8, 0));
        assertEquals(15, tilted.roll(), 1e-6);
        assertEquals(0, tilted.yaw(), 1e-6);
        HeadPose turned = HeadPose.of(face(10, 30, 8, 0));
        assertEquals(-30, turned.yaw(), 1e-6, "left cheek nearer the camera: negative yaw");
        assertEquals(10, turned.roll(), 1e-6);
        assertTrue(turned.noseOffset() < 0, "the nose moves towards the image-left cheek: " + turned.noseOffset());
    }

    @Test
    void eyeAndMouthRatiosSeparateOpenFromClosed() {
        EyesAndMouth open = EyesAndMouth.of(face(0, 0, 8, 12));
        assertEquals(8 / 25.0, open.rightEyeRatio(), 1e-9);
        assertTrue(open.eyesOpen());
        assertTrue(open.mouthOpen(), open.toString());
        EyesAndMouth closed = EyesAndMouth.of(face(20, 0, 2, 1));
        assertFalse(closed.eyesOpen(), closed.toString());
        assertFalse(closed.mouthOpen(), closed.toString());
    }
}
