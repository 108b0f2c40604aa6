package dev.avastream.operators.chunk;

import dev.avastream.decoders.ChunkSpec;
import dev.avastream.decoders.DecodedFrame;
import dev.avastream.operators.SyntheticFrames;
import dev.avastream.operators.TestPhotos;
import dev.avastream.operators.annotate.ModelFrame;
import dev.avastream.operators.config.SettingValues;
import dev.avastream.schema.Candidate;
import dev.avastream.schema.ChunkResult;
import dev.avastream.schema.FaceAnnotation;
import dev.avastream.schema.FrameAnnotation;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The model annotators inside a chunk: which frames they run on (the stride, every kept candidate),
 * and the face tracks of the shots, on a chunk of real photos: one man at a webcam, then a cut to four
 * women, each shot with a slow drift so frames differ.
 */
class ChunkModelFramesTest {

    private static final long START = 100, END = 199, FRAME_US = 40_000;
    private static final long CUT = 150;
    private static Mat man, women;

    @BeforeAll
    static void photos() {
        man = TestPhotos.photo("webcam.jpg", 352);
        women = TestPhotos.photo("sample6.jpg", 352);
    }

    @AfterAll
    static void release() {
        man.close();
        women.close();
    }

    /** A 320x180 view of the photo that drifts one pixel a frame, right then back (a slow pan, so frames differ). */
    private static Mat frame(long i) {
        Mat photo = i < CUT ? man : women;
        int x = (int) Math.abs(i % 64 - 32);
        int y = i < CUT ? 60 : Math.max(0, (photo.rows() - 180) / 2);
        return new Mat(photo, new Rect(x, y, 320, 180)).clone();
    }

    private static ChunkResult analyse(AnalysisConfig config) {
        return analyse(config, ChunkModelFramesTest::frame);
    }

    private static ChunkResult analyse(AnalysisConfig config, LongFunction<Mat> frames) {
        int pre = ChunkAnalyzer.requiredPreRoll(config, 25), post = ChunkAnalyzer.requiredPostRoll(config);
        long from = START - pre, to = END + post;
        long[] pts = new long[(int) (to - from + 1)];
        for (int i = 0; i < pts.length; i++) pts[i] = (from + i) * FRAME_US;
        ChunkSpec spec = new ChunkSpec("title-1", "photos.mp4", 3, 5, 1000, START, END, from, pts);
        try (ChunkAnalyzer analyzer = new ChunkAnalyzer("run-1", spec, config)) {
            List<Mat> made = new ArrayList<>();
            for (long i = from; i <= to; i++) {
                Mat m = frames.apply(i);
                made.add(m);
                analyzer.accept(new DecodedFrame(i, spec.ptsOf(i), i < START || i > END, m));
            }
            ChunkResult r = analyzer.finish((int) spec.frameCount(), 1, null);
            made.forEach(Mat::close);
            return r;
        }
    }

    @Test
    void modelsRunOnTheStrideAndOnEveryCandidateAndFacesAreTrackedPerShot() {
        ChunkResult r = analyse(AnalysisConfig.defaults());
        assertTrue(r.getCuts().contains(CUT), "the cut between the photos: " + r.getCuts());
        Set<Long> candidates = new HashSet<>();
        for (Candidate c : r.getCandidates()) {
            candidates.add(c.getFrameIndex());
            FrameAnnotation a = c.getAnnotation();
            assertTrue(ModelFrame.valueOf(a.getModelFrame()).ran(), "candidate " + c.getFrameIndex() + " has model fields");
            assertTrue(a.getFaceCount() >= 1, "every candidate shows someone: " + c.getFrameIndex());
            assertFalse(a.getShotType().equals("UNKNOWN"));
            assertTrue(a.getNudityExplicit() >= 0 && a.getTextCoverage() >= 0 && a.getPersonCount() >= 0);
            assertTrue(c.getComponents().stream().anyMatch(p -> p.getName().equals("face")),
                    "the published score sees the face: " + c.getComponents());
        }
        assertFalse(candidates.isEmpty());
        int stride = 25; // models.stride-seconds (1 s) at 25 fps
        Set<Integer> manTracks = new TreeSet<>(), womenTracks = new TreeSet<>();
        for (FrameAnnotation a : r.getAnnotations()) {
            long i = a.getFrameIndex();
            ModelFrame why = ModelFrame.valueOf(a.getModelFrame());
            if (i % stride == 0) assertEquals(ModelFrame.STRIDE, why, "frame " + i + " is on the stride");
            else if (candidates.contains(i)) assertEquals(ModelFrame.CANDIDATE, why, "frame " + i);
            else {
                assertEquals(ModelFrame.NONE, why, "frame " + i);
                assertEquals(-1, a.getFaceCount(), "not measured");
                assertEquals("UNKNOWN", a.getShotType());
                continue;
            }
            for (FaceAnnotation f : a.getFaces()) {
                assertTrue(f.getTrackId() >= 3 * 10_000 && f.getTrackId() < 4 * 10_000, "chunk 3's ids: " + f.getTrackId());
                (i < CUT ? manTracks : womenTracks).add(f.getTrackId());
            }
            if (i < CUT) assertEquals(1, a.getFaceCount(), "the man, frame " + i);
            else assertEquals(4, a.getFaceCount(), "the four women, frame " + i);
        }
        assertEquals(1, manTracks.size(), "one man, one track through his shot: " + manTracks);
        assertEquals(4, womenTracks.size(), "four women, four tracks: " + womenTracks);
        assertTrue(java.util.Collections.disjoint(manTracks, womenTracks), "a cut ends every track");
    }

