package dev.avastream.operators;

import dev.avastream.decoders.ChunkSpec;
import dev.avastream.decoders.DecodedFrame;
import dev.avastream.operators.annotate.AnalysedFrame;
import dev.avastream.operators.annotate.FrameFeatureExtractor;
import dev.avastream.operators.annotate.FramePlanes;
import dev.avastream.operators.annotate.VisualAnnotator;
import dev.avastream.operators.annotate.TransitionSignalTracker;
import dev.avastream.operators.annotate.DominantColourExtractor;
import dev.avastream.operators.shots.CutAnnotator;
import dev.avastream.operators.shots.GradualTransitionDetector;
import dev.avastream.operators.chunk.AnalysisConfig;
import dev.avastream.operators.chunk.ChunkAnalyzer;
import dev.avastream.operators.shots.HardCutDetector;
import dev.avastream.schema.ChunkResult;
import org.bytedeco.opencv.opencv_core.Mat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.bytedeco.opencv.global.opencv_core.setNumThreads;

/**
 * Per-frame cost of the analysis at 320x180 on one core: shared planes, each annotator called as the
 * analysis calls it ({@code annotate(AnalysedFrame)}, writing its values into the frame's
 * annotation), the gradual-transition detector over the annotations, and the whole
 * {@link ChunkAnalyzer#accept} (which adds scoring and the pixel copies of frames that may become
 * candidates). Not a JUnit test; run by hand:
 *
 * <pre>
 * mvn -B -q -o -pl operators -am test-compile
 * mvn -B -q -o -pl operators dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/ops-cp.txt
 * java -cp operators/target/test-classes:operators/target/classes:$(cat /tmp/ops-cp.txt) \
 *     dev.avastream.operators.AnalysisCostBench [frames]
 * </pre>
 *
 * <p>Frames are a synthetic moving scene with grain and a cut every 50 frames, prepared before
 * timing; OpenCV is pinned to one thread so the figure is per core.
 */
public final class AnalysisCostBench {

    public static void main(String[] args) {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int warmup = Math.min(1000, frames);
        setNumThreads(1);
        List<Mat> input = syntheticInput(120);

        long[] planesNs = new long[frames];
        long[] visualNs = new long[frames];
        long[] featuresNs = new long[frames];
        long[] detectorNs = new long[frames];
        long[] signalsNs = new long[frames];
        long[] gradualNs = new long[frames];
        long[] coloursNs = new long[frames];
        try (FramePlanes planes = new FramePlanes();
             VisualAnnotator visual = new VisualAnnotator();
             FrameFeatureExtractor extractor = new FrameFeatureExtractor();
             TransitionSignalTracker tracker = new TransitionSignalTracker();
             DominantColourExtractor colours = new DominantColourExtractor()) {
            CutAnnotator detector = new CutAnnotator(new HardCutDetector(HardCutDetector.Params.defaults(), 25.0));
            AnalysedFrame frame = new AnalysedFrame(planes);
            GradualTransitionDetector gradual = new GradualTransitionDetector(GradualTransitionDetector.Params.defaults());
            for (int i = -warmup; i < frames; i++) {
                Mat m = input.get(Math.floorMod(i, input.size()));
                long t0 = System.nanoTime();
                planes.load(i + warmup, (i + warmup) * 40_000L, false, m);
                frame.begin(true);
                long t1 = System.nanoTime();
                visual.annotate(frame);
                long t2 = System.nanoTime();
                extractor.annotate(frame);
                long t3 = System.nanoTime();
                detector.annotate(frame);
                long t4 = System.nanoTime();
                tracker.annotate(frame);
                long t5 = System.nanoTime();
                gradual.accept(frame.annotation());
                long t6 = System.nanoTime();
                colours.annotate(frame);
                long t7 = System.nanoTime();
                if (i >= 0) {
                    signalsNs[i] = t5 - t4;
                    gradualNs[i] = t6 - t5;
                    coloursNs[i] = t7 - t6;
                    planesNs[i] = t1 - t0;
                    visualNs[i] = t2 - t1;
                    featuresNs[i] = t3 - t2;
                    detectorNs[i] = t4 - t3;
                }
            }
        }
        long[] total = new long[frames];
        for (int i = 0; i < frames; i++) total[i] = planesNs[i] + visualNs[i] + featuresNs[i] + detectorNs[i];

        long[] chunkNs = chunkAnalyzerCost(input, frames, warmup);

        System.out.println("per-frame cost at 320x180, one OpenCV thread, " + frames + " frames after " + warmup + " warm-up:");
        print("planes (luma + stats, half-size luma, quarter-size YCrCb)", planesNs);
        print("visual annotator", visualNs);
        print("feature extraction", featuresNs);
        print("shot detector", detectorNs);
        print("transition signals", signalsNs);
        print("gradual detector", gradualNs);
        print("dominant colours", coloursNs);
        print("features + annotator + detector", total);
        print("ChunkAnalyzer.accept (all, plus scoring and pixel copies)", chunkNs);
    }

