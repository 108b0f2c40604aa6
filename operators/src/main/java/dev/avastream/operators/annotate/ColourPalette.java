package dev.avastream.operators.annotate;

import dev.avastream.schema.ColourShare;

import java.util.ArrayList;
import java.util.List;

/**
 * The coarse RGB palette that dominant colours are counted in: 4 levels per channel, 64 cells. A
 * cell's colour is the mean of the pixels that fell in it, not the cell's centre, so a dark red
 * stays dark red. Coarse on purpose: a shot's "colours" are what an art director would name
 * (teal, orange, skin, sky), and finer cells would split one surface's shading over several.
 *
 * <p>Each cell accumulates a weight and the weighted sums of R, G, B; {@link #top} turns the
 * heaviest cells into {@link ColourShare}s. Used per frame ({@link DominantColourExtractor}, weight =
 * pixels) and per shot ({@code ShotPalette}, weight = the frames' shares).
 */
public final class ColourPalette {

    /** Levels per channel. */
    public static final int LEVELS_PER_CHANNEL = 4;
    /** Cells of the palette. */
    public static final int CELLS = LEVELS_PER_CHANNEL * LEVELS_PER_CHANNEL * LEVELS_PER_CHANNEL;
    /** Values per cell in {@link #raw()}: weight, then weighted R, G, B sums. */
    public static final int STRIDE = 4;

    private final double[] cells;

    public ColourPalette() {
        this.cells = new double[CELLS * STRIDE];
    }

    /** A palette over existing sums (e.g. from state), {@link #CELLS} x {@link #STRIDE} values; copied. */
    public ColourPalette(List<Double> raw) {
        this();
        if (raw.size() == cells.length) {
            for (int i = 0; i < cells.length; i++) cells[i] = raw.get(i);
        } else if (!raw.isEmpty()) {
            throw new IllegalArgumentException("a palette has " + cells.length + " values, got " + raw.size());
        }
    }

    /** The cell of an 8-bit colour. */
    public static int cellOf(int red, int green, int blue) {
        return (red >> 6) * 16 + (green >> 6) * 4 + (blue >> 6);
    }

    /** Adds {@code weight} of colour (red, green, blue) to its cell. */
    public void add(int red, int green, int blue, double weight) {
        int c = cellOf(red, green, blue) * STRIDE;
        cells[c] += weight;
        cells[c + 1] += weight * red;
        cells[c + 2] += weight * green;
        cells[c + 3] += weight * blue;
    }

    /** Total weight added. */
    public double totalWeight() {
        double t = 0;
        for (int i = 0; i < cells.length; i += STRIDE) t += cells[i];
        return t;
    }

    /**
     * The {@code n} heaviest cells, heaviest first, each as its mean colour and its weight divided by
     * {@code shareOf} (e.g. the pixel count of a frame, or the number of frames of a shot). Cells with
     * no weight are left out; ties go to the lower cell index, so the result is deterministic.
     */
    public List<ColourShare> top(int n, double shareOf) {
        List<ColourShare> out = new ArrayList<>(n);
        boolean[] taken = new boolean[CELLS];
        for (int k = 0; k < n; k++) {
            int best = -1;
            for (int cell = 0; cell < CELLS; cell++) {
                if (taken[cell] || cells[cell * STRIDE] <= 0) continue;
                if (best < 0 || cells[cell * STRIDE] > cells[best * STRIDE]) best = cell;
            }
            if (best < 0) break;
            taken[best] = true;
            double w = cells[best * STRIDE];
            out.add(new ColourShare(channel(cells[best * STRIDE + 1] / w), channel(cells[best * STRIDE + 2] / w),
                    channel(cells[best * STRIDE + 3] / w), shareOf > 0 ? w / shareOf : 0.0));
        }
        return out;
    }

    private static int channel(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    /**
     * Pools a frame's dominant colours into a shot's palette sums held in state ({@link #raw()}
     * form, empty for a new shot; grown in place), each colour weighted by its share of the frame.
     * Pooling the frames' top colours rather than all their pixels keeps the state at 256 numbers
     * per open shot, and a colour that dominates no frame does not dominate the shot.
     */
    public static void accumulate(List<Double> raw, List<ColourShare> frameColours) {
        if (frameColours.isEmpty()) return;
        if (raw.isEmpty()) {
            for (int i = 0; i < CELLS * STRIDE; i++) raw.add(0.0);
        } else if (raw.size() != CELLS * STRIDE) {
            throw new IllegalArgumentException("a palette has " + CELLS * STRIDE + " values, got " + raw.size());
        }
        for (ColourShare c : frameColours) {
            int at = cellOf(c.getRed(), c.getGreen(), c.getBlue()) * STRIDE;
            double w = c.getShare();
            raw.set(at, raw.get(at) + w);
            raw.set(at + 1, raw.get(at + 1) + w * c.getRed());
            raw.set(at + 2, raw.get(at + 2) + w * c.getGreen());
            raw.set(at + 3, raw.get(at + 3) + w * c.getBlue());
        }
    }

    /** The sums, {@link #CELLS} x {@link #STRIDE} values, for state. */
    public List<Double> raw() {
        List<Double> out = new ArrayList<>(cells.length);
        for (double v : cells) out.add(v);
        return out;
    }
}
