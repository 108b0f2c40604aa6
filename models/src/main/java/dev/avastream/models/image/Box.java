package dev.avastream.models.image;

/** An axis-aligned box in pixels: top-left corner, width and height. */
public record Box(double x, double y, double width, double height) {

    public static Box fromCorners(double x1, double y1, double x2, double y2) {
        return new Box(x1, y1, x2 - x1, y2 - y1);
    }

    public double centerX() {
        return x + width / 2;
    }

    public double centerY() {
        return y + height / 2;
    }

    public double area() {
        return Math.max(0, width) * Math.max(0, height);
    }

    /** Intersection over union, 0 for disjoint boxes. */
    public double iou(Box o) {
        double ix = Math.max(0, Math.min(x + width, o.x + o.width) - Math.max(x, o.x));
        double iy = Math.max(0, Math.min(y + height, o.y + o.height) - Math.max(y, o.y));
        double inter = ix * iy;
        double union = area() + o.area() - inter;
        return union <= 0 ? 0 : inter / union;
    }

    /** The square of side max(w, h) * factor around the same centre. */
    public Box squareScaled(double factor) {
        double s = Math.max(width, height) * factor;
        return new Box(centerX() - s / 2, centerY() - s / 2, s, s);
    }
}
