package dev.avastream.models.image;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GeometryTest {
    @Test
    void aCropMapsItsOwnPixelsBackToTheFrame() {
        SquareCrop c = new SquareCrop(300, 200, 120, Math.toRadians(25), 192);
        double[] m = c.frameToCrop();
        for (double[] p : new double[][] {{300, 200}, {250, 180}, {350, 260}}) {
            double cx = m[0] * p[0] + m[1] * p[1] + m[2], cy = m[3] * p[0] + m[4] * p[1] + m[5];
            Point3 back = c.toFrame(cx, cy, 0);
            assertEquals(p[0], back.x(), 1e-9);
            assertEquals(p[1], back.y(), 1e-9);
        }
        assertEquals(96, m[0] * 300 + m[1] * 200 + m[2], 1e-9, "the centre lands in the middle");
    }

    @Test
    void suppressionKeepsTheBestOfOverlappingBoxes() {
        record S(Box b, double s) {}
        List<S> in = List.of(new S(new Box(0, 0, 10, 10), 0.8), new S(new Box(1, 1, 10, 10), 0.9), new S(new Box(50, 50, 10, 10), 0.5));
        List<S> out = NonMaxSuppression.apply(in, S::b, S::s, 0.3);
        assertEquals(List.of(in.get(1), in.get(2)), out);
    }
}
