package dev.avastream.decoders;

import dev.avastream.decoders.Videos.Recorder;
import dev.avastream.decoders.Videos.Seen;
import dev.avastream.decoders.Videos.Video;
import dev.avastream.testdata.BarcodeReader;
import dev.avastream.testdata.Corruptor;
import dev.avastream.testdata.GroundTruth;
import dev.avastream.testdata.SyntheticVideoSpec;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChunkDecoderTest {
    @TempDir
    static Path dir;
    static Video main;
    static VideoProbe mainProbe;
    static List<Seen> straight;

    @BeforeAll
    static void setUp() throws Exception {
        Videos.quietFFmpeg();
        main = Videos.generate(dir, "main.mp4", SyntheticVideoSpec.builder().seed(31).shotLengths(37, 52, 23, 61, 45).build());
        mainProbe = VideoProber.probe(main.source());
        // the reference: one chunk spanning the whole file
        List<ChunkSpec> whole = ChunkPlanner.plan("main", mainProbe, 1e6, 0, 0);
        assertEquals(1, whole.size());
        straight = Videos.decodeAll(whole, Videos.OPTIONS, null);
    }

    /** Every frame once, in order, with the ground truth's time and its own barcode. */
    static void assertExact(GroundTruth gt, List<Seen> own) {
        assertEquals(gt.frameCount(), own.size(), "frame count");
        for (int i = 0; i < own.size(); i++) {
            Seen s = own.get(i);
            assertEquals(i, s.index(), "index at position " + i);
            assertEquals(gt.framePtsUs()[i], s.timeUs(), "time of frame " + i);
            assertEquals(i, s.barcode(), "barcode of frame " + i);
        }
    }

    @Test
    void straightDecodeIsExact() {
        assertExact(main.truth(), straight);
        assertTrue(straight.stream().noneMatch(Seen::context));
        assertEquals(320, straight.get(0).width());
        assertEquals(180, straight.get(0).height());
    }

    /**
     * A frame taller than 1:2 is not scaled to the analysis width (a 32x1200 strip would be 320x12000,
     * 3.8 megapixels a frame): its height is capped at twice that width and its width follows; one
     * wider than tall keeps the analysis width, however thin.
     */
    @Test
    void extremeAspectRatiosStayWithinTheAnalysisBudget() throws Exception {
        for (int[] size : new int[][] {{32, 1200, 18, 640}, {2000, 32, 320, 6}}) {
            Path p = dir.resolve("strip-" + size[0] + "x" + size[1] + ".mp4");
            dev.avastream.testdata.BadInputs.video(p, size[0], size[1], 6, "mp4",
                    org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4, org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P);
            List<ChunkSpec> plan = ChunkPlanner.plan("strip", VideoProber.probe(p.toString()), 10, 0, 0);
            List<Seen> frames = Videos.decodeAll(plan, Videos.OPTIONS, new ArrayList<>());
            assertEquals(6, frames.size(), p.toString());
            assertEquals(size[2], frames.get(0).width(), p + " width");
            assertEquals(size[3], frames.get(0).height(), p + " height");
        }
    }

    @Test
    void chunkedDecodeEqualsStraightDecode() throws Exception {
        for (double secs : new double[] {0.5, 1.0, 2.3}) {
            for (int roll : new int[] {0, 3}) {
                List<ChunkSpec> plan = ChunkPlanner.plan("main", mainProbe, secs, roll, roll);
                assertTrue(plan.size() > 2);
                List<ChunkDecodeStats> stats = new ArrayList<>();
                List<Seen> all = Videos.decodeAll(plan, Videos.OPTIONS, stats);
                List<Seen> own = all.stream().filter(s -> !s.context()).toList();
                assertEquals(straight, own, secs + " s chunks, roll " + roll);
                for (ChunkDecodeStats s : stats) {
                    assertEquals(0, s.missingFrames());
                    assertEquals(0, s.missingContextFrames());
                    assertEquals(0, s.unexpectedFrames());
                    assertEquals(0, s.inexactMatches());
                }
            }
        }
    }

    @Test
    void chunkEdgesExactlyOnCuts() throws Exception {
        int[] cuts = main.truth().cuts();
        long[] starts = new long[cuts.length + 1];
        for (int i = 0; i < cuts.length; i++) starts[i + 1] = cuts[i];
        List<ChunkSpec> plan = ChunkPlanner.plan("main", mainProbe, starts, 2, 2);
        Recorder r = new Recorder();
        try (ChunkDecoder d = new ChunkDecoder(Videos.OPTIONS)) {
            for (ChunkSpec c : plan) {
                int before = r.frames.size();
                d.decode(c, r);
                Seen firstOwn = r.frames.subList(before, r.frames.size()).stream().filter(s -> !s.context()).findFirst().orElseThrow();
                assertEquals(c.startFrame(), firstOwn.index());
                assertEquals(c.startFrame(), firstOwn.barcode(), "the first frame of the shot starts the chunk");
            }
        }
        assertEquals(straight, r.own());
        // and one frame either side of each cut
        long[] off = new long[] {0, cuts[0] - 1, cuts[1] + 1, cuts[2] - 1, cuts[3] + 1};
        assertEquals(straight, Videos.decodeAll(ChunkPlanner.plan("main", mainProbe, off, 1, 1), Videos.OPTIONS, null)
                .stream().filter(s -> !s.context()).toList());
    }

    @Test
    void contextFramesAreFlaggedWithTheirIndices() throws Exception {
        int pre = 4, post = 3;
        List<ChunkSpec> plan = ChunkPlanner.plan("main", mainProbe, 1.0, pre, post);
        try (ChunkDecoder d = new ChunkDecoder(Videos.OPTIONS)) {
            for (ChunkSpec c : plan) {
                Recorder r = new Recorder();
                ChunkDecodeStats st = d.decode(c, r);
                long expectedIndex = c.contextStartFrame();
                for (Seen s : r.frames) {
                    assertEquals(expectedIndex, s.index());
                    assertEquals(expectedIndex, s.barcode());
                    assertEquals(mainProbe.framePtsUs()[(int) expectedIndex], s.timeUs());
                    assertEquals(s.index() < c.startFrame() || s.index() > c.endFrame(), s.context());
                    expectedIndex++;
                }
                assertEquals(c.contextEndFrame() + 1, expectedIndex, "stops right after the context end");
                long ctx = (c.startFrame() - c.contextStartFrame()) + (c.contextEndFrame() - c.endFrame());
                assertEquals(ctx, st.contextFrames());
                assertEquals(c.frameCount(), st.framesDecoded());
                assertEquals(0, st.missingFrames());
                assertTrue(st.decodeNanos() > 0);
                if (c.chunkIndex() > 0) assertEquals(pre, c.startFrame() - c.contextStartFrame());
            }
        }
    }

    @Test
    void variableFrameRateAndStartOffsetDoNotShiftIndices() throws Exception {
        Video v = Videos.generate(dir, "vfr.mp4", SyntheticVideoSpec.builder().seed(32).shotLengths(40, 50, 30)
                .variableFrameRate(true).startOffsetUs(1_500_000).gopFrames(45).build());
        VideoProbe p = VideoProber.probe(v.source());
        assertArrayEquals(v.truth().framePtsUs(), p.framePtsUs());
        assertTrue(p.variableFrameRate());
        assertEquals(1_500_000, p.startTimeUs());
        for (double secs : new double[] {1e6, 0.7, 1.3}) {
            List<Seen> all = Videos.decodeAll(ChunkPlanner.plan("vfr", p, secs, 2, 2), Videos.OPTIONS, null);
            assertExact(v.truth(), all.stream().filter(s -> !s.context()).toList());
            for (Seen s : all) assertEquals(s.index(), s.barcode());
        }
    }

    @Test
    void matroskaVariableFrameRate() throws Exception {
        Video v = Videos.generate(dir, "vfr.mkv", SyntheticVideoSpec.builder().seed(33).shotLengths(30, 40)
                .variableFrameRate(true).startOffsetUs(250_000).build());
        VideoProbe p = VideoProber.probe(v.source());
        List<Seen> all = Videos.decodeAll(ChunkPlanner.plan("mkv", p, 0.6, 2, 2), Videos.OPTIONS, null);
        assertExact(v.truth(), all.stream().filter(s -> !s.context()).toList());
    }

    @Test
    void editListTrimmedFileKeepsIndices() throws Exception {
        Video v = Videos.generate(dir, "trimmed.mp4", SyntheticVideoSpec.builder().seed(34).shotLengths(30, 40).hiddenLeadingFrames(11).build());
        VideoProbe p = VideoProber.probe(v.source());
        assertFalse(p.isKeyframe(0), "frame 0 depends on hidden frames");
        for (double secs : new double[] {1e6, 0.5}) {
            List<Seen> all = Videos.decodeAll(ChunkPlanner.plan("trim", p, secs, 2, 2), Videos.OPTIONS, null);
            assertExact(v.truth(), all.stream().filter(s -> !s.context()).toList());
        }
    }

    @Test
    void rotatedVideoComesOutUpright() throws Exception {
        Video v = Videos.generate(dir, "rot270.mp4", SyntheticVideoSpec.builder().seed(35).shotLengths(20, 25).rotationDegrees(270).build());
        VideoProbe p = VideoProber.probe(v.source());
        assertEquals(270, p.rotationDegrees());
        List<Seen> all = Videos.decodeAll(ChunkPlanner.plan("rot", p, 0.5, 1, 1), Videos.OPTIONS, null);
        assertExact(v.truth(), all.stream().filter(s -> !s.context()).toList());
        assertEquals(320, all.get(0).width());
        assertEquals(180, all.get(0).height());
        List<Seen> nativeSize = Videos.decodeAll(ChunkPlanner.plan("rot", p, 1e6, 0, 0), Videos.OPTIONS.withAnalysisWidth(0), null);
        assertEquals(640, nativeSize.get(0).width());
        assertEquals(360, nativeSize.get(0).height());
        assertExact(v.truth(), nativeSize);
    }

    @Test
    void analysisSizesAndThreads() throws Exception {
        List<ChunkSpec> plan = ChunkPlanner.plan("main", mainProbe, 2.0, 1, 1);
        List<Seen> nativeSize = Videos.decodeAll(plan, Videos.OPTIONS.withAnalysisWidth(0), null);
        assertEquals(640, nativeSize.get(0).width());
        assertEquals(360, nativeSize.get(0).height());
        List<Seen> w256 = Videos.decodeAll(plan, Videos.OPTIONS.withAnalysisWidth(256), null);
        assertEquals(256, w256.get(0).width());
        assertEquals(144, w256.get(0).height());
        assertExact(main.truth(), w256.stream().filter(s -> !s.context()).toList());
        List<Seen> threaded = Videos.decodeAll(plan, Videos.OPTIONS.withDecoderThreads(2), null);
        assertEquals(straight, threaded.stream().filter(s -> !s.context()).toList());
    }

    @Test
    void frameBufferIsTheDecodersOwnAndReused() throws Exception {
        List<ChunkSpec> plan = ChunkPlanner.plan("main", mainProbe, 1.0, 0, 0);
        List<Long> addresses = new ArrayList<>();
        try (ChunkDecoder d = new ChunkDecoder(Videos.OPTIONS)) {
            d.decode(plan.get(1), f -> addresses.add(f.bgr().data().address()));
        }
        assertTrue(addresses.stream().distinct().count() == 1, "one buffer, no per-frame allocation");
    }

    @Test
    void truncatedFileFailsClearlyOrReportsMissingFrames() throws Exception {
        Video fast = Videos.generate(dir, "fast.mp4", SyntheticVideoSpec.builder().seed(36).shotLengths(50, 50).faststart(true).build());
        VideoProbe p = VideoProber.probe(fast.source());
        Path cut = Corruptor.truncate(fast.path(), dir.resolve("fast-truncated.mp4"), 0.55);
        List<ChunkSpec> plan = withSource(ChunkPlanner.plan("fast", p, 1.0, 2, 2), cut.toString());
        // strict (default): an exception naming the file and the chunk; frames before the damage were exact
        Recorder r = new Recorder();
        int failures = 0;
        try (ChunkDecoder d = new ChunkDecoder(Videos.OPTIONS)) {
            for (ChunkSpec c : plan) {
                try {
                    d.decode(c, r);
                } catch (VideoDecodeException e) {
                    failures++;
                    assertEquals(cut.toString(), e.source());
                    assertTrue(e.getMessage().startsWith(cut + ": chunk " + c.chunkIndex() + " "), e.getMessage());
                    assertTrue(e.getMessage().contains("could not be decoded"), e.getMessage());
                }
            }
        }
        assertTrue(failures >= 1);
        assertTrue(r.frames.size() > 20);
        for (Seen s : r.frames) assertEquals(s.index(), s.barcode(), "no shifted frame");
        // lenient: missing frames are counted instead
        long missing = 0, emitted = 0;
        try (ChunkDecoder d = new ChunkDecoder(Videos.OPTIONS.withFailOnMissingFrames(false))) {
            for (ChunkSpec c : plan) {
                Recorder rr = new Recorder();
                ChunkDecodeStats st = d.decode(c, rr);
                missing += st.missingFrames();
                emitted += st.framesDecoded();
                assertEquals(c.frameCount(), st.framesDecoded() + st.missingFrames());
                for (Seen s : rr.frames) assertEquals(s.index(), s.barcode(), "no shifted frame");
            }
        }
        assertTrue(missing > 0);
        assertEquals(100, missing + emitted);
    }

    @Test
    void garbageAndMissingFilesFailWithTheirName() throws Exception {
        Path garbage = Corruptor.garbage(dir.resolve("garbage.mkv"), 40_000, 9);
        ChunkSpec c = withSource(ChunkPlanner.plan("main", mainProbe, 1.0, 0, 0), garbage.toString()).get(1);
        try (ChunkDecoder d = new ChunkDecoder(Videos.OPTIONS)) {
            VideoDecodeException e = assertThrows(VideoDecodeException.class, () -> d.decode(c, f -> { }));
            assertTrue(e.getMessage().startsWith(garbage + ": "), e.getMessage());
            ChunkSpec missing = withSource(List.of(c), dir.resolve("missing.mp4").toString()).get(0);
            e = assertThrows(VideoDecodeException.class, () -> d.decode(missing, f -> { }));
            assertTrue(e.getMessage().contains("missing.mp4: no such file"), e.getMessage());
            // the decoder still works afterwards
            assertEquals(c.frameCount(), d.decode(ChunkPlanner.plan("main", mainProbe, 1.0, 0, 0).get(1), f -> { }).framesDecoded());
        }
    }

    @Test
    void sinkExceptions() throws Exception {
        ChunkSpec c = ChunkPlanner.plan("main", mainProbe, 1.0, 0, 0).get(2);
        try (ChunkDecoder d = new ChunkDecoder(Videos.OPTIONS)) {
            FrameSinkException e = assertThrows(FrameSinkException.class, () -> d.decode(c, f -> { throw new IOException("disk full"); }));
            assertEquals("disk full", e.getCause().getMessage());
            IllegalStateException boom = new IllegalStateException("boom");
            assertSame(boom, assertThrows(IllegalStateException.class, () -> d.decode(c, f -> { throw boom; })));
            assertEquals(c.frameCount(), d.decode(c, f -> { }).framesDecoded());
        }
    }

    @Test
    void oneDecoderAcrossSources() throws Exception {
        Video other = Videos.generate(dir, "other.mp4", SyntheticVideoSpec.builder().seed(37).shotLengths(30, 30).build());
        VideoProbe op = VideoProber.probe(other.source());
        ChunkSpec a = ChunkPlanner.plan("main", mainProbe, 1.0, 1, 1).get(3);
        ChunkSpec b = ChunkPlanner.plan("other", op, 1.0, 1, 1).get(1);
        try (ChunkDecoder d = new ChunkDecoder(Videos.OPTIONS)) {
            for (ChunkSpec c : List.of(a, b, a, b, a)) {
                Recorder r = new Recorder();
                d.decode(c, r);
                assertEquals(c.contextPtsUs().length, r.frames.size());
                for (Seen s : r.frames) assertEquals(s.index(), s.barcode());
            }
        }
    }

    @Test
    void frameExtractorGivesTheExactFrame() throws Exception {
        for (int idx : new int[] {0, 59, 60, 137, 217}) {
            try (Mat m = FrameExtractor.extract(main.source(), idx, mainProbe.framePtsUs()[idx])) {
                assertEquals(640, m.cols());
                assertEquals(360, m.rows());
                assertEquals(idx, BarcodeReader.read(m));
            }
        }
        byte[] jpeg = FrameExtractor.extractJpeg(main.source(), 100, mainProbe.framePtsUs()[100], 320, 85);
        assertTrue(jpeg.length > 1000);
        assertEquals((byte) 0xFF, jpeg[0]);
        assertEquals((byte) 0xD8, jpeg[1]);
        assertThrows(VideoDecodeException.class, () -> FrameExtractor.extract(main.source(), 999, 99_000_000L));
    }

    static List<ChunkSpec> withSource(List<ChunkSpec> plan, String source) {
        return plan.stream().map(c -> new ChunkSpec(c.titleId(), source, c.chunkIndex(), c.chunkCount(), c.titleFrameCount(),
                c.startFrame(), c.endFrame(), c.contextStartFrame(), Arrays.copyOf(c.contextPtsUs(), c.contextPtsUs().length))).toList();
    }
}
