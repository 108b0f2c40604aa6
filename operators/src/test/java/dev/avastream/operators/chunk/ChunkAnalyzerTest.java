package dev.avastream.operators.chunk;

import dev.avastream.decoders.ChunkSpec;
import dev.avastream.decoders.DecodedFrame;
import dev.avastream.operators.SyntheticFrames;
import dev.avastream.operators.annotate.AppearanceVector;
import dev.avastream.operators.annotate.VisualAnnotator;
import dev.avastream.operators.shots.HardCutDetector;
import dev.avastream.schema.Candidate;
import dev.avastream.schema.ChunkResult;
import dev.avastream.schema.FrameAnnotation;
import dev.avastream.schema.ScoreComponent;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChunkAnalyzerTest {

    private static final long START = 100;
    private static final long END = 199;
    private static final long FRAME_US = 40_000;
    private static final AnalysisConfig CONFIG = AnalysisConfig.defaults();

    private static final int PRE_ROLL = ChunkAnalyzer.requiredPreRoll(CONFIG, 25.0);
    private static final int POST_ROLL = ChunkAnalyzer.requiredPostRoll(CONFIG);

    /** Scenes with grain, prepared once: generating frames is most of these tests' cost. */
    private static final Map<String, List<Mat>> SCENES = new HashMap<>();

    @BeforeAll
    static void scenes() {
        SCENES.put("a", grainy(SyntheticFrames.texture(21, 10, 150, 110)));
        SCENES.put("b", grainy(SyntheticFrames.texture(22, 10, 110, 150)));
        SCENES.put("c", grainy(SyntheticFrames.texture(23, 10, 128, 128)));
        SCENES.put("dark", grainy(SyntheticFrames.solid(6, 6, 6)));
    }

    @AfterAll
    static void release() {
        SCENES.values().forEach(l -> l.forEach(Mat::close));
    }

    private static List<Mat> grainy(Mat base) {
        List<Mat> frames = new ArrayList<>();
        for (int i = 0; i < 8; i++) frames.add(SyntheticFrames.withGrain(base, 2.0, i));
        base.close();
        return frames;
    }

    private static Mat scene(String name, long frame) {
        List<Mat> frames = SCENES.get(name);
        return frames.get((int) (frame % frames.size()));
    }

    private static ChunkSpec spec(long contextStart, long contextEnd) {
        long[] pts = new long[(int) (contextEnd - contextStart + 1)];
        for (int i = 0; i < pts.length; i++) pts[i] = 1_000_000 + (contextStart + i) * FRAME_US;
        return new ChunkSpec("title-1", "synthetic.mp4", 2, 5, 1000, START, END, contextStart, pts);
    }

    private static ChunkSpec spec() {
        return spec(START - PRE_ROLL, END + POST_ROLL);
    }

    /** Feeds the spec's context and own frames in order. */
    private static ChunkResult analyse(ChunkAnalyzer analyzer, ChunkSpec spec, LongFunction<Mat> frames) {
        for (long i = spec.contextStartFrame(); i <= spec.contextEndFrame(); i++) {
            boolean context = i < spec.startFrame() || i > spec.endFrame();
            analyzer.accept(new DecodedFrame(i, spec.ptsOf(i), context, frames.apply(i)));
        }
        return analyzer.finish((int) spec.frameCount(), 123, null);
    }

    private static ChunkResult analyse(LongFunction<Mat> frames) {
        try (ChunkAnalyzer analyzer = new ChunkAnalyzer("run-1", spec(), CONFIG)) {
            return analyse(analyzer, spec(), frames);
        }
    }

    @Test
    void buildsTheChunkResultForOwnFramesOnly() {
        ChunkSpec spec = spec();
        ChunkResult r = analyse(i -> scene(i < 140 ? "a" : "b", i));

        assertEquals("run-1", r.getRunId());
        assertEquals("title-1", r.getTitleId());
        assertEquals("synthetic.mp4", r.getSource());
        assertEquals(2, r.getChunkIndex());
        assertEquals(5, r.getChunkCount());
        assertEquals(START, r.getStartFrame());
        assertEquals(END, r.getEndFrame());
        assertEquals(1000, r.getTitleFrameCount());
        assertEquals(100, r.getFramesDecoded());
        assertEquals(123, r.getDecodeMillis());
        assertTrue(r.getAnalyseMillis() >= 0);
        assertNull(r.getError());

        assertEquals(List.of(140L), r.getCuts());
        List<FrameAnnotation> annotations = r.getAnnotations();
        assertEquals(100, annotations.size());
        for (int i = 0; i < annotations.size(); i++) {
            FrameAnnotation a = annotations.get(i);
            assertEquals(START + i, a.getFrameIndex());
            assertEquals(spec.ptsOf(START + i), a.getTimeUs());
            assertEquals(5, a.getCutComponents().size());
            assertFalse(a.getDominantColours().isEmpty(), "every frame has its colours");
            double sum = a.getCutComponents().stream().mapToDouble(ScoreComponent::getContribution).sum();
            assertEquals(a.getCutScore(), sum, 1e-12);
            if (a.getFrameIndex() != 140) {
                assertTrue(a.getCutScore() < annotations.get(40).getCutScore() / 3, "the cut frame has the largest change score");
            }
        }
        assertTrue(annotations.get(0).getMotion() > 0, "pre-roll gives the first own frame a previous frame");
    }

    @Test
    void timesEveryStageAndTheStagesAddUpToTheAnalysis() {
        ChunkSpec spec = spec();
        try (ChunkAnalyzer analyzer = new ChunkAnalyzer("run-1", spec, CONFIG)) {
            analyse(analyzer, spec, i -> scene(i < 140 ? "a" : "b", i));
            ChunkTimings t = analyzer.timings(100, 5_000_000);
            assertEquals(ChunkAnalyzer.stageNames(CONFIG), List.copyOf(t.stageNanos().keySet()));
            assertEquals(List.of("planes", "visual", "features", "cuts", "transitions", "colours"),
                    ChunkAnalyzer.stageNames(CONFIG).subList(0, 6), "the stages (and metric names) before this change keep their names");
            assertEquals("candidates", ChunkAnalyzer.stageNames(CONFIG).get(ChunkAnalyzer.stageNames(CONFIG).size() - 1));
            assertEquals(spec.contextEndFrame() - spec.contextStartFrame() + 1, t.framesFed(), "context frames count too");
            assertEquals(100, t.ownFrames());
            long sum = t.stageNanos().values().stream().mapToLong(Long::longValue).sum();
            assertEquals(analyzer.analyseNanos(), sum, "no analysis time unaccounted for");
            assertEquals(t.analyseNanos(), sum);
            for (String stage : ChunkAnalyzer.stageNames(CONFIG)) {
                assertTrue(t.stageNanos().get(stage) > 0, stage + " took time");
            }
            assertEquals(5_000_000 + sum, t.totalNanos());
            assertTrue(t.stageMicrosPerFrame(VisualAnnotator.NAME) > 0);
            assertEquals(List.of("faces", "objects", "text", "nudity", "person-mask"), List.copyOf(t.modelNanos().keySet()),
                    "the neural annotators");
            for (String model : t.modelNanos().keySet()) {
                assertEquals(t.stageNanos().get(model), t.modelNanos().get(model));
                assertTrue(t.stageFrames().get(model) < t.framesFed(), model + " runs on model frames only");
                assertTrue(t.stageFrames().get(model) > 0, model + " ran");
            }
            assertEquals(t.framesFed(), t.stageFrames().get(VisualAnnotator.NAME));
        }
    }

    @Test
    void keepsTheBestFramesOfEachSegmentWithThumbnails() {
        ChunkResult r = analyse(i -> scene(i < 140 ? "a" : "b", i));
        List<Candidate> candidates = r.getCandidates();
        List<Candidate> first = new ArrayList<>();
        List<Candidate> second = new ArrayList<>();
        for (Candidate c : candidates) (c.getFrameIndex() < 140 ? first : second).add(c);
        assertEquals(2, first.size(), "M = 2 per segment");
        assertEquals(2, second.size());
        long spacing = Math.round(CONFIG.minCandidateSpacingSeconds() * 25);
        assertTrue(Math.abs(first.get(0).getFrameIndex() - first.get(1).getFrameIndex()) >= spacing);
        assertTrue(Math.abs(second.get(0).getFrameIndex() - second.get(1).getFrameIndex()) >= spacing);

        for (Candidate c : candidates) {
            long f = c.getFrameIndex();
            assertTrue(f >= START && f <= END);
            assertTrue(Math.abs(f - 140) > CONFIG.cutGuardFrames(), "no candidate next to the cut: " + f);
            assertEquals(-1, c.getShotIndex());
            assertEquals(f, c.getAnnotation().getFrameIndex());
            assertEquals(c.getAnnotation().getTimeUs(), c.getTimeUs());
            assertEquals(AppearanceVector.DIMENSIONS, c.getFeature().size());
            double sum = c.getComponents().stream().mapToDouble(ScoreComponent::getContribution).sum();
            assertEquals(c.getScore(), sum, 1e-12);
            assertEquals(SyntheticFrames.WIDTH, c.getThumbnailWidth());
            assertEquals(SyntheticFrames.HEIGHT, c.getThumbnailHeight());
            Mat decoded = decode(c.getThumbnailJpeg());
            assertEquals(SyntheticFrames.WIDTH, decoded.cols());
            assertEquals(SyntheticFrames.HEIGHT, decoded.rows());
        }
        assertTrue(first.get(0).getScore() >= first.get(1).getScore(), "best first within a segment");
    }

    @Test
    void findsACutOnTheChunksFirstFrameAndKeepsCandidatesAwayFromIt() {
        ChunkResult r = analyse(i -> scene(i < START ? "a" : "b", i));
        assertEquals(List.of(START), r.getCuts());
        for (Candidate c : r.getCandidates()) assertTrue(c.getFrameIndex() > START + CONFIG.cutGuardFrames());
    }

    @Test
    void cutsJustOutsideTheChunkKeepItsEdgeFramesFromBecomingCandidates() {
        // Cuts at 99 (pre-roll) and 201 (post-roll): frames 100, 101 and 199 are within 2 frames of one.
        ChunkResult r = analyse(i -> scene(i < 99 ? "a" : i < 201 ? "b" : "c", i));
        assertEquals(List.of(), r.getCuts());
        assertEquals(2, r.getCandidates().size());
        for (Candidate c : r.getCandidates()) {
            long f = c.getFrameIndex();
            assertTrue(f > 101 && f < 199, "candidate " + f);
            assertTrue(c.getComponents().stream().anyMatch(x -> x.getName().equals("transitionProximity")));
        }
    }

    @Test
    void nearBlackFramesNeverBecomeCandidatesAndKeepNoPixels() {
        try (ChunkAnalyzer analyzer = new ChunkAnalyzer("run-1", spec(), CONFIG)) {
            ChunkResult r = analyse(analyzer, spec(), i -> scene("dark", i));
            assertEquals(100, r.getAnnotations().size());
            assertTrue(r.getAnnotations().get(50).getBrightness() < CONFIG.minCandidateBrightness());
            assertEquals(List.of(), r.getCandidates());
            assertEquals(0, analyzer.pixelBuffersAllocated());
        }
    }

    @Test
    void keepsPixelsOnlyForWaitingAndKeptFrames() {
        try (ChunkAnalyzer analyzer = new ChunkAnalyzer("run-1", spec(), CONFIG)) {
            ChunkResult r = analyse(analyzer, spec(), i -> scene(i < 140 ? "a" : i < 170 ? "b" : "c", i));
            assertEquals(List.of(140L, 170L), r.getCuts());
            int waiting = HardCutDetector.requiredPostRoll(CONFIG.detector()) + CONFIG.cutReachFrames() + 1;
            int kept = 3 * CONFIG.candidatesPerSegment();
            assertTrue(analyzer.pixelBuffersAllocated() <= waiting + kept + 1,
                    "allocated " + analyzer.pixelBuffersAllocated() + " buffers for 100 frames");
        }
    }

    @Test
    void reportsTheErrorAndRefusesToFinishTwice() {
        ChunkSpec spec = spec();
        try (ChunkAnalyzer analyzer = new ChunkAnalyzer("run-1", spec, CONFIG)) {
            for (long i = spec.contextStartFrame(); i < 120; i++) {
                analyzer.accept(new DecodedFrame(i, spec.ptsOf(i), i < START, scene("a", i)));
            }
            ChunkResult r = analyzer.finish(20, 5, "synthetic.mp4: decoding stopped at frame 120");
            assertEquals("synthetic.mp4: decoding stopped at frame 120", r.getError());
            assertEquals(20, r.getAnnotations().size());
            assertFalse(r.getCandidates().isEmpty(), "partial results are kept");
            assertThrows(IllegalStateException.class, () -> analyzer.finish(20, 5, null));
            assertThrows(IllegalStateException.class,
                    () -> analyzer.accept(new DecodedFrame(121, spec.ptsOf(121), false, scene("a", 121))));
        }
    }

    @Test
    void frameRateComesFromTheTimestamps() {
        assertEquals(25.0, ChunkAnalyzer.frameRate(spec(), 10), 1e-9);
        long[] jittery = {0, 41_708, 83_416, 125_125, 125_125, 166_833, 208_541};
        ChunkSpec ntsc = new ChunkSpec("t", "s", 0, 1, 7, 0, 6, 0, jittery);
        assertEquals(24_000 / 1001.0, ChunkAnalyzer.frameRate(ntsc, 10), 0.01);
        ChunkSpec single = new ChunkSpec("t", "s", 0, 1, 1, 0, 0, 0, new long[] {0});
        assertEquals(10, ChunkAnalyzer.frameRate(single, 10), 0.0);
        assertTrue(ChunkAnalyzer.requiredPreRoll(CONFIG, 25) >= HardCutDetector.requiredPreRoll(CONFIG.detector(), 25));
        assertTrue(ChunkAnalyzer.requiredPostRoll(CONFIG) >= HardCutDetector.requiredPostRoll(CONFIG.detector()));
    }

    private static Mat decode(ByteBuffer jpeg) {
        byte[] bytes = new byte[jpeg.remaining()];
        jpeg.duplicate().get(bytes);
        try (BytePointer data = new BytePointer(bytes); Mat encoded = new Mat(1, bytes.length, org.bytedeco.opencv.global.opencv_core.CV_8UC1, data)) {
            return imdecode(encoded, IMREAD_COLOR);
        }
    }
}
