package dev.avastream.decoders;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;

import java.util.Arrays;

import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_CORRUPT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_DISCARD;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_profile_name;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

/**
 * Reads a video's frame timeline from its container without decoding.
 *
 * <p>Every packet of the video stream is demuxed (not decoded): packets flagged
 * {@code AV_PKT_FLAG_DISCARD} (outside an mp4 edit list) are skipped, as are packets before the first
 * keyframe in decode order (a decoder cannot show them); each remaining packet's timestamp (pts, or
 * dts when it has none) is converted to microseconds with exactly the formula JavaCV's
 * {@code FFmpegFrameGrabber} applies to decoded frames, {@code 1000000L * pts * tb.num / tb.den}
 * (integer, truncating), and the times are sorted into presentation order. Frame {@code i} of the
 * title is the frame with the {@code i}-th smallest presentation time; decoders identify frames by
 * these times, never by counting.
 *
 * <p>Cost: one pass over the file's bytes (the demuxer reads packet data); no decoding.
 */
public final class VideoProber {
    private VideoProber() { }

    /**
     * @throws VideoDecodeException when the source is missing, empty, not a video container, has no
     *                              video stream or no frame, or cannot be read to the end; the message
     *                              names the source and the problem
     */
    public static VideoProbe probe(String source) throws VideoDecodeException {
        AVFormatContext oc = FFmpegUtil.open(source);
        AVPacket pkt = av_packet_alloc();
        try {
            int vi = FFmpegUtil.videoStreamIndex(oc);
            if (vi < 0) throw new VideoDecodeException(source, FFmpegUtil.noVideoStream(oc));
            for (int i = 0; i < oc.nb_streams(); i++) {
                if (i != vi) oc.streams(i).discard(AVDISCARD_ALL);
            }
            AVStream st = oc.streams(vi);
            AVCodecParameters par = st.codecpar();
            AVRational tb = st.time_base();
            int tbNum = tb.num(), tbDen = tb.den();
            if (tbNum <= 0 || tbDen <= 0) throw new VideoDecodeException(source, "invalid stream time base " + tbNum + "/" + tbDen);

            long[] ticks = new long[1024];
            long[] durations = new long[1024];
            boolean[] key = new boolean[1024];
            int n = 0;
            int discarded = 0, leading = 0, corrupt = 0, noTimestamp = 0;
            boolean seenKey = false;
            int ret;
            while ((ret = av_read_frame(oc, pkt)) >= 0) {
                try {
                    if (pkt.stream_index() != vi) continue;
                    int flags = pkt.flags();
                    boolean isKey = (flags & AV_PKT_FLAG_KEY) != 0;
                    // a keyframe among discarded packets still makes the packets after it decodable
                    if (!seenKey && !isKey) { leading++; continue; }
                    seenKey = true;
                    if ((flags & AV_PKT_FLAG_DISCARD) != 0) { discarded++; continue; }
                    if ((flags & AV_PKT_FLAG_CORRUPT) != 0) corrupt++;
                    long t = pkt.pts() != AV_NOPTS_VALUE ? pkt.pts() : pkt.dts();
                    if (t == AV_NOPTS_VALUE) { noTimestamp++; continue; }
                    if (n == ticks.length) {
                        ticks = Arrays.copyOf(ticks, n * 2);
                        durations = Arrays.copyOf(durations, n * 2);
                        key = Arrays.copyOf(key, n * 2);
                    }
                    ticks[n] = t;
                    durations[n] = pkt.duration();
                    key[n] = isKey;
                    n++;
                } finally {
                    av_packet_unref(pkt);
                }
            }
            if (ret != AVERROR_EOF()) {
                throw new VideoDecodeException(source, "read error after " + n + " frames, file truncated or damaged? ("
                        + FFmpegUtil.err(ret) + ")");
            }
            if (n == 0) {
                throw new VideoDecodeException(source, "video stream has no decodable frame (" + leading
                        + " packets before the first keyframe, " + discarded + " discarded)");
            }
            if (noTimestamp > 0) {
                throw new VideoDecodeException(source, noTimestamp + " video packets carry no timestamp: frame-exact decoding impossible");
            }
            if (corrupt > 0 && st.nb_frames() > 0 && n + discarded + leading < st.nb_frames()) {
                throw new VideoDecodeException(source, "file truncated: container lists " + st.nb_frames() + " frames, only "
                        + (n + discarded + leading) + " could be read, " + corrupt + " of them incomplete");
            }

            // presentation order
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) order[i] = i;
            final long[] tk = ticks;
            Arrays.sort(order, (a, b) -> Long.compare(tk[a], tk[b]));
            long[] sortedTicks = new long[n];
            long[] ptsUs = new long[n];
            int keyCount = 0;
            for (int i = 0; i < n; i++) {
                sortedTicks[i] = ticks[order[i]];
                ptsUs[i] = FFmpegUtil.toMicros(sortedTicks[i], tbNum, tbDen);
                if (key[order[i]]) keyCount++;
            }
            for (int i = 1; i < n; i++) {
                if (ptsUs[i] == ptsUs[i - 1]) {
                    throw new VideoDecodeException(source, "frames " + (i - 1) + " and " + i + " share presentation time "
                            + ptsUs[i] + " us: frame-exact decoding impossible");
                }
            }
            long[] keyframes = new long[keyCount];
            for (int i = 0, k = 0; i < n; i++) if (key[order[i]]) keyframes[k++] = i;

            // frame durations in ticks: VFR when they differ by more than one tick (rounding of a CFR clock)
            long minD = Long.MAX_VALUE, maxD = Long.MIN_VALUE;
            long[] deltas = new long[Math.max(0, n - 1)];
            for (int i = 1; i < n; i++) {
                long d = sortedTicks[i] - sortedTicks[i - 1];
                deltas[i - 1] = d;
                minD = Math.min(minD, d);
                maxD = Math.max(maxD, d);
            }
            boolean vfr = n > 2 && maxD - minD > 1;
            long lastDurTicks = durations[order[n - 1]];
            if (lastDurTicks <= 0) {
                long[] sorted = deltas.clone();
                Arrays.sort(sorted);
                lastDurTicks = sorted.length > 0 ? sorted[sorted.length / 2] : 0;
            }
            long startUs = ptsUs[0];
            long durationUs = FFmpegUtil.toMicros(sortedTicks[n - 1] + lastDurTicks, tbNum, tbDen) - startUs;

            double fps = FFmpegUtil.q2d(st.avg_frame_rate());
            if (!(fps > 0) || Double.isInfinite(fps)) fps = durationUs > 0 ? n * 1e6 / durationUs : FFmpegUtil.q2d(st.r_frame_rate());

            BytePointer codecName = avcodec_get_name(par.codec_id());
            BytePointer profileName = avcodec_profile_name(par.codec_id(), par.profile());
            double sar = FFmpegUtil.q2d(par.sample_aspect_ratio());
            return new VideoProbe(source,
                    codecName == null ? "unknown" : codecName.getString(),
                    profileName == null || profileName.isNull() ? "" : profileName.getString(),
                    par.width(), par.height(), FFmpegUtil.rotationDegrees(st),
                    durationUs, startUs, fps, n, vfr, ptsUs, keyframes, vi, sar > 0 ? sar : 1.0);
        } finally {
            av_packet_free(pkt);
            avformat_close_input(oc);
        }
    }
}
