package dev.avastream.models.image;

/**
 * A square region of a frame, possibly rotated by {@code angle} (radians, counter-clockwise in image
 * coordinates with y down), resampled to {@code size} x {@code size}. Knows the mapping both ways so
 * points found in the crop go back to frame pixels.
 */
public record SquareCrop(double centerX, double centerY, double side, double angle, int size) {

    public static SquareCrop around(Box square, double angle, int size) {
        return new SquareCrop(square.centerX(), square.centerY(), Math.max(square.width(), square.height()), angle, size);
    }

    /** Row-major 2x3 affine matrix taking frame pixels to crop pixels (for warpAffine). */
    public double[] frameToCrop() {
        double s = size / side;
        double c = Math.cos(angle) * s, sn = Math.sin(angle) * s;
        // rotate by -angle about the centre, scale, move the centre to the middle of the crop
        return new double[] {
                c, sn, size / 2.0 - (c * centerX + sn * centerY),
                -sn, c, size / 2.0 - (-sn * centerX + c * centerY)};
    }

    /** A crop pixel back to frame pixels; z is scaled like x and y. */
    public Point3 toFrame(double cx, double cy, double cz) {
        double s = side / size;
        double dx = (cx - size / 2.0) * s, dy = (cy - size / 2.0) * s;
        double c = Math.cos(angle), sn = Math.sin(angle);
        return new Point3(centerX + c * dx - sn * dy, centerY + sn * dx + c * dy, cz * s);
    }
}
