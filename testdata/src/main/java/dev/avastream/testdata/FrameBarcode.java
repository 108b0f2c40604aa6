package dev.avastream.testdata;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;

import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_8;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

/**
 * Layout and writer of the frame-index barcode; {@link BarcodeReader} decodes it.
 *
 * <p>Geometry is relative to the image width so that it survives proportional scaling: the block
 * size is {@code width / 80} (8 px at 640 wide, 4 px at 320). A black box of 14 x 4 blocks sits in
 * the top-left corner; inside it, two rows of 12 blocks carry 24 bits, white = 1: bits 0..19 are the
 * frame index (least significant first, so indices up to 1,048,575), bits 20..23 a check nibble
 * ({@link #check(int)}).
 */
public final class FrameBarcode {
    static final double BLOCKS_PER_WIDTH = 80.0;
    static final int COLUMNS = 12;
    static final int ROWS = 2;
    static final int INDEX_BITS = 20;
    static final int BOX_W = COLUMNS + 2;
    static final int BOX_H = ROWS + 2;
    public static final int MAX_INDEX = (1 << INDEX_BITS) - 1;

    private FrameBarcode() { }

    static int check(int index) {
        int x = 0b1010;
        for (int i = 0; i < INDEX_BITS; i += 4) x ^= (index >>> i) & 0xF;
        return x;
    }

    static long payload(int index) {
        return (index & (long) MAX_INDEX) | ((long) check(index) << INDEX_BITS);
    }

    /** Draws the barcode of {@code index} into the top-left corner of an 8-bit BGR image. */
    public static void draw(Mat bgr, int index) {
        if (index < 0 || index > MAX_INDEX) throw new IllegalArgumentException("frame index out of barcode range: " + index);
        double b = bgr.cols() / BLOCKS_PER_WIDTH;
        rectangle(bgr, new Point(0, 0), new Point(px(BOX_W * b) - 1, px(BOX_H * b) - 1), Scalar.all(0), FILLED, LINE_8, 0);
        long bits = payload(index);
        Scalar white = Scalar.all(255);
        for (int i = 0; i < COLUMNS * ROWS; i++) {
            if (((bits >>> i) & 1) == 0) continue;
            int c = i % COLUMNS, r = i / COLUMNS;
            rectangle(bgr, new Point(px((1 + c) * b), px((1 + r) * b)),
                    new Point(px((2 + c) * b) - 1, px((2 + r) * b) - 1), white, FILLED, LINE_8, 0);
        }
    }

    static int px(double v) { return (int) Math.round(v); }
}
