package dev.avastream.operators.shots;

import dev.avastream.operators.SyntheticFrames;
import dev.avastream.operators.annotate.FrameFeatureExtractor;
import dev.avastream.operators.annotate.FramePlanes;
import dev.avastream.schema.ScoreComponent;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HardCutDetectorTest {

    private static final double FPS = 25.0;

    private final FramePlanes planes = new FramePlanes();
    private final FrameFeatureExtractor extractor = new FrameFeatureExtractor();

    @AfterEach
    void close() {
        planes.close();
        extractor.close();
    }

    /** Feeds frames {@code first..last}, those below {@code ownStart} or above {@code ownEnd} as context; returns reported cuts. */
    private Run run(HardCutDetector detector, long first, long last, long ownStart, long ownEnd, LongFunction<Mat> frames) {
        Run run = new Run();
        for (long i = first; i <= last; i++) {
            Mat m = frames.apply(i);
            boolean context = i < ownStart || i > ownEnd;
            run.cuts.addAll(detector.accept(extractor.measure(planes.load(i, i * 40_000, context, m))));
            run.scores.add(detector.lastScore());
            m.close();
        }
        run.cuts.addAll(detector.flush());
        return run;
    }

    private Run run(long frames, LongFunction<Mat> source) {
        return run(new HardCutDetector(HardCutDetector.Params.defaults(), FPS), 0, frames - 1, 0, frames - 1, source);
    }

    private static final class Run {
        final List<Long> cuts = new ArrayList<>();
        final List<CutScore> scores = new ArrayList<>();
    }

    /** Grainy variants of each scene, made once: generating grain is most of these tests' cost. */
    private static final Map<Mat, Mat[]> GRAINY = new IdentityHashMap<>();

    /** A scene: a fixed texture with light grain that changes every frame, as a camera would record it (a copy). */
    private static Mat scene(Mat base, long frame) {
        Mat[] variants = GRAINY.computeIfAbsent(base, b -> {
            Mat[] v = new Mat[8];
            for (int i = 0; i < v.length; i++) v[i] = SyntheticFrames.withGrain(b, 2.0, i);
            return v;
        });
        return variants[(int) (frame % variants.length)].clone();
    }

    @Test
    void findsHardCutBetweenEquallyBrightTexturesOfDifferentHue() {
        Mat green = SyntheticFrames.texture(1, 10, 100, 100);
        Mat red = SyntheticFrames.texture(2, 10, 170, 110);
        Run run = run(50, i -> scene(i < 25 ? green : red, i));
        assertEquals(List.of(25L), run.cuts);

        CutScore cut = run.scores.get(25);
        assertEquals(25, cut.frameIndex());
        double sum = cut.components().stream().mapToDouble(ScoreComponent::getContribution).sum();
        assertEquals(cut.score(), sum, 1e-12, "components add up to the score");
        assertEquals(5, cut.components().size());
        double area = cut.components().stream().filter(c -> c.getName().equals(ContentChange.CHANGED_AREA))
                .mapToDouble(ScoreComponent::getValue).findFirst().orElseThrow();
        assertTrue(area > 0.9, "a cut changes nearly the whole picture: " + area);
        assertTrue(cut.score() > 5 * run.scores.get(24).score(), "cut " + cut.score() + " vs within shot " + run.scores.get(24).score());
    }

    @Test
    void findsCutBetweenTexturesOfTheSamePaletteAndBrightness() {
        Mat coarse = SyntheticFrames.texture(3, 24, 128, 128);
        Mat fine = SyntheticFrames.texture(4, 4, 128, 128);
        Run run = run(40, i -> scene(i < 20 ? coarse : fine, i));
        assertEquals(List.of(20L), run.cuts);
    }

    @Test
    void oneFrameWhiteFlashIsNotACut() {
        Mat a = SyntheticFrames.texture(5, 10, 140, 120);
        Mat white = SyntheticFrames.solid(255, 255, 255);
        Run run = run(40, i -> i == 20 ? white.clone() : scene(a, i));
        assertEquals(List.of(), run.cuts);
        assertTrue(run.scores.get(20).score() > 1.0, "the flash itself is a big change: " + run.scores.get(20).score());
    }

    @Test
    void twoFrameFlashIsNotACutEither() {
        Mat a = SyntheticFrames.texture(5, 10, 140, 120);
        Mat white = SyntheticFrames.solid(240, 250, 255);
        Run run = run(40, i -> i == 20 || i == 21 ? white.clone() : scene(a, i));
        assertEquals(List.of(), run.cuts);
    }

    @Test
    void flashFilterCanBeTurnedOffAndThenTheFlashCuts() {
        Mat a = SyntheticFrames.texture(5, 10, 140, 120);
        Mat white = SyntheticFrames.solid(255, 255, 255);
        HardCutDetector.Params d = HardCutDetector.Params.defaults();
        HardCutDetector.Params noFlashFilter = new HardCutDetector.Params(d.chromaWeight(), d.lumaHistogramWeight(),
                d.lumaThumbnailWeight(), d.edgeWeight(), d.adaptiveRatio(), d.windowFrames(), d.minScore(), 0,
                d.flashReturnFraction(), 0.0, d.changedAreaWeight(), d.cellColourLevels(), d.cellEdgeShare(), d.minChangedArea());
        Run run = run(new HardCutDetector(noFlashFilter, FPS), 0, 39, 0, 39, i -> i == 20 ? white.clone() : scene(a, i));
        assertEquals(List.of(20L, 21L), run.cuts, "without the filter the flash and the return both cut");
    }

    @Test
    void grainIsNotACut() {
        Mat a = SyntheticFrames.texture(6, 10, 128, 140);
        Run run = run(60, i -> SyntheticFrames.withGrain(a, 14.0, (int) i));
        assertEquals(List.of(), run.cuts);
    }

    /**
     * A fade from black that rises in steps, as Big Buck Bunny's opening does: the picture's light is
     * held, then multiplied by 1.2 at once every 12 frames (each step moves every cell by 12-30
     * levels), so every cell changes but no part of the picture does.
     */
    @Test
    void aChangeOfLightOverTheWholePictureIsNotACut() {
        Mat a = SyntheticFrames.texture(9, 40, 150, 110);
        Run run = run(72, i -> {
            Mat lit = new Mat();
            try (Mat m = scene(a, i)) {
                m.convertTo(lit, -1, 0.45 * Math.pow(1.2, i / 12), 0);
            }
            return lit;
        });
        assertEquals(List.of(), run.cuts);
        // and a cut between two such pictures of the same light still is one
        Mat b = SyntheticFrames.texture(10, 40, 150, 110);
        Run cut = run(50, i -> {
            Mat lit = new Mat();
            try (Mat m = scene(i < 25 ? a : b, i)) {
                m.convertTo(lit, -1, 0.6, 0);
            }
            return lit;
        });
        assertEquals(List.of(25L), cut.cuts);
    }

    /** A grey scene into which a saturated magenta block (1/8 of the frame) jumps at frame 20, then moves fast. */
    private static Mat sceneWithIntruder(Mat base, long i) {
        Mat m = scene(base, i);
        if (i >= 20) {
            int x = (int) (10 + 12 * (i - 20)) % (SyntheticFrames.WIDTH - 80);
            try (Rect box = new Rect(x, 45, 80, 90); Mat roi = new Mat(m, box); Scalar magenta = new Scalar(230, 20, 230, 0)) {
                roi.put(magenta);
            }
        }
        return m;
    }

    @Test
    void colourfulObjectJumpingIntoAShotIsNotACut() {
        Mat grey = SyntheticFrames.texture(8, 10, 128, 128);
        Run run = run(40, i -> sceneWithIntruder(grey, i));
        assertEquals(List.of(), run.cuts);

        HardCutDetector.Params d = HardCutDetector.Params.defaults();
        HardCutDetector.Params noAreaRule = new HardCutDetector.Params(d.chromaWeight(), d.lumaHistogramWeight(),
                d.lumaThumbnailWeight(), d.edgeWeight(), d.adaptiveRatio(), d.windowFrames(), d.minScore(),
                d.flashMaxFrames(), d.flashReturnFraction(), d.minShotSeconds(), d.changedAreaWeight(),
                d.cellColourLevels(), d.cellEdgeShare(), 0.0);
        Run without = run(new HardCutDetector(noAreaRule, FPS), 0, 39, 0, 39, i -> sceneWithIntruder(grey, i));
        assertEquals(List.of(20L), without.cuts, "without the changed-area rule the object's entry cuts");
    }

    @Test
    void panningSceneIsNotACut() {
        Mat wide = SyntheticFrames.texture(7, 10, 150, 110, SyntheticFrames.WIDTH + 4 * 80);
        Run run = run(80, i -> {
            try (Mat window = SyntheticFrames.window(wide, (int) (4 * i))) {
                return SyntheticFrames.withGrain(window, 2.0, (int) i);
            }
        });
        assertEquals(List.of(), run.cuts);
        assertTrue(run.scores.get(40).score() > run.scores.get(0).score(), "the pan does register as change");
    }

    @Test
    void respectsMinimumShotLength() {
        Mat a = SyntheticFrames.texture(8, 10, 100, 150);
        Mat b = SyntheticFrames.texture(9, 10, 160, 100);
        Mat c = SyntheticFrames.texture(10, 10, 128, 128);
        LongFunction<Mat> source = i -> scene(i < 20 ? a : i < 24 ? b : c, i);
        // 0.4 s at 25 fps = 10 frames: the shot of b (4 frames) is too short, so the cut to c is dropped.
        assertEquals(List.of(20L), run(50, source).cuts);
        HardCutDetector shortShots = new HardCutDetector(HardCutDetector.Params.defaults().withMinShotSeconds(0.1), FPS);
        assertEquals(List.of(20L, 24L), run(shortShots, 0, 49, 0, 49, source).cuts);
    }

    @Test
    void findsCutOnChunkFirstFrameThanksToPreRoll() {
        Mat a = SyntheticFrames.texture(11, 10, 110, 140);
        Mat b = SyntheticFrames.texture(12, 10, 150, 100);
        HardCutDetector.Params p = HardCutDetector.Params.defaults();
        int pre = HardCutDetector.requiredPreRoll(p, FPS);
        int post = HardCutDetector.requiredPostRoll(p);
        long start = 100, end = 149;
        Run run = run(new HardCutDetector(p, FPS), start - pre, end + post, start, end, i -> scene(i < start ? a : b, i));
        assertEquals(List.of(start), run.cuts);
    }

    @Test
    void findsCutOnChunkLastFrameThanksToPostRoll() {
        Mat a = SyntheticFrames.texture(11, 10, 110, 140);
        Mat b = SyntheticFrames.texture(12, 10, 150, 100);
        HardCutDetector.Params p = HardCutDetector.Params.defaults();
        long start = 100, end = 149;
        Run run = run(new HardCutDetector(p, FPS), start - HardCutDetector.requiredPreRoll(p, FPS),
                end + HardCutDetector.requiredPostRoll(p), start, end, i -> scene(i < end ? a : b, i));
        assertEquals(List.of(end), run.cuts);
    }

    @Test
    void reportsNoCutOnContextFramesButRemembersThem() {
        Mat a = SyntheticFrames.texture(13, 10, 110, 140);
        Mat b = SyntheticFrames.texture(14, 10, 150, 100);
        Mat c = SyntheticFrames.texture(15, 10, 128, 128);
        HardCutDetector detector = new HardCutDetector(HardCutDetector.Params.defaults(), FPS);
        long start = 100, end = 149;
        // Cuts at 90 (pre-roll), 125 (own) and 152 (post-roll).
        Run run = run(detector, 85, 160, start, end, i -> scene(i < 90 ? a : i < 125 ? b : i < 152 ? c : a, i));
        assertEquals(List.of(125L), run.cuts);
        assertEquals(List.of(90L, 152L), detector.contextCuts());
    }

    @Test
    void aCutJustBeforeTheChunkSuppressesOneWithinTheMinimumShotLengthAfterIt() {
        Mat a = SyntheticFrames.texture(16, 10, 110, 140);
        Mat b = SyntheticFrames.texture(17, 10, 150, 100);
        Mat c = SyntheticFrames.texture(18, 10, 128, 128);
        HardCutDetector.Params p = HardCutDetector.Params.defaults();
        long start = 100;
        // Cut at 97 (pre-roll) then at 102 (own, 5 frames later: shorter than 10 frames).
        LongFunction<Mat> source = i -> scene(i < 97 ? a : i < 102 ? b : c, i);
        Run chunk = run(new HardCutDetector(p, FPS), start - HardCutDetector.requiredPreRoll(p, FPS), 140, start, 140, source);
        Run whole = run(new HardCutDetector(p, FPS), 0, 140, 0, 140, source);
        assertEquals(List.of(97L), whole.cuts);
        assertEquals(List.of(), chunk.cuts, "the chunk agrees with an uncut decode");
    }

    @Test
    void firstFrameHasAZeroScoreWithComponents() {
        Run run = run(3, i -> SyntheticFrames.solid(10, 20, 30));
        assertEquals(0.0, run.scores.get(0).score());
        assertEquals(5, run.scores.get(0).components().size());
        assertEquals(List.of(), run.cuts);
    }
}