    @Test
    void aShotWhoseLetteredFramesOutscoreTheCleanOnesStillGetsAStillWithoutLettering() {
        // One shot of the four women: the camera drifts slowly across them, then holds from frame 140
        // with a title burnt in. The held, lettered frames win the pixel ranking (stillness) and fill the
        // segment's kept frames; the text detector then excludes every one of them as a title card.
        // The shot must keep a still anyway: its best clean model frame (the stride's 100 or 125).
        long titleFrom = 140;
        Mat wide = TestPhotos.photo("sample6.jpg", 480);
        int y = Math.max(0, (wide.rows() - 180) / 2);
        LongFunction<Mat> frames = i -> {
            int x = (int) Math.max(0, Math.min(i, titleFrom) - (START - 40));
            Mat m = new Mat(wide, new Rect(x, y, 320, 180)).clone();
            if (i >= titleFrom) {
                String[] lines = {"THE BIG", "TITLE"};
                for (int l = 0; l < lines.length; l++) {
                    org.bytedeco.opencv.global.opencv_imgproc.putText(m, lines[l], new org.bytedeco.opencv.opencv_core.Point(30, 80 + 70 * l),
                            org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_DUPLEX, 2.0,
                            new org.bytedeco.opencv.opencv_core.Scalar(255, 255, 255, 0), 5,
                            org.bytedeco.opencv.global.opencv_imgproc.LINE_AA, false);
                }
            }
            return m;
        };
        ChunkResult r = analyse(AnalysisConfig.defaults(), frames);
        wide.close();
        System.out.println("lettered shot: cuts " + r.getCuts() + ", candidates "
                + r.getCandidates().stream().map(c -> c.getFrameIndex() + " text " + c.getAnnotation().getTextCoverage()).toList());
        assertEquals(List.of(), r.getCuts(), "one shot: the title does not cut it in two");
        double threshold = dev.avastream.operators.config.Tunables.MAX_TEXT_COVERAGE.defaultValue();
        boolean titleSeen = r.getAnnotations().stream().anyMatch(a -> a.getFrameIndex() >= titleFrom
                && ModelFrame.valueOf(a.getModelFrame()).ran() && a.getTextCoverage() >= threshold);
        assertTrue(titleSeen, "the text detector sees the title as a title card");
        assertEquals(1, r.getCandidates().size(), "one still for the shot");
        Candidate still = r.getCandidates().get(0);
        assertTrue(still.getFrameIndex() < titleFrom, "a clean frame, not a lettered one: " + still.getFrameIndex());
        assertEquals("STRIDE", still.getAnnotation().getModelFrame(), "the models saw it before it was kept");
        assertTrue(still.getAnnotation().getTextCoverage() < threshold);
        assertTrue(still.getThumbnailJpeg().remaining() > 0, "with its own pixels");
    }

