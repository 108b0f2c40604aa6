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
 *
 * <p>The edit-suite kinds likewise: a wipe's or slide's progress is the best fit of the decoded frame
 * to the two scenes composed by this class's own code (every wipe direction; every slide direction,
 * over or pushing), which must grow from frame to frame near the nominal {@code j/(N+1)} in one
 * direction, and a wipe's share of pixels closer to B than to A must grow with it; light changes by
 * mean luma (falling or rising by a large factor, never to flat black or white); zooms by
 * comparison with the previous frame scaled about the centre; a strobe's flash frames must be the
 * bright ones of its span; a texture change by the picture before and after it; evolving content by
 * its frame-to-frame change against the other shots'; dark shots by their mean luma and contrast,
 * and a cut between two of them by a real change of picture at a similar luma.
 */
final class TruthVerifier {
    /** What was measured on every decoded frame; arrays are indexed by frame. */
    static final class Stats {
        int frames;
        double[] luma, cr, cb, err, weight, diffPrev, changedPrev;
        /** Blend frames: how much the two sides differ (RMS per channel, 1/8 size); a weight's precision is about coding noise over this. */
        double[] blendContrast;
        /** On 5x5-blurred frames (grain averages out): difference from the previous frame as is, and shifted by a pan step. */
        double[] smoothDiffPrev, shiftedDiffPrev;
        int[] barcode;
        long[] ptsUs;
        /** Spatial standard deviation of luma below the barcode. */
        double[] lumaStd;
        /** Below the barcode, shrunk to {@value #THUMB_W} x {@value #THUMB_H} (area average), BGR. */
        byte[][] thumb;
        /** Zoom frames: the difference from the previous frame scaled about the centre by the best factor, and that factor (> 1: magnified). */
        double[] zoomedDiffPrev, zoomFactor, centralDiffPrev;
        /** Wipe and slide frames: the fitted composition's mean error and what it was ("wipe DOWN_RIGHT", "push UP", ...). */
        double[] fitErr;
        String[] fit;
        /** Wipe frames: of the pixels where A and B differ, the share closer to B than to A. */
        double[] closerToB;
    }

    static final int THUMB_W = 80, THUMB_H = 40;
    /** The scale the wipe and slide fits work at (an area average makes them robust to coding noise). */
    static final int FIT_SCALE = 4;

    private TruthVerifier() { }

