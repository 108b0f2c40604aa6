package dev.avastream.decoders;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

/**
 * Cuts a video into chunk files for live ingest, by copying packets (no re-encoding, so it costs
 * about as much as reading the file).
 *
 * <p>Chunk {@code k} of a plan owns frames {@code [startFrame, endFrame]}. Its file starts at the
 * last keyframe at or before {@code startFrame - preRoll} (a file must start on a keyframe to be
 * decodable; the planner snaps chunk edges so that this is usually exactly {@code startFrame -
 * preRoll}) and ends after {@code endFrame + postRoll}. The leading frames before {@code startFrame}
 * are pre-roll context, the trailing ones after {@code endFrame} look-ahead: the same context the
 * file source decodes around a chunk, so the cut detector decides every frame near a chunk edge as
 * in an uncut decode, and a cut exactly on an edge is found by the chunk that starts there. The
 * price is a few frames decoded twice and a chunk that becomes ready {@code postRoll} frames after
 * its own end.
 *
 * <p>Packets are copied from the keyframe on in decode order while their decode time is at or
 * before the last context frame's presentation time, so with B-frames every frame up to it is
 * complete; a few later frames may trail (readers should take only the frames they were told of).
 * Timestamps are kept exactly (an MP4 edit list, in the stream's time scale, carries a start after
 * 0), so frame times match the original's.
 */
public final class ChunkCutter {
    private ChunkCutter() { }

    /**
     * One chunk file.
     *
     * @param firstFrame    title-wide index of the chunk's first own frame
     * @param preRollFrames leading frames of the file before it (context)
     * @param frameCount    the chunk's own frames
     * @param contextFrames frames of the file the chunk was planned with (pre-roll + own + look-ahead)
     * @param readyAtUs     when, from the start of the title, the last frame of the file has been
     *                      captured: when a live encoder could publish it
     */
    public record ChunkFile(int chunkIndex, Path file, long firstFrame, int preRollFrames, int frameCount,
                            int contextFrames, long readyAtUs) { }

    /** Cuts {@code probe}'s video into one MP4 per chunk of {@code plan}, named {@code prefix-00000.mp4} in {@code outDir}. */
    public static List<ChunkFile> cut(VideoProbe probe, List<ChunkSpec> plan, Path outDir, String prefix)
            throws VideoDecodeException {
        try {
            Files.createDirectories(outDir);
        } catch (java.io.IOException e) {
            throw new VideoDecodeException(outDir.toString(), "cannot create the chunk directory: " + e.getMessage());
        }
        long[] pts = probe.framePtsUs();
        long[] keys = probe.keyframeIndices();
        int n = plan.size();
        List<ChunkFile> files = new ArrayList<>(n);
        long[] openAtUs = new long[n];
        long[] lastUs = new long[n];
        for (int k = 0; k < n; k++) {
            ChunkSpec c = plan.get(k);
            int ki = Arrays.binarySearch(keys, c.contextStartFrame());
            long key = ki >= 0 ? keys[ki] : keys[Math.max(0, -ki - 2)];
            long last = c.contextEndFrame();
            openAtUs[k] = pts[(int) key];
            lastUs[k] = pts[(int) last];
            long ready = pts[(int) last] + probe.frameDurationUs((int) last) - probe.startTimeUs();
            files.add(new ChunkFile(k, outDir.resolve(String.format("%s-%05d.mp4", prefix, k)), c.startFrame(),
                    (int) (c.startFrame() - key), (int) c.frameCount(), (int) (last - key + 1), ready));
        }

        AVFormatContext in = FFmpegUtil.open(probe.source());
        AVPacket pkt = av_packet_alloc();
        Output[] outputs = new Output[n];
        int next = 0;
        try {
            int vi = FFmpegUtil.videoStreamIndex(in);
            if (vi < 0) throw new VideoDecodeException(probe.source(), FFmpegUtil.noVideoStream(in));
            AVStream inStream = in.streams(vi);
            AVRational tb = inStream.time_base();
            int ret;
            while ((ret = av_read_frame(in, pkt)) >= 0) {
                try {
                    if (pkt.stream_index() != vi) continue;
                    long p = pkt.pts() != AV_NOPTS_VALUE ? pkt.pts() : pkt.dts();
                    long d = pkt.dts() != AV_NOPTS_VALUE ? pkt.dts() : pkt.pts();
                    if (p == AV_NOPTS_VALUE) continue;
                    long pUs = FFmpegUtil.toMicros(p, tb.num(), tb.den());
                    long dUs = FFmpegUtil.toMicros(d, tb.num(), tb.den());
                    boolean key = (pkt.flags() & AV_PKT_FLAG_KEY) != 0;
                    while (next < n && key && pUs == openAtUs[next]) {
                        outputs[next] = Output.open(files.get(next).file(), inStream);
                        next++;
                    }
                    for (int k = 0; k < next; k++) {
                        Output o = outputs[k];
                        if (o == null) continue;
                        if (dUs > lastUs[k]) {
                            o.close();
                            outputs[k] = null;
                        } else {
                            o.write(pkt, tb);
                        }
                    }
                } finally {
                    av_packet_unref(pkt);
                }
            }
            if (next < n) {
                throw new VideoDecodeException(probe.source(), "chunk " + next + ": its keyframe at "
                        + openAtUs[next] + " us was not found while cutting");
            }
        } finally {
            for (Output o : outputs) if (o != null) o.close();
            av_packet_free(pkt);
            avformat_close_input(in);
        }
        return files;
    }

