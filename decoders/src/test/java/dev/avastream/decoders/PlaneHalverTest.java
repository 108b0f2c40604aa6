package dev.avastream.decoders;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

import java.util.function.IntBinaryOperator;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_NV12;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P10LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlaneHalverTest {

    /** A YUV 4:2:0 frame whose planes are {@code y(x, y)}, {@code u(x, y)}, {@code v(x, y)}. */
    private static AVFrame frame(int w, int h, IntBinaryOperator y, IntBinaryOperator u, IntBinaryOperator v) {
        AVFrame f = av_frame_alloc();
        f.format(AV_PIX_FMT_YUV420P);
        f.width(w);
        f.height(h);
        assertTrue(av_frame_get_buffer(f, 64) >= 0);
        IntBinaryOperator[] planes = {y, u, v};
        for (int p = 0; p < 3; p++) {
            int pw = p == 0 ? w : (w + 1) / 2, ph = p == 0 ? h : (h + 1) / 2;
            BytePointer d = f.data(p);
            for (int r = 0; r < ph; r++)
                for (int c = 0; c < pw; c++) d.put((long) r * f.linesize(p) + c, (byte) planes[p].applyAsInt(c, r));
        }
        return f;
    }

    private static int at(PointerPointer<BytePointer> data, IntPointer linesize, int plane, int x, int y) {
        return new BytePointer(data.get(plane)).get((long) y * linesize.get(plane) + x) & 0xff;
    }

    /** {@code w x h} YUV 4:2:0 planes through swscale to BGR at {@code ow x oh}, as the reader converts them. */
    private static Mat swscale(int w, int h, PointerPointer<BytePointer> data, IntPointer linesize, int ow, int oh) {
        Mat out = new Mat(oh, ow, CV_8UC3);
        SwsContext sws = sws_getContext(w, h, AV_PIX_FMT_YUV420P, ow, oh, AV_PIX_FMT_BGR24, SWS_BILINEAR, null, null,
                (DoublePointer) null);
        try (PointerPointer<BytePointer> dst = new PointerPointer<>(out.data(), null, null, null);
             IntPointer stride = new IntPointer((int) out.step(), 0, 0, 0)) {
            sws_scale(sws, data, linesize, 0, h, dst, stride);
        } finally {
            sws_freeContext(sws);
        }
        return out;
    }

    @Test
    void eachHalvingAveragesFourPixelsOfEveryPlane() {
        // 2560x1440 for 320x180: two halvings (to 640x360, twice the output), every value the mean of
        // its 4x4 block of luma (2x2 twice), and of chroma
        IntBinaryOperator y = (x, r) -> 16 + (x * 7 + r * 13) % 200;
        IntBinaryOperator u = (x, r) -> 40 + (x * 5 + r * 3) % 180;
        IntBinaryOperator v = (x, r) -> 30 + (x * 11 + r * 17) % 190;
        AVFrame f = frame(2560, 1440, y, u, v);
        try (PlaneHalver h = new PlaneHalver(320, 180)) {
            assertTrue(h.reduce(f));
            assertEquals(640, h.width());
            assertEquals(360, h.height());
            IntBinaryOperator[] planes = {y, u, v};
            for (int p = 0; p < 3; p++)
                for (int r = 0; r < (p == 0 ? 360 : 180); r += 7)
                    for (int c = 0; c < (p == 0 ? 640 : 320); c += 5) {
                        double sum = 0;
                        for (int dy = 0; dy < 4; dy++)
                            for (int dx = 0; dx < 4; dx++) sum += planes[p].applyAsInt(4 * c + dx, 4 * r + dy);
                        assertEquals(sum / 16, at(h.data(), h.linesize(), p, c, r), 1.0, "plane " + p + " at " + c + "," + r);
                    }
        } finally {
            av_frame_free(f);
        }
    }

    @Test
    void halvesOnlyWhileTheFrameStaysAtLeastTwiceTheOutput() {
        // {source width, height, expected width, height after halving; 0 = none}
        int[][] cases = {{640, 360, 0, 0}, {1000, 560, 0, 0}, {1280, 720, 640, 360}, {1281, 721, 640, 360},
                {1920, 1080, 960, 540}, {2560, 1440, 640, 360}, {3840, 2160, 960, 540}, {1280, 544, 640, 272}};
        for (int[] c : cases) {
            AVFrame f = frame(c[0], c[1], (x, r) -> 100, (x, r) -> 128, (x, r) -> 128);
            int outH = (int) Math.round(320.0 * c[1] / c[0] / 2) * 2;
            try (PlaneHalver h = new PlaneHalver(320, outH)) {
                String what = c[0] + "x" + c[1] + " for 320x" + outH;
                assertEquals(c[2] != 0, h.reduce(f), what);
                if (c[2] != 0) {
                    assertEquals(c[2], h.width(), what);
                    assertEquals(c[3], h.height(), what);
                    // the last row and column of every plane are written
                    assertEquals(100, at(h.data(), h.linesize(), 0, c[2] - 1, c[3] - 1), what);
                    assertEquals(128, at(h.data(), h.linesize(), 2, (c[2] + 1) / 2 - 1, (c[3] + 1) / 2 - 1), what);
                }
            } finally {
                av_frame_free(f);
            }
        }
    }

    @Test
    void theAnalysisFrameStaysWhatSwscaleAloneGives() {
        // detail at the scale of a few analysis pixels (periods of 24 to 80 source pixels), with fine
        // grain on top: the halved frame through swscale against swscale on the whole frame
        int w = 1280, h = 720, ow = 320, oh = 180;
        java.util.Random random = new java.util.Random(7);
        int[] grain = new int[w * h];
        for (int i = 0; i < grain.length; i++) grain[i] = random.nextInt(21) - 10;
        AVFrame f = frame(w, h,
                (x, r) -> Math.max(16, Math.min(235, (int) (126 + 60 * Math.sin(x / 4.0) * Math.cos(r / 7.0)) + grain[r * w + x])),
                (x, r) -> (int) (128 + 50 * Math.sin(x / 6.0 + r / 9.0)), (x, r) -> (int) (128 + 50 * Math.cos(r / 5.0)));
        try (PlaneHalver halver = new PlaneHalver(ow, oh);
             Mat whole = swscale(w, h, f.data(), f.linesize(), ow, oh)) {
            assertTrue(halver.reduce(f));
            try (Mat halved = swscale(halver.width(), halver.height(), halver.data(), halver.linesize(), ow, oh)) {
                double sum = 0;
                for (int r = 0; r < oh; r++)
                    for (int c = 0; c < ow; c++)
                        for (int ch = 0; ch < 3; ch++)
                            sum += Math.abs((halved.ptr(r, c).get(ch) & 0xff) - (whole.ptr(r, c).get(ch) & 0xff));
                double mean = sum / (ow * oh * 3.0);
                assertTrue(mean < 2.0, "mean difference from swscale alone " + mean);
            }
        } finally {
            av_frame_free(f);
        }
    }

    @Test
    void onlyEightBitPlanarFourTwoZeroIsHalved() {
        assertTrue(PlaneHalver.handles(AV_PIX_FMT_YUV420P));
        assertTrue(PlaneHalver.handles(AV_PIX_FMT_YUVJ420P));
        assertFalse(PlaneHalver.handles(AV_PIX_FMT_YUV422P));
        assertFalse(PlaneHalver.handles(AV_PIX_FMT_NV12));
        assertFalse(PlaneHalver.handles(AV_PIX_FMT_YUV420P10LE));
    }
}