    @Test
    void aBlurredCopyOfAShotNeverBeatsTheSharpOneAndNeverJoinsTheSet() {
        // Three shots: a scene, another scene, then the first scene again out of focus (a blurred copy,
        // as when a shot recurs soft). The sharp scene's still scores higher and the blurred copy is a
        // near-duplicate of it, so the top-K (3 shots for K=12: the fill-up pass runs) holds no frame of
        // the blurred shot, though it has room.
        long secondCut = 133, thirdCut = 166;
        Mat sharp = shapes(SyntheticFrames.texture(11, 40, 132, 122), 11);
        Mat other = shapes(SyntheticFrames.texture(23, 40, 118, 140), 23);
        Mat soft = new Mat();
        org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur(sharp, soft, new org.bytedeco.opencv.opencv_core.Size(0, 0), 2.5);
        ChunkResult r = analyse(AnalysisConfig.defaults(), i -> (i < secondCut ? sharp : i < thirdCut ? other : soft).clone());
        sharp.close();
        other.close();
        soft.close();
        assertEquals(List.of(secondCut, thirdCut), r.getCuts(), "the three shots are found");

        List<Candidate> pool = new ArrayList<>();
        for (Candidate c : r.getCandidates()) {
            int shot = c.getFrameIndex() < secondCut ? 0 : c.getFrameIndex() < thirdCut ? 1 : 2;
            pool.add(Candidate.newBuilder(c).setShotIndex(shot)
                    .setDiversity(dev.avastream.operators.rank.DiversityVector.of(c.getAnnotation())).build());
        }
        Candidate bestSharp = best(pool, 0), bestSoft = best(pool, 2);
        assertTrue(bestSoft != null && bestSharp != null, "both shots have candidates: " + pool.size());
        assertTrue(bestSharp.getScore() > bestSoft.getScore(),
                "sharp " + bestSharp.getScore() + " against its blurred copy " + bestSoft.getScore());
        assertTrue(dev.avastream.operators.rank.NearDuplicateRule.defaults().nearDuplicates(bestSharp, bestSoft),
                "the blurred copy is a near-duplicate of the sharp frame");
        List<Candidate> top = new dev.avastream.operators.rank.DiverseTopKSelector().select(pool);
        assertTrue(top.stream().anyMatch(c -> c.getShotIndex() == 0), "the sharp scene is in the set");
        assertTrue(top.stream().noneMatch(c -> c.getShotIndex() == 2),
                "no frame of the blurred copy: " + top.stream().map(Candidate::getFrameIndex).toList());
        // and it is the near-duplicate rule that keeps it out: without it the blurred shot gets a still
        var d = dev.avastream.operators.rank.DiverseTopKSelector.Params.defaults();
        var noRule = new dev.avastream.operators.rank.DiverseTopKSelector.Params(d.k(), 0.0, d.keepMargin(), -1,
                d.diversityWeight(), d.fillMinScoreShare());
        assertTrue(new dev.avastream.operators.rank.DiverseTopKSelector(noRule).select(pool).stream()
                .anyMatch(c -> c.getShotIndex() == 2), "without the near-duplicate rule the blurred shot has a still");
    }

    private static Candidate best(List<Candidate> pool, int shot) {
        return pool.stream().filter(c -> c.getShotIndex() == shot)
                .max(java.util.Comparator.comparingDouble(Candidate::getScore)).orElse(null);
    }

    /** A few solid shapes on the texture (placed by the seed), so the scene has edges to lose when blurred. */
    private static Mat shapes(Mat base, int seed) {
        java.util.Random r = new java.util.Random(seed);
        for (int i = 0; i < 4; i++) {
            int x = r.nextInt(SyntheticFrames.WIDTH - 80), y = r.nextInt(SyntheticFrames.HEIGHT - 60);
            org.bytedeco.opencv.opencv_core.Scalar colour = new org.bytedeco.opencv.opencv_core.Scalar(r.nextInt(256), r.nextInt(256), r.nextInt(256), 0);
            org.bytedeco.opencv.global.opencv_imgproc.rectangle(base, new org.bytedeco.opencv.opencv_core.Point(x, y),
                    new org.bytedeco.opencv.opencv_core.Point(x + 30 + r.nextInt(50), y + 20 + r.nextInt(40)), colour, -1, 8, 0);
        }
        return base;
    }

    @Test
    void withoutAStrideOnlyTheCandidatesGetModelsAndModelsCanBeSwitchedOff() {
        AnalysisConfig candidatesOnly = AnalysisConfig.from(SettingValues.defaults().withText("models.stride-seconds", "0"));
        ChunkResult r = analyse(candidatesOnly);
        Set<Long> candidates = new HashSet<>();
        r.getCandidates().forEach(c -> candidates.add(c.getFrameIndex()));
        for (FrameAnnotation a : r.getAnnotations()) {
            assertEquals(candidates.contains(a.getFrameIndex()) ? "CANDIDATE" : "NONE", a.getModelFrame());
        }

        AnalysisConfig off = AnalysisConfig.from(SettingValues.defaults().withText("models.enabled", "false"));
        ChunkResult plain = analyse(off);
        assertFalse(plain.getCandidates().isEmpty());
        for (FrameAnnotation a : plain.getAnnotations()) {
            assertEquals("NONE", a.getModelFrame());
            assertEquals(-1, a.getFaceCount());
        }
        assertFalse(ChunkAnalyzer.stageNames(off).contains("faces"));
        assertTrue(ChunkAnalyzer.stageNames(AnalysisConfig.defaults()).contains("faces"));
    }
}
