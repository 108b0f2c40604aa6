package dev.avastream.operators.annotate;

import dev.avastream.operators.config.Setting;
import dev.avastream.operators.config.SettingValues;
import dev.avastream.operators.config.Tunables;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point2d;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.List;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.createHanningWindow;
import static org.bytedeco.opencv.global.opencv_imgproc.phaseCorrelate;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * Camera motion: the global translation of the picture from one frame to the next (pan, tilt), its
 * zoom, and a class over the last few frames (static, pan, tilt, zoom, shake).
 *
 * <p>Translation is the phase correlation (OpenCV {@code phaseCorrelate}, Hanning-windowed) of the
 * quarter-size luma with the previous frame's: the shift that best aligns the whole picture, robust to
 * brightness changes, with its peak response as confidence (low when no single shift explains the
 * change: subjects moving across a still background, a cut, a flash). A subject moving across a still
 * background leaves the peak at the background's shift. Motion is the content's: a camera panning
 * right moves the picture left (negative x).
 *
 * <p>Zoom is the scale change per frame about the centre, from block matching of a 6x4 grid of blocks
 * of the half-size luma around the measured translation and a robust fit of translation plus scale to
 * the block vectors ({@link ZoomEstimator}: blocks on a moving subject are rejected as outliers).
 * Phase correlation of the quadrants (their radial shifts) was tried first: it measured a centred 2%
 * per frame zoom at half size but not reliably at quarter size, and at half size it cost about 0.3 ms
 * a frame.
 *
 * <p>Keeps the previous frame, so it sees the chunk's context frames too. Thresholds of the class:
 * {@link Params}.
 */
public final class CameraMotion implements FrameAnnotator {

    public static final FrameValue<Double> MOTION_X = FrameValue.field("globalMotionX", Double.class);
    public static final FrameValue<Double> MOTION_Y = FrameValue.field("globalMotionY", Double.class);
    public static final FrameValue<Double> CONFIDENCE = FrameValue.field("globalMotionConfidence", Double.class);
    public static final FrameValue<String> CLASS = FrameValue.field("cameraMotion", String.class);
    public static final FrameValue<Double> ZOOM = FrameValue.field("globalZoom", Double.class);

    /** The classes {@link #CLASS} takes. */
    public enum Kind { UNKNOWN, STATIC, PAN, TILT, SHAKE, ZOOM }

    /**
     * @param stillShift   {@link Tunables#CAMERA_STILL_SHIFT}
     * @param shakeJitter  {@link Tunables#CAMERA_SHAKE_JITTER}
     * @param windowFrames {@link Tunables#CAMERA_WINDOW_FRAMES}
     * @param zoomRate     {@link Tunables#CAMERA_ZOOM_RATE}
     */
    public record Params(double stillShift, double shakeJitter, int windowFrames, double zoomRate)
            implements Serializable {
        public Params {
            Setting.check(Tunables.CAMERA_STILL_SHIFT, stillShift);
            Setting.check(Tunables.CAMERA_SHAKE_JITTER, shakeJitter);
            Setting.check(Tunables.CAMERA_WINDOW_FRAMES, windowFrames);
            Setting.check(Tunables.CAMERA_ZOOM_RATE, zoomRate);
        }

        public static Params defaults() { return from(SettingValues.defaults()); }

        public static Params from(SettingValues v) {
            return new Params(v.get(Tunables.CAMERA_STILL_SHIFT), v.get(Tunables.CAMERA_SHAKE_JITTER),
                    v.get(Tunables.CAMERA_WINDOW_FRAMES), v.get(Tunables.CAMERA_ZOOM_RATE));
        }
    }

    /** One frame's global motion: x and y as shares of the width per frame, zoom as scale change per frame. */
    private record Step(double x, double y, double zoom) {}

    private final Params params;
    private Mat previous = new Mat(), current = new Mat();
    private final Mat window = new Mat(), quarter = new Mat(),
            scratchA = new Mat(), scratchB = new Mat();
    private final ArrayDeque<Step> recent = new ArrayDeque<>();
    private final ZoomEstimator zoomEstimator = new ZoomEstimator();
    /** The half-size luma of the previous and the current frame, for the zoom's block matching. */
    private byte[] previousHalf = new byte[0], currentHalf = new byte[0];
    private int previousHalfWidth;
    private boolean hasPrevious;

    public CameraMotion(Params params) {
        this.params = params;
    }

    @Override
    public Params params() { return params; }

    @Override
    public String name() { return "camera"; }

    @Override
    public AnnotatorCost cost() { return AnnotatorCost.PIXEL; }

    @Override
    public boolean seesContextFrames() { return true; }

    @Override
    public List<FrameValue<?>> writes() { return List.of(MOTION_X, MOTION_Y, CONFIDENCE, CLASS, ZOOM); }

