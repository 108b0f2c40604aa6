package dev.avastream.operators.shots;

import dev.avastream.schema.FrameAnnotation;

import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A tool, not a test: prints the per-frame signals of the gradual-transition detector for one of the
 * synthetic scenes of {@link TransitionScenes}, and what it detects there, to see why a transition is
 * found or missed. Run it from the test classpath (docs/shot-detection.md, "Diagnostics"):
 * {@code GradualDiagnostics dissolve30} (or dissolve50, dissolve12, fadeblack, fadein, pan, slowpan, ...).
 */
public final class GradualDiagnostics {
    private GradualDiagnostics() {}

    static void dump(String name, int count, IntFunction<Mat> frames) {
        List<FrameAnnotation> a = TransitionScenes.annotate(count, frames);
        System.out.println("=== " + name);
        double[] adj = new double[a.size()];
        for (int i = 0; i < a.size(); i++) adj[i] = a.get(i).getAdjacentChange();
        for (int i = 0; i < a.size(); i++) {
            FrameAnnotation f = a.get(i);
            double s = 0; boolean ok = i >= 9;
            for (int j = Math.max(0, i - 9); j <= i; j++) s += adj[j];
            System.out.printf(Locale.ROOT, "%3d b=%.3f c=%.3f e=%.3f dk=%.2f br=%.2f a=%.4f L=%.4f R=%.2f cut=%.2f%n", f.getFrameIndex(),
                    f.getBrightness(), f.getContrast(), f.getEdgeDensity(), f.getDarkFraction(), f.getBrightFraction(),
                    f.getAdjacentChange(), f.getLongRangeChange(), ok ? f.getLongRangeChange() / s : -1, f.getCutScore());
        }
        System.out.println("detected: " + TransitionScenes.detect(a));
    }

    public static void main(String[] args) {
        String which = args.length > 0 ? args[0] : "dissolve30";
        try (TransitionScenes s = new TransitionScenes()) {
            switch (which) {
                case "dissolve30" -> dump(which, 110, f -> s.dissolve(f, 40, 30));
                case "dissolve50" -> dump(which, 135, f -> s.dissolve(f, 40, 50));
                case "dissolve12" -> dump(which, 100, f -> s.dissolve(f, 40, 12));
                case "fadeblack" -> dump(which, 110, f -> s.fadeOut(f, 40, 24, false));
                case "fadein" -> dump(which, 110, f -> s.fadeIn(f, 30, 24, false));
                case "pan" -> dump(which, 90, f -> s.pannedA(f, 20, 40));
                case "slowpan" -> dump(which, 90, f -> s.pannedA(f, 20, 3));
                case "object" -> dump(which, 90, f -> s.fastObject(f, 15));
                case "shake" -> dump(which, 90, f -> s.shaken(f, 12));
                case "cut" -> dump(which, 90, f -> f < 40 ? s.a(f) : s.b(f));
                case "flash" -> dump(which, 90, f -> f == 40 ? s.white(f) : s.a(f));
                default -> throw new IllegalArgumentException(which);
            }
        }
    }
}
