package dev.avastream.operators.annotate;

import dev.avastream.operators.config.Setting;
import dev.avastream.operators.config.SettingValues;
import dev.avastream.operators.config.Tunables;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

import java.io.Serializable;
import java.util.List;

import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_GRADIENT;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_RECT;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.calcHist;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;
import static org.bytedeco.opencv.global.opencv_imgproc.morphologyEx;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

/**
 * Extracts {@link FrameFeatures}, the pixel-free summary of a frame that the shot detector compares
 * frame to frame and the ranking uses for diversity:
 * <ul>
 *   <li>luma and chroma (Cr, Cb) histograms of the quarter-size frame, one bin per 8-bit level: with
 *       coarser bins a flat or slowly fading frame whose colour crosses a bin edge would look like a
 *       complete change; with one bin per level the earth mover's distance between two of them is
 *       exact, in levels;</li>
 *   <li>the quarter-size luma itself as a thumbnail (80x45 for a 320x180 frame: 4x4 blocks, fine
 *       enough for layout and coarse texture, coarse enough to average grain away);</li>
 *   <li>an edge map of the half-size luma: pixels whose 3x3 neighbourhood spans at least
 *       {@link Params#edgeThreshold()} levels (a morphological gradient). Unlike Canny it needs no
 *       dilation to tolerate a one-pixel shift (its edges are already three pixels wide) and costs a
 *       tenth as much;</li>
 *   <li>a coarse map of where colour and texture are: the mean Y, Cr, Cb of each cell of a 16x9 grid,
 *       and each cell's share of edge pixels (area-averaged resizes of the planes above), so the
 *       detector can tell a change of the whole picture (a cut) from one confined to a moving
 *       object;</li>
 *   <li>the {@link AppearanceVector}.</li>
 * </ul>
 * Native scratch matrices are reused across frames; only the small Java arrays of each
 * {@link FrameFeatures} are allocated per frame (about 20 KB at 320x180).
 */
public final class FrameFeatureExtractor implements FrameAnnotator {

    public static final String NAME = "features";
    /** The frame's features, for the annotators that compare frames (never published as such). */
    public static final FrameValue<FrameFeatures> FEATURES = FrameValue.of("features", FrameFeatures.class);

    /** Bins of every histogram: one per 8-bit level. */
    public static final int LEVELS = 256;

    /**
     * @param edgeThreshold {@link Tunables#EDGE_THRESHOLD}, where its default and meaning are written
     */
    public record Params(int edgeThreshold) implements Serializable {

        public Params {
            Setting.check(Tunables.EDGE_THRESHOLD, edgeThreshold);
        }

        public static Params defaults() {
            return from(SettingValues.defaults());
        }

        public static Params from(SettingValues v) {
            return new Params(v.get(Tunables.EDGE_THRESHOLD));
        }
    }

    private final Params params;
    private final IntPointer[] channel = {
            new IntPointer(new int[] {0}), new IntPointer(new int[] {1}), new IntPointer(new int[] {2})};
    private final IntPointer histSize = new IntPointer(new int[] {LEVELS});
    private final FloatPointer levelRange = new FloatPointer(0f, 256f);
    // An explicit array: a single-argument PointerPointer(Pointer) would be a cast, not a one-element array.
    private final PointerPointer<FloatPointer> ranges = new PointerPointer<>(new FloatPointer[] {levelRange});
    private final Mat noMask = new Mat();
    private final Mat histogram = new Mat();
    private final Mat gradient = new Mat();
    private final Mat edges = new Mat();
    private final Mat edgesFull = new Mat();
    private final Mat cellYCrCb = new Mat();
    private final Mat cellEdgeMap = new Mat();
    private final Size grid = new Size(FrameFeatures.GRID_COLUMNS, FrameFeatures.GRID_ROWS);
    private final Mat kernel;

    public FrameFeatureExtractor(Params params) {
        this.params = params;
        try (Size size = new Size(3, 3)) {
            kernel = getStructuringElement(MORPH_RECT, size);
        }
    }

    public FrameFeatureExtractor() {
        this(Params.defaults());
    }

    @Override
    public Params params() { return params; }

    @Override
    public String name() { return NAME; }

