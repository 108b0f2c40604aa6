package dev.avastream.models.image;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

/**
 * Frames (OpenCV 8-bit BGR Mats, as the decoders deliver them) to model input values. The models'
 * normalisations differ only by a scale and an offset per value, and by the colour order.
 */
public final class ImageTensors {
    private ImageTensors() {}

    /** The 8-bit 3-channel pixels, row-major BGR. */
    public static byte[] pixels(Mat bgr) {
        if (bgr.channels() != 3 || bgr.depth() != 0) throw new IllegalArgumentException("expected 8-bit BGR, got " + bgr);
        Mat m = bgr.isContinuous() ? bgr : bgr.clone();
        byte[] px = new byte[m.rows() * m.cols() * 3];
        m.data().get(px);
        if (m != bgr) m.close();
        return px;
    }

    /** Resizes the whole frame to w x h (bilinear), no aspect correction. */
    public static Mat resized(Mat bgr, int w, int h) {
        Mat out = new Mat();
        resize(bgr, out, new Size(w, h), 0, 0, INTER_LINEAR);
        return out;
    }

    /** Resamples a (rotated) square crop; outside the frame is black, as TF.js's cropAndResize. */
    public static Mat crop(Mat bgr, SquareCrop crop) {
        double[] m = crop.frameToCrop();
        try (DoublePointer values = new DoublePointer(m); Mat affine = new Mat(2, 3, CV_64F, values)) {
            Mat out = new Mat();
            warpAffine(bgr, out, affine, new Size(crop.size(), crop.size()), INTER_LINEAR, BORDER_CONSTANT, new Scalar(0, 0, 0, 0));
            return out;
        }
    }

    /**
     * Appends an 8-bit BGR image to {@code dst} at {@code offset} as NHWC floats, value * scale +
     * offset, in RGB order when {@code rgb}, else BGR.
     */
    public static void putHwc(Mat bgr, boolean rgb, float scale, float add, float[] dst, int offset) {
        int h = bgr.rows(), w = bgr.cols();
        byte[] px = pixels(bgr);
        for (int i = 0, n = h * w; i < n; i++) {
            float b = (px[3 * i] & 0xff), g = (px[3 * i + 1] & 0xff), r = (px[3 * i + 2] & 0xff);
            int o = offset + 3 * i;
            dst[o] = (rgb ? r : b) * scale + add;
            dst[o + 1] = g * scale + add;
            dst[o + 2] = (rgb ? b : r) * scale + add;
        }
    }

    /** Grey (0.2989 R + 0.5870 G + 0.1140 B, the weights Human's emotion model expects) * scale + offset. */
    public static void putGrey(Mat bgr, float scale, float add, float[] dst, int offset) {
        int h = bgr.rows(), w = bgr.cols();
        byte[] px = pixels(bgr);
        for (int i = 0, n = h * w; i < n; i++) {
            float grey = 0.2989f * (px[3 * i + 2] & 0xff) + 0.5870f * (px[3 * i + 1] & 0xff) + 0.1140f * (px[3 * i] & 0xff);
            dst[offset + i] = grey * scale + add;
        }
    }

    /** NCHW planes in BGR order, (value / 255 - mean[c]) / std[c] (PaddleOCR's normalisation). */
    public static void putChw(Mat bgr, float[] mean, float[] std, float[] dst) {
        int h = bgr.rows(), w = bgr.cols(), n = h * w;
        byte[] px = pixels(bgr);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) dst[c * n + i] = ((px[3 * i + c] & 0xff) / 255f - mean[c]) / std[c];
        }
    }
}
