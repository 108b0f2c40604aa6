package dev.avastream.testdata;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.addWeighted;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_NEAREST;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_8;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;
import static org.bytedeco.opencv.global.opencv_imgproc.ellipse;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * Procedural scenes, one per shot, rendered with whole-image OpenCV operations (no per-pixel Java
 * loops): a gradient in the shot's palette blended with a texture (blobs, stripes, checker or
 * mosaic), panned slowly; a few moving shapes; mild temporal noise. Some shots copy the previous
 * shot's brightness and saturation and differ only in hue or only in texture, so that a detector
 * cannot find every cut from brightness alone. Deterministic for a given seed.
 */
final class SceneRenderer implements AutoCloseable {
    static final int BLOBS = 0, STRIPES = 1, CHECKER = 2, MOSAIC = 3, TEXTURES = 4;
    private static final int NOISE_AMPLITUDE = 4;
    private static final int NOISE_MARGIN = 16;

    /** How one shot looks. */
    record Style(int hue, int hueSpread, int saturation, int value, int texture, int textureScale, boolean textureVertical,
                 double textureAlpha, int tintHue, double panX, double panY, List<Shape> shapes, String relation) { }

    /** A moving shape: position in [0,1] of the frame, velocity in frame fractions per frame. */
    record Shape(int kind, double[] bgr, double size, double x0, double y0, double vx, double vy) { }

    private final int width;
    private final int height;
    private final int margin;
    private final long seed;
    private final List<Style> styles;
    private final Mat noise;
    private Mat background;
    private int backgroundShot = -1;

