package dev.avastream.decoders;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.opencv.opencv_core.Mat;

import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_seek_file;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_180;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_CLOCKWISE;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_COUNTERCLOCKWISE;
import static org.bytedeco.opencv.global.opencv_core.rotate;

/**
 * A minimal FFmpeg decode loop over one video stream (send/receive API), used instead of JavaCV's
 * {@code FFmpegFrameGrabber} because it needs control the grabber does not give: seeking without
 * decoding ahead (the grabber's {@code setTimestamp} grabs frames up to the target itself and keeps a
 * stale "already grabbed" frame), a decoder flush after each seek, visible decode/read errors (the
 * grabber ignores them), no audio decoding, and scaling straight into an OpenCV {@link Mat} it owns.
 * Frame times use the grabber's exact formula ({@link FFmpegUtil#toMicros}).
 *
 * <p>Not thread-safe. One instance per source; {@link #close()} frees the native state.
 */
final class VideoReader implements AutoCloseable {
    /** {@link #next()} result at the end of the stream. */
    static final long END = Long.MIN_VALUE;
    /** {@link #next()} result for a frame without any timestamp. */
    static final long NO_TIME = Long.MIN_VALUE + 1;

    final String source;
    private AVFormatContext oc;
    private final int streamIndex;
    private final int tbNum;
    private final int tbDen;
    private AVCodecContext dec;
    private AVPacket pkt;
    private AVFrame frame;
    private SwsContext sws;
    final int rotationDegrees;
    /** Output size (after rotation). */
    final int width;
    final int height;
    /** The analysis frame is at most this many times as tall as the analysis width. */
    static final int MAX_ANALYSIS_ASPECT = 2;
    private final int scaledW;
    private final int scaledH;
    private final BytePointer scaledBuffer;
    private final Mat scaled;
    private final Mat rotated;
    private final AnalysisScaler scaler;
    private final PlaneHalver halver;
    private final PointerPointer<BytePointer> dstData;
    private final IntPointer dstLinesize;
    private boolean fresh = true;
    private boolean needKeyframe = true;
    private boolean flushSent;
    private boolean drained;
    private boolean haveFrame;
    private int readError;
    private long decodeErrors;
    private boolean closed;

