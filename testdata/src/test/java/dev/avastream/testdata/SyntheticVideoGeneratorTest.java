package dev.avastream.testdata;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticVideoGeneratorTest {
    @BeforeAll
    static void quiet() { avutil.av_log_set_level(avutil.AV_LOG_ERROR); }

    @Test
    void specDefaults() {
        SyntheticVideoSpec s = SyntheticVideoSpec.builder().build();
        assertEquals(640, s.width());
        assertEquals(360, s.height());
        assertEquals(30, s.fps());
        assertEquals(60, s.gopFrames());
        assertEquals(0, s.startOffsetUs());
        assertFalse(s.variableFrameRate());
        assertTrue(s.barcode());
        assertEquals(4, s.shotLengths().size());
        for (int len : s.shotLengths()) assertTrue(len >= 30 && len <= 90, "shot length " + len);
        assertEquals(s.shotLengths(), SyntheticVideoSpec.builder().build().shotLengths(), "drawn from the seed");
        assertNotEquals(s.shotLengths(), SyntheticVideoSpec.builder().seed(2).build().shotLengths());
        SyntheticVideoSpec timed = SyntheticVideoSpec.builder().durationSeconds(10, 30, 60).fps(60).build();
        assertEquals(600, timed.frameCount(), "exactly the duration asked for");
        assertTrue(timed.shotLengths().stream().allMatch(l -> l >= 30), "no shot under the minimum");
        assertThrows(IllegalArgumentException.class, () -> SyntheticVideoSpec.builder().size(641, 360).build());
        assertThrows(IllegalArgumentException.class, () -> SyntheticVideoSpec.builder().hiddenLeadingFrames(3).startOffsetUs(1000).build());
    }

    @Test
    void sameSeedSameBytesAndGroundTruth(@TempDir Path dir) throws Exception {
        SyntheticVideoSpec spec = SyntheticVideoSpec.builder().size(320, 180).seed(11).shotLengths(20, 25).build();
        GroundTruth a = SyntheticVideoGenerator.generate(spec, dir.resolve("a.mp4"));
        GroundTruth b = SyntheticVideoGenerator.generate(spec, dir.resolve("b.mp4"));
        assertEquals(a, b);
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.mp4")), Files.readAllBytes(dir.resolve("b.mp4")));
        SyntheticVideoGenerator.generate(spec.toBuilder().seed(12).build(), dir.resolve("c.mp4"));
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(dir.resolve("a.mp4")), Files.readAllBytes(dir.resolve("c.mp4"))));
        assertEquals(45, a.frameCount());
        assertArrayEquals(new int[] {20}, a.cuts());
        assertEquals(List.of(new GroundTruth.Shot(0, 19), new GroundTruth.Shot(20, 44)), a.shots());
        assertEquals(List.of(), a.transitions());
        assertEquals(0, a.keyframeIndices()[0]);
    }

    @Test
    void constantRateVideoDecodesToGroundTruth(@TempDir Path dir) throws Exception {
        SyntheticVideoSpec spec = SyntheticVideoSpec.builder().seed(3).shotLengths(30, 45, 15).gopFrames(30).build();
        Path f = dir.resolve("cfr.mp4");
        GroundTruth gt = SyntheticVideoGenerator.generate(spec, f);
        assertEquals(90, gt.frameCount());
        assertEquals(3_000_000, gt.durationUs());
        for (int i = 0; i < 90; i++) assertEquals(i * 1_000_000L / 30, gt.framePtsUs()[i]);
        assertDecodesTo(f, gt);
    }

    @Test
    void variableRateAndStartOffsetDecodeToGroundTruth(@TempDir Path dir) throws Exception {
        SyntheticVideoSpec spec = SyntheticVideoSpec.builder().seed(4).shotLengths(40, 35).variableFrameRate(true)
                .startOffsetUs(1_250_700).build();
        Path f = dir.resolve("vfr.mp4");
        GroundTruth gt = SyntheticVideoGenerator.generate(spec, f);
        assertEquals(1_250_000, gt.startOffsetUs(), "truncated to whole milliseconds");
        assertEquals(1_250_000, gt.framePtsUs()[0]);
        long minD = Long.MAX_VALUE, maxD = 0;
        for (int i = 1; i < gt.frameCount(); i++) {
            long d = gt.framePtsUs()[i] - gt.framePtsUs()[i - 1];
            minD = Math.min(minD, d);
            maxD = Math.max(maxD, d);
        }
        assertTrue(maxD > 2 * minD, "irregular durations " + minD + ".." + maxD);
        assertDecodesTo(f, gt);
    }

    @Test
    void corruptor(@TempDir Path dir) throws Exception {
        Path src = Corruptor.garbage(dir.resolve("g.bin"), 10_000, 1);
        assertEquals(10_000, Files.size(src));
        assertEquals(2_500, Files.size(Corruptor.truncate(src, dir.resolve("t.bin"), 0.25)));
        byte[] damaged = Files.readAllBytes(Corruptor.damage(src, dir.resolve("d.bin"), 0.5, 100, 2));
        byte[] orig = Files.readAllBytes(src);
        assertEquals(orig.length, damaged.length);
        assertArrayEquals(java.util.Arrays.copyOf(orig, 5000), java.util.Arrays.copyOf(damaged, 5000));
    }

    /** Independent check with JavaCV's grabber: count, timestamps and barcodes at 320 px. */
    static void assertDecodesTo(Path file, GroundTruth gt) throws Exception {
        List<Long> times = new ArrayList<>();
        List<Integer> codes = new ArrayList<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toString());
             OpenCVFrameConverter.ToMat conv = new OpenCVFrameConverter.ToMat()) {
            g.setImageWidth(320);
            g.setImageHeight(320 * gt.height() / gt.width());
            g.start();
            Frame fr;
            while ((fr = g.grabImage()) != null) {
                times.add(fr.timestamp);
                codes.add(BarcodeReader.read(conv.convert(fr)));
            }
            g.stop();
        }
        assertEquals(gt.frameCount(), times.size());
        for (int i = 0; i < times.size(); i++) {
            assertEquals(gt.framePtsUs()[i], times.get(i), "pts of frame " + i);
            assertEquals(i, codes.get(i), "barcode of frame " + i);
        }
    }
}
