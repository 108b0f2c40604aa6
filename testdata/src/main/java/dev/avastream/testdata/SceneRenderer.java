package dev.avastream.testdata;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.RNG;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
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
 *
 * <p>Optional extras (a {@link SyntheticVideoSpec} with shot features): deliberate similar neighbours
 * ({@link SyntheticVideoSpec.Look}) with matched mean luma, fast pans (the background slides by a
 * fixed step per frame), big fast movers, heavy grain, another noise amplitude. Without them the
 * output is exactly what it was before they existed.
 *
 * <p>The edit-suite extras, likewise only where a spec asks for them: dark shots (the whole picture
 * scaled to a low mean luma), texture changes (the background cross-fades into one with another
 * pattern), evolving content ({@link EvolvingContent}: water and fire replace the scene, snow and a
 * crowd are drawn over it), and a camera stage after the scene: zooms ({@code warpAffine} about the
 * centre) and light changes (a gain), both before the noise, which keeps its amplitude.
 */
final class SceneRenderer implements AutoCloseable {
    static final int BLOBS = 0, STRIPES = 1, CHECKER = 2, MOSAIC = 3, TEXTURES = 4;
    private static final int NOISE_AMPLITUDE = 4;
    private static final int NOISE_MARGIN = 16;
    private static final int GRAIN_CLUMP = 2;

    /**
     * How one shot looks. {@code gradientShot}: the shot whose seeded draws shape the gradient (itself,
     * or the shot a deliberate similar neighbour copies); {@code matchLuma}: shift the background to
     * the previous shot's mean luma.
     */
    record Style(int hue, int hueSpread, int saturation, int value, int texture, int textureScale, boolean textureVertical,
                 double textureAlpha, int tintHue, double panX, double panY, List<Shape> shapes, String relation,
                 int gradientShot, boolean matchLuma) { }

    /** A big object crossing the frame during scene frames {@code [start, start + frames)}. */
    record Mover(int start, int frames, boolean circle, int hueOffset, int saturation, int radius, double y0, double y1, int direction) { }

    /** A moving shape: position in [0,1] of the frame, velocity in frame fractions per frame. */
    record Shape(int kind, double[] bgr, double size, double x0, double y0, double vx, double vy) { }

    private final int width;
    private final int height;
    private final int margin;
    private final long seed;
    private List<Style> styles;
    private final int noiseAmplitude;
    private final Mat noise;
    private final int grainAmplitude;
    private Mat grain, grain3, grainLow, grainHigh;
    /** Backgrounds of the (at most four) shots or texture variants rendered last: a dissolve alternates between two. */
    private final java.util.LinkedHashMap<Integer, Mat> backgrounds = new java.util.LinkedHashMap<>(4, 0.75f, true);
    private final java.util.Map<Integer, Double> backgroundLuma = new java.util.HashMap<>();
    // per-shot extras, in scene frames (frameInShot)
    private final List<List<int[]>> pans;       // {start, frames}
    private final int[] panDirection;
    private final int[] panExtra;
    private final int panStepPx;
    private final List<List<Mover>> movers;
    private final boolean[] grainy;
    /** Scene frame of each shot's last pure frame (where a similar neighbour's luma is matched); 0 without a layout. */
    private final int[] lastPure;
    // edit-suite extras, in scene frames; empty or zero for specs without them
    /** Mean luma a dark shot is scaled to (0: not dark), and the gain and offset that do it (gain 0: not yet measured). */
    private final double[] darkLuma;
    private final double[] darkGain;
    private final double[] darkOffset;
    private final List<List<double[]>> zooms;          // {start, frames, total factor, 1 = in / 0 = out}
    private final List<List<double[]>> lights;         // {start, frames, low gain, 1 = darken / 0 = brighten}
    private final List<List<int[]>> textureChanges;    // {start, frames, texture step}, by start
    private final SyntheticVideoSpec.EventKind[] evolvingKind;
    private final EvolvingContent[] evolving;
    private final int[] visibleFrames;
    private Mat cameraTmp, darkTmp;

