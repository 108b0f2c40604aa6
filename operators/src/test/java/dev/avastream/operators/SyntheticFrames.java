package dev.avastream.operators;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.NORM_MINMAX;
import static org.bytedeco.opencv.global.opencv_core.add;
import static org.bytedeco.opencv.global.opencv_core.merge;
import static org.bytedeco.opencv.global.opencv_core.normalize;
import static org.bytedeco.opencv.global.opencv_core.randn;
import static org.bytedeco.opencv.global.opencv_core.setRNGSeed;
import static org.bytedeco.opencv.global.opencv_core.CV_16SC3;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_YCrCb2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

/**
 * Synthetic analysis-size frames for tests: solid colours, smooth random textures of a chosen
 * brightness and tint, grain. Deterministic (seeded).
 */
public final class SyntheticFrames {

    public static final int WIDTH = 320;
    public static final int HEIGHT = 180;

    private SyntheticFrames() {}

    /** A frame of one BGR colour. */
    public static Mat solid(int b, int g, int r) {
        return new Mat(HEIGHT, WIDTH, CV_8UC3, new Scalar(b, g, r, 0));
    }

    /**
     * A smooth random texture (blobs about {@code blobPixels} across), luma spread around 128 with
     * standard deviation about 40, of a constant tint given as YCrCb chroma (128 = grey).
     */
    public static Mat texture(int seed, double blobPixels, int cr, int cb, int width) {
        Mat luma = lumaTexture(seed, blobPixels, width);
        Mat crPlane = new Mat(HEIGHT, width, CV_8UC1, new Scalar(cr));
        Mat cbPlane = new Mat(HEIGHT, width, CV_8UC1, new Scalar(cb));
        Mat ycrcb = new Mat();
        try (org.bytedeco.opencv.opencv_core.MatVector planes = new org.bytedeco.opencv.opencv_core.MatVector(luma, crPlane, cbPlane)) {
            merge(planes, ycrcb);
        }
        Mat bgr = new Mat();
        cvtColor(ycrcb, bgr, COLOR_YCrCb2BGR);
        luma.close();
        crPlane.close();
        cbPlane.close();
        ycrcb.close();
        return bgr;
    }

    /** {@link #texture} at analysis width. */
    public static Mat texture(int seed, double blobPixels, int cr, int cb) {
        return texture(seed, blobPixels, cr, cb, WIDTH);
    }

    /** A grey smooth random texture with luma spanning 40..215. */
    public static Mat lumaTexture(int seed, double blobPixels, int width) {
        setRNGSeed(seed);
        Mat noise = new Mat(HEIGHT, width, CV_32F);
        randn(noise, new Mat(1, 1, org.bytedeco.opencv.global.opencv_core.CV_64F, new Scalar(0)),
                new Mat(1, 1, org.bytedeco.opencv.global.opencv_core.CV_64F, new Scalar(1)));
        Mat blurred = new Mat();
        GaussianBlur(noise, blurred, new Size(0, 0), blobPixels / 2.0);
        Mat out = new Mat();
        normalize(blurred, out, 40, 215, NORM_MINMAX, CV_8UC1, new Mat());
        noise.close();
        blurred.close();
        return out;
    }

    /** A grey smooth random texture as a BGR frame. */
    public static Mat lumaTextureBgr(int seed, double blobPixels) {
        Mat luma = lumaTexture(seed, blobPixels, WIDTH);
        Mat bgr = new Mat();
        cvtColor(luma, bgr, org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR);
        luma.close();
        return bgr;
    }

    /** The {@code WIDTH}-wide window of a wider frame starting at column {@code x} (a copy). */
    public static Mat window(Mat wide, int x) {
        try (Rect r = new Rect(x, 0, WIDTH, HEIGHT); Mat view = new Mat(wide, r)) {
            return view.clone();
        }
    }

    /** {@code frame} plus Gaussian grain of standard deviation {@code sigma} (a new matrix). */
    public static Mat withGrain(Mat frame, double sigma, int seed) {
        setRNGSeed(seed);
        Mat noise = new Mat(frame.rows(), frame.cols(), CV_16SC3);
        randn(noise, new Mat(1, 1, org.bytedeco.opencv.global.opencv_core.CV_64F, new Scalar(0)),
                new Mat(1, 1, org.bytedeco.opencv.global.opencv_core.CV_64F, new Scalar(sigma)));
        Mat wide = new Mat();
        frame.convertTo(wide, CV_16SC3);
        Mat sum = new Mat();
        add(wide, noise, sum);
        Mat out = new Mat();
        sum.convertTo(out, CV_8UC3);
        noise.close();
        wide.close();
        sum.close();
        return out;
    }
}