    @Override
    public AnnotatorCost cost() { return AnnotatorCost.PIXEL; }

    /** The cut detector and the transition signals compare every frame with the ones before it. */
    @Override
    public boolean seesContextFrames() { return true; }

    @Override
    public List<FrameValue<?>> writes() { return List.of(FEATURES); }

    @Override
    public void annotate(AnalysedFrame frame) {
        frame.set(FEATURES, measure(frame.planes()));
    }

    /** Extracts the features of the frame currently loaded in {@code frame}. */
    public FrameFeatures measure(FramePlanes frame) {
        Mat ycrcb = frame.quarterYCrCb();
        float[] luma = cumulativeHistogram(ycrcb, 0);
        float[] red = cumulativeHistogram(ycrcb, 1);
        float[] blue = cumulativeHistogram(ycrcb, 2);

        Mat quarterGray = frame.quarterGray();
        int thumbnailWidth = quarterGray.cols();
        byte[] thumbnail = new byte[thumbnailWidth * quarterGray.rows()];
        NativeReads.copy(quarterGray, thumbnail);

        morphologyEx(frame.halfGray(), gradient, MORPH_GRADIENT, kernel);
        // THRESH_BINARY keeps values strictly above the threshold; 1 rather than 255 marks an edge, so
        // that each pixel is one set bit and popcounts over whole longs count pixels.
        threshold(gradient, edges, params.edgeThreshold() - 1, 1, THRESH_BINARY);
        int edgePixels = edges.rows() * edges.cols();
        long[] edgeMask = new long[(edgePixels + 7) / 8];
        NativeReads.copyAsLongs(edges, edgeMask);

        resize(ycrcb, cellYCrCb, grid, 0, 0, INTER_AREA);
        byte[] cellColours = new byte[FrameFeatures.GRID_CELLS * 3];
        NativeReads.copy(cellYCrCb, cellColours);
        // 0/1 edges would average to 0 or 1 in 8 bits: scale to 0/255 first so the cell mean is a share.
        edges.convertTo(edgesFull, CV_8U, 255, 0);
        resize(edgesFull, cellEdgeMap, grid, 0, 0, INTER_AREA);
        byte[] cellEdges = new byte[FrameFeatures.GRID_CELLS];
        NativeReads.copy(cellEdgeMap, cellEdges);

        float[] appearance = AppearanceVector.of(red, blue, layout3x3(thumbnail, thumbnailWidth),
                frame.lumaMean(), frame.lumaStd());
        return new FrameFeatures(frame.frameIndex(), frame.timeUs(), frame.context(), luma, red, blue,
                thumbnail, thumbnailWidth, edgeMask, edgePixels, appearance, cellColours, cellEdges);
    }

    private float[] cumulativeHistogram(Mat image, int c) {
        calcHist(image, 1, channel[c], noMask, histogram, 1, histSize, ranges, true, false);
        float[] h = new float[LEVELS];
        NativeReads.copy(histogram, h);
        double total = 0;
        for (float v : h) total += v;
        double running = 0;
        for (int i = 0; i < LEVELS; i++) {
            running += h[i];
            h[i] = (float) (running / total);
        }
        return h;
    }

    /** Mean luma of a 3x3 grid over the thumbnail (cells split as evenly as the size allows). */
    static float[] layout3x3(byte[] thumbnail, int width) {
        int height = thumbnail.length / width;
        long[] sum = new long[9];
        long[] count = new long[9];
        for (int y = 0; y < height; y++) {
            int row = y * 3 / height;
            for (int x = 0; x < width; x++) {
                int cell = row * 3 + x * 3 / width;
                sum[cell] += thumbnail[y * width + x] & 0xff;
                count[cell]++;
            }
        }
        float[] means = new float[9];
        for (int i = 0; i < 9; i++) means[i] = count[i] == 0 ? 0 : (float) sum[i] / count[i] / 255f;
        return means;
    }

    @Override
    public void close() {
        for (IntPointer p : channel) p.close();
        histSize.close();
        ranges.close();
        levelRange.close();
        noMask.close();
        histogram.close();
        gradient.close();
        edges.close();
        edgesFull.close();
        cellYCrCb.close();
        cellEdgeMap.close();
        grid.close();
        kernel.close();
    }
}
