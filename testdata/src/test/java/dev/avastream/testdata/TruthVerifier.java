package dev.avastream.testdata;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.bytedeco.opencv.global.opencv_core.subtract;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2YCrCb;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.blur;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks that a generated video's ground truth matches its decoded pixels, independently of the
 * generator's frame plan where it can: blend weights are measured from the decoded frame against the
 * two scenes rendered alone, flashes and fades by brightness, pans by translation.
 */
final class TruthVerifier {
    /** What was measured on every decoded frame; arrays are indexed by frame. */
    static final class Stats {
        int frames;
        double[] luma, cr, cb, err, weight, diffPrev, changedPrev;
        /** On 5x5-blurred frames (grain averages out): difference from the previous frame as is, and shifted by a pan step. */
        double[] smoothDiffPrev, shiftedDiffPrev;
        int[] barcode;
        long[] ptsUs;
    }

    private TruthVerifier() { }

    /** Decodes {@code video} at full size and measures every frame against {@code spec}'s scenes. */
    static Stats measure(Path video, SyntheticVideoSpec spec, GroundTruth gt) throws Exception {
        int n = gt.frameCount();
        Stats st = new Stats();
        st.luma = new double[n]; st.cr = new double[n]; st.cb = new double[n]; st.err = new double[n];
        st.weight = new double[n]; st.diffPrev = new double[n]; st.shiftedDiffPrev = new double[n];
        st.smoothDiffPrev = new double[n];
        st.changedPrev = new double[n]; st.barcode = new int[n]; st.ptsUs = new long[n];
        java.util.Arrays.fill(st.weight, Double.NaN);
        int w = spec.width(), h = spec.height();
        int top = (int) Math.ceil(FrameBarcode.BOX_H * w / FrameBarcode.BLOCKS_PER_WIDTH) + 2; // rows below the barcode
        Rect body = new Rect(0, top, w, h - top);
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toString());
             OpenCVFrameConverter.ToMat conv = new OpenCVFrameConverter.ToMat();
             FrameComposer comp = new FrameComposer(spec);
             Mat expected = new Mat(h, w, CV_8UC3); Mat a = new Mat(h, w, CV_8UC3); Mat b = new Mat(h, w, CV_8UC3);
             Mat prev = new Mat(); Mat tmp = new Mat(); Mat gray = new Mat(); Mat ycc = new Mat();
             Mat smooth = new Mat(); Mat prevSmooth = new Mat()) {
            g.start();
            Layout layout = comp.layout();
            int step = comp.panStepPx();
            Frame fr;
            int k = 0;
            while ((fr = g.grabImage()) != null) {
                assertTrue(k < n, "more frames than the truth says");
                Mat m = conv.convert(fr);
                st.ptsUs[k] = fr.timestamp;
                st.barcode[k] = BarcodeReader.read(m);
                try (Mat f = new Mat(m, body)) {
                    cvtColor(f, ycc, COLOR_BGR2YCrCb);
                    Scalar s = mean(ycc);
                    st.luma[k] = s.get(0); st.cr[k] = s.get(1); st.cb[k] = s.get(2);
                    comp.renderContent(k, expected);
                    try (Mat e = new Mat(expected, body)) { st.err[k] = meanAbs(f, e, tmp); }
                    // the weight of the incoming side, measured: F = (1-w)·A + w·B, w = <F-A, B-A> / |B-A|²
                    int s1 = layout.shot1[k], s2 = layout.shot2[k], c = layout.solid[k];
                    if (s1 >= 0 && s2 >= 0) {
                        comp.renderScene(s1, k, a);
                        comp.renderScene(s2, k, b);
                        st.weight[k] = weight(f, a, b, body);
                    } else if (s1 >= 0 && c >= 0) {
                        comp.renderScene(s1, k, a);
                        b.put(new Scalar(c, c, c, 0));
                        boolean fadeIn = k < layout.pureStart[s1];
                        // fade-out: from the scene toward the colour; fade-in: from the colour toward the scene
                        st.weight[k] = fadeIn ? weight(f, b, a, body) : weight(f, a, b, body);
                    }
                    if (k > 0) {
                        try (Mat p = new Mat(prev, body)) {
                            st.diffPrev[k] = meanAbs(f, p, tmp);
                            absdiff(f, p, tmp);
                            cvtColor(tmp, gray, COLOR_BGR2GRAY);
                            threshold(gray, gray, 40, 255, THRESH_BINARY);
                            st.changedPrev[k] = countNonZero(gray) / (double) (gray.rows() * gray.cols());
                        }
                        // scene moved by one pan step (either way): compare with the previous frame shifted
                        blur(m, smooth, new Size(5, 5));
                        try (Mat cur = new Mat(smooth, body); Mat old = new Mat(prevSmooth, body)) {
                            st.smoothDiffPrev[k] = meanAbs(cur, old, tmp);
                        }
                        if (step > 0 && step < w / 2) {
                            double best = Double.MAX_VALUE;
                            for (int dir : new int[] {1, -1}) {
                                try (Mat cur = new Mat(smooth, new Rect(dir > 0 ? 0 : step, top, w - step, h - top));
                                     Mat old = new Mat(prevSmooth, new Rect(dir > 0 ? step : 0, top, w - step, h - top))) {
                                    best = Math.min(best, meanAbs(cur, old, tmp));
                                }
                            }
                            st.shiftedDiffPrev[k] = best;
                        }
                    }
                }
                if (k == 0) blur(m, smooth, new Size(5, 5));
                smooth.copyTo(prevSmooth);
                m.copyTo(prev);
                k++;
            }
            g.stop();
            st.frames = k;
        }
        return st;
    }

    /** All the checks; {@code gt} must be the truth of the video {@code st} measured. */
    static void verify(Stats st, GroundTruth gt, String name) {
        int n = gt.frameCount();
        assertEquals(n, st.frames, name + ": frame count");
        if (Boolean.getBoolean("truth.debug")) {
            for (int k = 0; k < n; k++) {
                System.out.printf("%s %4d shot=%2d tr=%-14s luma=%6.1f err=%5.2f w=%6.3f dPrev=%6.2f shifted=%6.2f changed=%5.3f%n", name, k,
                        gt.shotOf(k), gt.transitionAt(k) == null ? "" : gt.transitionAt(k).type(), st.luma[k], st.err[k], st.weight[k],
                        st.smoothDiffPrev[k], st.shiftedDiffPrev[k], st.changedPrev[k]);
            }
        }
        for (int k = 0; k < n; k++) {
            assertEquals(k, st.barcode[k], name + ": barcode of frame " + k);
            assertEquals(gt.framePtsUs()[k], st.ptsUs[k], name + ": pts of frame " + k);
            // heavy grain cannot survive the encoder; everything else is close to what was rendered
            double limit = grainAffected(gt, k) ? 20 : 10;
            assertTrue(st.err[k] < limit, name + ": frame " + k + " is not what the generator meant: error " + st.err[k]);
        }
        // shots, transitions and nothing else partition the frames; cuts are the shot starts with no transition before them
        boolean[] seen = new boolean[n];
        for (GroundTruth.Shot s : gt.shots()) for (int k = s.startFrame(); k <= s.endFrame(); k++) mark(seen, k, name);
        for (GroundTruth.Transition t : gt.transitions()) for (int k = t.startFrame(); k <= t.endFrame(); k++) mark(seen, k, name);
        for (int k = 0; k < n; k++) assertTrue(seen[k], name + ": frame " + k + " in no shot and no transition");
        List<Integer> cuts = new ArrayList<>();
        for (GroundTruth.ShotBoundary bd : gt.boundaries()) if (bd.isCut()) cuts.add(bd.startFrame());
        assertEquals(cuts, java.util.Arrays.stream(gt.cuts()).boxed().toList(), name + ": cuts are the boundaries without transition frames");

        for (int k = 0; k < n; k++) {
            if (gt.transitionAt(k) == null) {
                assertTrue(Double.isNaN(st.weight[k]), name + ": frame " + k + " is in a shot but is a blend");
            }
        }
        for (GroundTruth.Transition t : gt.transitions()) verifyTransition(st, gt, t, name);
        for (GroundTruth.Event e : gt.events()) verifyEvent(st, gt, e, name);
        for (int i = 1; i < gt.shots().size(); i++) {
            String look = gt.shotLooks().isEmpty() ? GroundTruth.LOOK_NEW : gt.shotLooks().get(i);
            if (!look.equals(GroundTruth.LOOK_HUE_ONLY) && !look.equals(GroundTruth.LOOK_TEXTURE_ONLY)) continue;
            int c = gt.shots().get(i).startFrame();
            if (gt.transitionAt(c - 1) != null) continue; // similar neighbours only matter at hard cuts
            double dl = Math.abs(st.luma[c] - st.luma[c - 1]);
            double dc = Math.abs(st.cr[c] - st.cr[c - 1]) + Math.abs(st.cb[c] - st.cb[c - 1]);
            assertTrue(dl < 8, name + ": " + look + " cut at " + c + " changes mean luma by " + dl);
            if (look.equals(GroundTruth.LOOK_HUE_ONLY)) {
                assertTrue(dc > 4, name + ": hue-only cut at " + c + " barely changes colour: " + dc);
            } else {
                assertTrue(st.diffPrev[c] > 6, name + ": texture-only cut at " + c + " barely changes pixels: " + st.diffPrev[c]);
            }
        }
    }

    private static void verifyTransition(Stats st, GroundTruth gt, GroundTruth.Transition t, String name) {
        String what = name + ": " + t;
        boolean fadeOut = t.type().startsWith("fade-out");
        boolean white = t.type().endsWith("-white");
        int blends = 0;
        for (int k = t.startFrame(); k <= t.endFrame(); k++) if (!Double.isNaN(st.weight[k])) blends++;
        double prevW = -1;
        int j = 0;
        for (int k = t.startFrame(); k <= t.endFrame(); k++) {
            double w = st.weight[k];
            if (Double.isNaN(w)) { // a solid frame at the end of a fade-out
                assertTrue(fadeOut && j == blends, what + ": frame " + k + " is not a blend");
                assertTrue(white ? st.luma[k] > 250 : st.luma[k] < 5, what + ": solid frame " + k + " has luma " + st.luma[k]);
                continue;
            }
            // measurably between the two sides, near the nominal weight j/(N+1), and moving on monotonically
            double nominal = (j + 1.0) / (blends + 1);
            assertTrue(Math.abs(w - nominal) < 0.06, what + ": frame " + k + " has weight " + w + ", meant " + nominal);
            assertTrue(w > prevW - 0.005, what + ": weight goes back at " + k + ": " + prevW + " -> " + w);
            prevW = w;
            j++;
        }
        // frames next to it are pure shot frames
        if (t.startFrame() > 0 && gt.transitionAt(t.startFrame() - 1) == null) assertTrue(gt.shotOf(t.startFrame() - 1) >= 0, what);
        if (t.type().startsWith("fade")) {
            // the darkest (brightest) frame of a fade is close to the colour
            double extreme = white ? 0 : 255;
            for (int k = t.startFrame(); k <= t.endFrame(); k++) extreme = white ? Math.max(extreme, st.luma[k]) : Math.min(extreme, st.luma[k]);
            int length = t.length();
            double slack = 255.0 / (length + 1) + 6; // a fade of N frames stops 1/(N+1) short of the colour
            assertTrue(white ? extreme > 255 - slack : extreme < slack, what + ": never reaches " + (white ? "white" : "black") + ": " + extreme);
        }
    }

    private static void verifyEvent(Stats st, GroundTruth gt, GroundTruth.Event e, String name) {
        String what = name + ": " + e;
        int shot = gt.shotOf(e.startFrame());
        assertTrue(shot >= 0 && gt.shotOf(e.endFrame()) == shot, what + " is not inside one shot's pure frames");
        switch (e.type()) {
            case GroundTruth.FLASH -> {
                int before = e.startFrame() - 1, after = e.endFrame() + 1;
                assertTrue(gt.shotOf(before) == shot && gt.shotOf(after) == shot, what + ": neighbours not in the shot");
                double base = Math.max(st.luma[before], st.luma[after]);
                assertTrue(Math.abs(st.luma[before] - st.luma[after]) < 12, what + ": neighbours differ: " + st.luma[before] + " vs " + st.luma[after]);
                for (int k = e.startFrame(); k <= e.endFrame(); k++) {
                    assertTrue(st.luma[k] > base + 0.3 * (255 - base) - 3, what + ": frame " + k + " not bright: " + st.luma[k] + " vs " + base);
                }
                assertTrue(st.luma[e.startFrame()] > base + 0.7 * (255 - base) - 3, what + ": first frame not a strong flash");
            }
            case GroundTruth.PAN -> {
                for (int k = e.startFrame(); k <= e.endFrame(); k++) {
                    // the scene moved: far from the previous frame, close to it shifted by the pan step
                    assertTrue(st.shiftedDiffPrev[k] < 0.6 * st.smoothDiffPrev[k] + 1, what + ": frame " + k + " is not the previous frame shifted: "
                            + st.shiftedDiffPrev[k] + " vs " + st.smoothDiffPrev[k]);
                }
            }
            case GroundTruth.MOTION -> {
                for (int k = e.startFrame(); k <= e.endFrame(); k++) {
                    assertTrue(st.changedPrev[k] < 0.5, what + ": frame " + k + " changes like a cut: " + st.changedPrev[k]);
                }
                double moving = 0;
                for (int k = e.startFrame(); k <= e.endFrame(); k++) moving = Math.max(moving, st.changedPrev[k]);
                assertTrue(moving > 0.02, what + ": nothing moves: " + moving);
            }
            case GroundTruth.GRAIN -> {
                // temporal noise: median frame-to-frame difference well above the noise of the video's other shots
                List<Double> in = new ArrayList<>(), out = new ArrayList<>();
                for (int k = 1; k < gt.frameCount(); k++) {
                    int shotK = gt.shotOf(k);
                    if (shotK < 0 || gt.shotOf(k - 1) != shotK || inAnyEvent(gt, k)) continue;
                    if (k > e.startFrame() && k <= e.endFrame()) in.add(st.diffPrev[k]);
                    else if (!grainy(gt, k)) out.add(st.diffPrev[k]);
                }
                if (!out.isEmpty()) {
                    assertTrue(median(in) > 1.5 * median(out) + 1, what + ": not noisier than other shots: " + median(in) + " vs " + median(out));
                }
            }
            default -> throw new AssertionError("unknown event type " + e.type());
        }
    }

    private static boolean inAnyEvent(GroundTruth gt, int k) {
        return gt.events().stream().anyMatch(x -> !x.type().equals(GroundTruth.GRAIN) && k >= x.startFrame() - 1 && k <= x.endFrame() + 1);
    }

    /** In a grain shot, or in a transition from or to one (grain continues through a shot's transitions). */
    private static boolean grainAffected(GroundTruth gt, int k) {
        if (grainy(gt, k)) return true;
        for (GroundTruth.ShotBoundary b : gt.boundaries()) {
            if (k >= b.startFrame() && k <= b.endFrame()) {
                return grainy(gt, gt.shots().get(b.index()).endFrame()) || grainy(gt, gt.shots().get(b.index() + 1).startFrame());
            }
        }
        return false;
    }

    private static boolean grainy(GroundTruth gt, int k) {
        return gt.events().stream().anyMatch(x -> x.type().equals(GroundTruth.GRAIN) && k >= x.startFrame() && k <= x.endFrame());
    }

    private static double median(List<Double> l) {
        if (l.isEmpty()) return 0;
        List<Double> s = new ArrayList<>(l);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    private static void mark(boolean[] seen, int k, String name) {
        assertTrue(!seen[k], name + ": frame " + k + " is in two places");
        seen[k] = true;
    }

    static double meanAbs(Mat x, Mat y, Mat tmp) {
        absdiff(x, y, tmp);
        Scalar s = mean(tmp);
        return (s.get(0) + s.get(1) + s.get(2)) / 3;
    }

    /**
     * Least-squares weight w of {@code to} in {@code f ≈ (1-w)·from + w·to} over the body region, on
     * 8x smaller images (grain and coding noise average out).
     */
    static double weight(Mat f, Mat from, Mat to, Rect body) {
        try (Mat fr = new Mat(from, body); Mat tr = new Mat(to, body);
             Mat ff = new Mat(); Mat a = new Mat(); Mat b = new Mat(); Mat fa = new Mat(); Mat ba = new Mat()) {
            Size small = new Size(body.width() / 8, body.height() / 8);
            resize(f, fa, small, 0, 0, INTER_AREA);
            fa.convertTo(ff, CV_32F);
            resize(fr, fa, small, 0, 0, INTER_AREA);
            fa.convertTo(a, CV_32F);
            resize(tr, fa, small, 0, 0, INTER_AREA);
            fa.convertTo(b, CV_32F);
            subtract(ff, a, fa);
            subtract(b, a, ba);
            double den = ba.dot(ba);
            return den == 0 ? Double.NaN : fa.dot(ba) / den;
        }
    }

    static void assertNoTransitionAt(GroundTruth gt, int k) { assertNull(gt.transitionAt(k)); }
}
