package dev.avastream.operators.shots;

import dev.avastream.decoders.ChunkSpec;
import dev.avastream.decoders.DecodedFrame;
import dev.avastream.operators.SyntheticFrames;
import dev.avastream.operators.chunk.AnalysisConfig;
import dev.avastream.operators.chunk.ChunkAnalyzer;
import dev.avastream.schema.FrameAnnotation;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import static org.bytedeco.opencv.global.opencv_core.addWeighted;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;

/**
 * Synthetic shots and transitions for the gradual-transition tests, at analysis size (320x180),
 * analysed by the real chunk path ({@link ChunkAnalyzer}: planes, visual annotator, features, cut
 * detector, transition signals) into {@link FrameAnnotation}s.
 *
 * <p>Two textured scenes: A (warm tint, blobs ~10 px) drifting right 1 px per frame, B (cool tint,
 * blobs ~6 px) drifting left 1 px per frame, both with light grain that changes every frame, as a
 * camera records them. Transitions are exact per-pixel blends, so the truth is known to the frame:
 * a transition of N frames starting at frame s has blend weights i / (N + 1), i = 1..N, on frames
 * s .. s + N - 1.
 */
final class TransitionScenes implements AutoCloseable {

    static final int W = SyntheticFrames.WIDTH;
    static final int H = SyntheticFrames.HEIGHT;
    /** Widest pan the wide textures allow: 40 px x this many frames. */
    static final int PAN_FRAMES = 60;
    private static final int WIDE = W + 40 * PAN_FRAMES + 8;

    private final Mat wideA = SyntheticFrames.texture(31, 10, 150, 110, WIDE);
    private final Mat wideB = SyntheticFrames.texture(32, 6, 112, 146, W + 400);
    private final Mat black = SyntheticFrames.solid(0, 0, 0);
    private final Mat white = SyntheticFrames.solid(255, 255, 255);

    /** Scene A at frame f (drifting right). */
    Mat a(int f) {
        return grain(SyntheticFrames.window(wideA, 200 + (f % 200)), f);
    }

    Mat b(int f) {
        return grain(SyntheticFrames.window(wideB, 300 - (f % 200)), f + 1000);
    }

    /** Scene A panned {@code step} px per frame from frame {@code from} on. */
    Mat pannedA(int f, int from, int step) {
        int x = 8 + Math.max(0, f - from) * step;
        return grain(SyntheticFrames.window(wideA, Math.min(x, WIDE - W)), f);
    }

    Mat black(int f) { return grain(black, f + 2000); }

    Mat white(int f) { return grain(white, f + 3000); }

    /** (1 - w) x from + w x to (new matrix; closes neither). */
    static Mat blend(Mat from, Mat to, double w) {
        Mat out = new Mat();
        addWeighted(from, 1 - w, to, w, 0, out);
        return out;
    }

    /** Scene A with a large textured disc of B crossing it fast ({@code speed} px per frame). */
    Mat fastObject(int f, int speed) {
        Mat frame = a(f);
        Mat disc = b(f);
        int cx = Math.floorMod(f * speed, W + 120) - 60;
        try (Mat mask = new Mat(H, W, org.bytedeco.opencv.global.opencv_core.CV_8UC1, new Scalar(0));
             Point centre = new Point(cx, H / 2)) {
            circle(mask, centre, 55, new Scalar(255), FILLED, 8, 0);
            disc.copyTo(frame, mask);
        }
        disc.close();
        return frame;
    }

    /** Scene A shaken sideways by up to +-{@code amplitude} px, a different offset every frame. */
    Mat shaken(int f, int amplitude) {
        int dx = new java.util.Random(f * 7919L).nextInt(2 * amplitude + 1) - amplitude;
        return grain(SyntheticFrames.window(wideA, 200 + amplitude + dx), f);
    }

    /** {@code base} with light grain (sigma 2) that differs per frame; closes {@code base} unless it is shared. */
    private Mat grain(Mat base, int seed) {
        Mat out = SyntheticFrames.withGrain(base, 2.0, seed);
        if (base != black && base != white) base.close();
        return out;
    }