    SceneRenderer(int width, int height, long seed, int shotCount) {
        this(width, height, seed, styles(seed, shotCount), List.of(), NOISE_AMPLITUDE, 24, 0, null, null);
    }

    /** The scenes of {@code spec}, with its looks, events and noise; {@code layout} places the events. */
    SceneRenderer(SyntheticVideoSpec spec, Layout layout) {
        this(spec.width(), spec.height(), spec.seed(), styles(spec.seed(), spec.shotLengths().size()), spec.looks(),
                spec.noiseAmplitude(), spec.grainAmplitude(), (int) Math.max(1, Math.round(spec.panStep() * spec.width())),
                layout, spec.events());
    }

    private SceneRenderer(int width, int height, long seed, List<Style> styles, List<SyntheticVideoSpec.Look> looks,
                          int noiseAmplitude, int grainAmplitude, int panStepPx,
                          Layout layout, List<SyntheticVideoSpec.ShotEvent> events) {
        this.width = width;
        this.height = height;
        this.margin = Math.max(8, (width / 10) & ~1);
        this.seed = seed;
        this.styles = styles;
        this.noiseAmplitude = noiseAmplitude;
        this.grainAmplitude = grainAmplitude;
        this.panStepPx = panStepPx;
        // one noise field for the whole video; each frame takes a different window of it
        noise = noiseAmplitude > 0 ? noiseField(new Random(seed ^ 0x5DEECE66DL), noiseAmplitude) : null;
        int n = styles.size();
        pans = new ArrayList<>();
        movers = new ArrayList<>();
        panDirection = new int[n];
        panExtra = new int[n];
        grainy = new boolean[n];
        lastPure = new int[n];
        darkLuma = new double[n];
        darkGain = new double[n];
        darkOffset = new double[n];
        zooms = new ArrayList<>();
        lights = new ArrayList<>();
        textureChanges = new ArrayList<>();
        evolvingKind = new SyntheticVideoSpec.EventKind[n];
        evolving = new EvolvingContent[n];
        visibleFrames = new int[n];
        for (int i = 0; i < n; i++) {
            pans.add(new ArrayList<>());
            movers.add(new ArrayList<>());
            zooms.add(new ArrayList<>());
            lights.add(new ArrayList<>());
            textureChanges.add(new ArrayList<>());
            if (layout != null) {
                lastPure[i] = layout.frameInShot(i, layout.pureEnd[i]);
                int last = i < n - 1 ? Math.max(layout.pureEnd[i], layout.transitionEnd[i]) : layout.frameCount - 1;
                visibleFrames[i] = layout.frameInShot(i, last) + 1;
            }
        }
        if (events != null) {
            for (SyntheticVideoSpec.ShotEvent e : events) {
                int s = e.shot();
                int start = layout.frameInShot(s, layout.eventStart(e));
                Random r = new Random(seed * 0x9E3779B97F4A7C15L + s * 7919L + start * 131L + e.kind().ordinal());
                switch (e.kind()) {
                    case PAN -> {
                        if (pans.get(s).isEmpty()) panDirection[s] = r.nextBoolean() ? 1 : -1;
                        pans.get(s).add(new int[] {start, e.frames()});
                        panExtra[s] += panStepPx * e.frames();
                    }
                    case MOTION -> {
                        movers.get(s).add(new Mover(start, e.frames(), r.nextBoolean(), 60 + r.nextInt(60), 150 + r.nextInt(100),
                                (int) Math.round((0.2 + 0.1 * r.nextDouble()) * height), 0.3 + 0.4 * r.nextDouble(),
                                0.3 + 0.4 * r.nextDouble(), r.nextBoolean() ? 1 : -1));
                    }
                    case GRAIN -> grainy[s] = true;
                    case FLASH, STROBE -> { } // composed by the generator
                    case ZOOM_IN, ZOOM_OUT -> zooms.get(s).add(new double[] {start, e.frames(), 1.5 + 1.5 * r.nextDouble(),
                            e.kind() == SyntheticVideoSpec.EventKind.ZOOM_IN ? 1 : 0});
                    case DARKEN, BRIGHTEN -> lights.get(s).add(new double[] {start, e.frames(), 0.2 + 0.15 * r.nextDouble(),
                            e.kind() == SyntheticVideoSpec.EventKind.DARKEN ? 1 : 0});
                    case TEXTURE_CHANGE -> textureChanges.get(s).add(new int[] {start, e.frames(), 1 + r.nextInt(TEXTURES - 1)});
                    case WATER, FIRE, SNOW, CROWD -> evolvingKind[s] = e.kind();
                }
            }
            for (List<int[]> l : textureChanges) l.sort(java.util.Comparator.comparingInt(x -> x[0]));
        }
        // before and after the looks: a similar neighbour copies its predecessor as it is shown
        this.styles = textureChangeStyles(panTextures(withLooks(panTextures(styles), looks, seed)));
        for (int i = 0; i < n && !looks.isEmpty(); i++) {
            SyntheticVideoSpec.Look look = looks.get(i);
            if (look == SyntheticVideoSpec.Look.DARK) {
                double u = new Random(seed * 0x3C6EF372FE94F82BL + 31L * i + 5).nextDouble();
                // after another dark shot, within 6 levels of its luma: cuts between dark shots change the picture, not the light
                darkLuma[i] = i > 0 && darkLuma[i - 1] > 0 ? Math.max(12, Math.min(32, darkLuma[i - 1] - 6 + 12 * u)) : 12 + 20 * u;
            } else if (i > 0 && look != SyntheticVideoSpec.Look.NEW) {
                darkLuma[i] = darkLuma[i - 1]; // a similar neighbour of a dark shot is as dark
            }
        }
    }

