package dev.avastream.decoders;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.IntPointer;

import java.io.File;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_NONE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_get;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_get;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

/** Shared FFmpeg plumbing of the prober, the chunk decoder and the frame extractor. */
final class FFmpegUtil {
    private FFmpegUtil() { }

    static {
        // FFmpeg logs every concealed macroblock of a damaged file on stderr, hundreds of lines that
        // drown the one error that matters; the decoders report what went wrong themselves (the file,
        // the chunk, how many frames). -Dava.ffmpeg.log=warning (or info, debug) brings FFmpeg's own back.
        String level = System.getProperty("ava.ffmpeg.log", "fatal");
        org.bytedeco.ffmpeg.global.avutil.av_log_set_level(switch (level) {
            case "quiet" -> org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET;
            case "error" -> org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
            case "warning" -> org.bytedeco.ffmpeg.global.avutil.AV_LOG_WARNING;
            case "info" -> org.bytedeco.ffmpeg.global.avutil.AV_LOG_INFO;
            case "debug" -> org.bytedeco.ffmpeg.global.avutil.AV_LOG_DEBUG;
            default -> org.bytedeco.ffmpeg.global.avutil.AV_LOG_FATAL;
        });
    }

    /**
     * Why a file has no video stream to decode, naming what it has instead ("no video stream: 1
     * stream, audio aac"), or a video stream whose codec no decoder here knows, with its tag
     * ("unsupported video codec: 1 stream, video with an unknown codec (tag 'zzz1')").
     */
    static String noVideoStream(AVFormatContext oc) {
        if (oc.nb_streams() == 0) return "no streams at all";
        java.util.List<String> parts = new java.util.ArrayList<>();
        boolean unsupportedVideo = false;
        for (int i = 0; i < oc.nb_streams(); i++) {
            AVCodecParameters par = oc.streams(i).codecpar();
            String type = org.bytedeco.ffmpeg.global.avutil.av_get_media_type_string(par.codec_type()) == null ? "unknown"
                    : org.bytedeco.ffmpeg.global.avutil.av_get_media_type_string(par.codec_type()).getString();
            if (par.codec_id() == AV_CODEC_ID_NONE) {
                parts.add(type + " with an unknown codec (tag '" + fourcc(par.codec_tag()) + "')");
                unsupportedVideo |= par.codec_type() == AVMEDIA_TYPE_VIDEO;
            } else {
                String codec = org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name(par.codec_id()).getString();
                boolean cover = (oc.streams(i).disposition() & AV_DISPOSITION_ATTACHED_PIC) != 0;
                parts.add(type + " " + codec + (cover ? " (a cover picture)" : ""));
            }
        }
        return (unsupportedVideo ? "unsupported video codec: " : "no video stream: ") + oc.nb_streams()
                + (oc.nb_streams() == 1 ? " stream, " : " streams, ") + String.join("; ", parts);
    }

    /** A codec tag as its four characters, unprintable ones as '?'. */
    private static String fourcc(int tag) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            int c = (tag >>> (8 * i)) & 0xff;
            b.append(c >= 32 && c < 127 ? (char) c : '?');
        }
        return b.toString();
    }

    /**
     * Presentation time in microseconds of a timestamp in {@code tb} units, with exactly the integer
     * formula of JavaCV's {@code FFmpegFrameGrabber} ({@code 1000000L * pts * tb.num / tb.den},
     * truncating), so that probe times, our decoder's times and the grabber's {@code getTimestamp()}
     * agree bit for bit.
     */
    static long toMicros(long pts, int tbNum, int tbDen) {
        return 1_000_000L * pts * tbNum / tbDen;
    }

    /** The largest timestamp in {@code tb} units whose {@link #toMicros} is {@code <= us}. */
    static long fromMicrosFloor(long us, int tbNum, int tbDen) {
        long t = (long) Math.floor(us * (double) tbDen / (1e6 * tbNum));
        while (toMicros(t + 1, tbNum, tbDen) <= us) t++;
        while (toMicros(t, tbNum, tbDen) > us) t--;
        return t;
    }

    /** Opens a local file or URL and reads stream info; throws with the file name and the problem. */
    static AVFormatContext open(String source) throws VideoDecodeException {
        if (source == null || source.isEmpty()) throw new VideoDecodeException(String.valueOf(source), "no source given");
        if (!source.contains("://")) {
            File f = new File(source);
            if (!f.exists()) throw new VideoDecodeException(source, "no such file");
            if (f.isDirectory()) throw new VideoDecodeException(source, "is a directory, not a video file");
            if (!f.canRead()) throw new VideoDecodeException(source, "file is not readable");
            if (f.length() == 0) throw new VideoDecodeException(source, "file is empty (0 bytes)");
        }
        AVFormatContext oc = new AVFormatContext(null);
        int ret = avformat_open_input(oc, source, null, null);
        if (ret < 0) {
            throw new VideoDecodeException(source, "not a readable video container (" + err(ret) + ")");
        }
        ret = avformat_find_stream_info(oc, (org.bytedeco.ffmpeg.avutil.AVDictionary) null);
        if (ret < 0) {
            avformat_close_input(oc);
            throw new VideoDecodeException(source, "cannot read stream information (" + err(ret) + ")");
        }
        return oc;
    }

    /** First video stream that is not a cover picture; -1 if none. */
    static int videoStreamIndex(AVFormatContext oc) {
        for (int i = 0; i < oc.nb_streams(); i++) {
            AVStream st = oc.streams(i);
            AVCodecParameters par = st.codecpar();
            if (par.codec_type() == AVMEDIA_TYPE_VIDEO && par.codec_id() != AV_CODEC_ID_NONE
                    && (st.disposition() & AV_DISPOSITION_ATTACHED_PIC) == 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Clockwise rotation (0, 90, 180, 270) a player applies to show the stream upright: from the
     * display matrix side data, else from a legacy {@code rotate} tag.
     */
    static int rotationDegrees(AVStream st) {
        AVCodecParameters par = st.codecpar();
        double angle = Double.NaN;
        if (par.nb_coded_side_data() > 0) {
            AVPacketSideData sd = av_packet_side_data_get(par.coded_side_data(), par.nb_coded_side_data(), AV_PKT_DATA_DISPLAYMATRIX);
            if (sd != null && !sd.isNull() && sd.size() >= 36) {
                // av_display_rotation_get gives the counter-clockwise angle; a player turns by -angle
                angle = -av_display_rotation_get(new IntPointer(sd.data()));
            }
        }
        if (Double.isNaN(angle)) {
            AVDictionaryEntry e = av_dict_get(st.metadata(), "rotate", null, 0);
            if (e != null && !e.isNull() && e.value() != null) {
                try {
                    angle = Double.parseDouble(e.value().getString().trim());
                } catch (NumberFormatException ignored) {
                    angle = 0;
                }
            }
        }
        if (Double.isNaN(angle)) return 0;
        int quarter = (int) Math.round(angle / 90.0);
        return ((quarter % 4) + 4) % 4 * 90;
    }

    static double q2d(AVRational r) {
        return r == null || r.den() == 0 ? 0 : (double) r.num() / r.den();
    }

    static String err(int ret) {
        byte[] buf = new byte[256];
        av_strerror(ret, buf, buf.length);
        int len = 0;
        while (len < buf.length && buf[len] != 0) len++;
        return new String(buf, 0, len) + ", error " + ret;
    }
}
