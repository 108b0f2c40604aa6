package dev.avastream.operators.rank;

import dev.avastream.schema.Candidate;
import dev.avastream.schema.ColourShare;
import dev.avastream.schema.FrameAnnotation;

import java.util.ArrayList;
import java.util.List;

/**
 * What makes two stills different to an artwork team, as a small vector carried on each candidate
 * ({@code Candidate.diversity}), and the distance (0..1) that the top-K's greedy selection
 * ({@link DiverseTopKSelector}) trades against score. The {@link dev.avastream.operators.annotate.AppearanceVector}
 * says whether two frames look alike at a glance; this one says whether they tell the same thing: who,
 * how close, in what colour and light, where in the frame, with what camera movement.
 *
 * <p>Layout ({@value #DIMENSIONS} floats, each 0..1, or -1 when the annotation does not say):
 * <ol start="0">
 *   <li>shot scale: extreme close-up 0, close-up 0.25, medium 0.5, long 0.75, extreme long or no people 1;</li>
 *   <li>people in view: 1, or 0 for a frame without people (so an empty landscape differs from a
 *       distant figure);</li>
 *   <li>2, 3: the dominant colour as a point of the colour wheel, 0.5 + 0.5 s cos(h) and
 *       0.5 + 0.5 s sin(h) with h its hue and s its saturation (HSV): grey frames sit at the centre,
 *       saturated ones on the rim by hue;</li>
 *   <li>4: brightness (mean luma); 5: contrast (luma standard deviation) x 2, capped at 1;</li>
 *   <li>6, 7: the subject's position (the largest face or person, else the salient region's centroid),
 *       0..1 of width and height: composition;</li>
 *   <li>8: camera motion as a category code: static 0, pan 0.25, tilt 0.5, zoom 0.75, shake 1.</li>
 * </ol>
 * The character is not in the vector: it is the candidate's {@code mainCharacter}, compared by name, so
 * that a merge of two characters (which renames stills) changes distances without recomputing vectors.
 *
 * <p>The distance is a weighted sum of six parts, each 0..1, the weights summing to 1:
 * character {@value #CHARACTER_WEIGHT} (0 same or both without one, 1 otherwise), shot
 * {@value #SHOT_WEIGHT} (the larger of the scale and people differences), colour {@value #COLOUR_WEIGHT}
 * (the wheel points' distance, capped at 1), tone {@value #TONE_WEIGHT} (brightness plus contrast
 * difference, capped), composition {@value #COMPOSITION_WEIGHT} (twice the subjects' distance, capped:
 * left third against right third is about 0.7) and camera {@value #CAMERA_WEIGHT} (0 same, 1 different).
 * A part neither frame knows counts 0, a part only one knows 0.5. The character weighs most because a
 * set that covers the cast is what a creative team asks for first; the weights are constants of the
 * measure, as the layout is, and the selection's trade-off is its own setting
 * ({@code title.diversity-weight}).
 */
public final class DiversityVector {

    /** Length of the vector. */
    public static final int DIMENSIONS = 9;

    public static final double CHARACTER_WEIGHT = 0.3;
    public static final double SHOT_WEIGHT = 0.15;
    public static final double COLOUR_WEIGHT = 0.15;
    public static final double TONE_WEIGHT = 0.15;
    public static final double COMPOSITION_WEIGHT = 0.15;
    public static final double CAMERA_WEIGHT = 0.1;

    private static final float UNKNOWN = -1f;

    private DiversityVector() {}

