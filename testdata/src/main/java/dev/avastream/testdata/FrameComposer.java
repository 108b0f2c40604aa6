package dev.avastream.testdata;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

import java.util.List;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.addWeighted;

/**
 * Renders frame {@code k} of a spec as it is encoded (display size, BGR): the scene(s) of the frame
 * from {@link SceneRenderer}, blended as the {@link Layout} says (dissolve: {@code addWeighted};
 * fade: {@code convertTo} toward the solid colour; wipe: B copied through a half-plane mask; slide
 * and push: the two pictures copied side by side at an offset), a flash on top, then the barcode,
 * drawn last so that it stays readable on every frame.
 */
final class FrameComposer implements AutoCloseable {
    /** Weight of white on the first frame of a flash; later frames of the same flash get less. */
    static final double FLASH_WEIGHT = 0.8;

    private final SyntheticVideoSpec spec;
    private final Layout layout;
    private final SceneRenderer renderer;
    private final double[] flash;
    private final Mat other;
    /** Wipe position of every pixel per direction ({@link SyntheticVideoSpec#wipePosition}), made on first use. */
    private final java.util.Map<SyntheticVideoSpec.Direction, Mat> wipeRamps = new java.util.EnumMap<>(SyntheticVideoSpec.Direction.class);
    private Mat mask, shifted;

    FrameComposer(SyntheticVideoSpec spec) {
        this.spec = spec;
        this.layout = new Layout(spec.shotLengths(), spec.boundaries());
        this.renderer = new SceneRenderer(spec, layout);
        this.flash = new double[layout.frameCount];
        for (SyntheticVideoSpec.ShotEvent e : spec.events()) {
            int s = layout.eventStart(e);
            if (e.kind() == SyntheticVideoSpec.EventKind.FLASH) {
                for (int j = 0; j < e.frames(); j++) flash[s + j] = Math.max(flash[s + j], flashWeight(j, e.frames()));
            }
            for (int[] f : e.flashes()) { // a strobe: each of its flashes as a flash
                for (int j = 0; j < f[1]; j++) flash[s + f[0] + j] = Math.max(flash[s + f[0] + j], flashWeight(j, f[1]));
            }
        }
        this.other = new Mat(spec.height(), spec.width(), CV_8UC3);
    }

    /** White's weight on frame {@code j} of a flash of {@code frames} frames: 0.8, then linearly less (0.8, 0.53; 0.8, 0.6, 0.4). */
    static double flashWeight(int j, int frames) { return FLASH_WEIGHT * (1 - (double) j / (frames + 1)); }

    Layout layout() { return layout; }

    List<SceneRenderer.Style> styles() { return renderer.styles(); }

    /** Frame {@code k} (0-based, shown frames) into {@code out} (allocated by the caller, display size, CV_8UC3). */
    void render(int k, Mat out) {
        renderContent(k, out);
        if (spec.barcode()) FrameBarcode.draw(out, k);
    }

    /** Frame {@code k} without the barcode. */
    void renderContent(int k, Mat out) {
        int a = layout.shot1[k], b = layout.shot2[k], c = layout.solid[k];
        if (a < 0) {
            out.put(new Scalar(c, c, c, 0));
        } else {
            renderer.render(a, layout.frameInShot(a, k), out);
            if (b >= 0) {
                renderer.render(b, layout.frameInShot(b, k), other);
                double w = layout.w2[k];
                SyntheticVideoSpec.Boundary bd = layout.boundaries.get(layout.boundary[k]);
                switch (bd.kind()) {
                    case WIPE -> wipe(out, other, bd.direction(), w);
                    case SLIDE, PUSH -> slide(out, other, bd.direction(), w, bd.kind() == SyntheticVideoSpec.BoundaryKind.PUSH);
                    default -> addWeighted(out, 1 - w, other, w, 0, out);
                }
            } else if (c >= 0) {
                double w = layout.wSolid[k];
                out.convertTo(out, -1, 1 - w, w * c);
            }
        }
        if (flash[k] > 0) out.convertTo(out, -1, 1 - flash[k], flash[k] * 255);
    }

    /** B where the wipe position is below {@code a}: a hard straight edge. */
    private void wipe(Mat a, Mat b, SyntheticVideoSpec.Direction d, double progress) {
        Mat ramp = wipeRamps.computeIfAbsent(d, this::wipeRamp);
        if (mask == null) mask = new Mat();
        // THRESH_BINARY_INV: 1 where the position is at most the progress
        org.bytedeco.opencv.global.opencv_imgproc.threshold(ramp, mask, progress, 255, org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY_INV);
        try (Mat m8 = new Mat()) {
            mask.convertTo(m8, org.bytedeco.opencv.global.opencv_core.CV_8U);
            b.copyTo(a, m8);
        }
    }

