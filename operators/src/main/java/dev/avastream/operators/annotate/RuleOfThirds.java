package dev.avastream.operators.annotate;

/**
 * Where a point of the frame lies against the rule of thirds: the nearest power point (a crossing of
 * the lines at 1/3 and 2/3), the distance to it over the frame's diagonal (0 .. 1/6: the centre is
 * 1/6 from every power point) and a score, 1 on a power point, 0 at the centre.
 *
 * @param point    0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right
 * @param distance in frame diagonals, measured in the frame's true proportions
 * @param score    {@code 1 - 6 x distance}, at least 0
 */
public record RuleOfThirds(int point, double distance, double score) {

    /**
     * @param x      0 (left) .. 1 (right)
     * @param y      0 (top) .. 1 (bottom)
     * @param aspect width over height of the frame
     */
    public static RuleOfThirds of(double x, double y, double aspect) {
        double diagonal = Math.hypot(aspect, 1.0);
        int best = 0;
        double bestDistance = Double.MAX_VALUE;
        for (int point = 0; point < 4; point++) {
            double px = (point % 2 == 0) ? 1.0 / 3 : 2.0 / 3;
            double py = (point < 2) ? 1.0 / 3 : 2.0 / 3;
            double d = Math.hypot((x - px) * aspect, y - py) / diagonal;
            if (d < bestDistance - 1e-12) {
                bestDistance = d;
                best = point;
            }
        }
        return new RuleOfThirds(best, bestDistance, Math.max(0.0, 1.0 - 6.0 * bestDistance));
    }
}