    /** The vector of an annotated frame (a candidate's annotation). */
    public static List<Float> of(FrameAnnotation a) {
        float[] v = new float[DIMENSIONS];
        java.util.Arrays.fill(v, UNKNOWN);
        switch (a.getShotType()) {
            case "EXTREME_CLOSE_UP" -> { v[0] = 0f; v[1] = 1f; }
            case "CLOSE_UP" -> { v[0] = 0.25f; v[1] = 1f; }
            case "MEDIUM" -> { v[0] = 0.5f; v[1] = 1f; }
            case "LONG" -> { v[0] = 0.75f; v[1] = 1f; }
            case "EXTREME_LONG" -> { v[0] = 1f; v[1] = 1f; }
            case "NO_PEOPLE" -> { v[0] = 1f; v[1] = 0f; }
            default -> { }
        }
        if (!a.getDominantColours().isEmpty()) {
            ColourShare c = a.getDominantColours().get(0);
            float[] hsv = java.awt.Color.RGBtoHSB(c.getRed(), c.getGreen(), c.getBlue(), null);
            double h = 2 * Math.PI * hsv[0];
            v[2] = (float) (0.5 + 0.5 * hsv[1] * Math.cos(h));
            v[3] = (float) (0.5 + 0.5 * hsv[1] * Math.sin(h));
        }
        v[4] = (float) clip(a.getBrightness());
        v[5] = (float) clip(2 * a.getContrast());
        if (a.getSubjectX() >= 0 && a.getSubjectY() >= 0) {
            v[6] = (float) a.getSubjectX();
            v[7] = (float) a.getSubjectY();
        } else if (a.getSaliencyCentroidX() >= 0 && a.getSaliencyCentroidY() >= 0) {
            v[6] = (float) a.getSaliencyCentroidX();
            v[7] = (float) a.getSaliencyCentroidY();
        }
        switch (a.getCameraMotion()) {
            case "STATIC" -> v[8] = 0f;
            case "PAN" -> v[8] = 0.25f;
            case "TILT" -> v[8] = 0.5f;
            case "ZOOM" -> v[8] = 0.75f;
            case "SHAKE" -> v[8] = 1f;
            default -> { }
        }
        List<Float> out = new ArrayList<>(DIMENSIONS);
        for (float f : v) out.add(f);
        return out;
    }

    /** How different two candidates are, 0 (the same in every respect measured) .. 1. */
    public static double distance(Candidate a, Candidate b) {
        return distance(a.getDiversity(), a.getMainCharacter(), b.getDiversity(), b.getMainCharacter());
    }

    /** Whether the candidate carries a diversity vector (records from before it existed do not). */
    public static boolean known(Candidate c) {
        return c.getDiversity() != null && c.getDiversity().size() == DIMENSIONS;
    }

    /** 1 - {@link #distance}: how much a second still like the first adds nothing. */
    public static double similarity(Candidate a, Candidate b) {
        return 1.0 - distance(a, b);
    }

    /** The distance from vectors (empty: nothing known) and main characters (empty: none). */
    public static double distance(List<Float> a, CharSequence whoA, List<Float> b, CharSequence whoB) {
        String ca = whoA == null ? "" : whoA.toString();
        String cb = whoB == null ? "" : whoB.toString();
        double character = ca.equals(cb) ? 0.0 : 1.0;
        double shot = part(a, b, 0, 1, (x, y) -> Math.max(Math.abs(x[0] - y[0]), Math.abs(x[1] - y[1])));
        double colour = part(a, b, 2, 3, (x, y) -> Math.min(1.0, Math.hypot(x[0] - y[0], x[1] - y[1])));
        double tone = part(a, b, 4, 5, (x, y) -> Math.min(1.0, Math.abs(x[0] - y[0]) + Math.abs(x[1] - y[1])));
        double composition = part(a, b, 6, 7, (x, y) -> Math.min(1.0, 2 * Math.hypot(x[0] - y[0], x[1] - y[1])));
        double camera = part(a, b, 8, 8, (x, y) -> x[0] == y[0] ? 0.0 : 1.0);
        return CHARACTER_WEIGHT * character + SHOT_WEIGHT * shot + COLOUR_WEIGHT * colour + TONE_WEIGHT * tone
                + COMPOSITION_WEIGHT * composition + CAMERA_WEIGHT * camera;
    }

    private interface Part {
        double of(double[] a, double[] b);
    }

    /** One part over slots {@code from..to}: 0 when neither knows it, 0.5 when one does. */
    private static double part(List<Float> a, List<Float> b, int from, int to, Part p) {
        double[] x = slots(a, from, to);
        double[] y = slots(b, from, to);
        if (x == null && y == null) return 0.0;
        if (x == null || y == null) return 0.5;
        return p.of(x, y);
    }

    private static double[] slots(List<Float> v, int from, int to) {
        if (v == null || v.size() != DIMENSIONS) return null;
        double[] out = new double[to - from + 1];
        for (int i = from; i <= to; i++) {
            if (v.get(i) < 0) return null;
            out[i - from] = v.get(i);
        }
        return out;
    }

    private static double clip(double x) {
        return x < 0 ? 0 : (x > 1 ? 1 : x);
    }
}
