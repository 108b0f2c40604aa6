package dev.avastream.models.image;

/** A landmark: x, y in frame pixels; z a relative depth in the same units (smaller = nearer). */
public record Point3(double x, double y, double z) {
    public double distance2d(Point3 o) {
        return Math.hypot(x - o.x, y - o.y);
    }
}
