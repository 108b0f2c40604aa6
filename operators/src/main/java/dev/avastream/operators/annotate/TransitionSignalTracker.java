package dev.avastream.operators.annotate;

import dev.avastream.operators.config.Setting;
import dev.avastream.operators.config.SettingValues;
import dev.avastream.operators.config.Tunables;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

import java.io.Serializable;
import java.util.List;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * Measures {@link TransitionSignals} from each frame's {@link FrameFeatures}, keeping the features of
 * the last {@link Params#longRangeFrames()} frames fed (references to arrays already extracted:
 * nothing is copied, about 20 KB each at 320x180) to measure the long-range change.
 *
 * <p>The content change between two frames used here is
 * <pre>  change(a, b) = mean |thumbnail(a) - thumbnail(b)| / 255 + (EMD(Cr) + EMD(Cb)) / 255</pre>
 * over the quarter-size luma thumbnails and the chroma histograms (earth mover's distance in levels).
 * Unlike the hard-cut score it has no caps and no edge term, so it is additive along a blend: when
 * every pixel moves steadily from one picture to another (a dissolve, a fade) the changes between
 * adjacent frames add up to the change over the span, while for motion, pans and grain the span's
 * change is a fraction of the sum (pixels go back and forth). A gradual-transition detector compares
 * the two.
 *
 * <p>Frames are matched by index: the adjacent change needs the frame with index - 1 and the
 * long-range change the frame with index - k among those fed; otherwise the value is -1 (unknown),
 * e.g. at the start of a title or after frames failed to decode. Feed the chunk's pre-roll frames
 * (at least k of them) so that the chunk's own first frames have both.
 *
 * <p>With the long-range change goes its {@link #coverage}: how evenly it spreads over the frame (a
 * blend changes the whole picture, an object crossing a still scene one part of it), and its
 * {@link EdgeSweep sweep}: how much of the picture a straight moving edge crossed over the same span
 * (a wipe), from the cell grids of the k + 1 frames, and its {@link ZoomMatch zoom residual}: how
 * much of it no zoom about the centre explains (a fast zoom is not a dissolve).
 *
 * <p>Cost: a popcount over the edge mask, three passes over 256-level histograms and three passes
 * over the thumbnail (3600 bytes at 320x180), the sweep over k + 1 cell grids and fourteen zoomed
 * copies of the centre of the thumbnail: under 100 microseconds per frame.
 */
public final class TransitionSignalTracker implements FrameAnnotator {

    public static final String NAME = "transitions";
    public static final FrameValue<Double> EDGE_DENSITY = FrameValue.field("edgeDensity", Double.class);
    public static final FrameValue<Double> CHROMA_RED = FrameValue.field("chromaRed", Double.class);
    public static final FrameValue<Double> CHROMA_BLUE = FrameValue.field("chromaBlue", Double.class);
    public static final FrameValue<Double> DARK_FRACTION = FrameValue.field("darkFraction", Double.class);
    public static final FrameValue<Double> BRIGHT_FRACTION = FrameValue.field("brightFraction", Double.class);
    public static final FrameValue<Double> ADJACENT_CHANGE = FrameValue.field("adjacentChange", Double.class);
    public static final FrameValue<Double> LONG_RANGE_CHANGE = FrameValue.field("longRangeChange", Double.class);
    public static final FrameValue<Integer> LONG_RANGE_FRAMES = FrameValue.field("longRangeFrames", Integer.class);
    public static final FrameValue<Double> LONG_RANGE_COVERAGE = FrameValue.field("longRangeCoverage", Double.class);
    public static final FrameValue<Double> SWEEP = FrameValue.field("sweep", Double.class);
    public static final FrameValue<Double> ZOOM_RESIDUAL = FrameValue.field("zoomResidual", Double.class);
    public static final FrameValue<Double> SLIDE_STEP_X = FrameValue.field("slideStepX", Double.class);
    public static final FrameValue<Double> SLIDE_STEP_Y = FrameValue.field("slideStepY", Double.class);
    public static final FrameValue<Double> SLIDE_SHARE = FrameValue.field("slideShare", Double.class);
    public static final FrameValue<Double> SLIDE_GAIN = FrameValue.field("slideGain", Double.class);

    /** Highest luma level (of 255) counted as near black. */
    public static final int NEAR_BLACK_LEVEL = 24;
    /** Lowest luma level (of 255) counted as near white. */
    public static final int NEAR_WHITE_LEVEL = 235;

    /**
     * @param longRangeFrames {@link Tunables#LONG_RANGE_FRAMES}, where its default and meaning are written
     */
    public record Params(int longRangeFrames) implements Serializable {

        public Params {
            Setting.check(Tunables.LONG_RANGE_FRAMES, longRangeFrames);
        }

        public static Params defaults() {
            return from(SettingValues.defaults());
        }

        public static Params from(SettingValues v) {
            return new Params(v.get(Tunables.LONG_RANGE_FRAMES));
        }
    }

    /** Cells per side of the grid of {@link #coverage}. */
    public static final int GRID = 4;

    private final Params params;
    private final FrameFeatures[] history;
    /** Mean Y, Cr, Cb of each grid cell of the frames in {@link #history} (null when not measured). */
    private final byte[][] cellColours;
    private final Mat cells = new Mat();
    private final Size gridSize = new Size(GRID, GRID);
    private long fed;
    private int[] cellIndex;
    private int[] cellCounts;
    private int cellWidth;
    /** The half-size luma plane, copied for {@link SlideMatch#profiles} (reused). */
    private byte[] luma;
    /** The last frame's slide profiles and index (only the frame before is compared). */
    private SlideMatch.Profiles previousProfiles;
    private long previousProfilesIndex = -1;

    public TransitionSignalTracker(Params params) {
        this.params = params;
        this.history = new FrameFeatures[params.longRangeFrames()];
        this.cellColours = new byte[params.longRangeFrames()][];
    }

    public TransitionSignalTracker() {
        this(Params.defaults());
    }

    @Override
    public Params params() { return params; }

    @Override
    public String name() { return NAME; }

    @Override
    public AnnotatorCost cost() { return AnnotatorCost.CHEAP; }

    /** The long-range change of the chunk's first frames reaches back into the pre-roll. */
    @Override
    public boolean seesContextFrames() { return true; }

    @Override
    public List<FrameValue<?>> reads() { return List.of(FrameFeatureExtractor.FEATURES); }

    @Override
    public List<FrameValue<?>> writes() {
        return List.of(EDGE_DENSITY, CHROMA_RED, CHROMA_BLUE, DARK_FRACTION, BRIGHT_FRACTION, ADJACENT_CHANGE,
                LONG_RANGE_CHANGE, LONG_RANGE_FRAMES, LONG_RANGE_COVERAGE, SWEEP, ZOOM_RESIDUAL,
                SLIDE_STEP_X, SLIDE_STEP_Y, SLIDE_SHARE, SLIDE_GAIN);
    }

    @Override
    public void annotate(AnalysedFrame frame) {
        TransitionSignals s = measure(frame.planes(), frame.get(FrameFeatureExtractor.FEATURES));
        frame.set(EDGE_DENSITY, s.edgeDensity());
        frame.set(CHROMA_RED, s.chromaRed());
        frame.set(CHROMA_BLUE, s.chromaBlue());
        frame.set(DARK_FRACTION, s.darkFraction());
        frame.set(BRIGHT_FRACTION, s.brightFraction());
        frame.set(ADJACENT_CHANGE, s.adjacentChange());
        frame.set(LONG_RANGE_CHANGE, s.longRangeChange());
        frame.set(LONG_RANGE_FRAMES, s.longRangeFrames());
        frame.set(LONG_RANGE_COVERAGE, s.longRangeCoverage());
        frame.set(SWEEP, s.sweep());
        frame.set(ZOOM_RESIDUAL, s.zoomResidual());
        frame.set(SLIDE_STEP_X, s.slide().stepX());
        frame.set(SLIDE_STEP_Y, s.slide().stepY());
        frame.set(SLIDE_SHARE, s.slide().share());
        frame.set(SLIDE_GAIN, s.slide().gain());
    }

    /**
     * Measures the frame loaded in {@code planes}, whose features are {@code frame}, and remembers it
     * for the frames after it. The planes add the colour of each grid cell to {@link #coverage}.
     */
    public TransitionSignals measure(FramePlanes planes, FrameFeatures frame) {
        resize(planes.quarterYCrCb(), cells, gridSize, 0, 0, INTER_AREA);
        byte[] colours = new byte[GRID * GRID * 3];
        NativeReads.copy(cells, colours);
        return measure(frame, colours, profiles(planes.halfGray()));
    }

    /** Measures a frame from its features alone (coverage from luma only, no slide), and remembers it. */
    public TransitionSignals measure(FrameFeatures frame) {
        return measure(frame, null, null);
    }

    private TransitionSignals measure(FrameFeatures frame, byte[] colours, SlideMatch.Profiles profiles) {
        int k = params.longRangeFrames();
        long index = frame.frameIndex();
        int previous = find(index - 1);
        int spanStart = find(index - k);
        double adjacent = previous < 0 ? -1 : change(history[previous], frame);
        double longRange = -1, coverage = -1, sweep = -1, zoom = -1;
        if (spanStart >= 0) {
            longRange = change(history[spanStart], frame);
            coverage = coverage(history[spanStart], frame, cellColours[spanStart], colours);
            sweep = sweep(index, frame);
            zoom = ZoomMatch.residual(history[spanStart].lumaThumbnail(), frame.lumaThumbnail(), frame.thumbnailWidth());
        }

        TransitionSignals s = new TransitionSignals(
                edgeDensity(frame),
                meanLevel(frame.redChromaCdf()) / 255.0,
                meanLevel(frame.blueChromaCdf()) / 255.0,
                frame.lumaCdf()[NEAR_BLACK_LEVEL],
                1.0 - frame.lumaCdf()[NEAR_WHITE_LEVEL - 1],
                adjacent, longRange, k, coverage, sweep, zoom, slide(index, profiles));
        previousProfiles = profiles;
        previousProfilesIndex = index;
        int slot = (int) (fed++ % history.length);
        history[slot] = frame;
        cellColours[slot] = colours;
        return s;
    }

    /** {@link EdgeSweep#sweep} over the frames index - k .. index, or -1 when one of them was not seen. */
    private double sweep(long index, FrameFeatures frame) {
        int k = params.longRangeFrames();
        byte[][] span = new byte[k + 1][];
        for (int j = k; j >= 1; j--) {
            int slot = find(index - j);
            if (slot < 0) return -1;
            span[k - j] = history[slot].cellColours();
        }
        span[k] = frame.cellColours();
        return EdgeSweep.sweep(span);
    }

    /**
     * {@link SlideMatch#profiles} of the half-size luma plane: a quarter of the pixels of the analysis
     * frame (the profiles average rows and columns anyway), with shifts in 2-pixel steps of the
     * analysis frame. Null when the plane is too small for them.
     */
    private SlideMatch.Profiles profiles(Mat halfGray) {
        int width = halfGray.cols(), height = halfGray.rows();
        // a sliver of a picture (a 2000x32 video is 160x3 here) has no slide to measure: unknown, not a failure
        if (!SlideMatch.measurable(width, height)) return null;
        if (luma == null || luma.length != width * height) luma = new byte[width * height];
        NativeReads.copy(halfGray, luma);
        return SlideMatch.profiles(luma, width, height, width);
    }

    /** {@link SlideMatch#match} from the frame before, or unknown when it was not seen or has no profiles. */
    private SlideMatch.Result slide(long index, SlideMatch.Profiles profiles) {
        if (profiles == null || previousProfiles == null || previousProfilesIndex != index - 1) return SlideMatch.Result.UNKNOWN;
        return SlideMatch.match(previousProfiles, profiles);
    }

    /** Forgets the frames seen (start of an unrelated sequence). */
    @Override
    public void reset() {
        previousProfiles = null;
        java.util.Arrays.fill(history, null);
        java.util.Arrays.fill(cellColours, null);
        fed = 0;
    }

    @Override
    public void close() {
        cells.close();
        gridSize.close();
    }

    /** The history slot of the frame with this index among the last k fed, or -1. */
    private int find(long index) {
        // Usually the frames are contiguous: frame index - j sits j slots back.
        for (int j = 1; j <= history.length && j <= fed; j++) {
            int slot = (int) ((fed - j) % history.length);
            FrameFeatures f = history[slot];
            if (f != null && f.frameIndex() == index) return slot;
            if (f != null && f.frameIndex() < index) return -1;
        }
        return -1;
    }

    /**
     * The additive content change between two frames (see the class comment); infinite when their
     * sizes differ.
     */
    public static double change(FrameFeatures a, FrameFeatures b) {
        byte[] x = a.lumaThumbnail();
        byte[] y = b.lumaThumbnail();
        if (x.length != y.length || x.length == 0) return Double.POSITIVE_INFINITY;
        long sum = 0;
        for (int i = 0; i < x.length; i++) sum += Math.abs((x[i] & 0xff) - (y[i] & 0xff));
        double luma = sum / (255.0 * x.length);
        double chroma = emd(a.redChromaCdf(), b.redChromaCdf()) + emd(a.blueChromaCdf(), b.blueChromaCdf());
        return luma + chroma / 255.0;
    }

    private static double emd(float[] cdfA, float[] cdfB) {
        double sum = 0;
        for (int i = 0; i < cdfA.length; i++) sum += Math.abs(cdfA[i] - cdfB[i]);
        return sum;
    }

    /**
     * How evenly the change between two frames spreads over a {@value #GRID}x{@value #GRID} grid:
     * with c_j the change in cell j (mean absolute difference of the luma thumbnails there, plus the
     * shift of the cell's mean Cr and Cb when both frames' cell colours are known), the participation
     * ratio (sum c_j)^2 / (cells x sum c_j^2): 1 when every cell changed alike (a dissolve, a fade, a
     * pan), about 1/cells when one cell did (an object crossing a still scene); 1 when nothing
     * changed; -1 when the frames' sizes differ.
     */
    public double coverage(FrameFeatures a, FrameFeatures b, byte[] coloursA, byte[] coloursB) {
        byte[] x = a.lumaThumbnail();
        byte[] y = b.lumaThumbnail();
        if (x.length != y.length || x.length == 0) return -1;
        int[] cellOf = cellsOf(b.thumbnailWidth(), x.length);
        long[] sums = new long[GRID * GRID];
        for (int i = 0; i < x.length; i++) sums[cellOf[i]] += Math.abs((x[i] & 0xff) - (y[i] & 0xff));
        boolean colour = coloursA != null && coloursB != null;
        double total = 0, squares = 0;
        for (int j = 0; j < sums.length; j++) {
            double c = (double) sums[j] / cellCounts[j];
            if (colour) {
                // Cells are stored Y, Cr, Cb interleaved.
                c += Math.abs((coloursA[3 * j + 1] & 0xff) - (coloursB[3 * j + 1] & 0xff))
                        + Math.abs((coloursA[3 * j + 2] & 0xff) - (coloursB[3 * j + 2] & 0xff));
            }
            total += c;
            squares += c * c;
        }
        return squares == 0 ? 1 : total * total / (sums.length * squares);
    }

    /** Cell of each thumbnail pixel, cached for the thumbnail size. */
    private int[] cellsOf(int width, int pixels) {
        if (cellIndex != null && cellIndex.length == pixels && cellWidth == width) return cellIndex;
        int height = pixels / width;
        cellIndex = new int[pixels];
        cellCounts = new int[GRID * GRID];
        for (int yy = 0; yy < height; yy++) {
            for (int xx = 0; xx < width; xx++) {
                int c = (yy * GRID / height) * GRID + xx * GRID / width;
                cellIndex[yy * width + xx] = c;
                cellCounts[c]++;
            }
        }
        cellWidth = width;
        return cellIndex;
    }

    /** Mean level of a distribution given as its cumulative histogram: sum over levels of P(X > level). */
    static double meanLevel(float[] cdf) {
        double mean = 0;
        for (int i = 0; i < cdf.length - 1; i++) mean += 1.0 - cdf[i];
        return mean;
    }

    static double edgeDensity(FrameFeatures f) {
        if (f.edgePixels() == 0) return 0;
        long edges = 0;
        for (long w : f.edgeMask()) edges += Long.bitCount(w);
        return (double) edges / f.edgePixels();
    }
}
