package dev.avastream.testdata;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_new;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_NOFILE;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_SMPTE170M;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_SMPTE170M;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_SMPTE170M;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_180;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_CLOCKWISE;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_COUNTERCLOCKWISE;
import static org.bytedeco.opencv.global.opencv_core.rotate;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2YUV_I420;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

/**
 * Renders a {@link SyntheticVideoSpec} and encodes it as H.264 (FFmpeg's {@code libopenh264},
 * Constrained Baseline, yuv420p, no B-frames) into an mp4/mov/mkv file chosen by the file name,
 * returning the exact {@link GroundTruth}.
 *
 * <p>Timestamps are written by this class, not by the encoder: frame {@code k} gets a presentation
 * time on a 90 kHz clock (the stream time base for mp4), {@code startOffset + sum of the durations of
 * frames before k}, where every duration is {@code 90000/fps} ticks, or, with variable frame rate, a
 * seeded pattern of 0.5x..2.5x that. The start offset is truncated to whole milliseconds (an mp4
 * edit list stores it in 1/1000 s). {@link GroundTruth#framePtsUs()} is what a demuxer/decoder will
 * then report: {@code floor(1e6 * pts * tb.num / tb.den)} in the muxer's final stream time base. A
 * start offset makes the mp4 muxer write an edit list (an empty edit), exactly as a real
 * "delayed start" file has.
 *
 * <p>Frames are composed by {@link FrameComposer}: the shot's scene, or for a gradual transition the
 * two scenes (or a scene and black/white) blended with OpenCV ({@code addWeighted}/{@code convertTo}),
 * a flash on top, the barcode last so that every frame, blends included, carries its index. They are
 * rendered on a second thread a few frames ahead of the (single-threaded, byte-deterministic)
 * encoder.
 *
 * <p>Deterministic: the same spec gives the same ground truth and, with the same FFmpeg build, the
 * same bytes (mp4/mov; the Matroska muxer writes a random segment UID into the header).
 */
public final class SyntheticVideoGenerator {
    static final int CLOCK = 90_000;
    private static final double[] VFR_PATTERN = {1.0, 1.0, 0.5, 1.5, 1.0, 2.0, 0.5, 0.5, 1.0, 2.5, 1.0, 0.75};

    private SyntheticVideoGenerator() { }

