package dev.avastream.testdata;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

import java.util.List;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.addWeighted;

/**
 * Renders frame {@code k} of a spec as it is encoded (display size, BGR): the scene(s) of the frame
 * from {@link SceneRenderer}, blended as the {@link Layout} says (dissolve: {@code addWeighted};
 * fade: {@code convertTo} toward the solid colour), a flash on top, then the barcode, drawn last so
 * that it stays readable on every frame.
 */
final class FrameComposer implements AutoCloseable {
    /** Weight of white on the first frame of a flash; later frames of the same flash get less. */
    static final double FLASH_WEIGHT = 0.8;

    private final SyntheticVideoSpec spec;
    private final Layout layout;
    private final SceneRenderer renderer;
    private final double[] flash;
    private final Mat other;

    FrameComposer(SyntheticVideoSpec spec) {
        this.spec = spec;
        this.layout = new Layout(spec.shotLengths(), spec.boundaries());
        this.renderer = new SceneRenderer(spec, layout);
        this.flash = new double[layout.frameCount];
        for (SyntheticVideoSpec.ShotEvent e : spec.events()) {
            if (e.kind() != SyntheticVideoSpec.EventKind.FLASH) continue;
            int s = layout.eventStart(e);
            for (int j = 0; j < e.frames(); j++) flash[s + j] = Math.max(flash[s + j], flashWeight(j, e.frames()));
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
                addWeighted(out, 1 - w, other, w, 0, out);
            } else if (c >= 0) {
                double w = layout.wSolid[k];
                out.convertTo(out, -1, 1 - w, w * c);
            }
        }
        if (flash[k] > 0) out.convertTo(out, -1, 1 - flash[k], flash[k] * 255);
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
    }
}