    /** {@link SyntheticVideoSpec#wipePosition} of every pixel, as floats: a row and a column ramp, repeated and averaged. */
    private Mat wipeRamp(SyntheticVideoSpec.Direction d) {
        int w = spec.width(), h = spec.height();
        float[] xs = new float[w], ys = new float[h];
        double n = Math.abs(d.dx) + Math.abs(d.dy);
        for (int x = 0; x < w; x++) xs[x] = (float) ((d.dx > 0 ? x : d.dx < 0 ? w - 1 - x : 0) / (w - 1.0) / n);
        for (int y = 0; y < h; y++) ys[y] = (float) ((d.dy > 0 ? y : d.dy < 0 ? h - 1 - y : 0) / (h - 1.0) / n);
        try (Mat row = new Mat(1, w, org.bytedeco.opencv.global.opencv_core.CV_32F); Mat col = new Mat(h, 1, org.bytedeco.opencv.global.opencv_core.CV_32F);
             Mat rows = new Mat(); Mat cols = new Mat()) {
            new org.bytedeco.javacpp.FloatPointer(row.data()).put(xs);
            new org.bytedeco.javacpp.FloatPointer(col.data()).put(ys);
            org.bytedeco.opencv.global.opencv_core.repeat(row, h, 1, rows);
            org.bytedeco.opencv.global.opencv_core.repeat(col, 1, w, cols);
            Mat ramp = new Mat();
            org.bytedeco.opencv.global.opencv_core.add(rows, cols, ramp);
            return ramp;
        }
    }

    /**
     * B comes in from the side opposite {@code d} with its leading edge at {@code progress} of the
     * width (height); A stays ({@code push} false) or moves ahead of it by as much.
     */
    private void slide(Mat a, Mat b, SyntheticVideoSpec.Direction d, double progress, boolean push) {
        int w = spec.width(), h = spec.height();
        boolean horizontal = d.dx != 0;
        int extent = horizontal ? w : h;
        int o = (int) Math.round(progress * extent);
        if (o <= 0) return;
        if (o >= extent) {
            b.copyTo(a);
            return;
        }
        if (shifted == null) shifted = new Mat();
        boolean forward = (horizontal ? d.dx : d.dy) > 0; // B enters at x = 0 (y = 0) and moves towards +x (+y)
        if (push) {
            // A moves ahead of B: A's part that stays visible, shifted by o
            try (Mat src = new Mat(a, forward ? rect(horizontal, 0, extent - o, w, h) : rect(horizontal, o, extent - o, w, h))) {
                src.copyTo(shifted);
            }
            try (Mat dst = new Mat(a, forward ? rect(horizontal, o, extent - o, w, h) : rect(horizontal, 0, extent - o, w, h))) {
                shifted.copyTo(dst);
            }
        }
        // B's leading part, o pixels of it, at the side it enters from
        try (Mat src = new Mat(b, forward ? rect(horizontal, extent - o, o, w, h) : rect(horizontal, 0, o, w, h));
             Mat dst = new Mat(a, forward ? rect(horizontal, 0, o, w, h) : rect(horizontal, extent - o, o, w, h))) {
            src.copyTo(dst);
        }
    }

    /** Columns (or rows) {@code [from, from + length)} of a {@code w x h} frame. */
    private static org.bytedeco.opencv.opencv_core.Rect rect(boolean horizontal, int from, int length, int w, int h) {
        return horizontal ? new org.bytedeco.opencv.opencv_core.Rect(from, 0, length, h) : new org.bytedeco.opencv.opencv_core.Rect(0, from, w, length);
    }

    /** Scene {@code shot} alone as it looks at video frame {@code k} (its pans, movers and grain; no blend, flash or barcode). */
    void renderScene(int shot, int k, Mat out) { renderer.render(shot, layout.frameInShot(shot, k), out); }

    int panStepPx() { return renderer.panStepPx(); }

    /** A frame before frame 0 that the edit list hides: the first shot's first frame, no barcode. */
    void renderHidden(Mat out) { renderer.render(0, 0, out); }

    @Override
    public void close() {
        renderer.close();
        other.close();
        for (Mat m : wipeRamps.values()) m.close();
        if (mask != null) mask.close();
        if (shifted != null) shifted.close();
    }
}