    /** A-to-B dissolve of {@code n} frames starting at {@code start}: the frame at {@code f}. */
    Mat dissolve(int f, int start, int n) {
        if (f < start) return a(f);
        if (f >= start + n) return b(f);
        return blendClosing(a(f), b(f), (f - start + 1) / (double) (n + 1));
    }

    /**
     * A-to-B wipe of {@code n} frames starting at {@code start}: a straight edge, at right angles to
     * ({@code dx}, {@code dy}) (each -1, 0 or 1), crosses the frame and leaves B behind it.
     */
    Mat wipe(int f, int start, int n, int dx, int dy) {
        if (f < start) return a(f);
        if (f >= start + n) return b(f);
        double progress = (f - start + 1) / (double) (n + 1);
        Mat frame = a(f);
        Mat next = b(f);
        try (Mat mask = new Mat(H, W, org.bytedeco.opencv.global.opencv_core.CV_8UC1, new Scalar(0))) {
            // Position of each pixel along the wipe's direction, 0..1; B where it is below the progress.
            double span = Math.abs(dx) * (W - 1) + Math.abs(dy) * (H - 1);
            org.bytedeco.javacpp.indexer.UByteIndexer m = mask.createIndexer();
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    double along = ((dx >= 0 ? x : W - 1 - x) * Math.abs(dx) + (dy >= 0 ? y : H - 1 - y) * Math.abs(dy)) / span;
                    if (along < progress) m.put(y, x, 255);
                }
            }
            m.release();
            next.copyTo(frame, mask);
        }
        next.close();
        return frame;
    }

    /**
     * A-to-B slide of {@code n} frames starting at {@code start}: B moves in from the side opposite
     * ({@code dx}, {@code dy}) (one of them -1 or 1, the other 0), its leading edge a share of the frame
     * equal to the wipe's progress in; A stays where it is or, with {@code push}, moves ahead of B.
     */
    Mat slide(int f, int start, int n, int dx, int dy, boolean push) {
        if (f < start) return a(f);
        if (f >= start + n) return b(f);
        double progress = (f - start + 1) / (double) (n + 1);
        int extent = dx != 0 ? W : H;
        int o = (int) Math.round(progress * extent);
        Mat old = a(f);
        Mat next = b(f);
        Mat frame = old.clone();
        org.bytedeco.javacpp.indexer.UByteIndexer from = old.createIndexer();
        org.bytedeco.javacpp.indexer.UByteIndexer in = next.createIndexer();
        org.bytedeco.javacpp.indexer.UByteIndexer out = frame.createIndexer();
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                // Distance of the pixel from the side B enters from, and where each picture's pixel comes from.
                int along = dx > 0 ? x : dx < 0 ? W - 1 - x : dy > 0 ? y : H - 1 - y;
                boolean covered = along < o;
                int shift = covered ? extent - o : -o; // B's pixel extent - o further on; A's o back
                if (!covered && !push) continue;
                int sx = x, sy = y;
                if (dx != 0) sx = x + (dx > 0 ? shift : -shift);
                else sy = y + (dy > 0 ? shift : -shift);
                org.bytedeco.javacpp.indexer.UByteIndexer src = covered ? in : from;
                for (int c = 0; c < 3; c++) out.put(y, x, c, src.get(sy, sx, c));
            }
        }
        from.release();
        in.release();
        out.release();
        old.close();
        next.close();
        return frame;
    }

    /**
     * Scene A zooming in from frame {@code start} for {@code n} frames, to {@code scale} times its size
     * (steady in log scale), held there after.
     */
    Mat zoom(int f, int start, int n, double scale) {
        double progress = Math.max(0, Math.min(1, (f - start + 1) / (double) (n + 1)));
        double s = Math.pow(scale, progress);
        Mat full = a(f);
        int w = (int) Math.round(W / s), h = (int) Math.round(H / s);
        Mat out = new Mat();
        try (org.bytedeco.opencv.opencv_core.Rect centre = new org.bytedeco.opencv.opencv_core.Rect((W - w) / 2, (H - h) / 2, w, h);
             Mat crop = new Mat(full, centre);
             org.bytedeco.opencv.opencv_core.Size size = new org.bytedeco.opencv.opencv_core.Size(W, H)) {
            org.bytedeco.opencv.global.opencv_imgproc.resize(crop, out, size, 0, 0,
                    org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR);
        }
        full.close();
        return out;
    }

    /**
     * A still, dim picture (B at a quarter of its light, frozen) until {@code cut}, then drifting A, which
     * dissolves into B over {@code n} frames from {@code start}.
     */
    Mat stillThenDissolve(int f, int cut, int start, int n) {
        if (f >= cut) return dissolve(f, start, n);
        Mat still = SyntheticFrames.window(wideB, 300);
        Mat dim = new Mat();
        still.convertTo(dim, -1, 0.25, 0);
        still.close();
        return grain(dim, f + 4000);
    }

    /** Fade of A to flat ({@code toWhite}) over {@code n} frames from {@code start}, flat after. */
    Mat fadeOut(int f, int start, int n, boolean toWhite) {
        if (f < start) return a(f);
        Mat flat = toWhite ? white(f) : black(f);
        if (f >= start + n) return flat;
        return blendClosing(a(f), flat, (f - start + 1) / (double) (n + 1));
    }

    /** Fade from flat into B over {@code n} frames from {@code start}, flat before. */
    Mat fadeIn(int f, int start, int n, boolean fromWhite) {
        Mat flat = fromWhite ? white(f) : black(f);
        if (f < start) return flat;
        if (f >= start + n) {
            flat.close();
            return b(f);
        }
        return blendClosing(flat, b(f), (f - start + 1) / (double) (n + 1));
    }

    private static Mat blendClosing(Mat from, Mat to, double w) {
        Mat out = blend(from, to, w);
        from.close();
        to.close();
        return out;
    }

    /** Runs {@code count} frames through one chunk analyzer (every frame its own) and returns the annotations. */
    /**
     * Only the annotators transitions are found from (analysis.shots-only: the same signals as the
     * whole analysis, ShotsOnlyAnalysisTest), so the scenes cost a fraction of the whole analysis.
     */
    static List<FrameAnnotation> annotate(int count, IntFunction<Mat> frames) {
        return annotate(count, frames, AnalysisConfig.from(dev.avastream.operators.config.SettingValues.defaults()
                .with(dev.avastream.operators.config.Tunables.SHOTS_ONLY, true)));
    }

    static List<FrameAnnotation> annotate(int count, IntFunction<Mat> frames, AnalysisConfig config) {
        long[] pts = new long[count];
        for (int i = 0; i < count; i++) pts[i] = i * 40_000L;
        ChunkSpec spec = new ChunkSpec("t", "synthetic", 0, 1, count, 0, count - 1, 0, pts);
        try (ChunkAnalyzer analyzer = new ChunkAnalyzer("test", spec, config)) {
            for (int i = 0; i < count; i++) {
                Mat m = frames.apply(i);
                analyzer.accept(new DecodedFrame(i, pts[i], false, m));
                m.close();
            }
            return new ArrayList<>(analyzer.finish(count, 0, null).getAnnotations());
        }
    }

    /** Feeds every annotation to a fresh detector and flushes. */
    static List<GradualTransition> detect(List<FrameAnnotation> frames, GradualTransitionDetector.Params params) {
        GradualTransitionDetector d = new GradualTransitionDetector(params);
        List<GradualTransition> out = new ArrayList<>();
        for (FrameAnnotation f : frames) out.addAll(d.accept(f));
        out.addAll(d.flush());
        return out;
    }

    static List<GradualTransition> detect(List<FrameAnnotation> frames) {
        return detect(frames, GradualTransitionDetector.Params.defaults());
    }

    @Override
    public void close() {
        wideA.close();
        wideB.close();
        black.close();
        white.close();
    }
}