    /**
     * A texture change needs a texture to see: shots with one get a texture at least 40% strong. A
     * zoom over smooth blobs would hardly change a pixel: shots with one get a texture at least 45%
     * strong, and a mosaic instead of blobs.
     */
    private List<Style> textureChangeStyles(List<Style> in) {
        List<Style> l = new ArrayList<>(in);
        for (int i = 0; i < l.size(); i++) {
            Style d = l.get(i);
            double alpha = d.textureAlpha;
            int texture = d.texture;
            if (!textureChanges.get(i).isEmpty()) alpha = Math.max(alpha, 0.4);
            if (!zooms.get(i).isEmpty()) {
                alpha = Math.max(alpha, 0.45);
                if (texture == BLOBS) texture = MOSAIC;
            }
            if (alpha != d.textureAlpha || texture != d.texture) {
                l.set(i, new Style(d.hue, d.hueSpread, d.saturation, d.value, texture, d.textureScale, d.textureVertical,
                        alpha, d.tintHue, d.panX, d.panY, d.shapes, d.relation, d.gradientShot, d.matchLuma));
            }
        }
        return List.copyOf(l);
    }

    /**
     * A whip pan over a featureless gradient (or along horizontal stripes) would hardly change a
     * pixel: shots with a fast pan get a texture at least 40% strong that varies along x.
     */
    private List<Style> panTextures(List<Style> in) {
        List<Style> l = new ArrayList<>(in);
        for (int i = 0; i < l.size(); i++) {
            Style d = l.get(i);
            if (panExtra[i] > 0 && (d.textureAlpha < 0.4 || (d.texture == STRIPES && !d.textureVertical))) {
                l.set(i, new Style(d.hue, d.hueSpread, d.saturation, d.value, d.texture, d.textureScale, true,
                        Math.max(0.4, d.textureAlpha), d.tintHue, d.panX, d.panY, d.shapes, d.relation, d.gradientShot, d.matchLuma));
            }
        }
        return List.copyOf(l);
    }

