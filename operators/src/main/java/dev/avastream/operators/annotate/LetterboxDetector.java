package dev.avastream.operators.annotate;

import org.bytedeco.opencv.opencv_core.Mat;

import java.util.List;

/**
 * Black bars around the picture: letterboxing (a 2.39:1 film in a 16:9 stream) and pillarboxing (4:3
 * in 16:9). The bars are not the picture, so a crop for an artwork canvas must stay inside them
 * (CanvasCropper); a still with bars is a still of a smaller picture.
 *
 * <p>A row (column) is bar when its brightest pixel is at most {@value #BAR_MAX} and its mean at most
 * {@value #BAR_MEAN} of 255: a bar is flat black, while even a night scene has some detail. Bars
 * count only in pairs of nearly the same size (within {@value #SYMMETRY} of the frame plus a pixel,
 * encoders centre the picture), which keeps a dark sky or a black floor from reading as a bar, and
 * only when the picture left between them is at least {@value #MIN_PICTURE} of the frame (a black
 * frame has no bars, it is black).
 *
 * <p>Cost: one copy of the analysis-size luma, then rows and columns read from each edge inwards up
 * to the first that is picture, so a frame without bars reads four lines. Stateless.
 */
public final class LetterboxDetector implements FrameAnnotator {

    /** Brightest 8-bit luma level a bar row or column may hold (compression noise on black). */
    public static final int BAR_MAX = 40;
    /** Highest mean 8-bit luma level of a bar row or column. */
    public static final int BAR_MEAN = 20;
    /** Largest difference between the two bars of a pair, as a share of the frame's size. */
    public static final double SYMMETRY = 0.02;
    /** Least share of the frame's height (width) the picture between two bars must keep. */
    public static final double MIN_PICTURE = 0.4;

    public static final FrameValue<Double> BAR_TOP = FrameValue.field("barTop", Double.class);
    public static final FrameValue<Double> BAR_BOTTOM = FrameValue.field("barBottom", Double.class);
    public static final FrameValue<Double> BAR_LEFT = FrameValue.field("barLeft", Double.class);
    public static final FrameValue<Double> BAR_RIGHT = FrameValue.field("barRight", Double.class);

    private byte[] pixels = new byte[0];

    @Override
    public String name() { return "bars"; }

    @Override
    public AnnotatorCost cost() { return AnnotatorCost.PIXEL; }

    @Override
    public List<FrameValue<?>> writes() { return List.of(BAR_TOP, BAR_BOTTOM, BAR_LEFT, BAR_RIGHT); }

    @Override
    public void annotate(AnalysedFrame frame) {
        Mat luma = frame.planes().gray();
        int w = luma.cols(), h = luma.rows();
        if (pixels.length != w * h) pixels = new byte[w * h];
        NativeReads.copy(luma, pixels);
        double[] bars = measure(pixels, w, h);
        frame.set(BAR_TOP, bars[0]);
        frame.set(BAR_BOTTOM, bars[1]);
        frame.set(BAR_LEFT, bars[2]);
        frame.set(BAR_RIGHT, bars[3]);
    }

    /**
     * The bars of a {@code w} x {@code h} 8-bit luma image (row-major): top, bottom, left and right, as
     * shares of its height and width. Pure, for tests.
     */
    static double[] measure(byte[] luma, int w, int h) {
        // from each edge inwards, stopping at the first row (column) of picture: a frame without bars
        // costs a row or a column per edge, not a pass over every pixel
        int top = 0;
        while (top < h && blackRow(luma, w, top)) top++;
        int bottom = 0;
        while (bottom < h - top && blackRow(luma, w, h - 1 - bottom)) bottom++;
        double[] vertical = pair(top, bottom, h);
        // columns only within the picture between the horizontal bars
        int y0 = (int) Math.round(vertical[0] * h), y1 = h - (int) Math.round(vertical[1] * h);
        int left = 0;
        while (left < w && blackColumn(luma, w, left, y0, y1)) left++;
        int right = 0;
        while (right < w - left && blackColumn(luma, w, w - 1 - right, y0, y1)) right++;
        double[] horizontal = pair(left, right, w);
        return new double[] {vertical[0], vertical[1], horizontal[0], horizontal[1]};
    }

    private static boolean blackRow(byte[] luma, int w, int y) {
        long sum = 0;
        for (int x = 0, i = y * w; x < w; x++, i++) {
            int v = luma[i] & 0xff;
            if (v > BAR_MAX) return false;
            sum += v;
        }
        return sum <= (long) BAR_MEAN * w;
    }

    private static boolean blackColumn(byte[] luma, int w, int x, int y0, int y1) {
        if (y1 <= y0) return false;
        long sum = 0;
        for (int y = y0; y < y1; y++) {
            int v = luma[y * w + x] & 0xff;
            if (v > BAR_MAX) return false;
            sum += v;
        }
        return sum <= (long) BAR_MEAN * (y1 - y0);
    }

    /** Two bars as shares of {@code size}, or none when they are not a pair or leave too little picture. */
    private static double[] pair(int a, int b, int size) {
        boolean symmetric = Math.abs(a - b) <= SYMMETRY * size + 1;
        boolean picture = size - a - b >= MIN_PICTURE * size;
        if (!symmetric || !picture || (a == 0 && b == 0)) return new double[] {0, 0};
        return new double[] {(double) a / size, (double) b / size};
    }
}