    /** One MP4 being written. */
    private static final class Output {
        private final AVFormatContext oc;
        private final AVStream st;
        private final String path;
        private boolean closed;

        private Output(AVFormatContext oc, AVStream st, String path) {
            this.oc = oc;
            this.st = st;
            this.path = path;
        }

        static Output open(Path file, AVStream in) throws VideoDecodeException {
            String path = file.toString();
            AVFormatContext oc = new AVFormatContext(null);
            int ret = avformat_alloc_output_context2(oc, null, "mp4", path);
            if (ret < 0 || oc.isNull()) throw new VideoDecodeException(path, "cannot create the MP4 muxer: " + FFmpegUtil.err(ret));
            try {
                AVStream st = avformat_new_stream(oc, null);
                ret = avcodec_parameters_copy(st.codecpar(), in.codecpar());
                if (ret < 0) throw new VideoDecodeException(path, "cannot copy codec parameters: " + FFmpegUtil.err(ret));
                st.codecpar().codec_tag(0);
                st.time_base(in.time_base());
                AVIOContext pb = new AVIOContext(null);
                ret = avio_open(pb, path, AVIO_FLAG_WRITE);
                if (ret < 0) throw new VideoDecodeException(path, "cannot open for writing: " + FFmpegUtil.err(ret));
                oc.pb(pb);
                // The edit list that carries a start after 0 counts in the movie time scale (1 ms by
                // default): use the stream's, so every timestamp survives exactly.
                AVDictionary opts = new AVDictionary(null);
                av_dict_set(opts, "movie_timescale", Integer.toString(in.time_base().den()), 0);
                ret = avformat_write_header(oc, opts);
                av_dict_free(opts);
                if (ret < 0) throw new VideoDecodeException(path, "cannot write the MP4 header: " + FFmpegUtil.err(ret));
                return new Output(oc, st, path);
            } catch (VideoDecodeException | RuntimeException e) {
                if (oc.pb() != null && !oc.pb().isNull()) avio_closep(oc.pb());
                avformat_free_context(oc);
                throw e;
            }
        }

        void write(AVPacket pkt, AVRational inTb) throws VideoDecodeException {
            AVPacket c = av_packet_clone(pkt);
            try {
                c.stream_index(0);
                c.pos(-1);
                av_packet_rescale_ts(c, inTb, st.time_base());
                int ret = av_interleaved_write_frame(oc, c);
                if (ret < 0) throw new VideoDecodeException(path, "cannot write a packet: " + FFmpegUtil.err(ret));
            } finally {
                av_packet_free(c);
            }
        }

        void close() throws VideoDecodeException {
            if (closed) return;
            closed = true;
            int ret = av_write_trailer(oc);
            avio_closep(oc.pb());
            avformat_free_context(oc);
            if (ret < 0) throw new VideoDecodeException(path, "cannot finish the MP4: " + FFmpegUtil.err(ret));
        }
    }
}