    /**
     * Writes the video to {@code out} (parent directories must exist; an existing file is replaced).
     *
     * @throws IOException when FFmpeg cannot write the file; the message names it
     */
    public static GroundTruth generate(SyntheticVideoSpec spec, Path out) throws IOException {
        int n = spec.frameCount();
        int hidden = spec.hiddenLeadingFrames();
        long[] pts90 = timeline(spec);
        long nominal = Math.round((double) CLOCK / spec.fps());
        boolean transposed = spec.rotationDegrees() == 90 || spec.rotationDegrees() == 270;
        int codedW = transposed ? spec.height() : spec.width();
        int codedH = transposed ? spec.width() : spec.height();
        String file = out.toAbsolutePath().toString();

        AVFormatContext oc = new AVFormatContext(null);
        AVCodecContext c = null;
        AVFrame frame = null;
        AVPacket pkt = null;
        boolean headerWritten = false;
        List<Integer> keyframes = new ArrayList<>();
        long[] ptsUs = new long[n];
        List<SceneRenderer.Style> styles = List.of();
        try {
            check(avformat_alloc_output_context2(oc, null, null, file), file, "no muxer for this file name");
            AVCodec codec = avcodec_find_encoder_by_name("libopenh264");
            if (codec == null) throw new IOException(file + ": FFmpeg has no libopenh264 encoder");
            AVStream st = avformat_new_stream(oc, null);
            c = avcodec_alloc_context3(codec);
            c.width(codedW).height(codedH).pix_fmt(AV_PIX_FMT_YUV420P);
            c.time_base(av_make_q(1, spec.fps()));
            c.framerate(av_make_q(spec.fps(), 1));
            c.gop_size(spec.gopFrames());
            c.max_b_frames(0);
            c.bit_rate(spec.bitrate());
            c.qmax(36);
            c.thread_count(1); // one encoder thread: openh264 with 2 threads + 2 slices is ~20% faster but not byte-deterministic
            c.color_range(AVCOL_RANGE_MPEG).colorspace(AVCOL_SPC_SMPTE170M)
                    .color_primaries(AVCOL_PRI_SMPTE170M).color_trc(AVCOL_TRC_SMPTE170M);
            if ((oc.oformat().flags() & AVFMT_GLOBALHEADER) != 0) c.flags(c.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
            AVDictionary opts = new AVDictionary(null);
            av_dict_set(opts, "allow_skip_frames", "0", 0);
            int ret = avcodec_open2(c, codec, opts);
            av_dict_free(opts);
            check(ret, file, "cannot open the libopenh264 encoder");
            check(avcodec_parameters_from_context(st.codecpar(), c), file, "codec parameters");
            st.time_base(av_make_q(1, CLOCK));
            st.avg_frame_rate(av_make_q(spec.fps(), 1));
            if (spec.rotationDegrees() != 0) addDisplayMatrix(st, spec.rotationDegrees());

            if ((oc.oformat().flags() & AVFMT_NOFILE) == 0) {
                AVIOContext pb = new AVIOContext(null);
                check(avio_open(pb, file, AVIO_FLAG_WRITE), file, "cannot open for writing");
                oc.pb(pb);
            }
            AVDictionary muxOpts = new AVDictionary(null);
            if (spec.faststart()) av_dict_set(muxOpts, "movflags", "+faststart", 0);
            ret = avformat_write_header(oc, muxOpts);
            av_dict_free(muxOpts);
            check(ret, file, "cannot write the header");
            headerWritten = true;

            // the muxer may have changed the time base (mkv: 1/1000); timestamps go in its units
            AVRational tb = st.time_base();
            AVRational clock = av_make_q(1, CLOCK);
            // in encode order: hidden frames first (before the first shown frame), then frames 0..n-1, then the end
            long[] ptsSt = new long[hidden + n + 1];
            for (int e = 0; e < hidden; e++) ptsSt[e] = av_rescale_q(pts90[0] - (hidden - e) * nominal, clock, tb);
            for (int k = 0; k <= n; k++) ptsSt[hidden + k] = av_rescale_q(pts90[k], clock, tb);
            for (int k = 0; k < n; k++) ptsUs[k] = 1_000_000L * ptsSt[hidden + k] * tb.num() / tb.den();

            frame = av_frame_alloc();
            frame.format(AV_PIX_FMT_YUV420P).width(codedW).height(codedH);
            pkt = av_packet_alloc();
            int[] written = {0};

            try (FrameComposer composer = new FrameComposer(spec);
                 RenderThread frames = new RenderThread(composer, spec, hidden, n, codedW, codedH)) {
                styles = composer.styles();
                long plane = (long) codedW * codedH;
                for (int e = 0; e < hidden + n; e++) { // encode index
                    Mat yuv = frames.take();
                    BytePointer y = yuv.data();
                    frame.data(0, y).data(1, new BytePointer(y).position(plane)).data(2, new BytePointer(y).position(plane + plane / 4));
                    frame.linesize(0, codedW).linesize(1, codedW / 2).linesize(2, codedW / 2);
                    frame.pts(e);
                    // the encoder copies the (not reference-counted) frame's data: the buffer can go back at once
                    check(avcodec_send_frame(c, frame), file, "encoding frame " + (e - hidden));
                    frames.release(yuv);
                    drain(c, pkt, oc, st, ptsSt, hidden, keyframes, written, file);
                }
            }
            check(avcodec_send_frame(c, null), file, "flushing the encoder");
            drain(c, pkt, oc, st, ptsSt, hidden, keyframes, written, file);
            if (written[0] != hidden + n) throw new IOException(file + ": encoder produced " + written[0] + " packets for " + (hidden + n) + " frames");
            check(av_write_trailer(oc), file, "cannot write the trailer");
            headerWritten = false;
        } finally {
            if (pkt != null) av_packet_free(pkt);
            if (frame != null) {
                for (int i = 0; i < 3; i++) frame.data(i, null);
                av_frame_free(frame);
            }
            if (c != null) avcodec_free_context(c);
            if (oc != null && !oc.isNull()) {
                if (headerWritten) av_write_trailer(oc);
                if ((oc.oformat().flags() & AVFMT_NOFILE) == 0 && oc.pb() != null) avio_closep(oc.pb());
                avformat_free_context(oc);
            }
        }

        Layout layout = new Layout(spec.shotLengths(), spec.boundaries());
        long durationUs = ptsUs.length == 0 ? 0 : (1_000_000L * (pts90[n] - pts90[0])) / CLOCK;
        return new GroundTruth(GroundTruth.FORMAT_VERSION, n, spec.fps(), spec.width(), spec.height(),
                spec.rotationDegrees(), ptsUs[0], spec.variableFrameRate(), durationUs, layout.cuts(),
                layout.shots(), styles.stream().map(SceneRenderer.Style::relation).toList(), layout.transitions(),
                layout.events(spec.events()), ptsUs, keyframes.stream().mapToInt(Integer::intValue).toArray(), spec.seed());
    }

    /**
     * Renders and colour-converts frames on its own thread, in order, a few ahead of the encoder
     * (which runs single-threaded for byte-exact output): generation then takes about as long as
     * the encoder alone on two cores. The frames are exactly those a single thread would render.
     */
    private static final class RenderThread implements AutoCloseable {
        private static final int BUFFERS = 3;
        private final java.util.concurrent.BlockingQueue<Mat> free = new java.util.concurrent.ArrayBlockingQueue<>(BUFFERS);
        private final java.util.concurrent.BlockingQueue<Object> ready = new java.util.concurrent.ArrayBlockingQueue<>(BUFFERS + 1);
        private final List<Mat> buffers = new ArrayList<>();
        private final Thread thread;

        RenderThread(FrameComposer composer, SyntheticVideoSpec spec, int hidden, int n, int codedW, int codedH) {
            for (int i = 0; i < BUFFERS; i++) {
                Mat m = new Mat(codedH * 3 / 2, codedW, org.bytedeco.opencv.global.opencv_core.CV_8UC1);
                buffers.add(m);
                free.add(m);
            }
            thread = new Thread(() -> {
                try (Mat display = new Mat(spec.height(), spec.width(), org.bytedeco.opencv.global.opencv_core.CV_8UC3);
                     Mat coded = new Mat()) {
                    for (int e = 0; e < hidden + n; e++) {
                        Mat yuv = free.take();
                        // hidden frames: the first shot's first frame, without barcode
                        if (e < hidden) composer.renderHidden(display); else composer.render(e - hidden, display);
                        Mat src = display;
                        if (spec.rotationDegrees() != 0) {
                            // stored = upright turned back by the rotation a player will apply
                            int code = switch (spec.rotationDegrees()) {
                                case 90 -> ROTATE_90_COUNTERCLOCKWISE;
                                case 180 -> ROTATE_180;
                                default -> ROTATE_90_CLOCKWISE;
                            };
                            rotate(display, coded, code);
                            src = coded;
                        }
                        cvtColor(src, yuv, COLOR_BGR2YUV_I420);
                        ready.put(yuv);
                    }
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                } catch (Throwable t) {
                    ready.offer(t);
                }
            }, "synthetic-video-render");
            thread.setDaemon(true);
            thread.start();
        }

        Mat take() throws IOException {
            Object o;
            try {
                o = ready.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while generating a video");
            }
            if (o instanceof Mat m) return m;
            if (o instanceof RuntimeException r) throw r;
            if (o instanceof Error err) throw err;
            throw new IOException("rendering failed", (Throwable) o);
        }

        void release(Mat yuv) { free.add(yuv); }

        @Override
        public void close() {
            thread.interrupt();
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
            for (Mat m : buffers) m.close();
        }
    }

    /** Presentation times on the 90 kHz clock of frames 0..n-1, plus the end of the last frame at [n]. */
    static long[] timeline(SyntheticVideoSpec spec) {
        int n = spec.frameCount();
        long[] t = new long[n + 1];
        // whole milliseconds: an mp4 edit list counts the initial delay in movie time scale units (1/1000 s)
        long offset = (spec.startOffsetUs() / 1000) * (CLOCK / 1000);
        if (!spec.variableFrameRate()) {
            for (int k = 0; k <= n; k++) t[k] = offset + Math.round((double) k * CLOCK / spec.fps());
            return t;
        }
        Random r = new Random(spec.seed() * 7919 + 3);
        int phase = r.nextInt(VFR_PATTERN.length);
        double nominal = (double) CLOCK / spec.fps();
        t[0] = offset;
        for (int k = 0; k < n; k++) {
            double m = VFR_PATTERN[(phase + k) % VFR_PATTERN.length];
            t[k + 1] = t[k] + Math.max(1, Math.round(nominal * m));
        }
        return t;
    }

    private static void drain(AVCodecContext c, AVPacket pkt, AVFormatContext oc, AVStream st, long[] ptsSt, int hidden,
                              List<Integer> keyframes, int[] written, String file) throws IOException {
        while (true) {
            int ret = avcodec_receive_packet(c, pkt);
            if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF()) return;
            check(ret, file, "receiving a packet from the encoder");
            int k = written[0];
            if (pkt.pts() != k) {
                av_packet_unref(pkt);
                throw new IOException(file + ": encoder returned frame " + pkt.pts() + " out of order, expected " + k);
            }
            if ((pkt.flags() & AV_PKT_FLAG_KEY) != 0 && k >= hidden) keyframes.add(k - hidden);
            pkt.pts(ptsSt[k]).dts(ptsSt[k]).duration(ptsSt[k + 1] - ptsSt[k]).stream_index(st.index());
            int w = av_interleaved_write_frame(oc, pkt); // takes the packet's reference
            check(w, file, "writing packet " + k);
            written[0]++;
        }
    }

