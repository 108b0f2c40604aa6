package dev.avastream.decoders;

import dev.avastream.decoders.Videos.Video;
import dev.avastream.testdata.Corruptor;
import dev.avastream.testdata.GroundTruth;
import dev.avastream.testdata.SyntheticVideoSpec;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VideoProberTest {
    @TempDir
    static Path dir;
    static Video cfr;

    @BeforeAll
    static void setUp() throws Exception {
        Videos.quietFFmpeg();
        cfr = Videos.generate(dir, "cfr.mp4", SyntheticVideoSpec.builder().seed(21).shotLengths(40, 30, 50).build());
    }

    static void assertMatches(GroundTruth gt, VideoProbe p) {
        assertEquals(gt.frameCount(), p.frameCount());
        assertArrayEquals(gt.framePtsUs(), p.framePtsUs(), "frame times");
        assertArrayEquals(Arrays.stream(gt.keyframeIndices()).asLongStream().toArray(), p.keyframeIndices(), "keyframes");
        assertEquals(gt.width(), p.displayWidth());
        assertEquals(gt.height(), p.displayHeight());
        assertEquals(gt.rotationDegrees(), p.rotationDegrees());
        assertEquals(gt.startOffsetUs(), p.startTimeUs());
        if (gt.startOffsetUs() == 0) {
            assertEquals(gt.durationUs(), p.durationUs(), 1.0, "duration (1 us rounding)");
            assertEquals(gt.averageFps(), p.averageFps(), 0.01);
        } else {
            // the mp4 edit list of a delayed start shortens the last frame's duration (FFmpeg 7.1 mov muxer/demuxer)
            long lastFrame = gt.framePtsUs()[gt.frameCount() - 1] - gt.framePtsUs()[0];
            assertTrue(p.durationUs() > lastFrame && p.durationUs() <= gt.durationUs(), p.durationUs() + " vs " + gt.durationUs());
            assertEquals(gt.averageFps(), p.averageFps(), 0.02 * gt.averageFps());
        }
        assertEquals(gt.variableFrameRate(), p.variableFrameRate());
        assertEquals("h264", p.codec());
    }

    @Test
    void constantFrameRateFactsMatchGroundTruth() throws Exception {
        VideoProbe p = VideoProber.probe(cfr.source());
        assertMatches(cfr.truth(), p);
        assertEquals(30.0, p.averageFps(), 1e-9);
        assertEquals(4_000_000, p.durationUs());
        assertEquals(640, p.width());
        assertEquals(360, p.height());
        assertEquals(1.0, p.sampleAspectRatio());
        assertTrue(p.profile().contains("Baseline"), p.profile());
        assertEquals(0, p.frameIndexOf(0));
        assertEquals(30, p.frameIndexOf(1_000_000));
        assertEquals(-1, p.frameIndexOf(1_000_001));
        assertEquals(30, p.frameAtOrBefore(1_000_001));
    }

    @Test
    void variableFrameRateAndStartOffset() throws Exception {
        Video v = Videos.generate(dir, "vfr.mp4", SyntheticVideoSpec.builder().seed(22).shotLengths(35, 45)
                .variableFrameRate(true).startOffsetUs(2_345_000).build());
        VideoProbe p = VideoProber.probe(v.source());
        assertMatches(v.truth(), p);
        assertTrue(p.variableFrameRate());
        assertEquals(2_345_000, p.startTimeUs());
    }

    @Test
    void matroskaWithMillisecondTimeBase() throws Exception {
        Video v = Videos.generate(dir, "vfr.mkv", SyntheticVideoSpec.builder().seed(23).shotLengths(30, 30)
                .variableFrameRate(true).startOffsetUs(500_000).build());
        VideoProbe p = VideoProber.probe(v.source());
        assertEquals(v.truth().frameCount(), p.frameCount());
        assertArrayEquals(v.truth().framePtsUs(), p.framePtsUs());
        assertEquals(500_000, p.startTimeUs());
    }

    @Test
    void rotationFromDisplayMatrix() throws Exception {
        Video v = Videos.generate(dir, "rot90.mp4", SyntheticVideoSpec.builder().seed(24).shotLengths(20).rotationDegrees(90).build());
        VideoProbe p = VideoProber.probe(v.source());
        assertEquals(90, p.rotationDegrees());
        assertEquals(360, p.width(), "coded size is transposed");
        assertEquals(640, p.height());
        assertMatches(v.truth(), p);
    }

    @Test
    void editListDiscardedPacketsAreNotFrames() throws Exception {
        Video v = Videos.generate(dir, "trimmed.mp4", SyntheticVideoSpec.builder().seed(25).shotLengths(30, 30).hiddenLeadingFrames(9).build());
        VideoProbe p = VideoProber.probe(v.source());
        assertMatches(v.truth(), p);
        assertEquals(0, p.framePtsUs()[0]);
    }

    /** The probe's times are bit-for-bit JavaCV's FFmpegFrameGrabber.getTimestamp() of the decoded frames. */
    @Test
    void timesEqualJavaCvGrabberTimestamps() throws Exception {
        Video v = Videos.generate(dir, "grab.mp4", SyntheticVideoSpec.builder().seed(26).shotLengths(25, 20)
                .variableFrameRate(true).startOffsetUs(333_000).build());
        List<Long> times = new ArrayList<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(v.source())) {
            g.start();
            Frame f;
            while ((f = g.grabImage()) != null) times.add(f.timestamp);
            g.stop();
        }
        assertArrayEquals(times.stream().mapToLong(Long::longValue).toArray(), VideoProber.probe(v.source()).framePtsUs());
    }

    @Test
    void badInputsGiveClearErrors() throws Exception {
        assertError(dir.resolve("nope.mp4").toString(), "no such file");
        Path empty = Files.write(dir.resolve("empty.mp4"), new byte[0]);
        assertError(empty.toString(), "empty");
        Path garbage = Corruptor.garbage(dir.resolve("garbage.mp4"), 50_000, 7);
        assertError(garbage.toString(), "not a readable video");
        Path truncated = Corruptor.truncate(cfr.path(), dir.resolve("truncated.mp4"), 0.5); // index (moov) was at the end
        assertError(truncated.toString(), "not a readable video");
        Video fast = Videos.generate(dir, "fast.mp4", SyntheticVideoSpec.builder().seed(27).shotLengths(60).faststart(true).build());
        Path truncatedFast = Corruptor.truncate(fast.path(), dir.resolve("truncated-fast.mp4"), 0.6);
        assertError(truncatedFast.toString(), "truncated");
        Path wav = Files.write(dir.resolve("tone.wav"), wav(8000, 4000));
        assertError(wav.toString(), "no video stream");
        assertError(dir.toString(), "directory");
    }

    private static void assertError(String source, String problem) {
        VideoDecodeException e = assertThrows(VideoDecodeException.class, () -> VideoProber.probe(source));
        assertTrue(e.getMessage().startsWith(source + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertEquals(source, e.source());
    }

    /** A mono 16-bit PCM WAV file: a valid media file without video. */
    static byte[] wav(int rate, int samples) {
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * samples).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + 2 * samples).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(2 * rate)
                .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(2 * samples);
        for (int i = 0; i < samples; i++) b.putShort((short) (8000 * Math.sin(i * 0.1)));
        return b.array();
    }
}
