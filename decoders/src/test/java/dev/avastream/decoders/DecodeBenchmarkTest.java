package dev.avastream.decoders;

import dev.avastream.testdata.GroundTruth;
import dev.avastream.testdata.SyntheticVideoGenerator;
import dev.avastream.testdata.SyntheticVideoSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Opt-in timing: {@code -Davastream.bench=true -Dtest=DecodeBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false}.
 * Generates a 1280x720 30 fps video ({@code -Davastream.bench.seconds}, default 60) and decodes it at
 * several analysis widths and thread counts.
 */
@EnabledIfSystemProperty(named = "avastream.bench", matches = "true")
class DecodeBenchmarkTest {
    @Test
    void decode720p(@TempDir Path dir) throws Exception {
        Videos.quietFFmpeg();
        double seconds = Double.parseDouble(System.getProperty("avastream.bench.seconds", "60"));
        Path f = dir.resolve("bench.mp4");
        long t0 = System.nanoTime();
        GroundTruth gt = SyntheticVideoGenerator.generate(
                SyntheticVideoSpec.builder().size(1280, 720).seed(5).durationSeconds(seconds, 30, 150).build(), f);
        System.out.printf("generate %d frames 1280x720: %.1f s (%.0f frames/s), %d bytes%n", gt.frameCount(),
                (System.nanoTime() - t0) / 1e9, gt.frameCount() / ((System.nanoTime() - t0) / 1e9), f.toFile().length());
        t0 = System.nanoTime();
        VideoProbe p = VideoProber.probe(f.toString());
        System.out.printf("probe: %.0f ms%n", (System.nanoTime() - t0) / 1e6);
        for (int rep = 0; rep < 2; rep++) {
            // baseline on the same file: JavaCV's grabber scaling to 320x180 BGR, one decoder thread
            long g0 = System.nanoTime();
            int n = 0;
            try (org.bytedeco.javacv.FFmpegFrameGrabber g = new org.bytedeco.javacv.FFmpegFrameGrabber(f.toString())) {
                g.setImageWidth(320);
                g.setImageHeight(180);
                g.setVideoOption("threads", "1");
                g.start();
                while (g.grabImage() != null) n++;
                g.stop();
            }
            System.out.printf("JavaCV grabber 320x180, 1 thread: %.0f frames/s%n", n * 1e9 / (System.nanoTime() - g0));
        }
        for (int[] cfg : new int[][] {{320, 1}, {320, 1}, {0, 1}, {320, 2}}) {
            for (double chunk : new double[] {1e6, 10}) {
                List<ChunkSpec> plan = ChunkPlanner.plan("bench", p, chunk, 0, 0);
                long frames = 0, nanos = 0;
                try (ChunkDecoder d = new ChunkDecoder(Videos.OPTIONS.withAnalysisWidth(cfg[0]).withDecoderThreads(cfg[1]))) {
                    for (ChunkSpec c : plan) {
                        ChunkDecodeStats s = d.decode(c, fr -> { });
                        frames += s.framesDecoded();
                        nanos += s.decodeNanos();
                    }
                }
                assertEquals(gt.frameCount(), frames);
                System.out.printf("analysisWidth %d, %d thread(s), %d chunk(s): %.0f frames/s%n", cfg[0], cfg[1], plan.size(), frames * 1e9 / nanos);
            }
        }
    }
}