    private Mat noiseField(Random r, int amplitude) {
        int nw = width + NOISE_MARGIN, nh = height + NOISE_MARGIN;
        byte[] bytes = new byte[nw * nh * 3];
        r.nextBytes(bytes);
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) ((bytes[i] & 0xFF) % (2 * amplitude + 1));
        Mat m = new Mat(nh, nw, CV_8UC3);
        ((BytePointer) m.data()).put(bytes);
        return m;
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
                    List.copyOf(shapes), relation, i, false);
            out.add(st);
            prev = st;
        }
        return out;
    }

    /**
     * Applies deliberate looks: a {@code HUE_ONLY} shot is the previous shot's style with the hue (and
     * the texture's tint) turned by 50..129 of 180; a {@code TEXTURE_ONLY} shot keeps the colours
     * and takes another texture, at least 35% strong. Both keep the previous shot's gradient pattern,
     * objects and camera drift, and get its mean luma. An empty list keeps the styles as drawn.
     */
    static List<Style> withLooks(List<Style> drawn, List<SyntheticVideoSpec.Look> looks, long seed) {
        if (looks.isEmpty()) return drawn;
        Random r = new Random(seed * 0x5851F42D4C957F2DL + 11);
        List<Style> out = new ArrayList<>();
        for (int i = 0; i < drawn.size(); i++) {
            int delta = 50 + r.nextInt(80);
            int texStep = 1 + r.nextInt(TEXTURES - 1);
            SyntheticVideoSpec.Look look = looks.get(i);
            Style d = drawn.get(i);
            if (look == SyntheticVideoSpec.Look.DARK) {
                // an unrelated scene; after another dark shot, surely another texture and a hue at least 30 of 180 away,
                int texture = d.texture, hue = d.hue, tint = d.tintHue;
                if (i > 0 && looks.get(i - 1) == SyntheticVideoSpec.Look.DARK) {
                    Style p = out.get(i - 1);
                    if (texture == p.texture) texture = (texture + texStep) % TEXTURES;
                    int dh = Math.abs(hue - p.hue);
                    if (Math.min(dh, 180 - dh) < 30) {
                        hue = (hue + 60) % 180;
                        tint = (tint + 60) % 180;
                    }
                }
                // a texture at least 35% strong: scaled down to a dark luma, a faint one would leave the picture flat
                out.add(new Style(hue, d.hueSpread, d.saturation, d.value, texture, d.textureScale, d.textureVertical,
                        Math.max(0.35, d.textureAlpha), tint, d.panX, d.panY, d.shapes, GroundTruth.LOOK_DARK, i, false));
                continue;
            }
            if (i == 0 || look == SyntheticVideoSpec.Look.NEW) {
                out.add(new Style(d.hue, d.hueSpread, d.saturation, d.value, d.texture, d.textureScale, d.textureVertical, d.textureAlpha,
                        d.tintHue, d.panX, d.panY, d.shapes, GroundTruth.LOOK_NEW, i, false));
                continue;
            }
            Style p = out.get(i - 1);
            if (look == SyntheticVideoSpec.Look.HUE_ONLY) {
                out.add(new Style((p.hue + delta) % 180, p.hueSpread, p.saturation, p.value, p.texture, p.textureScale, p.textureVertical,
                        p.textureAlpha, (p.tintHue + delta) % 180, p.panX, p.panY, p.shapes, GroundTruth.LOOK_HUE_ONLY, p.gradientShot, true));
            } else {
                out.add(new Style(p.hue, p.hueSpread, p.saturation, p.value, (p.texture + texStep) % TEXTURES, p.textureScale,
                        p.textureVertical, Math.max(0.35, p.textureAlpha), p.tintHue, p.panX, p.panY, p.shapes,
                        GroundTruth.LOOK_TEXTURE_ONLY, p.gradientShot, true));
            }
        }
        return List.copyOf(out);
    }

    /**
     * Renders frame {@code frameInShot} of shot {@code shot} into {@code out} (display size, BGR).
     * Does not draw the barcode.
     */
    void render(int shot, int frameInShot, Mat out) {
        renderScene(shot, frameInShot, out);
        camera(shot, frameInShot, out);
        if (grainy[shot]) {
            grain(shot, frameInShot, out);
            return;
        }
        if (noise == null) return;
        int nx = (frameInShot * 5 + shot * 3) % NOISE_MARGIN, ny = (frameInShot * 11 + shot * 7) % NOISE_MARGIN;
        try (Mat n = new Mat(noise, new Rect(nx, ny, width, height))) {
            addWeighted(out, 1.0, n, 1.0, -noiseAmplitude, out); // zero-mean noise, one saturation
        }
    }

    /** The scene alone: background (or water, fire), objects, a crowd, movers, snow; no camera, grain or noise. */
    private void renderScene(int shot, int frameInShot, Mat out) {
        Style st = styles.get(shot);
        EvolvingContent evo = evolving(shot);
        if (evo != null && evo.replacesScene()) {
            evo.render(frameInShot, out);
            movers(shot, st, frameInShot, out);
            return;
        }
        // slow camera drift: window into the larger background, bouncing inside the margin
        int ox = bounce(margin + st.panX * frameInShot, 2 * margin) + panOffset(shot, frameInShot);
        int oy = bounce(margin + st.panY * frameInShot, 2 * margin);
        if (textureChanges.get(shot).isEmpty()) {
            Mat background = background(shot);
            try (Mat win = new Mat(background, new Rect(ox, oy, width, height))) {
                win.copyTo(out);
            }
        } else {
            texturedBackground(shot, frameInShot, ox, oy, out);
        }
        // a fast pan moves the objects with the scene; they leave on one side and come back on the other
        int panned = panExtra[shot] == 0 ? 0 : panOffset(shot, frameInShot) - panOffset(shot, 0);
        for (Shape s : st.shapes) {
            double x = bounce01(s.x0 + s.vx * frameInShot) * width;
            double y = bounce01(s.y0 + s.vy * frameInShot) * height;
            int size = (int) Math.round(s.size * height);
            if (panned != 0) {
                double span = width + 2.0 * size;
                x = ((x - panned + size) % span + span) % span - size;
            }
            Scalar c = new Scalar(s.bgr[0], s.bgr[1], s.bgr[2], 0);
            switch (s.kind) {
                case 0 -> circle(out, new Point((int) x, (int) y), size, c, FILLED, LINE_8, 0);
                case 1 -> rectangle(out, new Point((int) x - size, (int) y - size / 2), new Point((int) x + size, (int) y + size / 2), c, FILLED, LINE_8, 0);
                default -> ellipse(out, new Point((int) x, (int) y), new Size(size, Math.max(2, size / 3)),
                        (frameInShot * 3) % 360, 0, 360, c, FILLED, LINE_8, 0);
            }
        }
        if (evo != null && evolvingKind[shot] == SyntheticVideoSpec.EventKind.CROWD) evo.overlay(frameInShot, out);
        movers(shot, st, frameInShot, out);
        if (evo != null && evolvingKind[shot] == SyntheticVideoSpec.EventKind.SNOW) evo.overlay(frameInShot, out);
    }

    private void movers(int shot, Style st, int frameInShot, Mat out) {
        for (Mover m : movers.get(shot)) {
            int j = frameInShot - m.start;
            if (j < 0 || j >= m.frames) continue;
            double t = (j + 0.5) / m.frames;
            double x = -m.radius + (width + 2.0 * m.radius) * t;
            if (m.direction < 0) x = width - x;
            int y = (int) Math.round((m.y0 + (m.y1 - m.y0) * t) * height);
            // bright on a dark scene, dark on a bright one, in a colour away from the scene's
            double[] bgr = hsvToBgr((st.hue + m.hueOffset) % 180, m.saturation, st.value < 140 ? 235 : 35);
            Scalar color = new Scalar(bgr[0], bgr[1], bgr[2], 0);
            if (m.circle) {
                circle(out, new Point((int) Math.round(x), y), m.radius, color, FILLED, LINE_8, 0);
            } else {
                rectangle(out, new Point((int) Math.round(x) - m.radius, y - m.radius * 2 / 3),
                        new Point((int) Math.round(x) + m.radius, y + m.radius * 2 / 3), color, FILLED, LINE_8, 0);
            }
        }
    }

    private void grain(int shot, int frameInShot, Mat out) {
        // heavy grain: fresh noise every frame (a sliding field would be predictable by motion search),
        // the same on all channels like film grain (independent colour noise would die in 4:2:0), in
        // 2x2 clumps (single-pixel noise does not survive the encoder's P-frames at sane bit rates)
        int gs = GRAIN_CLUMP;
        if (grain == null) {
            grain = new Mat((height + gs - 1) / gs, (width + gs - 1) / gs, CV_8UC1);
            grain3 = new Mat(height, width, CV_8UC3);
            grainLow = new Mat(1, 1, CV_64F, Scalar.all(0));
            grainHigh = new Mat(1, 1, CV_64F, Scalar.all(2 * grainAmplitude + 1));
        }
        long state = (seed * 0x9E3779B97F4A7C15L) ^ ((long) shot << 32) ^ (frameInShot * 0xBF58476D1CE4E5B9L);
        try (RNG rng = new RNG(state == 0 ? 1 : state)) {
            rng._fill(grain, RNG.UNIFORM, grainLow, grainHigh);
        }
        if (gs > 1) {
            try (Mat big = new Mat()) {
                resize(grain, big, new Size(width, height), 0, 0, INTER_NEAREST);
                org.bytedeco.opencv.global.opencv_imgproc.cvtColor(big, grain3, org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR);
            }
        } else {
            org.bytedeco.opencv.global.opencv_imgproc.cvtColor(grain, grain3, org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR);
        }
        addWeighted(out, 1.0, grain3, 1.0, -grainAmplitude, out);
    }

    /**
     * The camera stage of the edit-suite extras, on the scene before grain and noise: a zoom
     * (magnification about the centre) and a gain (dark shot times light change). Nothing for a shot
     * without them.
     */
    private void camera(int shot, int f, Mat out) {
        double z = zoom(shot, f);
        if (z != 1) {
            if (cameraTmp == null) cameraTmp = new Mat();
            double cx = (width - 1) / 2.0, cy = (height - 1) / 2.0;
            try (Mat m = new Mat(2, 3, CV_64F)) {
                new org.bytedeco.javacpp.DoublePointer(m.data()).put(z, 0, (1 - z) * cx, 0, z, (1 - z) * cy);
                org.bytedeco.opencv.global.opencv_imgproc.warpAffine(out, cameraTmp, m, new Size(width, height), INTER_LINEAR,
                        org.bytedeco.opencv.global.opencv_core.BORDER_REFLECT, new Scalar());
            }
            cameraTmp.copyTo(out);
        }
        double light = light(shot, f), g = light * darkGain(shot);
        if (g != 1) out.convertTo(out, -1, g, light * darkOffset[shot]);
    }

    /** Magnification at scene frame {@code f}: the product of the shot's zooms, each geometric over its frames. */
    double zoom(int shot, int f) {
        double z = 1;
        for (double[] e : zooms.get(shot)) {
            double t = Math.max(0, Math.min(1, (f - e[0] + 1) / e[1]));
            z *= Math.pow(e[2], e[3] > 0 ? t : 1 - t);
        }
        return z;
    }

    /** Light gain at scene frame {@code f}: the product of the shot's light changes, each linear over its frames. */
    double light(int shot, int f) {
        double g = 1;
        for (double[] e : lights.get(shot)) {
            double t = Math.max(0, Math.min(1, (f - e[0] + 1) / e[1]));
            g *= e[3] > 0 ? 1 + (e[2] - 1) * t : e[2] + (1 - e[2]) * t;
        }
        return g;
    }

    /**
     * 1, or for a dark shot the gain (and {@link #darkOffset}) that take its scene's first frame to the
     * shot's dark luma: a plain scaling, or, where that would leave less than 3.5 levels of contrast
     * (luma standard deviation), a gain that keeps 3.5 (at most 0.5) and an offset that keeps the
     * mean; the darkest parts may then clip to black, as at night.
     */
    private double darkGain(int shot) {
        if (darkLuma[shot] <= 0) return 1;
        if (darkGain[shot] == 0) {
            if (darkTmp == null) darkTmp = new Mat(height, width, CV_8UC3);
            renderScene(shot, 0, darkTmp);
            try (Mat gray = new Mat(); Mat mu = new Mat(); Mat sd = new Mat()) {
                org.bytedeco.opencv.global.opencv_imgproc.cvtColor(darkTmp, gray, org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY);
                org.bytedeco.opencv.global.opencv_core.meanStdDev(gray, mu, sd);
                double mean = Math.max(1, mu.ptr().getDouble()), std = Math.max(1e-3, sd.ptr().getDouble());
                double gain = darkLuma[shot] / mean;
                if (gain * std < 3.5) gain = Math.min(0.5, 3.5 / std);
                darkGain[shot] = gain;
                darkOffset[shot] = darkLuma[shot] - gain * mean;
            }
        }
        return darkGain[shot];
    }

    /** The shot's evolving content, made on first use; null for a shot without. */
    private EvolvingContent evolving(int shot) {
        if (evolvingKind[shot] == null) return null;
        if (evolving[shot] == null) {
            evolving[shot] = new EvolvingContent(evolvingKind[shot], width, height,
                    seed * 0x2545F4914F6CDD1DL + shot * 104_729L + evolvingKind[shot].ordinal(), styles.get(shot).hue, visibleFrames[shot]);
        }
        return evolving[shot];
    }

    /** The background through the shot's texture changes: each cross-fades to the next pattern over its frames. */
    private void texturedBackground(int shot, int f, int ox, int oy, Mat out) {
        int variant = 0;
        double a = 0;
        for (int[] c : textureChanges.get(shot)) {
            int j = f - c[0] + 1;
            if (j >= c[1]) {
                variant++;
            } else {
                if (j >= 1) a = (double) j / c[1];
                break;
            }
        }
        try (Mat win = new Mat(textureVariant(shot, variant), new Rect(ox, oy, width, height))) {
            if (a == 0) {
                win.copyTo(out);
            } else {
                try (Mat next = new Mat(textureVariant(shot, variant + 1), new Rect(ox, oy, width, height))) {
                    addWeighted(win, 1 - a, next, a, 0, out);
                }
            }
        }
    }

    /** The shot's background after {@code variant} texture changes: the same gradient, another texture pattern. */
    private Mat textureVariant(int shot, int variant) {
        if (variant == 0) return background(shot);
        int key = -1 - (shot * 64 + variant);
        Mat bg = backgrounds.get(key);
        if (bg != null) return bg;
        Style d = styles.get(shot);
        int texture = d.texture;
        for (int i = 0; i < variant; i++) texture = (texture + textureChanges.get(shot).get(i)[2]) % TEXTURES;
        Style v = new Style(d.hue, d.hueSpread, d.saturation, d.value, texture, d.textureScale, !d.textureVertical,
                d.textureAlpha, d.tintHue, d.panX, d.panY, d.shapes, d.relation, d.gradientShot, false);
        bg = background(v, shot);
        cache(key, bg);
        return bg;
    }

    private void cache(int key, Mat bg) {
        backgrounds.put(key, bg);
        while (backgrounds.size() > 4) {
            var eldest = backgrounds.entrySet().iterator().next();
            eldest.getValue().close();
            backgrounds.remove(eldest.getKey());
        }
    }

    /** Horizontal offset added by the shot's fast pans at scene frame {@code f}: in [0, panExtra]. */
    int panOffset(int shot, int f) {
        if (panExtra[shot] == 0) return 0;
        int moved = 0;
        for (int[] p : pans.get(shot)) moved += panStepPx * Math.max(0, Math.min(p[1], f - p[0] + 1));
        return panDirection[shot] > 0 ? moved : panExtra[shot] - moved;
    }

    int panStepPx() { return panStepPx; }

    /** The shot's background, cached for the two shots used last. */
    private Mat background(int shot) {
        Mat bg = backgrounds.get(shot);
        if (bg != null) return bg;
        bg = background(styles.get(shot), shot);
        Style st = styles.get(shot);
        if (st.matchLuma && shot > 0) {
            // the previous shot's background as its last frame shows it; this one's as its first frame does
            double target = backgroundLuma(shot - 1);
            for (int it = 0; it < 4; it++) {
                double d = target - windowLuma(bg, shot, 0);
                if (Math.abs(d) < 0.25) break;
                bg.convertTo(bg, -1, 1.0, d);
            }
        }
        backgroundLuma.put(shot, windowLuma(bg, shot, lastPure[shot]));
        cache(shot, bg);
        return bg;
    }

    private double backgroundLuma(int shot) {
        Double l = backgroundLuma.get(shot);
        if (l == null) {
            background(shot);
            l = backgroundLuma.get(shot);
        }
        return l;
    }

    /** Mean luma of the part of the shot's background that its scene frame {@code f} shows. */
    private double windowLuma(Mat bg, int shot, int f) {
        Style st = styles.get(shot);
        int ox = bounce(margin + st.panX * f, 2 * margin) + panOffset(shot, f);
        int oy = bounce(margin + st.panY * f, 2 * margin);
        try (Mat win = new Mat(bg, new Rect(ox, oy, width, height)); Mat gray = new Mat()) {
            org.bytedeco.opencv.global.opencv_imgproc.cvtColor(win, gray, org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY);
            return org.bytedeco.opencv.global.opencv_core.mean(gray).get(0);
        }
    }

    private Mat background(Style st, int shot) {
        int bw = width + 2 * margin + panExtra[shot], bh = height + 2 * margin;
        // a background widened for fast pans keeps the texture's scale: more pattern columns
        double stretch = (double) bw / (width + 2 * margin);
        Random r = new Random(seed * 1_000_003L + st.gradientShot);
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
                cols = st.textureVertical ? stretched(n * 2, stretch) : 1;
                gray = new int[rows * cols];
                for (int i = 0; i < gray.length; i++) gray[i] = i % 2 == 0 ? 0 : 255;
                interp = INTER_LINEAR;
            }
            case CHECKER -> {
                cols = stretched(n + 2, stretch);
                rows = Math.max(2, (n + 2) * height / width);
                gray = new int[rows * cols];
                for (int y = 0; y < rows; y++) for (int x = 0; x < cols; x++) gray[y * cols + x] = (x + y) % 2 == 0 ? 40 : 215;
                interp = INTER_NEAREST;
            }
            case MOSAIC -> {
                cols = 10 + n * 3;
                rows = Math.max(2, cols * height / width);
                cols = stretched(cols, stretch);
                gray = randomValues(r, rows * cols);
                interp = INTER_NEAREST;
            }
            default -> {
                cols = 4 + n;
                rows = Math.max(3, cols * height / width);
                cols = stretched(cols, stretch);
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

    private static int stretched(int cols, double stretch) { return stretch == 1.0 ? cols : (int) Math.round(cols * stretch); }

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
        for (EvolvingContent e : evolving) if (e != null) e.close();
        if (cameraTmp != null) cameraTmp.close();
        if (darkTmp != null) darkTmp.close();
        for (Mat m : backgrounds.values()) m.close();
        backgrounds.clear();
        if (noise != null) noise.close();
        if (grain != null) {
            grain.close();
            grain3.close();
            grainLow.close();
            grainHigh.close();
        }
    }
}
