package dev.avastream.operators.annotate;

import dev.avastream.decoders.DecodedFrame;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.extractChannel;
import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2YCrCb;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * The frame being analysed together with the intermediate images every annotator and the shot
 * detector share, computed once per frame:
 * <ul>
 *   <li>luma at analysis size, with its mean and standard deviation;</li>
 *   <li>luma at half size, area-averaged (edges);</li>
 *   <li>YCrCb and luma at quarter size, bilinearly resampled (histograms, thumbnail).</li>
 * </ul>
 * Why smaller planes for the frame-to-frame features: a histogram or a coarse edge map of a 320x180
 * frame is statistically the same at 160x90 or 80x45 for a fraction of the cost, and averaging
 * pixels away suppresses grain, which is noise to a shot detector. Measurements that the schema
 * defines "on the analysis-size frame" (brightness, contrast, colourfulness, sharpness, motion) use
 * the full-size planes.
 *
 * <p>The quarter-size planes are resampled bilinearly straight from the frame (each sample averages
 * a 2x2 block): for histograms a regular sample is as good as an average, and it costs a sixth of
 * an area-averaged reduction of a 3-channel frame. The matrices are owned by this
 * object and reused from frame to frame (no native allocation per frame once the size is known);
 * they are valid until the next {@link #load}. The BGR matrix is borrowed from the caller and only
 * valid while the caller says so (during {@code accept}).
 */
public final class FramePlanes implements AutoCloseable {

    private final Mat gray = new Mat();
    private final Mat halfGray = new Mat();
    private final Mat quarterBgr = new Mat();
    private final Mat quarterYCrCb = new Mat();
    private final Mat quarterGray = new Mat();
    private final Mat statMean = new Mat();
    private final Mat statStd = new Mat();
    private Size halfSize = new Size(0, 0);
    private Size quarterSize = new Size(0, 0);

    private Mat bgr;
    private long frameIndex;
    private long timeUs;
    private boolean context;
    private double lumaMean;
    private double lumaStd;

    /** Loads a decoded frame; its pixels must stay valid until this frame's analysis is done. */
    public FramePlanes load(DecodedFrame frame) {
        return load(frame.index(), frame.timeUs(), frame.context(), frame.bgr());
    }

    /**
     * Loads a frame given as an 8-bit 3-channel BGR matrix of at least 4x4 pixels.
     *
     * @param context true for pre-/post-roll frames outside the chunk's own range
     */
    public FramePlanes load(long frameIndex, long timeUs, boolean context, Mat bgr) {
        if (bgr.type() != CV_8UC3 || bgr.cols() < 4 || bgr.rows() < 4) {
            throw new IllegalArgumentException("expected an 8-bit BGR frame of at least 4x4, got " + bgr.cols() + "x"
                    + bgr.rows() + " of type " + bgr.type());
        }
        this.frameIndex = frameIndex;
        this.timeUs = timeUs;
        this.context = context;
        this.bgr = bgr;
        resizeTargets(bgr.cols(), bgr.rows());

        cvtColor(bgr, gray, COLOR_BGR2GRAY);
        meanStdDev(gray, statMean, statStd);
        lumaMean = NativeReads.doubleAt(statMean, 0) / 255.0;
        lumaStd = NativeReads.doubleAt(statStd, 0) / 255.0;

        resize(gray, halfGray, halfSize, 0, 0, INTER_AREA);
        resize(bgr, quarterBgr, quarterSize, 0, 0, INTER_LINEAR);
        cvtColor(quarterBgr, quarterYCrCb, COLOR_BGR2YCrCb);
        // Y of YCrCb is the same BT.601 luma as BGR2GRAY: no second conversion.
        extractChannel(quarterYCrCb, quarterGray, 0);
        return this;
    }

    /** Sizes are objects with native memory: make them only when the frame size changes. */
    private void resizeTargets(int width, int height) {
        int hw = width / 2, hh = height / 2;
        if (halfSize.width() != hw || halfSize.height() != hh) {
            halfSize.close();
            quarterSize.close();
            halfSize = new Size(hw, hh);
            quarterSize = new Size(Math.max(1, hw / 2), Math.max(1, hh / 2));
        }
    }

    public long frameIndex() { return frameIndex; }

    public long timeUs() { return timeUs; }

    public boolean context() { return context; }

    /** The frame's pixels, 8-bit BGR at analysis size (borrowed). */
    public Mat bgr() { return bgr; }

    /** Luma (BT.601, as OpenCV's BGR2GRAY) at analysis size. */
    public Mat gray() { return gray; }

    /** Luma at half the analysis size. */
    public Mat halfGray() { return halfGray; }

    /**
     * YCrCb (BT.601, 8-bit: chroma centred on 128) at a quarter of the analysis size. Chroma rather
     * than hue and saturation because it is continuous: hue and saturation of dark or greyish pixels
     * jump with the slightest noise, chroma does not.
     */
    public Mat quarterYCrCb() { return quarterYCrCb; }

    /** Luma at a quarter of the analysis size. */
    public Mat quarterGray() { return quarterGray; }

    /** BGR at a quarter of the analysis size. */
    public Mat quarterBgr() { return quarterBgr; }

    /** Mean luma of the full-size frame, 0..1. */
    public double lumaMean() { return lumaMean; }

    /** Standard deviation of luma of the full-size frame, 0..0.5. */
    public double lumaStd() { return lumaStd; }

    public int width() { return bgr == null ? 0 : bgr.cols(); }

    public int height() { return bgr == null ? 0 : bgr.rows(); }

    @Override
    public void close() {
        gray.close();
        halfGray.close();
        quarterBgr.close();
        quarterYCrCb.close();
        quarterGray.close();
        statMean.close();
        statStd.close();
        halfSize.close();
        quarterSize.close();
        bgr = null;
    }
}