    /** Adds a display matrix to the stream: players rotate by {@code degrees} clockwise. */
    private static void addDisplayMatrix(AVStream st, int degrees) throws IOException {
        AVPacketSideData sd = st.codecpar().coded_side_data();
        IntPointer nb = new IntPointer(1).put(st.codecpar().nb_coded_side_data());
        AVPacketSideData added = av_packet_side_data_new(sd, nb, AV_PKT_DATA_DISPLAYMATRIX, 9 * 4, 0);
        if (added == null || added.isNull()) throw new IOException("cannot add display matrix side data");
        st.codecpar().coded_side_data(sd).nb_coded_side_data(nb.get());
        // av_display_rotation_set takes a clockwise angle (av_display_rotation_get returns the
        // counter-clockwise one; FFmpeg's "rotate" tag and its CLI autorotate use -get)
        av_display_rotation_set(new IntPointer(added.data()), degrees);
    }

    static void check(int ret, String file, String what) throws IOException {
        if (ret < 0) throw new IOException(file + ": " + what + " (" + err(ret) + ")");
    }

    static String err(int ret) {
        byte[] buf = new byte[256];
        av_strerror(ret, buf, buf.length);
        int len = 0;
        while (len < buf.length && buf[len] != 0) len++;
        return new String(buf, 0, len) + ", error " + ret;
    }

