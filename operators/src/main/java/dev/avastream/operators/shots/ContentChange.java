package dev.avastream.operators.shots;

import dev.avastream.operators.annotate.FrameFeatures;
import dev.avastream.schema.ScoreComponent;

import java.util.ArrayList;
import java.util.List;

/**
 * How different two frames look, as a weighted sum of five distances between their
 * {@link FrameFeatures}, each 0..1:
 * <ul>
 *   <li>{@value #CHROMA}: earth mover's distance between the Cr histograms plus that between the Cb
 *       histograms, in 8-bit levels, divided by {@value #CHROMA_FULL_SCALE} (capped at 1); sees a cut
 *       between shots of the same brightness but a different palette;</li>
 *   <li>{@value #LUMA_HISTOGRAM}: earth mover's distance between the luma histograms, in levels,
 *       divided by {@value #LUMA_FULL_SCALE} (capped at 1): the distribution of light;</li>
 *   <li>{@value #LUMA_THUMBNAIL}: mean absolute difference of the luma thumbnails / 255: layout of
 *       light and dark and coarse texture, insensitive to grain because the thumbnail averages it
 *       away;</li>
 *   <li>{@value #EDGES}: share of the edge pixels of either frame that are edges in only one
 *       of them (fine texture and outlines), with the denominator floored at {@value #MIN_EDGE_SHARE}
 *       of the frame so that a nearly edgeless frame does not turn a few noisy edges into a 100 %
 *       change.</li>
 *   <li>{@value #CHANGED_AREA}: the share of the cells of the 16x9 grid (see {@link FrameFeatures})
 *       whose colour moved by at least {@link HardCutDetector.Params#cellColourLevels()} levels
 *       (|dY| + |dCr| + |dCb| of the cell means) or whose share of edge pixels moved by at least
 *       {@link HardCutDetector.Params#cellEdgeShare()}: how much of the picture changed, not how much
 *       it changed. A cut changes nearly every cell, even between look-alike shots whose histograms
 *       barely differ; an object crossing a still scene changes only the cells it covers, however
 *       colourful it is. A cell's colour change counts only if it is also that large beyond the one
 *       gain (about black and neutral chroma) that best maps the first frame's cells onto the
 *       second's: a change of light over the whole picture (a fade that rises in steps, an old
 *       print's flicker) changes every cell, yet no part of the picture.</li>
 * </ul>
 * Earth mover's distance rather than bin-by-bin histogram intersection: a flat or fading frame whose
 * level drifts by one step moves all its mass to the next bin, which intersection reads as a total
 * change and EMD as a one-level change. Weights come from {@link HardCutDetector.Params}.
 */
public final class ContentChange {

    public static final String CHROMA = "chromaHistogram";
    public static final String LUMA_HISTOGRAM = "lumaHistogram";
    public static final String LUMA_THUMBNAIL = "lumaThumbnail";
    public static final String EDGES = "edgeMap";
    public static final String CHANGED_AREA = "changedArea";
    /** Chroma shift, in levels (Cr and Cb together), that counts as a complete change of palette. */
    public static final double CHROMA_FULL_SCALE = 24.0;
    /** Luma distribution shift, in levels, that counts as a complete change of light. */
    public static final double LUMA_FULL_SCALE = 64.0;
    static final double MIN_EDGE_SHARE = 0.15;

    private final double chromaWeight;
    private final double lumaHistogramWeight;
    private final double lumaThumbnailWeight;
    private final double edgeWeight;
    private final double changedAreaWeight;
    private final int cellColourLevels;
    private final int cellEdgeLevels;
    /** Mean luma (8-bit) of two frames from which a cell's colour change counts in full levels. */
    private static final double FULL_LEVELS_LUMA = 64;
    /** Fewest levels a cell's colour change needs however dark the frames: above what grain moves a cell mean by. */
    private static final int MIN_DARK_LEVELS = 4;
    /** Largest step of light (gain, either way) between two frames that a fade or a flicker makes in one frame. */
    private static final double MAX_LIGHT_GAIN = 1.5;
    /** Share of the frames' colour change the best gain may leave for the change to be one of light. */
    private static final double MAX_LIGHT_RESIDUAL = 0.7;