    SceneRenderer(int width, int height, long seed, int shotCount) {
        this.width = width;
        this.height = height;
        this.margin = Math.max(8, (width / 10) & ~1);
        this.seed = seed;
        this.styles = styles(seed, shotCount);
        // one noise field for the whole video; each frame takes a different window of it
        Random r = new Random(seed ^ 0x5DEECE66DL);
        int nw = width + NOISE_MARGIN, nh = height + NOISE_MARGIN;
        byte[] bytes = new byte[nw * nh * 3];
        r.nextBytes(bytes);
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) ((bytes[i] & 0xFF) % (2 * NOISE_AMPLITUDE + 1));
        noise = new Mat(nh, nw, CV_8UC3);
        ((BytePointer) noise.data()).put(bytes);
    }

    List<Style> styles() { return styles; }

    static List<Style> styles(long seed, int shotCount) {
        Random r = new Random(seed * 31 + 7);
        List<Style> out = new ArrayList<>();
        Style prev = null;
        for (int i = 0; i < shotCount; i++) {
            int hue = r.nextInt(180);
            int spread = 10 + r.nextInt(50);
            int sat = 60 + r.nextInt(180);
            int val = 50 + r.nextInt(190);
            int texture = r.nextInt(TEXTURES);
            String relation = "new";
            double choice = r.nextDouble();
            if (prev != null && choice < 0.25) {
                // same brightness and saturation, clearly different colour
                hue = (prev.hue + 50 + r.nextInt(80)) % 180;
                sat = prev.saturation; val = prev.value; spread = prev.hueSpread;
                relation = "hue-of-previous";
            } else if (prev != null && choice < 0.45) {
                // same colours and brightness, different texture
                hue = prev.hue; sat = prev.saturation; val = prev.value; spread = prev.hueSpread;
                texture = (prev.texture + 1 + r.nextInt(TEXTURES - 1)) % TEXTURES;
                relation = "texture-of-previous";
            }
            int nShapes = 2 + r.nextInt(3);
            List<Shape> shapes = new ArrayList<>();
            for (int s = 0; s < nShapes; s++) {
                double[] c = hsvToBgr((hue + 90 + r.nextInt(60)) % 180, 120 + r.nextInt(135), 80 + r.nextInt(175));
                double speed = 0.002 + r.nextDouble() * 0.012;
                double angle = r.nextDouble() * 2 * Math.PI;
                shapes.add(new Shape(r.nextInt(3), c, 0.05 + r.nextDouble() * 0.12, r.nextDouble(), r.nextDouble(),
                        speed * Math.cos(angle), speed * Math.sin(angle)));
            }
            Style st = new Style(hue, spread, sat, val, texture, 3 + r.nextInt(10), r.nextBoolean(),
                    0.15 + r.nextDouble() * 0.3, r.nextInt(180), (r.nextDouble() - 0.5) * 1.2, (r.nextDouble() - 0.5) * 0.6,
                    List.copyOf(shapes), relation);
            out.add(st);
            prev = st;
        }
        return out;
    }

    /**
     * Renders frame {@code frameInShot} of shot {@code shot} into {@code out} (display size, BGR).
     * Does not draw the barcode.
     */
    void render(int shot, int frameInShot, Mat out) {
        Style st = styles.get(shot);
        if (shot != backgroundShot) {
            if (background != null) background.close();
            background = background(st, shot);
            backgroundShot = shot;
        }
        // slow camera pan: window into the larger background, bouncing inside the margin
        int ox = bounce(margin + st.panX * frameInShot, 2 * margin);
        int oy = bounce(margin + st.panY * frameInShot, 2 * margin);
        try (Mat win = new Mat(background, new Rect(ox, oy, width, height))) {
            win.copyTo(out);
        }
        for (Shape s : st.shapes) {
            double x = bounce01(s.x0 + s.vx * frameInShot) * width;
            double y = bounce01(s.y0 + s.vy * frameInShot) * height;
            int size = (int) Math.round(s.size * height);
            Scalar c = new Scalar(s.bgr[0], s.bgr[1], s.bgr[2], 0);
            switch (s.kind) {
                case 0 -> circle(out, new Point((int) x, (int) y), size, c, FILLED, LINE_8, 0);
                case 1 -> rectangle(out, new Point((int) x - size, (int) y - size / 2), new Point((int) x + size, (int) y + size / 2), c, FILLED, LINE_8, 0);
                default -> ellipse(out, new Point((int) x, (int) y), new Size(size, Math.max(2, size / 3)),
                        (frameInShot * 3) % 360, 0, 360, c, FILLED, LINE_8, 0);
            }
        }
        int nx = (frameInShot * 5 + shot * 3) % NOISE_MARGIN, ny = (frameInShot * 11 + shot * 7) % NOISE_MARGIN;
        try (Mat n = new Mat(noise, new Rect(nx, ny, width, height))) {
            addWeighted(out, 1.0, n, 1.0, -NOISE_AMPLITUDE, out); // zero-mean noise, one saturation
        }
    }

    private Mat background(Style st, int shot) {
        int bw = width + 2 * margin, bh = height + 2 * margin;
        Random r = new Random(seed * 1_000_003L + shot);
        // gradient: 2x2 palette corners, bilinear upscale
        Mat corners = new Mat(2, 2, CV_8UC3);
        BytePointer p = corners.data();
        for (int i = 0; i < 4; i++) {
            int h = (st.hue + (i == 0 ? 0 : i == 3 ? st.hueSpread : r.nextInt(st.hueSpread + 1)) + 180) % 180;
            double v = st.value * (0.75 + 0.5 * r.nextDouble());
            double[] c = hsvToBgr(h, st.saturation, Math.min(255, v));
            long off = (i / 2) * corners.step() + (i % 2) * 3L;
            for (int k = 0; k < 3; k++) p.put(off + k, (byte) (int) Math.round(c[k]));
        }
        Mat gradient = new Mat();
        resize(corners, gradient, new Size(bw, bh), 0, 0, INTER_LINEAR);
        corners.close();

        // texture: a tiny tinted pattern, upscaled (nearest for hard edges, cubic for blobs)
        int n = st.textureScale;
        int rows, cols, interp;
        int[] gray;
        switch (st.texture) {
            case STRIPES -> {
                rows = st.textureVertical ? 1 : n * 2;
                cols = st.textureVertical ? n * 2 : 1;
                gray = new int[rows * cols];
                for (int i = 0; i < gray.length; i++) gray[i] = i % 2 == 0 ? 0 : 255;
                interp = INTER_LINEAR;
            }
            case CHECKER -> {
                cols = n + 2;
                rows = Math.max(2, (n + 2) * height / width);
                gray = new int[rows * cols];
                for (int y = 0; y < rows; y++) for (int x = 0; x < cols; x++) gray[y * cols + x] = (x + y) % 2 == 0 ? 40 : 215;
                interp = INTER_NEAREST;
            }
            case MOSAIC -> {
                cols = 10 + n * 3;
                rows = Math.max(2, cols * height / width);
                gray = randomValues(r, rows * cols);
                interp = INTER_NEAREST;
            }
            default -> {
                cols = 4 + n;
                rows = Math.max(3, cols * height / width);
                gray = randomValues(r, rows * cols);
                interp = INTER_CUBIC;
            }
        }
        double[] tint = hsvToBgr(st.tintHue, 160, 255);
        Mat small = new Mat(rows, cols, CV_8UC3);
        BytePointer sp = small.data();
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                long off = y * small.step() + x * 3L;
                for (int k = 0; k < 3; k++) sp.put(off + k, (byte) (int) Math.round(gray[y * cols + x] * tint[k] / 255.0));
            }
        }
        Mat tex = new Mat();
        resize(small, tex, new Size(bw, bh), 0, 0, interp);
        small.close();
        Mat bg = new Mat();
        // the texture adds on top of the gradient, so the shot's brightness stays close to its value
        addWeighted(gradient, 1.0 - st.textureAlpha, tex, st.textureAlpha, st.textureAlpha * st.value * 0.3, bg);
        gradient.close();
        tex.close();
        return bg;
    }

    private static int[] randomValues(Random r, int n) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) v[i] = r.nextInt(256);
        return v;
    }

    /** Triangle wave: folds {@code v} into [0, range]. */
    private static int bounce(double v, int range) {
        if (range <= 0) return 0;
        double period = 2.0 * range;
        double m = ((v % period) + period) % period;
        return (int) Math.round(m <= range ? m : period - m);
    }

    private static double bounce01(double v) {
        double m = ((v % 2.0) + 2.0) % 2.0;
        return m <= 1.0 ? m : 2.0 - m;
    }

    /** OpenCV-style HSV (h in [0,180), s,v in [0,255]) to BGR doubles. */
    static double[] hsvToBgr(int h, double s, double v) {
        double hh = (h % 180) * 2.0 / 60.0, ss = s / 255.0;
        int i = (int) Math.floor(hh);
        double f = hh - i, pp = v * (1 - ss), q = v * (1 - ss * f), t = v * (1 - ss * (1 - f));
        double rr, gg, bb;
        switch (i % 6) {
            case 0 -> { rr = v; gg = t; bb = pp; }
            case 1 -> { rr = q; gg = v; bb = pp; }
            case 2 -> { rr = pp; gg = v; bb = t; }
            case 3 -> { rr = pp; gg = q; bb = v; }
            case 4 -> { rr = t; gg = pp; bb = v; }
            default -> { rr = v; gg = pp; bb = q; }
        }
        return new double[] {bb, gg, rr};
    }

    @Override
    public void close() {
        if (background != null) background.close();
        noise.close();
    }
}
