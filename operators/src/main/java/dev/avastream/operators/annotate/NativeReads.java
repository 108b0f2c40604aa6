package dev.avastream.operators.annotate;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.opencv.opencv_core.Mat;

import java.nio.ByteOrder;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;

/**
 * Bulk copies from small native matrices into Java arrays: one JNI call per matrix rather than one
 * per element (an indexer reads element by element).
 */
final class NativeReads {

    private NativeReads() {}

    /** Copies a continuous 8-bit matrix into {@code out} (length rows x cols x channels). */
    static void copy(Mat mat, byte[] out) {
        require(mat, CV_8U, out.length);
        mat.data().get(out, 0, out.length);
    }

    /**
     * Copies a continuous 8-bit single-channel matrix into longs, eight pixels per long in native
     * byte order (the last long zero-padded): {@code out.length} must be (rows x cols + 7) / 8.
     */
    static void copyAsLongs(Mat mat, long[] out) {
        int bytes = (int) mat.total();
        require(mat, CV_8U, bytes);
        if (out.length != (bytes + 7) / 8) throw new IllegalArgumentException(out.length + " longs cannot hold " + bytes + " bytes");
        int whole = bytes / 8;
        BytePointer data = mat.data();
        new LongPointer(data).get(out, 0, whole);
        if (whole < out.length) {
            // The tail, byte by byte: reading a whole long would run past the matrix.
            long tail = 0;
            for (int i = 0; i < bytes - whole * 8; i++) {
                tail |= (data.get(whole * 8L + i) & 0xffL) << (8 * (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? i : 7 - i));
            }
            out[whole] = tail;
        }
    }

    /** Copies a continuous 32-bit float matrix into {@code out}. */
    static void copy(Mat mat, float[] out) {
        require(mat, CV_32F, out.length);
        // A view of the matrix's own memory: nothing to free.
        new FloatPointer(mat.data()).get(out, 0, out.length);
    }

    /** The i-th element of a continuous 64-bit float matrix (e.g. meanStdDev's outputs). */
    static double doubleAt(Mat mat, int i) {
        if (mat.depth() != CV_64F) throw new IllegalArgumentException("expected CV_64F, got depth " + mat.depth());
        return new DoublePointer(mat.data()).get(i);
    }

    private static void require(Mat mat, int depth, int length) {
        if (mat.depth() != depth || !mat.isContinuous() || mat.total() * mat.channels() != length) {
            throw new IllegalArgumentException("matrix " + mat.cols() + "x" + mat.rows() + " depth " + mat.depth()
                    + " does not fit " + length + " elements of depth " + depth);
        }
    }
}