    public ContentChange(HardCutDetector.Params params) {
        this.chromaWeight = params.chromaWeight();
        this.lumaHistogramWeight = params.lumaHistogramWeight();
        this.lumaThumbnailWeight = params.lumaThumbnailWeight();
        this.edgeWeight = params.edgeWeight();
        this.changedAreaWeight = params.changedAreaWeight();
        this.cellColourLevels = params.cellColourLevels();
        this.cellEdgeLevels = (int) Math.ceil(params.cellEdgeShare() * 255);
    }

    /** The change score between {@code a} and {@code b} (symmetric), without components. */
    public double score(FrameFeatures a, FrameFeatures b) {
        double s = 0;
        if (chromaWeight != 0) s += chromaWeight * chromaDistance(a, b);
        if (lumaHistogramWeight != 0) s += lumaHistogramWeight * lumaHistogramDistance(a, b);
        if (lumaThumbnailWeight != 0) s += lumaThumbnailWeight * lumaThumbnailDistance(a, b);
        if (edgeWeight != 0) s += edgeWeight * edgeDistance(a, b);
        if (changedAreaWeight != 0) s += changedAreaWeight * changedArea(a, b);
        return s;
    }

    /** The change score of {@code current} against {@code previous}, with its components. */
    public CutScore measure(FrameFeatures previous, FrameFeatures current) {
        return build(current.frameIndex(), chromaDistance(previous, current), lumaHistogramDistance(previous, current),
                lumaThumbnailDistance(previous, current), edgeDistance(previous, current), changedArea(previous, current));
    }

    /** A zero score for a frame with nothing before it to compare with. */
    public CutScore none(long frameIndex) {
        return build(frameIndex, 0, 0, 0, 0, 0);
    }

    private CutScore build(long frameIndex, double chroma, double lumaHistogram, double lumaThumbnail, double edges,
                           double area) {
        List<ScoreComponent> parts = new ArrayList<>(5);
        double total = 0;
        total += add(parts, CHROMA, chroma, chromaWeight);
        total += add(parts, LUMA_HISTOGRAM, lumaHistogram, lumaHistogramWeight);
        total += add(parts, LUMA_THUMBNAIL, lumaThumbnail, lumaThumbnailWeight);
        total += add(parts, EDGES, edges, edgeWeight);
        total += add(parts, CHANGED_AREA, area, changedAreaWeight);
        return new CutScore(frameIndex, total, parts);
    }

    private static double add(List<ScoreComponent> parts, String name, double value, double weight) {
        double contribution = value * weight;
        // The all-arguments constructor: Avro's builder validates and copies, ten times the cost.
        parts.add(new ScoreComponent(name, value, weight, contribution));
        return contribution;
    }

    static double chromaDistance(FrameFeatures a, FrameFeatures b) {
        double levels = emd(a.redChromaCdf(), b.redChromaCdf()) + emd(a.blueChromaCdf(), b.blueChromaCdf());
        return Math.min(1.0, levels / CHROMA_FULL_SCALE);
    }

    static double lumaHistogramDistance(FrameFeatures a, FrameFeatures b) {
        return Math.min(1.0, emd(a.lumaCdf(), b.lumaCdf()) / LUMA_FULL_SCALE);
    }

    /** Earth mover's distance between two 1-D distributions given as cumulative histograms, in bins. */
    static double emd(float[] cdfA, float[] cdfB) {
        if (cdfA.length != cdfB.length) return cdfA.length;
        double sum = 0;
        for (int i = 0; i < cdfA.length; i++) sum += Math.abs(cdfA[i] - cdfB[i]);
        return sum;
    }

    static double lumaThumbnailDistance(FrameFeatures a, FrameFeatures b) {
        byte[] x = a.lumaThumbnail();
        byte[] y = b.lumaThumbnail();
        if (x.length != y.length || x.length == 0) return 1.0;
        long sum = 0;
        for (int i = 0; i < x.length; i++) sum += Math.abs((x[i] & 0xff) - (y[i] & 0xff));
        return sum / (255.0 * x.length);
    }

