package dev.avastream.testdata;

import dev.avastream.testdata.SyntheticVideoSpec.EventKind;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

import java.util.Random;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.addWeighted;
import static org.bytedeco.opencv.global.opencv_core.multiply;
import static org.bytedeco.opencv.global.opencv_core.polarToCart;
import static org.bytedeco.opencv.global.opencv_core.pow;
import static org.bytedeco.opencv.global.opencv_core.repeat;
import static org.bytedeco.opencv.global.opencv_imgproc.COLORMAP_HOT;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_8;
import static org.bytedeco.opencv.global.opencv_imgproc.applyColorMap;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.ellipse;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * The evolving content of one shot ({@link EventKind#WATER}, {@link EventKind#FIRE},
 * {@link EventKind#SNOW}, {@link EventKind#CROWD}): a picture whose whole texture changes every frame
 * while it stays the same scene. A pure function of the scene frame, drawn from the shot's seed;
 * whole-image OpenCV operations on a reduced grid (water, fire) or a few hundred drawing calls
 * (snow, crowd), a millisecond or two a frame at 640x360.
 * <ul>
 * <li>water: six sinusoids travelling in different directions (phase maps {@code k·x} advanced by
 *     {@code ω·t}, through {@code polarToCart}) modulate a blue-green depth gradient in the shot's
 *     hue, with sharp bright crests (the sum to the 5th power) as caustics; computed at half size;</li>
 * <li>fire: two layers of vertically stretched smooth noise scrolling up at different speeds, shaped
 *     to rise from the bottom, with a per-frame flicker, through the HOT colour map (black, red,
 *     orange, yellow, white); computed at quarter size;</li>
 * <li>snow: the shot's scene at 60% of its brightness behind 700..1000 small far flakes and 100..160 big near ones falling at 3..6 and 7..14 pixels a
 *     frame, drifting with the wind and swaying;</li>
 * <li>crowd: 150..260 small figures (body and head) walking left or right at 1.5..5 pixels a frame
 *     (faster in front) and bobbing, over the shot's scene, drawn back to front.</li>
 * </ul>
 */
final class EvolvingContent implements AutoCloseable {
    private final EventKind kind;
    private final int width, height;
    // water
    private Mat[] phase;
    private double[] omega, amp;
    private double ampSum;
    private Mat ones, base3, sum, angle, cosM, sinM, tmp, crest, mod3, crest3, col, low8;
    // fire
    private Mat tall1, tall2, shape, intensity, hot;
    private int speed1, speed2;
    private long fireSeed;
    private double flickerOmega, flickerPhase;
    // snow and crowd
    private double[] px, py, pv, pr, pphase, pextra;
    private double wind, sway, swayOmega;
    private int nFar;
    private double[][] colours;

    /**
     * {@code hue}/{@code value}: the shot's (water takes its blue-green from the hue); {@code frames}:
     * how many scene frames the shot is visible (fire's noise is made long enough to scroll through).
     */
    EvolvingContent(EventKind kind, int width, int height, long seed, int hue, int frames) {
        if (!kind.isEvolving()) throw new IllegalArgumentException(kind + " is not evolving content");
        this.kind = kind;
        this.width = width;
        this.height = height;
        Random r = new Random(seed);
        switch (kind) {
            case WATER -> initWater(r, hue);
            case FIRE -> initFire(r, Math.max(1, frames));
            case SNOW -> initSnow(r);
            default -> initCrowd(r);
        }
    }

    /** Water and fire are the whole picture; snow and crowd are drawn over the shot's scene. */
    boolean replacesScene() { return kind == EventKind.WATER || kind == EventKind.FIRE; }

    /** Water or fire at scene frame {@code f} into {@code out} (display size, BGR). */
    void render(int f, Mat out) {
        if (kind == EventKind.WATER) water(f, out); else fire(f, out);
    }

    /** Snow or crowd at scene frame {@code f} drawn over {@code out}. */
    void overlay(int f, Mat out) {
        if (kind == EventKind.SNOW) snow(f, out); else crowd(f, out);
    }

    // ------------------------------------------------------------------------------------ water

    private void initWater(Random r, int hue) {
        int lw = width / 2, lh = height / 2;
        int waves = 6;
        phase = new Mat[waves];
        omega = new double[waves];
        amp = new double[waves];
        double heading = Math.PI / 2 + (r.nextDouble() - 0.5) * 1.2; // mostly towards the viewer
        try (Mat xs = row(lw); Mat ys = column(lh); Mat xr = repeat(xs, lh, 1); Mat yr = repeat(ys, 1, lw)) {
            for (int k = 0; k < waves; k++) {
                double lambda = 10 + 36 * r.nextDouble();
                double theta = heading + (r.nextDouble() - 0.5) * 1.6;
                double kx = 2 * Math.PI / lambda * Math.cos(theta), ky = 2 * Math.PI / lambda * Math.sin(theta);
                phase[k] = new Mat();
                addWeighted(xr, kx, yr, ky, 2 * Math.PI * r.nextDouble(), phase[k]);
                omega[k] = 0.35 + 0.6 * r.nextDouble();
                amp[k] = 0.5 + 0.5 * r.nextDouble();
                ampSum += amp[k];
            }
        }
        // depth gradient in a blue-green hue: lighter and greener far away (top), deeper near (bottom)
        int waterHue = 85 + Math.floorMod(hue, 30);
        double sat = 140 + 60 * r.nextDouble(), val = 110 + 50 * r.nextDouble();
        float[] rows = new float[lh * 3];
        for (int y = 0; y < lh; y++) {
            double t = y / (lh - 1.0);
            double[] c = SceneRenderer.hsvToBgr(Math.floorMod(waterHue - (int) Math.round(8 * t), 180), sat, val * (1.25 - 0.55 * t));
            for (int k = 0; k < 3; k++) rows[y * 3 + k] = (float) c[k];
        }
        try (Mat colourColumn = new Mat(lh, 1, CV_32FC3)) {
            new FloatPointer(colourColumn.data()).put(rows);
            base3 = repeat(colourColumn, 1, lw);
        }
        ones = new Mat(lh, lw, CV_32F, Scalar.all(1));
        sum = new Mat(lh, lw, CV_32F);
        angle = new Mat();
        cosM = new Mat();
        sinM = new Mat();
        tmp = new Mat();
        crest = new Mat();
        mod3 = new Mat();
        crest3 = new Mat();
        col = new Mat();
        low8 = new Mat();
    }

    private void water(int f, Mat out) {
        sum.put(Scalar.all(0));
        for (int k = 0; k < phase.length; k++) {
            phase[k].convertTo(angle, -1, 1, omega[k] * f);
            polarToCart(ones, angle, cosM, sinM);
            addWeighted(sum, 1, cosM, amp[k], 0, sum);
        }
        // crests: ((F + 1) / 2)^5, F the normalised sum in [-1, 1]; body: the gradient times 1 + 0.3 F
        sum.convertTo(tmp, -1, 0.5 / ampSum, 0.5);
        pow(tmp, 5, crest);
        sum.convertTo(tmp, -1, 0.3 / ampSum, 1.0);
        cvtColor(tmp, mod3, COLOR_GRAY2BGR);
        multiply(base3, mod3, col);
        cvtColor(crest, crest3, COLOR_GRAY2BGR);
        addWeighted(col, 1, crest3, 230, 0, col);
        col.convertTo(low8, CV_8UC3);
        resize(low8, out, new Size(width, height), 0, 0, INTER_LINEAR);
    }

    // ------------------------------------------------------------------------------------- fire

    private void initFire(Random r, int frames) {
        int lw = width / 4, lh = height / 4;
        speed1 = 4 + r.nextInt(2);
        speed2 = 2 + r.nextInt(2);
        tall1 = noise(r, lw, lh + speed1 * (frames + 2), 20 + r.nextInt(9), 1.8);
        tall2 = noise(r, lw, lh + speed2 * (frames + 2), 7 + r.nextInt(5), 1.4);
        // rises from the bottom, with a few stronger sources along it
        float[] ys = new float[lh];
        for (int y = 0; y < lh; y++) ys[y] = (float) Math.pow((y + 1.0) / lh, 0.75);
        float[] sources = new float[6];
        for (int i = 0; i < sources.length; i++) sources[i] = (float) (0.55 + 0.45 * r.nextDouble());
        try (Mat yc = new Mat(lh, 1, CV_32F); Mat s = new Mat(1, sources.length, CV_32F); Mat xs = new Mat();
             Mat yr = new Mat(); Mat xr = new Mat()) {
            new FloatPointer(yc.data()).put(ys);
            new FloatPointer(s.data()).put(sources);
            resize(s, xs, new Size(lw, 1), 0, 0, INTER_CUBIC);
            repeat(yc, 1, lw, yr);
            repeat(xs, lh, 1, xr);
            shape = new Mat();
            multiply(yr, xr, shape);
        }
        fireSeed = r.nextLong();
        flickerOmega = 0.3 + 0.4 * r.nextDouble();
        flickerPhase = 2 * Math.PI * r.nextDouble();
        intensity = new Mat();
        tmp = new Mat();
        low8 = new Mat();
        hot = new Mat();
    }

    /** Smooth noise in [0, 1]: random cells {@code cols} across, {@code stretch} times taller than wide, bicubic. */
    private static Mat noise(Random r, int w, int h, int cols, double stretch) {
        double cellH = stretch * w / cols;
        int rows = (int) Math.ceil(h / cellH) + 3;
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) v[i] = r.nextFloat();
        try (Mat small = new Mat(rows, cols, CV_32F)) {
            new FloatPointer(small.data()).put(v);
            Mat big = new Mat();
            resize(small, big, new Size(w, (int) Math.round(rows * cellH)), 0, 0, INTER_CUBIC);
            return big;
        }
    }

    private void fire(int f, Mat out) {
        int lw = width / 4, lh = height / 4;
        int o1 = Math.floorMod(speed1 * f, tall1.rows() - lh + 1), o2 = Math.floorMod(speed2 * f, tall2.rows() - lh + 1);
        try (Mat w1 = new Mat(tall1, new Rect(0, o1, lw, lh)); Mat w2 = new Mat(tall2, new Rect(0, o2, lw, lh))) {
            addWeighted(w1, 0.6, w2, 0.4, 0, tmp);
        }
        multiply(tmp, shape, intensity);
        // flicker: a slow swell and a small random jitter, a few percent each
        double flicker = 1 + 0.05 * Math.sin(flickerOmega * f + flickerPhase) + 0.06 * (new Random(fireSeed + f * 0x9E3779B97F4A7C15L).nextDouble() - 0.5);
        // saturating conversion: 255 * (1.9 * flicker * I - 0.27), clipped to 0..255
        intensity.convertTo(low8, CV_8U, 255 * 1.9 * flicker, -0.27 * 255);
        applyColorMap(low8, hot, COLORMAP_HOT);
        resize(hot, out, new Size(width, height), 0, 0, INTER_LINEAR);
    }

    // ------------------------------------------------------------------------------------- snow

    private void initSnow(Random r) {
        nFar = 700 + r.nextInt(301);
        int n = nFar + 100 + r.nextInt(61);
        px = new double[n]; py = new double[n]; pv = new double[n]; pr = new double[n]; pphase = new double[n];
        for (int i = 0; i < n; i++) {
            boolean far = i < nFar;
            px[i] = r.nextDouble() * width;
            py[i] = r.nextDouble() * height;
            pv[i] = far ? 3 + 3 * r.nextDouble() : 7 + 7 * r.nextDouble();
            pr[i] = far ? 1 + r.nextInt(2) : 3 + r.nextInt(4);
            pphase[i] = 2 * Math.PI * r.nextDouble();
        }
        wind = (r.nextDouble() - 0.5) * 4;
        sway = 1 + 2 * r.nextDouble();
        swayOmega = 0.1 + 0.2 * r.nextDouble();
    }

    private void snow(int f, Mat out) {
        out.convertTo(out, -1, 0.6, 0); // a snowy day's dim light
        Scalar farC = new Scalar(215, 212, 208, 0), nearC = new Scalar(250, 248, 246, 0);
        for (int i = 0; i < px.length; i++) {
            int r = (int) pr[i];
            double depth = pv[i] / 14;
            double x = px[i] + wind * depth * f + sway * Math.sin(swayOmega * f + pphase[i]);
            double y = py[i] + pv[i] * f;
            int xi = (int) Math.floorMod(Math.round(x), (long) width);
            int yi = (int) Math.floorMod(Math.round(y), height + 2L * r) - r;
            circle(out, new Point(xi, yi), r, i < nFar ? farC : nearC, FILLED, LINE_8, 0);
        }
    }

    // ------------------------------------------------------------------------------------ crowd

    private void initCrowd(Random r) {
        int n = 150 + r.nextInt(111);
        px = new double[n]; py = new double[n]; pv = new double[n]; pr = new double[n]; pphase = new double[n]; pextra = new double[n];
        colours = new double[n][];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) ys[i] = (0.35 + 0.72 * r.nextDouble()) * height;
        java.util.Arrays.sort(ys); // back to front
        double[][] skin = {{60, 80, 110}, {90, 120, 170}, {120, 160, 215}, {150, 185, 230}};
        for (int i = 0; i < n; i++) {
            py[i] = ys[i];
            double depth = (ys[i] - 0.35 * height) / (0.72 * height);
            pr[i] = 5 + 14 * depth; // body half-height
            px[i] = r.nextDouble() * width;
            pv[i] = (r.nextBoolean() ? 1 : -1) * (1.5 + 3.5 * r.nextDouble()) * (0.6 + 0.6 * depth);
            pphase[i] = 2 * Math.PI * r.nextDouble();
            pextra[i] = 0.5 + 0.4 * r.nextDouble(); // step frequency
            double[] clothes = SceneRenderer.hsvToBgr(r.nextInt(180), 80 + r.nextInt(140), 60 + r.nextInt(170));
            double[] face = skin[r.nextInt(skin.length)];
            colours[i] = new double[] {clothes[0], clothes[1], clothes[2], face[0], face[1], face[2]}; // body, then head
        }
    }

    private void crowd(int f, Mat out) {
        for (int i = 0; i < px.length; i++) {
            double s = pr[i];
            double span = width + 4 * s;
            double x = ((px[i] + pv[i] * f) % span + span) % span - 2 * s;
            double bob = (1 + s / 10) * Math.abs(Math.sin(pextra[i] * f + pphase[i]));
            int cx = (int) Math.round(x), body = (int) Math.round(py[i] - s - bob);
            double[] c = colours[i];
            ellipse(out, new Point(cx, body), new Size(Math.max(2, (int) Math.round(s * 0.5)), (int) Math.round(s)), 0, 0, 360,
                    new Scalar(c[0], c[1], c[2], 0), FILLED, LINE_8, 0);
            circle(out, new Point(cx, (int) Math.round(body - 1.3 * s)), Math.max(2, (int) Math.round(0.32 * s)),
                    new Scalar(c[3], c[4], c[5], 0), FILLED, LINE_8, 0);
        }
    }

    // ------------------------------------------------------------------------------------ helpers

    private static Mat row(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = i;
        Mat m = new Mat(1, n, CV_32F);
        new FloatPointer(m.data()).put(v);
        return m;
    }

    private static Mat column(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = i;
        Mat m = new Mat(n, 1, CV_32F);
        new FloatPointer(m.data()).put(v);
        return m;
    }

    @Override
    public void close() {
        if (phase != null) for (Mat m : phase) m.close();
        for (Mat m : new Mat[] {ones, base3, sum, angle, cosM, sinM, tmp, crest, mod3, crest3, col, low8, tall1, tall2, shape, intensity, hot}) {
            if (m != null) m.close();
        }
    }
}