    private static long[] chunkAnalyzerCost(List<Mat> input, int frames, int warmup) {
        int n = warmup + frames;
        long[] pts = new long[n];
        for (int i = 0; i < n; i++) pts[i] = i * 40_000L;
        ChunkSpec spec = new ChunkSpec("bench", "synthetic", 0, 1, n, 0, n - 1, 0, pts);
        long[] ns = new long[frames];
        try (ChunkAnalyzer analyzer = new ChunkAnalyzer("bench", spec, AnalysisConfig.defaults())) {
            java.util.Map<String, Long> warm = java.util.Map.of();
            for (int i = 0; i < n; i++) {
                if (i == warmup) warm = analyzer.timings(0, 0).stageNanos();
                Mat m = input.get(i % input.size());
                long t0 = System.nanoTime();
                analyzer.accept(new DecodedFrame(i, pts[i], false, m));
                long t1 = System.nanoTime();
                if (i >= warmup) ns[i - warmup] = t1 - t0;
            }
            // Every registered annotator by name, as the pipeline times it (the timed frames only).
            System.out.println("ChunkAnalyzer.accept by stage (the registered annotators), mean over the timed frames:");
            for (var stage : analyzer.timings(0, 0).stageNanos().entrySet()) {
                System.out.printf(Locale.ROOT, "  %-62s mean %6.1f us%n", stage.getKey(),
                        (stage.getValue() - warm.getOrDefault(stage.getKey(), 0L)) / 1000.0 / frames);
            }
            long t0 = System.nanoTime();
            ChunkResult result = analyzer.finish(n, 0, null);
            long t1 = System.nanoTime();
            System.out.printf(Locale.ROOT, "ChunkAnalyzer.finish: %.1f ms for %d candidates (JPEG encoding), %d cuts%n",
                    (t1 - t0) / 1e6, result.getCandidates().size(), result.getCuts().size());
        }
        return ns;
    }

    /** A slowly panning, grainy scene that cuts to another every 50 frames. */
    private static List<Mat> syntheticInput(int count) {
        List<Mat> frames = new ArrayList<>(count);
        Mat[] scenes = {
                SyntheticFrames.texture(1, 10, 150, 110, SyntheticFrames.WIDTH + 2 * 50),
                SyntheticFrames.texture(2, 6, 110, 150, SyntheticFrames.WIDTH + 2 * 50),
                SyntheticFrames.texture(3, 16, 128, 128, SyntheticFrames.WIDTH + 2 * 50)};
        for (int i = 0; i < count; i++) {
            Mat window = SyntheticFrames.window(scenes[(i / 50) % scenes.length], 2 * (i % 50));
            frames.add(SyntheticFrames.withGrain(window, 4.0, i));
            window.close();
        }
        return frames;
    }

    /**
     * Mean, median and 99th percentile, plus the mean of the quietest run of 100 consecutive frames:
     * on a shared machine other processes take the core now and then, and that figure is the cost
     * without them.
     */
    private static void print(String what, long[] ns) {
        long[] sorted = ns.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(ns).average().orElse(0) / 1000.0;
        int window = Math.min(100, ns.length);
        long sum = 0;
        for (int i = 0; i < window; i++) sum += ns[i];
        long quietest = sum;
        for (int i = window; i < ns.length; i++) {
            sum += ns[i] - ns[i - window];
            quietest = Math.min(quietest, sum);
        }
        System.out.printf(Locale.ROOT, "  %-62s mean %6.1f  p50 %6.1f  p99 %7.1f  quietest-100 %6.1f us%n", what, mean,
                sorted[sorted.length / 2] / 1000.0, sorted[(int) (sorted.length * 0.99)] / 1000.0,
                quietest / 1000.0 / window);
    }
}