    /** Share of grid cells whose colour or edge share changed noticeably, 0..1 (see the class comment). */
    public double changedArea(FrameFeatures a, FrameFeatures b) {
        byte[] ca = a.cellColours();
        byte[] cb = b.cellColours();
        byte[] ea = a.cellEdges();
        byte[] eb = b.cellEdges();
        if (ca.length != cb.length || ea.length != eb.length || ea.length == 0) return 1.0;
        // In a dark picture every difference is small in levels (chroma shrinks with luma too), so a cell
        // of two dark frames counts as changed at a proportionally smaller colour change.
        long luma = 0;
        for (int c = 0; c < ca.length; c += 3) luma += (ca[c] & 0xff) + (cb[c] & 0xff);
        double meanLuma = luma / (2.0 * ea.length);
        int levels = meanLuma >= FULL_LEVELS_LUMA ? cellColourLevels
                : Math.max(Math.min(cellColourLevels, MIN_DARK_LEVELS), (int) Math.round(cellColourLevels * meanLuma / FULL_LEVELS_LUMA));
        // A change of light alone (a fade's step, an exposure change) scales every cell's luma and
        // chroma by one gain about black and neutral: a cell counts as changed only if it changed
        // beyond the gain that best explains the whole frame's change, too. Only a moderate gain that
        // explains most of the change is a change of light: a cut to black is a gain of 0, and between
        // different pictures the best gain leaves most of the change.
        double gain = lightGain(ca, cb);
        boolean light = !Double.isNaN(gain);
        double plainTotal = 0, beyondTotal = 0;
        int changed = 0, changedBeyondLight = 0;
        for (int cell = 0, c = 0; cell < ea.length; cell++, c += 3) {
            boolean edges = Math.abs((ea[cell] & 0xff) - (eb[cell] & 0xff)) >= cellEdgeLevels;
            double plain = colourChange(ca, cb, c, 1);
            double beyond = light ? colourChange(ca, cb, c, gain) : plain;
            plainTotal += plain;
            beyondTotal += beyond;
            if (edges || plain >= levels) changed++;
            if (edges || (plain >= levels && beyond >= levels)) changedBeyondLight++;
        }
        if (light && beyondTotal <= MAX_LIGHT_RESIDUAL * plainTotal) changed = changedBeyondLight;
        return (double) changed / ea.length;
    }

    /**
     * |dY| + |dCr| + |dCb| of cell {@code c} (offset into the Y, Cr, Cb triples) between b and a
     * scaled by {@code gain} about black and neutral chroma.
     */
    private static double colourChange(byte[] ca, byte[] cb, int c, double gain) {
        return Math.abs((cb[c] & 0xff) - gain * (ca[c] & 0xff))
                + Math.abs(((cb[c + 1] & 0xff) - 128) - gain * ((ca[c + 1] & 0xff) - 128))
                + Math.abs(((cb[c + 2] & 0xff) - 128) - gain * ((ca[c + 2] & 0xff) - 128));
    }

    /**
     * The gain g that best maps frame a's cell lumas onto frame b's (least squares through black), or
     * NaN when a is black or g is outside [1 / {@value #MAX_LIGHT_GAIN}, {@value #MAX_LIGHT_GAIN}].
     */
    static double lightGain(byte[] ca, byte[] cb) {
        double ab = 0, aa = 0;
        for (int c = 0; c < ca.length; c += 3) {
            double ya = ca[c] & 0xff, yb = cb[c] & 0xff;
            ab += ya * yb;
            aa += ya * ya;
        }
        double g = aa > 0 ? ab / aa : Double.NaN;
        return g >= 1 / MAX_LIGHT_GAIN && g <= MAX_LIGHT_GAIN ? g : Double.NaN;
    }

    static double edgeDistance(FrameFeatures a, FrameFeatures b) {
        long[] x = a.edgeMask();
        long[] y = b.edgeMask();
        if (x.length != y.length || a.edgePixels() != b.edgePixels()) return 1.0;
        long differing = 0;
        long either = 0;
        for (int i = 0; i < x.length; i++) {
            differing += Long.bitCount(x[i] ^ y[i]);
            either += Long.bitCount(x[i] | y[i]);
        }
        double floor = MIN_EDGE_SHARE * a.edgePixels();
        return differing == 0 ? 0.0 : Math.min(1.0, differing / Math.max(either, floor));
    }
}
