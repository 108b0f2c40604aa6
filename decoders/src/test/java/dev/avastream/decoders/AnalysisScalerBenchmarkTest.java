package dev.avastream.decoders;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Opt-in timing of the two {@link AnalysisScaler}s on one thread:
 * {@code -Davastream.bench=true -Dtest=AnalysisScalerBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false}.
 * Reduces a 720p and a 1080p frame of noise to 320 pixels with swscale alone and with the planes
 * halved first, in alternating rounds, and prints CPU milliseconds per frame (docs/benchmarks.md).
 */
@EnabledIfSystemProperty(named = "avastream.bench", matches = "true")
class AnalysisScalerBenchmarkTest {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    @Test
    void halvingFirstAgainstSwscaleAlone() {
        org.bytedeco.opencv.global.opencv_core.setNumThreads(1);
        for (int[] size : new int[][] {{1280, 720}, {1920, 1080}}) {
            int w = size[0], h = size[1], ow = 320, oh = ow * h / w / 2 * 2;
            AVFrame f = av_frame_alloc();
            f.format(AV_PIX_FMT_YUV420P);
            f.width(w);
            f.height(h);
            assertTrue(av_frame_get_buffer(f, 64) >= 0);
            java.util.Random random = new java.util.Random(1);
            for (int p = 0; p < 3; p++) {
                byte[] row = new byte[f.linesize(p)];
                for (int y = 0; y < (p == 0 ? h : h / 2); y++) {
                    random.nextBytes(row);
                    f.data(p).position((long) y * f.linesize(p)).put(row);
                }
            }
            int stride = (ow * 3 + 63) & ~63;
            BytePointer out = new BytePointer(av_malloc((long) stride * (oh + 1) + 64));
            PointerPointer<BytePointer> dst = new PointerPointer<>(out, null, null, null);
            IntPointer dstStride = new IntPointer(stride, 0, 0, 0);
            PlaneHalver halver = new PlaneHalver(ow, oh);
            assertTrue(halver.reduce(f));
            SwsContext whole = sws_getCachedContext(null, w, h, AV_PIX_FMT_YUV420P, ow, oh, AV_PIX_FMT_BGR24, SWS_BILINEAR,
                    null, null, (DoublePointer) null);
            SwsContext halved = sws_getCachedContext(null, halver.width(), halver.height(), AV_PIX_FMT_YUV420P, ow, oh,
                    AV_PIX_FMT_BGR24, SWS_BILINEAR, null, null, (DoublePointer) null);
            int n = 500;
            for (int round = 1; round <= 5; round++) {
                long c0 = CPU.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) sws_scale(whole, f.data(), f.linesize(), 0, h, dst, dstStride);
                long c1 = CPU.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) {
                    halver.reduce(f);
                    sws_scale(halved, halver.data(), halver.linesize(), 0, halver.height(), dst, dstStride);
                }
                long c2 = CPU.getCurrentThreadCpuTime();
                System.out.printf(java.util.Locale.ROOT, "%dx%d -> %dx%d round %d: swscale %.3f CPU ms/frame, halving %.3f (%.2fx)%n",
                        w, h, ow, oh, round, (c1 - c0) / 1e6 / n, (c2 - c1) / 1e6 / n, (double) (c2 - c1) / (c1 - c0));
            }
            sws_freeContext(whole);
            sws_freeContext(halved);
            halver.close();
            av_free(out);
            av_frame_free(f);
        }
    }
}
