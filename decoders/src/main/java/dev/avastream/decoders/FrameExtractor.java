package dev.avastream.decoders;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

/**
 * One frame of a title at full (or a chosen) resolution, upright: for previews and thumbnails.
 * Opens the file, seeks to the keyframe before the frame and decodes up to it; costs up to one GOP
 * of decoding per call.
 */
public final class FrameExtractor {
    private FrameExtractor() { }

    /**
     * Decodes the frame presented at {@code ptsUs} (as in {@link VideoProbe#framePtsUs()}) at the
     * stream's size, rotated upright. The caller owns (and must close) the returned matrix.
     *
     * @param frameIndex the frame's title-wide index, for messages only
     */
    public static Mat extract(String source, long frameIndex, long ptsUs) throws VideoDecodeException {
        return extract(source, frameIndex, ptsUs, 0);
    }

    /** As {@link #extract(String, long, long)}, scaled to {@code width} pixels wide (0 = stream size). */
    public static Mat extract(String source, long frameIndex, long ptsUs, int width) throws VideoDecodeException {
        VideoReader r = VideoReader.open(source, width, 0);
        try {
            if (r.seekMicros(ptsUs)) {
                Mat m = decodeUpTo(r, source, frameIndex, ptsUs, false);
                if (m != null) return m;
            }
            // cannot seek there, or the seek landed after the frame: decode from the start
            r.close();
            r = VideoReader.open(source, width, 0);
            return decodeUpTo(r, source, frameIndex, ptsUs, true);
        } finally {
            r.close();
        }
    }

    /** The frame as JPEG bytes ({@code quality} 1..100), {@code width} pixels wide (0 = stream size). */
    public static byte[] extractJpeg(String source, long frameIndex, long ptsUs, int width, int quality) throws VideoDecodeException {
        try (Mat m = extract(source, frameIndex, ptsUs, width);
             BytePointer buf = new BytePointer();
             IntPointer params = new IntPointer(IMWRITE_JPEG_QUALITY, Math.max(1, Math.min(100, quality)))) {
            if (!imencode(".jpg", m, buf, params)) throw new VideoDecodeException(source, "JPEG encoding of frame " + frameIndex + " failed");
            byte[] out = new byte[(int) buf.limit()];
            buf.get(out);
            return out;
        }
    }

    /** Decodes to the frame at {@code ptsUs}; null when the first frame is already past it (seek landed late). */
    private static Mat decodeUpTo(VideoReader r, String source, long frameIndex, long ptsUs, boolean fromStart) throws VideoDecodeException {
        long prev = Long.MIN_VALUE;
        boolean first = true;
        while (true) {
            long t = r.next();
            if (t == VideoReader.END) break;
            if (t == VideoReader.NO_TIME) continue;
            if (t == ptsUs) return r.image().clone();
            if (t > ptsUs) {
                if (first && !fromStart) return null;
                // no exact match: accept the frame after if it is within half a frame interval
                if (prev != Long.MIN_VALUE && 2 * (t - ptsUs) < (t - prev)) return r.image().clone();
                break;
            }
            first = false;
            prev = t;
        }
        throw new VideoDecodeException(source, "no frame " + frameIndex + " at " + ptsUs + " us (file truncated or damaged?)");
    }
}
