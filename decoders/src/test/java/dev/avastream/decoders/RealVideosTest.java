package dev.avastream.decoders;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Opt-in check on real files: {@code mvn -pl decoders -am test -Dtest=RealVideosTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Davastream.realVideos=/work/shared/videos}. For every
 * .mp4/.mkv/.mov in the directory: the probe's frame times equal a straight decode with JavaCV's
 * grabber, and chunked decodes (with pre/post roll) emit every frame once, in order, at the probe's times.
 */
@EnabledIfSystemProperty(named = "avastream.realVideos", matches = ".+")
class RealVideosTest {
    @Test
    void probeMatchesStraightDecodeAndChunksAreExact() throws Exception {
        Videos.quietFFmpeg();
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("avastream.realVideos")))) {
            files = s.filter(p -> p.toString().matches(".*\\.(mp4|mkv|mov|m4v|webm)$")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        for (Path f : files) {
            String src = f.toString();
            long t0 = System.nanoTime();
            VideoProbe p = VideoProber.probe(src);
            long probeMs = (System.nanoTime() - t0) / 1_000_000;
            long[] grabbed = grabberTimes(src);
            assertArrayEquals(grabbed, p.framePtsUs(), src + ": probe vs JavaCV straight decode");
            StringBuilder line = new StringBuilder(String.format("%s: %s, probe %d ms, grabber frames %d", f.getFileName(), p, probeMs, grabbed.length));
            for (double secs : new double[] {1e6, 1.0, 0.37}) {
                List<ChunkSpec> plan = ChunkPlanner.plan("real", p, secs, 3, 3);
                List<ChunkDecodeStats> stats = new ArrayList<>();
                List<Videos.Seen> all = Videos.decodeAll(plan, Videos.OPTIONS, stats);
                List<Videos.Seen> own = all.stream().filter(s -> !s.context()).toList();
                assertEquals(p.frameCount(), own.size(), src + " " + secs + " s chunks");
                for (int i = 0; i < own.size(); i++) {
                    assertEquals(i, own.get(i).index());
                    assertEquals(p.framePtsUs()[i], own.get(i).timeUs());
                }
                for (Videos.Seen s : all) assertEquals(p.framePtsUs()[(int) s.index()], s.timeUs());
                long nanos = stats.stream().mapToLong(ChunkDecodeStats::decodeNanos).sum();
                long skipped = stats.stream().mapToLong(ChunkDecodeStats::skippedFrames).sum();
                line.append(String.format("; %d chunks: %.0f frames/s, %d skipped", plan.size(), all.size() * 1e9 / nanos, skipped));
            }
            System.out.println(line);
        }
    }

    static long[] grabberTimes(String src) throws IOException {
        List<Long> t = new ArrayList<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(src)) {
            g.start();
            Frame fr;
            while ((fr = g.grabImage()) != null) t.add(fr.timestamp);
            g.stop();
        }
        return t.stream().mapToLong(Long::longValue).toArray();
    }
}