    /** Decodes {@code video} at full size and measures every frame against {@code spec}'s scenes. */
    static Stats measure(Path video, SyntheticVideoSpec spec, GroundTruth gt) throws Exception {
        int n = gt.frameCount();
        Stats st = new Stats();
        st.luma = new double[n]; st.cr = new double[n]; st.cb = new double[n]; st.err = new double[n];
        st.weight = new double[n]; st.diffPrev = new double[n]; st.shiftedDiffPrev = new double[n];
        st.smoothDiffPrev = new double[n];
        st.changedPrev = new double[n]; st.barcode = new int[n]; st.ptsUs = new long[n];
        st.lumaStd = new double[n]; st.thumb = new byte[n][]; st.zoomedDiffPrev = new double[n]; st.zoomFactor = new double[n];
        st.centralDiffPrev = new double[n];
        st.blendContrast = new double[n];
        st.fitErr = new double[n]; st.fit = new String[n]; st.closerToB = new double[n];
        java.util.Arrays.fill(st.weight, Double.NaN);
        java.util.Arrays.fill(st.closerToB, Double.NaN);
        java.util.Arrays.fill(st.zoomFactor, Double.NaN);
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
                    try (Mat mu = new Mat(); Mat sd = new Mat(); Mat y = new Mat()) {
                        org.bytedeco.opencv.global.opencv_core.extractChannel(ycc, y, 0);
                        org.bytedeco.opencv.global.opencv_core.meanStdDev(y, mu, sd);
                        st.lumaStd[k] = sd.createIndexer() instanceof org.bytedeco.javacpp.indexer.DoubleIndexer di ? di.get(0) : Double.NaN;
                    }
                    try (Mat t = new Mat()) {
                        resize(f, t, new Size(THUMB_W, THUMB_H), 0, 0, INTER_AREA);
                        st.thumb[k] = new byte[THUMB_W * THUMB_H * 3];
                        t.data().get(st.thumb[k]);
                    }
                    comp.renderContent(k, expected);
                    try (Mat e = new Mat(expected, body)) { st.err[k] = meanAbs(f, e, tmp); }
                    // the weight of the incoming side, measured: F = (1-w)·A + w·B, w = <F-A, B-A> / |B-A|²
                    int s1 = layout.shot1[k], s2 = layout.shot2[k], c = layout.solid[k];
                    GroundTruth.Transition tr = gt.transitionAt(k);
                    boolean spatial = tr != null && (tr.type().equals(GroundTruth.WIPE) || tr.type().equals(GroundTruth.SLIDE));
                    if (s1 >= 0 && s2 >= 0 && spatial) {
                        comp.renderScene(s1, k, a);
                        comp.renderScene(s2, k, b);
                        SpatialFit fit = fitSpatial(m, a, b, tr.type().equals(GroundTruth.WIPE), top);
                        st.weight[k] = fit.progress;
                        st.fitErr[k] = fit.err;
                        st.fit[k] = fit.what;
                        st.closerToB[k] = fit.closerToB;
                    } else if (s1 >= 0 && s2 >= 0) {
                        comp.renderScene(s1, k, a);
                        comp.renderScene(s2, k, b);
                        double[] wc = weightAndContrast(f, a, b, body);
                        st.weight[k] = wc[0];
                        st.blendContrast[k] = wc[1];
                    } else if (s1 >= 0 && c >= 0) {
                        comp.renderScene(s1, k, a);
                        b.put(new Scalar(c, c, c, 0));
                        boolean fadeIn = k < layout.pureStart[s1];
                        // fade-out: from the scene toward the colour; fade-in: from the colour toward the scene
                        double[] wc = fadeIn ? weightAndContrast(f, b, a, body) : weightAndContrast(f, a, b, body);
                        st.weight[k] = wc[0];
                        st.blendContrast[k] = wc[1];
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
                        if (inZoom(gt, k)) {
                            double[] z = zoomedDiff(smooth, prevSmooth, w, h, tmp);
                            st.zoomedDiffPrev[k] = z[0];
                            st.zoomFactor[k] = z[1];
                            st.centralDiffPrev[k] = z[2];
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
                System.out.printf("%s %4d shot=%2d tr=%-14s luma=%6.1f sd=%5.1f err=%5.2f w=%6.3f dPrev=%6.2f sPrev=%6.2f shifted=%6.2f changed=%5.3f"
                                + " thumb=%6.2f zoom=%6.2f/%6.2f@%5.3f fit=%s/%5.2f/%5.3f contrast=%5.1f%n", name, k,
                        gt.shotOf(k), gt.transitionAt(k) == null ? "" : gt.transitionAt(k).type(), st.luma[k], st.lumaStd[k], st.err[k], st.weight[k],
                        st.diffPrev[k], st.smoothDiffPrev[k], st.shiftedDiffPrev[k], st.changedPrev[k], k > 0 ? thumbDiff(st, k, k - 1) : 0,
                        st.zoomedDiffPrev[k], st.centralDiffPrev[k], st.zoomFactor[k], st.fit[k], st.fitErr[k], st.closerToB[k], st.blendContrast[k]);
            }
        }
        for (int k = 0; k < n; k++) {
            assertEquals(k, st.barcode[k], name + ": barcode of frame " + k);
            assertEquals(gt.framePtsUs()[k], st.ptsUs[k], name + ": pts of frame " + k);
            // heavy grain and evolving content (small snowflakes, figures) cannot survive the encoder; everything
            // else is close to what was rendered
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
        verifyDarkShots(st, gt, name);
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
        boolean dark = nextToDarkShot(gt, t);
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
            // measurably between the two sides, near the nominal weight j/(N+1), and moving on monotonically. Next
            // to a dark shot, where the two sides differ little (7..30 levels RMS between two dark shots), the
            // encoder lets a blend lag by a few levels (its first frames can stay unchanged), so the tolerance
            // there is 0.06 or 3.5 levels over that difference, if larger; elsewhere 0.06 as always
            double nominal = (j + 1.0) / (blends + 1);
            double contrast = st.blendContrast[k] > 0 && dark ? st.blendContrast[k] : 100; // wipes and slides: a fitted progress
            double tolerance = Math.max(0.06, 3.5 / contrast);
            assertTrue(Math.abs(w - nominal) < tolerance, what + ": frame " + k + " has weight " + w + ", meant " + nominal + " (+-" + tolerance + ")");
            assertTrue(w > prevW - Math.max(0.005, 0.3 / contrast), what + ": weight goes back at " + k + ": " + prevW + " -> " + w);
            prevW = w;
            j++;
        }
        // frames next to it are pure shot frames
        if (t.startFrame() > 0 && gt.transitionAt(t.startFrame() - 1) == null) assertTrue(gt.shotOf(t.startFrame() - 1) >= 0, what);
        if (t.type().equals(GroundTruth.WIPE) || t.type().equals(GroundTruth.SLIDE)) verifySpatial(st, gt, t, what);
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
                frameChanges(gt, st, e, in, out);
                if (!out.isEmpty()) {
                    assertTrue(median(in) > 1.5 * median(out) + 1, what + ": not noisier than other shots: " + median(in) + " vs " + median(out));
                }
            }
            case GroundTruth.WATER, GroundTruth.FIRE, GroundTruth.SNOW, GroundTruth.CROWD -> {
                // the whole picture changes every frame: the median change from the previous frame is large, and far
                // above the other shots' (those without grain or evolving content), yet it stays one scene: every
                // frame's mean brightness and colour stay near the shot's median ones (fire's colour follows its flicker)
                List<Double> in = new ArrayList<>(), out = new ArrayList<>();
                frameChanges(gt, st, e, in, out);
                assertTrue(median(in) > 6, what + ": the picture hardly changes from frame to frame: " + median(in));
                if (!out.isEmpty()) {
                    assertTrue(median(in) > 2 * median(out) + 2, what + ": changes no more than other shots: " + median(in) + " vs " + median(out));
                }
                List<Double> ls = new ArrayList<>(), crs = new ArrayList<>(), cbs = new ArrayList<>();
                for (int k = e.startFrame(); k <= e.endFrame(); k++) {
                    ls.add(st.luma[k]);
                    crs.add(st.cr[k]);
                    cbs.add(st.cb[k]);
                }
                for (int k = e.startFrame(); k <= e.endFrame(); k++) {
                    if (inAnyEvent(gt, k)) continue;
                    double dl = Math.abs(st.luma[k] - median(ls));
                    double dc = Math.abs(st.cr[k] - median(crs)) + Math.abs(st.cb[k] - median(cbs));
                    assertTrue(dl < 25 && dc < 20, what + ": frame " + k + " is not the shot's scene: luma " + dl + ", colour " + dc + " from its median");
                }
            }
            case GroundTruth.STROBE -> {
                // the flash frames are the bright ones: its flashes (each also a flash event) start and end it, 3..8 of
                // them, 1..2 frames each and 1..3 frames apart, and every other frame of it is not bright
                List<GroundTruth.Event> flashes = gt.events().stream().filter(x -> x.type().equals(GroundTruth.FLASH)
                        && x.startFrame() >= e.startFrame() && x.endFrame() <= e.endFrame()).toList();
                assertTrue(flashes.size() >= 3 && flashes.size() <= 8, what + ": " + flashes.size() + " flashes");
                assertEquals(e.startFrame(), flashes.get(0).startFrame(), what + ": does not start with a flash");
                assertEquals(e.endFrame(), flashes.get(flashes.size() - 1).endFrame(), what + ": does not end with a flash");
                double base = st.luma[e.startFrame() - 1];
                for (int i = 0; i < flashes.size(); i++) {
                    GroundTruth.Event f = flashes.get(i);
                    assertTrue(f.length() <= 2, what + ": a flash of " + f.length() + " frames");
                    if (i > 0) {
                        int gap = f.startFrame() - flashes.get(i - 1).endFrame() - 1;
                        assertTrue(gap >= 1 && gap <= 3, what + ": " + gap + " frames between flashes");
                    }
                }
                for (int k = e.startFrame(); k <= e.endFrame(); k++) {
                    final int kk = k;
                    if (flashes.stream().anyMatch(f -> kk >= f.startFrame() && kk <= f.endFrame())) continue;
                    assertTrue(st.luma[k] < base + 0.15 * (255 - base) + 4, what + ": frame " + k + " between flashes is bright: " + st.luma[k] + " vs " + base);
                }
            }
            case GroundTruth.ZOOM_IN, GroundTruth.ZOOM_OUT -> {
                // every frame of it is the previous frame scaled about the centre (magnified for a zoom in), closer to
                // that than to the previous frame as it is (the scene's own motion, magnified, stays); the factors
                // measured frame by frame multiply to 1.4..3.3; the frames just before and after it are not scaled
                boolean in = e.type().equals(GroundTruth.ZOOM_IN);
                double total = 1;
                for (int k = e.startFrame(); k <= e.endFrame(); k++) {
                    assertTrue(st.zoomedDiffPrev[k] < 0.9 * st.centralDiffPrev[k], what + ": frame " + k + " is not the previous frame scaled: "
                            + st.zoomedDiffPrev[k] + " vs " + st.centralDiffPrev[k]);
                    assertTrue(in ? st.zoomFactor[k] > 1.004 : st.zoomFactor[k] < 1 / 1.004, what + ": frame " + k + " scaled by " + st.zoomFactor[k]);
                    total *= st.zoomFactor[k];
                }
                double factor = in ? total : 1 / total;
                assertTrue(factor > 1.4 && factor < 3.3, what + ": scaled by " + factor + " in all");
                for (int k : new int[] {e.startFrame() - 1, e.endFrame() + 1}) {
                    if (k < 1 || k >= gt.frameCount() || gt.shotOf(k) != shot || gt.shotOf(k - 1) != shot) continue;
                    // (a zoom's smallest step is 1.5^(1/20) = 1.0205; the scene's own motion may fit 1.01 at most)
                    assertTrue(Math.abs(Math.log(st.zoomFactor[k])) < Math.log(1.011), what + ": frame " + k + " outside it is scaled by " + st.zoomFactor[k]);
                }
            }
            case GroundTruth.DARKEN, GroundTruth.BRIGHTEN -> {
                // mean luma falls (rises) on every frame of it, by a factor of at least 2 in all, and stays put on the
                // frames next to it (where they are the shot's); the dim end is neither flat nor black
                boolean darken = e.type().equals(GroundTruth.DARKEN);
                assertTrue(gt.shotOf(e.startFrame() - 1) == shot, what + ": the frame before it is not in the shot");
                double before = st.luma[e.startFrame() - 1], after = st.luma[e.endFrame()];
                double meanStep = Math.abs(after - before) / e.length();
                for (int k = e.startFrame(); k <= e.endFrame(); k++) {
                    double step = darken ? st.luma[k - 1] - st.luma[k] : st.luma[k] - st.luma[k - 1];
                    assertTrue(step > 0.3 * meanStep, what + ": luma does not go " + (darken ? "down" : "up") + " at " + k + ": "
                            + st.luma[k - 1] + " -> " + st.luma[k] + " (mean step " + meanStep + ")");
                }
                for (int k : new int[] {e.startFrame() - 1, e.endFrame() + 1}) {
                    if (k - 1 < 0 || k >= gt.frameCount() || gt.shotOf(k) != shot || gt.shotOf(k - 1) != shot || (k > e.endFrame() && inOtherEvent(gt, e, k))) continue;
                    assertTrue(Math.abs(st.luma[k] - st.luma[k - 1]) < 0.3 * meanStep, what + ": luma changes outside it at " + k + ": "
                            + st.luma[k - 1] + " -> " + st.luma[k]);
                }
                int dim = darken ? e.endFrame() : e.startFrame() - 1;
                assertTrue(darken ? after < 0.5 * before : after > 2 * before, what + ": luma " + before + " -> " + after);
                assertTrue(st.luma[dim] > 4 && st.lumaStd[dim] > 1, what + ": the dim end is black or flat: luma " + st.luma[dim] + ", sd " + st.lumaStd[dim]);
                assertTrue(Math.max(before, after) < 245, what + ": the bright end is white: " + Math.max(before, after));
            }
            case GroundTruth.TEXTURE_CHANGE -> {
                // the picture after it differs from the one before far more than the shot's frames differ from each
                // other, and the colours stay; measured as the progress of each frame from the picture before it
                // (frame start - 1) to the one after it (frame end + 2) by least squares on the thumbnails, every
                // frame of it takes part, and most of the change is done by its last frame (the encoder lets a big
                // change arrive a frame or so late, so not all of it)
                int before = e.startFrame() - 1, after = Math.min(e.endFrame() + 2, gt.shots().get(shot).endFrame());
                assertTrue(gt.shotOf(before) == shot && after > e.endFrame(), what + ": neighbours not in the shot");
                double total = thumbDiff(st, before, after);
                List<Double> quiet = new ArrayList<>();
                for (int k = gt.shots().get(shot).startFrame() + 1; k <= gt.shots().get(shot).endFrame(); k++) {
                    if (!inAnyEvent(gt, k)) quiet.add(thumbDiff(st, k, k - 1));
                }
                assertTrue(total > 3 * median(quiet) + 3, what + ": the texture hardly changes: " + total + " vs " + median(quiet) + " between frames");
                double prev = 0;
                int n = e.length();
                for (int k = e.startFrame(); k <= e.endFrame(); k++) {
                    double p = thumbProgress(st, before, after, k);
                    assertTrue(p - prev > 0.3 / n, what + ": frame " + k + " takes no part: progress " + prev + " -> " + p);
                    prev = p;
                }
                assertTrue(prev > 0.7, what + ": most of the change is after it: progress " + prev + " on its last frame");
                double dc = Math.abs(st.cr[after] - st.cr[before]) + Math.abs(st.cb[after] - st.cb[before]);
                assertTrue(dc < 10, what + ": the colours change: " + dc);
            }
            default -> throw new AssertionError("unknown event type " + e.type());
        }
    }

    /** Whether the shot before or after transition {@code t} (a fade's other half skipped) is a dark one. */
    private static boolean nextToDarkShot(GroundTruth gt, GroundTruth.Transition t) {
        if (gt.shotLooks().isEmpty()) return false;
        for (int i = 0; i < gt.shots().size(); i++) {
            GroundTruth.Shot s = gt.shots().get(i);
            boolean before = s.endFrame() < t.startFrame() && (i + 1 == gt.shots().size() || gt.shots().get(i + 1).startFrame() > t.endFrame());
            boolean after = s.startFrame() > t.endFrame() && (i == 0 || gt.shots().get(i - 1).endFrame() < t.startFrame());
            if ((before || after) && gt.shotLooks().get(i).equals(GroundTruth.LOOK_DARK)) return true;
        }
        return false;
    }

    /** A wipe or slide: every frame fits one and the same composition, closely; a wipe's share of pixels closer to B grows. */
    private static void verifySpatial(Stats st, GroundTruth gt, GroundTruth.Transition t, String what) {
        java.util.Map<String, Integer> fits = new java.util.HashMap<>();
        int decided = 0;
        for (int k = t.startFrame(); k <= t.endFrame(); k++) {
            double limit = grainAffected(gt, k) ? 12 : 6; // as for the frame error: grain and evolving content survive the encoder less well
            assertTrue(st.fitErr[k] < limit, what + ": frame " + k + " fits no composition of the two scenes: " + st.fit[k] + " error " + st.fitErr[k]);
            // with nothing of B visible (a diagonal wipe's first corner can hide under the barcode), every direction fits
            if (st.weight[k] <= 0 || st.weight[k] >= 1) continue;
            fits.merge(st.fit[k], 1, Integer::sum);
            decided++;
        }
        assertTrue(decided >= t.length() - 1, what + ": B is not to be seen on " + (t.length() - decided) + " frames");
        String main = java.util.Collections.max(fits.entrySet(), java.util.Map.Entry.comparingByValue()).getKey();
        assertTrue(main.startsWith(t.type().equals(GroundTruth.WIPE) ? "wipe " : "slide ") || (t.type().equals(GroundTruth.SLIDE) && main.startsWith("push ")), what + ": " + main);
        // one direction throughout; over or pushing may be undecided on one frame (when A's part is a sliver)
        String direction = main.substring(main.indexOf(' '));
        assertTrue(fits.keySet().stream().allMatch(x -> x.endsWith(direction)), what + ": frames fit different directions: " + fits);
        assertTrue(fits.get(main) >= decided - 1, what + ": frames fit different compositions: " + fits);
        if (t.type().equals(GroundTruth.WIPE) && t.length() >= 4) {
            for (int k = t.startFrame() + 1; k <= t.endFrame(); k++) {
                assertTrue(st.closerToB[k] > st.closerToB[k - 1] - 0.03, what + ": B's share goes back at " + k + ": " + st.closerToB[k - 1] + " -> " + st.closerToB[k]);
            }
            assertTrue(st.closerToB[t.startFrame()] < 0.35 && st.closerToB[t.endFrame()] > 0.65,
                    what + ": B's share " + st.closerToB[t.startFrame()] + " -> " + st.closerToB[t.endFrame()]);
        }
    }

    /**
     * Dark shots: mean luma 10..40 of 255 and some contrast; a cut between two of them keeps the luma
     * close and changes the picture far more than the frames of either shot change.
     */
    private static void verifyDarkShots(Stats st, GroundTruth gt, String name) {
        for (int i = 0; i < gt.shotLooks().size(); i++) {
            if (!gt.shotLooks().get(i).equals(GroundTruth.LOOK_DARK)) continue;
            GroundTruth.Shot s = gt.shots().get(i);
            List<Double> luma = new ArrayList<>(), sd = new ArrayList<>();
            for (int k = s.startFrame(); k <= s.endFrame(); k++) {
                if (inAnyEvent(gt, k)) continue;
                luma.add(st.luma[k]);
                sd.add(st.lumaStd[k]);
            }
            assertTrue(median(luma) >= 10 && median(luma) <= 40, name + ": dark shot " + i + " has mean luma " + median(luma));
            assertTrue(median(sd) > 1.5, name + ": dark shot " + i + " is flat: luma sd " + median(sd));
            if (i == 0 || !gt.shotLooks().get(i - 1).equals(GroundTruth.LOOK_DARK) || gt.shots().get(i - 1).endFrame() + 1 != s.startFrame()) continue;
            int c = s.startFrame();
            double quiet = Math.max(medianThumbDiff(st, gt, i - 1), medianThumbDiff(st, gt, i));
            assertTrue(Math.abs(st.luma[c] - st.luma[c - 1]) < 12, name + ": cut at " + c + " between dark shots changes luma by " + Math.abs(st.luma[c] - st.luma[c - 1]));
            assertTrue(thumbDiff(st, c, c - 1) > 3 * quiet + 1, name + ": cut at " + c + " between dark shots barely changes the picture: "
                    + thumbDiff(st, c, c - 1) + " vs " + quiet);
        }
    }

    private static double medianThumbDiff(Stats st, GroundTruth gt, int shot) {
        List<Double> l = new ArrayList<>();
        GroundTruth.Shot s = gt.shots().get(shot);
        for (int k = s.startFrame() + 1; k <= s.endFrame(); k++) if (!inAnyEvent(gt, k)) l.add(thumbDiff(st, k, k - 1));
        return median(l);
    }

    /** Least-squares weight {@code w} of frame {@code k}'s thumbnail as {@code (1-w)·from + w·to}. */
    static double thumbProgress(Stats st, int from, int to, int k) {
        byte[] a = st.thumb[from], b = st.thumb[to], f = st.thumb[k];
        double num = 0, den = 0;
        for (int x = 0; x < a.length; x++) {
            double ba = (b[x] & 0xFF) - (a[x] & 0xFF);
            num += ((f[x] & 0xFF) - (a[x] & 0xFF)) * ba;
            den += ba * ba;
        }
        return den == 0 ? Double.NaN : num / den;
    }

    /** Mean absolute difference of two frames' thumbnails, per channel. */
    static double thumbDiff(Stats st, int i, int j) {
        byte[] a = st.thumb[i], b = st.thumb[j];
        long sum = 0;
        for (int x = 0; x < a.length; x++) sum += Math.abs((a[x] & 0xFF) - (b[x] & 0xFF));
        return (double) sum / a.length;
    }

    /** Near (within a frame of) an event that happens at a moment: not grain or evolving content, which last the whole shot. */
    private static boolean inAnyEvent(GroundTruth gt, int k) {
        return gt.events().stream().anyMatch(x -> !x.type().equals(GroundTruth.GRAIN) && !GroundTruth.EVOLVING.contains(x.type())
                && k >= x.startFrame() - 1 && k <= x.endFrame() + 1);
    }

    /** Near another event than {@code e} that happens at a moment. */
    private static boolean inOtherEvent(GroundTruth gt, GroundTruth.Event e, int k) {
        return gt.events().stream().anyMatch(x -> !x.equals(e) && !x.type().equals(GroundTruth.GRAIN) && !GroundTruth.EVOLVING.contains(x.type())
                && k >= x.startFrame() - 1 && k <= x.endFrame() + 1);
    }

    private static boolean evolving(GroundTruth gt, int k) {
        return gt.events().stream().anyMatch(x -> GroundTruth.EVOLVING.contains(x.type()) && k >= x.startFrame() && k <= x.endFrame());
    }

    /** In a grain or evolving shot, or in a transition from or to one (both continue through a shot's transitions). */
    private static boolean grainAffected(GroundTruth gt, int k) {
        if (grainy(gt, k) || evolving(gt, k)) return true;
        for (GroundTruth.ShotBoundary b : gt.boundaries()) {
            if (k >= b.startFrame() && k <= b.endFrame()) {
                int before = gt.shots().get(b.index()).endFrame(), after = gt.shots().get(b.index() + 1).startFrame();
                return grainy(gt, before) || grainy(gt, after) || evolving(gt, before) || evolving(gt, after);
            }
        }
        return false;
    }

    /**
     * Frame-to-frame differences inside one shot and outside any other event: those within {@code e}
     * into {@code in}, those of shots without grain or evolving content into {@code out}.
     */
    private static void frameChanges(GroundTruth gt, Stats st, GroundTruth.Event e, List<Double> in, List<Double> out) {
        for (int k = 1; k < gt.frameCount(); k++) {
            int shotK = gt.shotOf(k);
            if (shotK < 0 || gt.shotOf(k - 1) != shotK || inAnyEvent(gt, k)) continue;
            if (k > e.startFrame() && k <= e.endFrame()) in.add(st.diffPrev[k]);
            else if (!grainy(gt, k) && !evolving(gt, k)) out.add(st.diffPrev[k]);
        }
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
    static double weight(Mat f, Mat from, Mat to, Rect body) { return weightAndContrast(f, from, to, body)[0]; }

    /** {@link #weight}, and the RMS difference of the two sides per channel value at that size. */
    static double[] weightAndContrast(Mat f, Mat from, Mat to, Rect body) {
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
            return new double[] {den == 0 ? Double.NaN : fa.dot(ba) / den, Math.sqrt(den / ((double) ba.total() * ba.channels()))};
        }
    }

    static void assertNoTransitionAt(GroundTruth gt, int k) { assertNull(gt.transitionAt(k)); }

    // ------------------------------------------------------------------ wipes and slides, measured

    /** The best composition of a wipe or slide frame: its progress (B's share of the way in), mean error per channel, what it was. */
    record SpatialFit(double progress, double err, String what, double closerToB) { }

    /**
     * Fits {@code frame} (decoded, full size) as a wipe (every direction) or a slide (every direction,
     * over A or pushing it) of scene {@code a} by scene {@code b}, at 1/{@value #FIT_SCALE} size and
     * below the barcode. Independent of the generator's compositing code: a wipe's pixels are sorted by
     * their position along the direction and the split with the least error wins; a slide's error is
     * summed from column-to-column (row-to-row) distances for every offset.
     */
    static SpatialFit fitSpatial(Mat frame, Mat a, Mat b, boolean wipe, int top) {
        int fw = frame.cols(), fh = frame.rows(), w = fw / FIT_SCALE, h = fh / FIT_SCALE;
        // leave out the barcode box (its rows, as far right as it goes)
        int y0 = (top + FIT_SCALE - 1) / FIT_SCALE;
        int x0 = (int) Math.ceil((FrameBarcode.BOX_W * fw / FrameBarcode.BLOCKS_PER_WIDTH + 2) / FIT_SCALE);
        int[] f = small(frame, w, h), pa = small(a, w, h), pb = small(b, w, h);
        int n = h * w - y0 * x0;
        // share of the informative pixels (A and B clearly differ) closer to B
        int informative = 0, nearB = 0;
        for (int y = 0; y < h; y++) {
            for (int x = y < y0 ? x0 : 0; x < w; x++) {
                int i = (y * w + x) * 3;
                if (dist(pa, i, pb, i) <= 30) continue;
                informative++;
                if (dist(f, i, pb, i) < dist(f, i, pa, i)) nearB++;
            }
        }
        double closer = informative == 0 ? Double.NaN : (double) nearB / informative;
        double bestErr = Double.MAX_VALUE, bestP = Double.NaN;
        String what = "";
        if (wipe) {
            int[] dA = new int[n], dB = new int[n];
            for (int y = 0, j = 0; y < h; y++) {
                for (int x = y < y0 ? x0 : 0; x < w; x++, j++) {
                    int i = (y * w + x) * 3;
                    dA[j] = dist(f, i, pa, i);
                    dB[j] = dist(f, i, pb, i);
                }
            }
            for (SyntheticVideoSpec.Direction d : SyntheticVideoSpec.Direction.values()) {
                double[] pos = new double[n];
                Integer[] order = new Integer[n];
                for (int y = 0, j = 0; y < h; y++) {
                    for (int x = y < y0 ? x0 : 0; x < w; x++, j++) {
                        // the block's centre in full-size pixels
                        pos[j] = SyntheticVideoSpec.wipePosition(d, x * FIT_SCALE + (FIT_SCALE - 1) / 2.0, y * FIT_SCALE + (FIT_SCALE - 1) / 2.0, fw, fh);
                        order[j] = j;
                    }
                }
                java.util.Arrays.sort(order, java.util.Comparator.comparingDouble(j -> pos[j]));
                long err = 0;
                for (int j = 0; j < n; j++) err += dA[j]; // nothing from B yet
                long best = err;
                int bestI = 0;
                for (int i = 0; i < n; i++) { // the first i + 1 pixels along the direction from B
                    err += dB[order[i]] - dA[order[i]];
                    if (err < best) {
                        best = err;
                        bestI = i + 1;
                    }
                }
                double e = best / (3.0 * n);
                if (e < bestErr) {
                    bestErr = e;
                    bestP = bestI == 0 ? 0 : bestI == n ? 1 : (pos[order[bestI - 1]] + pos[order[bestI]]) / 2;
                    what = "wipe " + d;
                }
            }
        } else {
            // horizontal: column distances D[x][x'] = sum over rows of |F(x) - S(x')|; vertical likewise with rows
            long[][] cA = new long[w][w], cB = new long[w][w], rA = new long[h][h], rB = new long[h][h];
            for (int y = 0; y < h; y++) {
                for (int x = y < y0 ? x0 : 0; x < w; x++) {
                    int i = (y * w + x) * 3;
                    for (int x2 = 0; x2 < w; x2++) {
                        int i2 = (y * w + x2) * 3;
                        cA[x][x2] += dist(f, i, pa, i2);
                        cB[x][x2] += dist(f, i, pb, i2);
                    }
                    for (int y2 = 0; y2 < h; y2++) {
                        int i2 = (y2 * w + x) * 3;
                        rA[y][y2] += dist(f, i, pa, i2);
                        rB[y][y2] += dist(f, i, pb, i2);
                    }
                }
            }
            for (SyntheticVideoSpec.Direction d : java.util.List.of(SyntheticVideoSpec.Direction.RIGHT, SyntheticVideoSpec.Direction.LEFT,
                    SyntheticVideoSpec.Direction.DOWN, SyntheticVideoSpec.Direction.UP)) {
                boolean horizontal = d.dx != 0, forward = (horizontal ? d.dx : d.dy) > 0;
                int extent = horizontal ? w : h, from = 0;
                long[][] dA = horizontal ? cA : rA, dB = horizontal ? cB : rB;
                for (boolean push : new boolean[] {false, true}) {
                    for (int o = 0; o <= extent; o++) {
                        long err = 0;
                        for (int x = from; x < extent; x++) {
                            if (forward) err += x < o ? dB[x][x + extent - o] : dA[x][push ? x - o : x];
                            else err += x >= extent - o ? dB[x][x - (extent - o)] : dA[x][push ? x + o : x];
                        }
                        double e = err / (3.0 * n);
                        if (e < bestErr) {
                            bestErr = e;
                            bestP = (double) o / extent;
                            what = (push ? "push " : "slide ") + d;
                        }
                    }
                }
            }
        }
        return new SpatialFit(bestP, bestErr, what, closer);
    }

    private static int[] small(Mat m, int w, int h) {
        try (Mat s = new Mat()) {
            resize(m, s, new Size(w, h), 0, 0, INTER_AREA);
            byte[] b = new byte[w * h * 3];
            s.data().get(b);
            int[] out = new int[b.length];
            for (int i = 0; i < b.length; i++) out[i] = b[i] & 0xFF;
            return out;
        }
    }

    private static int dist(int[] p, int i, int[] q, int j) {
        return Math.abs(p[i] - q[j]) + Math.abs(p[i + 1] - q[j + 1]) + Math.abs(p[i + 2] - q[j + 2]);
    }

    // ------------------------------------------------------------------ zooms, measured

    private static boolean inZoom(GroundTruth gt, int k) {
        return gt.events().stream().anyMatch(e -> (e.type().equals(GroundTruth.ZOOM_IN) || e.type().equals(GroundTruth.ZOOM_OUT))
                && k >= e.startFrame() - 1 && k <= e.endFrame() + 1);
    }

    /**
     * In the middle of the (blurred) frame: the least difference between this frame and the previous
     * one magnified about the centre by 1.005..1.22 (zoom in), or between the previous frame and this
     * one so magnified (zoom out); {difference, factor (below 1 for out), plain difference}.
     */
    static double[] zoomedDiff(Mat cur, Mat prev, int w, int h, Mat tmp) {
        Rect mid = new Rect((int) (0.15 * w), (int) (0.2 * h), (int) (0.7 * w), (int) (0.6 * h));
        double plain;
        try (Mat c = new Mat(cur, mid); Mat p = new Mat(prev, mid)) {
            plain = meanAbs(c, p, tmp);
        }
        double best = plain, factor = 1;
        double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0;
        try (Mat warped = new Mat(); Mat m = new Mat(2, 3, org.bytedeco.opencv.global.opencv_core.CV_64F)) {
            for (int i = 1; i <= 40; i++) {
                double z = Math.exp(0.005 * i);
                new org.bytedeco.javacpp.DoublePointer(m.data()).put(z, 0, (1 - z) * cx, 0, z, (1 - z) * cy);
                for (int dir = 0; dir < 2; dir++) {
                    Mat src = dir == 0 ? prev : cur, ref = dir == 0 ? cur : prev;
                    org.bytedeco.opencv.global.opencv_imgproc.warpAffine(src, warped, m, new Size(w, h));
                    try (Mat a = new Mat(warped, mid); Mat b = new Mat(ref, mid)) {
                        double d = meanAbs(a, b, tmp);
                        if (d < best) {
                            best = d;
                            factor = dir == 0 ? z : 1 / z;
                        }
                    }
                }
            }
        }
        return new double[] {best, factor, plain};
    }
}