    /**
     * Command line: {@code SyntheticVideoGenerator out.mp4 [seconds] [width] [height] [fps] [seed]}
     * writes the video and {@code out.json} (its ground truth) next to it.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: SyntheticVideoGenerator out.mp4 [seconds=10] [width=640] [height=360] [fps=30] [seed=1]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        int w = args.length > 2 ? Integer.parseInt(args[2]) : 640;
        int h = args.length > 3 ? Integer.parseInt(args[3]) : 360;
        int fps = args.length > 4 ? Integer.parseInt(args[4]) : 30;
        long seed = args.length > 5 ? Long.parseLong(args[5]) : 1;
        SyntheticVideoSpec spec = SyntheticVideoSpec.builder().size(w, h).fps(fps).seed(seed)
                .durationSeconds(seconds, fps, 4 * fps).build();
        long t0 = System.nanoTime();
        if (out.toAbsolutePath().getParent() != null) Files.createDirectories(out.toAbsolutePath().getParent());
        GroundTruth gt = generate(spec, out);
        String name = out.getFileName().toString();
        int dot = name.lastIndexOf('.');
        Path json = out.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".json");
        gt.write(json);
        System.out.printf("%s: %d frames %dx%d in %.1f s; ground truth %s%n", out, gt.frameCount(), w, h,
                (System.nanoTime() - t0) / 1e9, json);
    }
}