    private VideoReader(String source, AVFormatContext oc, int analysisWidth, int threads, LoopFilterSkip skip,
                        AnalysisScaler scaler) throws VideoDecodeException {
        this.source = source;
        this.scaler = scaler;
        this.oc = oc;
        this.streamIndex = FFmpegUtil.videoStreamIndex(oc);
        if (streamIndex < 0) throw new VideoDecodeException(source, FFmpegUtil.noVideoStream(oc));
        for (int i = 0; i < oc.nb_streams(); i++) if (i != streamIndex) oc.streams(i).discard(AVDISCARD_ALL);
        AVStream st = oc.streams(streamIndex);
        AVCodecParameters par = st.codecpar();
        tbNum = st.time_base().num();
        tbDen = st.time_base().den();
        AVCodec codec = avcodec_find_decoder(par.codec_id());
        if (codec == null) throw new VideoDecodeException(source, "no decoder for codec id " + par.codec_id());
        dec = avcodec_alloc_context3(codec);
        int ret = avcodec_parameters_to_context(dec, par);
        if (ret >= 0) {
            dec.pkt_timebase(st.time_base());
            dec.thread_count(threads);
            dec.skip_loop_filter(skip.discard());
            ret = avcodec_open2(dec, codec, (org.bytedeco.ffmpeg.avutil.AVDictionary) null);
        }
        if (ret < 0) {
            avcodec_free_context(dec);
            throw new VideoDecodeException(source, "cannot open the " + codec.name().getString() + " decoder (" + FFmpegUtil.err(ret) + ")");
        }
        pkt = av_packet_alloc();
        frame = av_frame_alloc();

        rotationDegrees = FFmpegUtil.rotationDegrees(st);
        boolean transposed = rotationDegrees % 180 != 0;
        int cw = par.width(), ch = par.height();
        if (cw <= 0 || ch <= 0) {
            av_frame_free(frame);
            av_packet_free(pkt);
            avcodec_free_context(dec);
            throw new VideoDecodeException(source, "unknown frame size " + cw + "x" + ch);
        }
        if (analysisWidth == 0) {
            width = transposed ? ch : cw;
            height = transposed ? cw : ch;
        } else {
            double sar = FFmpegUtil.q2d(par.sample_aspect_ratio());
            if (!(sar > 0)) sar = 1;
            double dw = cw * sar, dh = ch;
            if (transposed) { double t = dw; dw = dh; dh = t; }
            int h = Math.max(2, (int) Math.round(analysisWidth * dh / dw / 2.0) * 2);
            if (h > MAX_ANALYSIS_ASPECT * analysisWidth) {
                // Taller than 1:2 (a 32x1200 strip would be 320x12000 here, 3.8 megapixels a frame, and
                // a 16x4000 one 25): the height is capped, the width follows, so a frame of any shape
                // costs at most a 320x640 one.
                height = MAX_ANALYSIS_ASPECT * analysisWidth;
                width = Math.max(2, (int) Math.round(height * dw / dh / 2.0) * 2);
            } else {
                width = analysisWidth;
                height = h;
            }
        }
        scaledW = transposed ? height : width;
        scaledH = transposed ? width : height;
        // swscale's SIMD code may write past the end of a row whose stride is not aligned
        // (https://trac.ffmpeg.org/ticket/1031, the reason JavaCV's grabber pads its stride to 64 bytes):
        // give it a 64-byte aligned stride and a spare row; the Mat header uses that stride
        int stride = (scaledW * 3 + 63) & ~63;
        long size = (long) stride * (scaledH + 1) + 64;
        scaledBuffer = new BytePointer(av_malloc(size)).capacity(size);
        if (scaledBuffer.isNull()) throw new OutOfMemoryError("av_malloc(" + size + ")");
        scaled = new Mat(scaledH, scaledW, CV_8UC3, scaledBuffer, stride);
        rotated = rotationDegrees == 0 ? null : new Mat(height, width, CV_8UC3);
        halver = scaler == AnalysisScaler.HALVING ? new PlaneHalver(scaledW, scaledH) : null;
        dstData = new PointerPointer<>(4);
        dstData.put(0, scaledBuffer);
        for (int i = 1; i < 4; i++) dstData.put(i, (BytePointer) null);
        dstLinesize = new IntPointer(0, 0, 0, 0);
        dstLinesize.put(0, stride);
    }

    /** Opens {@code source}, ready to decode from its first keyframe. */
    static VideoReader open(String source, int analysisWidth, int threads) throws VideoDecodeException {
        return open(source, analysisWidth, threads, LoopFilterSkip.NONE, AnalysisScaler.SWSCALE);
    }

    /**
     * Opens {@code source}, ready to decode from its first keyframe, deblocking as {@code skip} says and
     * reducing frames with {@code scaler}.
     */
    static VideoReader open(String source, int analysisWidth, int threads, LoopFilterSkip skip, AnalysisScaler scaler)
            throws VideoDecodeException {
        AVFormatContext oc = FFmpegUtil.open(source);
        try {
            return new VideoReader(source, oc, analysisWidth, threads, skip, scaler);
        } catch (VideoDecodeException | RuntimeException e) {
            avformat_close_input(oc);
            throw e;
        }
    }

    /** True while nothing was read since opening: decoding starts at the beginning of the file. */
    boolean fresh() { return fresh; }

    int readError() { return readError; }

    long decodeErrors() { return decodeErrors; }

    /**
     * Seeks to the last keyframe at or before {@code us} (in decoder microseconds) and flushes the
     * decoder. Returns false when the demuxer cannot seek there (e.g. before the first keyframe).
     */
    boolean seekMicros(long us) {
        long ts = FFmpegUtil.fromMicrosFloor(us, tbNum, tbDen);
        int ret = avformat_seek_file(oc, streamIndex, Long.MIN_VALUE, ts, ts, 0);
        avcodec_flush_buffers(dec);
        fresh = false;
        needKeyframe = true;
        flushSent = false;
        drained = false;
        haveFrame = false;
        return ret >= 0;
    }

