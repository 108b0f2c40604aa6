package dev.avastream.testdata;

import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

import static dev.avastream.testdata.FrameBarcode.BLOCKS_PER_WIDTH;
import static dev.avastream.testdata.FrameBarcode.BOX_H;
import static dev.avastream.testdata.FrameBarcode.BOX_W;
import static dev.avastream.testdata.FrameBarcode.COLUMNS;
import static dev.avastream.testdata.FrameBarcode.INDEX_BITS;
import static dev.avastream.testdata.FrameBarcode.ROWS;

/** Decodes the frame-index barcode drawn by {@link FrameBarcode}; thread-safe, stateless. */
public final class BarcodeReader {
    private BarcodeReader() { }

    /**
     * Reads the frame index from a decoded 8-bit BGR (or 1-channel gray) frame, at the size it was
     * encoded or proportionally scaled down to no less than about 240 px wide.
     *
     * @return the frame index, or -1 when there is no readable barcode (check nibble or frame wrong)
     */
    public static int read(Mat image) {
        if (image == null || image.empty() || image.depth() != org.bytedeco.opencv.global.opencv_core.CV_8U) return -1;
        int ch = image.channels();
        if (ch != 1 && ch != 3 && ch != 4) return -1;
        double b = image.cols() / BLOCKS_PER_WIDTH;
        if (b < 2.0 || image.rows() < BOX_H * b) return -1;
        Rect box = new Rect(0, 0, Math.min(image.cols(), (int) Math.ceil(BOX_W * b)), Math.min(image.rows(), (int) Math.ceil(BOX_H * b)));
        try (Mat roi = new Mat(image, box); UByteIndexer ix = roi.createIndexer()) {
            // frame: the four corner blocks of the black box must be dark
            double[][] corners = {{0, 0}, {BOX_W - 1, 0}, {0, BOX_H - 1}, {BOX_W - 1, BOX_H - 1}};
            for (double[] c : corners) {
                if (mean(ix, ch, c[0] * b, c[1] * b, b) > 80) return -1;
            }
            long bits = 0;
            for (int i = 0; i < COLUMNS * ROWS; i++) {
                int c = i % COLUMNS, r = i / COLUMNS;
                if (mean(ix, ch, (1 + c) * b, (1 + r) * b, b) > 128) bits |= 1L << i;
            }
            int index = (int) (bits & FrameBarcode.MAX_INDEX);
            int check = (int) ((bits >>> INDEX_BITS) & 0xF);
            return check == FrameBarcode.check(index) ? index : -1;
        }
    }

    /** Mean brightness of the central 40% of the block whose top-left corner is (x, y). */
    private static double mean(UByteIndexer ix, int ch, double x, double y, double b) {
        int x0 = (int) Math.floor(x + 0.3 * b), x1 = Math.max(x0, (int) Math.ceil(x + 0.7 * b) - 1);
        int y0 = (int) Math.floor(y + 0.3 * b), y1 = Math.max(y0, (int) Math.ceil(y + 0.7 * b) - 1);
        long sum = 0;
        int n = 0;
        for (long yy = y0; yy <= y1 && yy < ix.size(0); yy++) {
            for (long xx = x0; xx <= x1 && xx < ix.size(1); xx++) {
                if (ch == 1) {
                    sum += ix.get(yy, xx, 0);
                } else { // BGR(A): luma approximation
                    sum += (ix.get(yy, xx, 0) * 29L + ix.get(yy, xx, 1) * 150L + ix.get(yy, xx, 2) * 77L) >> 8;
                }
                n++;
            }
        }
        return n == 0 ? 0 : (double) sum / n;
    }
}
