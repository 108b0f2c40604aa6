package dev.avastream.decoders;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * Halves an 8-bit YUV 4:2:0 frame by 2x2 averaging of each plane, as often as it stays at least
 * twice the analysis size, before swscale takes it the rest of the way.
 *
 * <p>Why: swscale's bilinear downscale filters every output pixel with a tent twice as wide as the
 * reduction, so its cost grows with the factor; at 1280 -> 320 it was about two thirds of an H.264
 * decode (docs/benchmarks.md). A 2x bilinear resize samples exactly between four pixels, so it is
 * their average, and OpenCV's vectorised code does it for a small fraction of that. swscale's last
 * step, from at most four times the output, keeps its tent and its colour conversion: a frame at
 * up to four times the analysis width (the generated suites' 640 pixels for 320) is not touched at
 * all, and a larger one ends with the filter the analysis was tuned on, after a box average of
 * detail far finer than an analysis pixel. OpenCV's INTER_AREA and a 3-tap blur before the last
 * halving were both measured slower than swscale itself.
 */
final class PlaneHalver implements AutoCloseable {
    private final int outW;
    private final int outH;
    /** Halvings for the current source size (0: none apply); recomputed when it changes. */
    private int halvings = -1;
    private int planW = -1;
    private int planH = -1;
    private int width;
    private int height;
    /** Per halving, per plane, a buffer with a 64-byte aligned stride (swscale's SIMD reads whole words). */
    private Mat[][] planes = new Mat[0][];
    private BytePointer[][] buffers = new BytePointer[0][];
    private Size[][] sizes = new Size[0][];
    private final PointerPointer<BytePointer> data = new PointerPointer<>(4);
    private final IntPointer linesize = new IntPointer(0, 0, 0, 0);

    PlaneHalver(int outW, int outH) {
        this.outW = outW;
        this.outH = outH;
    }

    /** True for the formats this halves: 8-bit planar 4:2:0, limited or full range (swscale converts either). */
    static boolean handles(int pixelFormat) {
        return pixelFormat == AV_PIX_FMT_YUV420P || pixelFormat == AV_PIX_FMT_YUVJ420P;
    }

    /**
     * Halves {@code frame} (a format {@link #handles} accepts) as often as it stays at least twice the
     * output size in width or height; returns false, doing nothing, when no halving applies. After
     * true, {@link #data}, {@link #linesize}, {@link #width} and {@link #height} describe the result.
     */
    boolean reduce(AVFrame frame) {
        int w = frame.width(), h = frame.height();
        if (w != planW || h != planH) plan(w, h);
        if (halvings == 0) return false;
        for (int p = 0; p < 3; p++) {
            int pw = p == 0 ? w : (w + 1) / 2, ph = p == 0 ? h : (h + 1) / 2;
            try (Mat src = new Mat(ph, pw, CV_8UC1, frame.data(p), frame.linesize(p))) {
                Mat cur = src;
                for (int i = 0; i < halvings; i++) {
                    resize(cur, planes[i][p], sizes[i][p], 0, 0, INTER_LINEAR);
                    cur = planes[i][p];
                }
            }
        }
        return true;
    }

    PointerPointer<BytePointer> data() { return data; }

    IntPointer linesize() { return linesize; }

    int width() { return width; }

    int height() { return height; }

    private void plan(int w, int h) {
        free();
        int n = 0, cw = w, ch = h;
        // halve while the result is still at least twice the output in the dimension halved
        while (cw / 2 >= 2 * outW || ch / 2 >= 2 * outH) {
            if (cw / 2 >= 2 * outW) cw /= 2;
            if (ch / 2 >= 2 * outH) ch /= 2;
            n++;
        }
        planes = new Mat[n][3];
        buffers = new BytePointer[n][3];
        sizes = new Size[n][3];
        cw = w;
        ch = h;
        for (int i = 0; i < n; i++) {
            if (cw / 2 >= 2 * outW) cw /= 2;
            if (ch / 2 >= 2 * outH) ch /= 2;
            for (int p = 0; p < 3; p++) {
                int pw = p == 0 ? cw : (cw + 1) / 2, ph = p == 0 ? ch : (ch + 1) / 2;
                int stride = (pw + 63) & ~63;
                long bytes = (long) stride * (ph + 1) + 64;
                buffers[i][p] = new BytePointer(av_malloc(bytes)).capacity(bytes);
                if (buffers[i][p].isNull()) throw new OutOfMemoryError("av_malloc(" + bytes + ")");
                planes[i][p] = new Mat(ph, pw, CV_8UC1, buffers[i][p], stride);
                sizes[i][p] = new Size(pw, ph);
            }
        }
        halvings = n;
        planW = w;
        planH = h;
        width = cw;
        height = ch;
        if (n > 0) {
            for (int p = 0; p < 3; p++) {
                data.put(p, buffers[n - 1][p]);
                linesize.put(p, (int) planes[n - 1][p].step());
            }
        }
    }

    private void free() {
        for (int i = 0; i < planes.length; i++)
            for (int p = 0; p < 3; p++) {
                planes[i][p].close();
                sizes[i][p].close();
                av_free(buffers[i][p]);
            }
        planes = new Mat[0][];
        buffers = new BytePointer[0][];
        sizes = new Size[0][];
    }

    @Override
    public void close() {
        free();
        data.close();
        linesize.close();
    }
}