    /**
     * Decodes the next frame in presentation order and returns its time in microseconds, {@link #END}
     * at the end of the stream (or of readable data: see {@link #readError()}), or {@link #NO_TIME}.
     */
    long next() {
        haveFrame = false;
        while (true) {
            if (!drained) {
                int ret = avcodec_receive_frame(dec, frame);
                if (ret == 0) {
                    haveFrame = true;
                    long t = frame.best_effort_timestamp();
                    if (t == AV_NOPTS_VALUE) t = frame.pts();
                    if (t == AV_NOPTS_VALUE) return NO_TIME;
                    return FFmpegUtil.toMicros(t, tbNum, tbDen);
                }
                if (ret == AVERROR_EOF()) {
                    drained = true;
                    return END;
                }
                if (ret != AVERROR_EAGAIN()) decodeErrors++;
            } else {
                return END;
            }
            if (flushSent) {
                // the decoder was told the stream ended yet wants input: give up
                drained = true;
                return END;
            }
            int ret = av_read_frame(oc, pkt);
            fresh = false;
            if (ret < 0) {
                if (ret != AVERROR_EOF()) readError = ret;
                avcodec_send_packet(dec, null);
                flushSent = true;
                continue;
            }
            try {
                if (pkt.stream_index() != streamIndex) continue;
                if (needKeyframe) {
                    if ((pkt.flags() & AV_PKT_FLAG_KEY) == 0) continue;
                    needKeyframe = false;
                }
                ret = avcodec_send_packet(dec, pkt);
                if (ret < 0 && ret != AVERROR_EAGAIN()) decodeErrors++;
            } finally {
                av_packet_unref(pkt);
            }
        }
    }

    /**
     * The current frame as 8-bit BGR at output size, upright. The returned matrix belongs to this
     * reader and is overwritten by the next call.
     */
    Mat image() {
        if (!haveFrame) throw new IllegalStateException("no decoded frame");
        if (halver != null && PlaneHalver.handles(frame.format()) && halver.reduce(frame)) {
            sws = sws_getCachedContext(sws, halver.width(), halver.height(), frame.format(), scaledW, scaledH,
                    AV_PIX_FMT_BGR24, SWS_BILINEAR, null, null, (DoublePointer) null);
            if (sws == null) throw new IllegalStateException(source + ": cannot convert pixel format " + frame.format());
            sws_scale(sws, halver.data(), halver.linesize(), 0, halver.height(), dstData, dstLinesize);
        } else {
            sws = sws_getCachedContext(sws, frame.width(), frame.height(), frame.format(), scaledW, scaledH, AV_PIX_FMT_BGR24,
                    SWS_BILINEAR, null, null, (DoublePointer) null);
            if (sws == null) throw new IllegalStateException(source + ": cannot convert pixel format " + frame.format());
            sws_scale(sws, frame.data(), frame.linesize(), 0, frame.height(), dstData, dstLinesize);
        }
        if (rotated == null) return scaled;
        int code = switch (rotationDegrees) {
            case 90 -> ROTATE_90_CLOCKWISE;
            case 180 -> ROTATE_180;
            default -> ROTATE_90_COUNTERCLOCKWISE;
        };
        rotate(scaled, rotated, code);
        return rotated;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (frame != null) { av_frame_unref(frame); av_frame_free(frame); frame = null; }
        if (pkt != null) { av_packet_free(pkt); pkt = null; }
        if (dec != null) { avcodec_free_context(dec); dec = null; }
        if (sws != null) { sws_freeContext(sws); sws = null; }
        if (oc != null) { avformat_close_input(oc); oc = null; }
        scaled.close();
        av_free(scaledBuffer);
        if (rotated != null) rotated.close();
        if (halver != null) halver.close();
        dstData.close();
        dstLinesize.close();
    }
}