    @Override
    public void annotate(AnalysedFrame frame) {
        // The quarter-size plane (a phase correlation of the half-size one costs about 0.2 ms), cut to
        // sizes whose factors are 2, 3 and 5 for fast DFTs, centred. Shifts come out to a tenth of a pixel.
        // (Area-averaged from the half-size luma: the shared quarter-size planes are resampled linearly,
        // which aliases fine texture into false motion.)
        Mat half = frame.planes().halfGray();
        int halfPixels = (int) half.total();
        if (currentHalf.length != halfPixels) currentHalf = new byte[halfPixels];
        NativeReads.copy(half, currentHalf);
        try (Size quarterSize = new Size(Math.max(1, half.cols() / 2), Math.max(1, half.rows() / 2))) {
            resize(half, quarter, quarterSize, 0, 0, INTER_AREA);
        }
        int w = fastDftSize(quarter.cols()), h = fastDftSize(quarter.rows());
        try (Rect centre = new Rect((quarter.cols() - w) / 2, (quarter.rows() - h) / 2, w, h);
             Mat cut = new Mat(quarter, centre)) {
            cut.convertTo(current, CV_32F);
        }
        if (hasPrevious && previous.cols() == w && previous.rows() == h && w >= 16 && h >= 16) {
            if (window.cols() != w || window.rows() != h) {
                try (Size full = new Size(w, h)) {
                    createHanningWindow(window, full, CV_32F);
                }
            }
            double[] response = new double[1];
            double dx, dy;
            // phaseCorrelate applies the window to its inputs in place: hand it copies.
            previous.copyTo(scratchA);
            current.copyTo(scratchB);
            try (Point2d shift = phaseCorrelate(scratchA, scratchB, window, response)) {
                dx = shift.x();
                dy = shift.y();
            }
            double zoom = Double.NaN;
            if (previousHalfWidth == half.cols() && previousHalf.length == halfPixels) {
                // The translation in half-size pixels predicts where each block went.
                double toHalf = half.cols() / (double) quarter.cols();
                zoom = zoomEstimator.estimate(previousHalf, currentHalf, half.cols(), half.rows(), dx * toHalf,
                        dy * toHalf);
            }
            Step step = new Step(dx / w, dy / w, Double.isNaN(zoom) ? 0.0 : zoom);
            recent.addLast(step);
            while (recent.size() > params.windowFrames()) recent.removeFirst();
            frame.set(MOTION_X, step.x());
            frame.set(MOTION_Y, step.y());
            frame.set(CONFIDENCE, Math.max(0.0, Math.min(1.0, response[0])));
            frame.set(CLASS, classify().name());
            frame.set(ZOOM, step.zoom());
        } else {
            frame.set(MOTION_X, 0.0);
            frame.set(MOTION_Y, 0.0);
            frame.set(CONFIDENCE, -1.0);
            frame.set(CLASS, Kind.UNKNOWN.name());
            frame.set(ZOOM, 0.0);
        }
        Mat t = previous;
        previous = current;
        current = t;
        byte[] b = previousHalf;
        previousHalf = currentHalf;
        currentHalf = b;
        previousHalfWidth = half.cols();
        hasPrevious = true;
    }

    /** The largest even size up to {@code n} whose half has no prime factor above 5 (fast DFTs of it and its half). */
    static int fastDftSize(int n) {
        for (int m = n - (n % 2); m > 2; m -= 2) {
            int k = m / 2;
            for (int p : new int[] {2, 3, 5}) while (k % p == 0) k /= p;
            if (k == 1) return m;
        }
        return n;
    }

    /** The class of the recent global motion. */
    private Kind classify() {
        if (recent.size() < 2) return Kind.UNKNOWN;
        double mx = 0, my = 0, mz = 0;
        for (Step s : recent) {
            mx += s.x();
            my += s.y();
            mz += s.zoom();
        }
        int n = recent.size();
        mx /= n;
        my /= n;
        mz /= n;
        double spread = 0;
        for (Step s : recent) spread += (s.x() - mx) * (s.x() - mx) + (s.y() - my) * (s.y() - my);
        spread = Math.sqrt(spread / n);
        if (spread >= params.shakeJitter()) return Kind.SHAKE;
        // A zoom moves the frame's edges by half the zoom (in widths): it names the motion when that is
        // at least the translation's size (a pan with a slight zoom stays a pan).
        if (Math.abs(mz) >= params.zoomRate() && Math.abs(mz) / 2 >= Math.hypot(mx, my)) return Kind.ZOOM;
        if (Math.hypot(mx, my) < params.stillShift()) return Kind.STATIC;
        return Math.abs(mx) >= Math.abs(my) ? Kind.PAN : Kind.TILT;
    }

    @Override
    public void reset() {
        hasPrevious = false;
        recent.clear();
    }

    @Override
    public void close() {
        previous.close();
        current.close();
        window.close();
        quarter.close();
        scratchA.close();
        scratchB.close();
    }
}
