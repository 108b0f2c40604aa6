package dev.avastream.decoders;

import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_BIDIR;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_DEFAULT;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_NONKEY;

/**
 * Which frames the decoder may leave without their in-loop deblocking filter (FFmpeg's {@code
 * skip_loop_filter}; H.264 and HEVC honour it, other codecs ignore it). The deblocking filter
 * smooths block edges at full resolution; analysis looks at frames scaled down to a few hundred
 * pixels, where those edges average out, and it is a large share of an H.264 decoder's time. Frames
 * decoded without it differ slightly from the encoder's, and the difference carries into the frames
 * predicted from them until the next keyframe; docs/benchmarks.md measures what it changes and saves.
 */
public enum LoopFilterSkip {
    /** Deblock every frame, exactly as encoded. */
    NONE(AVDISCARD_DEFAULT),
    /** Skip it on B-frames, which (without B-pyramids) no other frame is predicted from. */
    BIDIR(AVDISCARD_BIDIR),
    /** Skip it on every frame but keyframes. */
    NONKEY(AVDISCARD_NONKEY),
    /** Skip it on every frame. */
    ALL(AVDISCARD_ALL);

    private final int discard;

    LoopFilterSkip(int discard) { this.discard = discard; }

    /** FFmpeg's {@code AVDiscard} value. */
    int discard() { return discard; }

    /** The value named {@code name}, case-insensitive ({@code none}, {@code bidir}, {@code nonkey}, {@code all}). */
    public static LoopFilterSkip of(String name) {
        return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
