package dev.avastream.decoders;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Facts about a title's video stream, read by {@link VideoProber} from the container's packets
 * without decoding.
 *
 * @param source            the file or URL as given to the prober
 * @param codec             FFmpeg codec name, e.g. {@code h264}
 * @param profile           codec profile name, e.g. {@code High}, or empty when unknown
 * @param width             coded (stored) width in pixels, before rotation
 * @param height            coded (stored) height in pixels, before rotation
 * @param rotationDegrees   clockwise rotation a player applies to show frames upright: 0, 90, 180 or 270
 * @param durationUs        presentation span: last frame's pts + its duration - first frame's pts
 * @param startTimeUs       presentation time of frame 0 (not necessarily 0)
 * @param averageFps        the container's average frame rate, else {@code frameCount / duration}
 * @param frameCount        number of decodable frames (= {@code framePtsUs.length})
 * @param variableFrameRate true when frame durations differ by more than one time-base tick
 * @param framePtsUs        presentation time of every frame in presentation order, in microseconds,
 *                          exactly as a decoder reports it (see {@link VideoProber})
 * @param keyframeIndices   indices (into {@code framePtsUs}) of keyframes, ascending: where a seek lands
 * @param streamIndex       index of the video stream in the container
 * @param sampleAspectRatio pixel aspect ratio (1.0 for square pixels or when unknown)
 */
public record VideoProbe(
        String source,
        String codec,
        String profile,
        int width,
        int height,
        int rotationDegrees,
        long durationUs,
        long startTimeUs,
        double averageFps,
        int frameCount,
        boolean variableFrameRate,
        long[] framePtsUs,
        long[] keyframeIndices,
        int streamIndex,
        double sampleAspectRatio) implements Serializable {

    /** Width after rotation (what a player shows, ignoring non-square pixels). */
    public int displayWidth() { return rotationDegrees % 180 == 0 ? width : height; }

    /** Height after rotation. */
    public int displayHeight() { return rotationDegrees % 180 == 0 ? height : width; }

    public double durationSeconds() { return durationUs / 1e6; }

    /** Frame whose presentation time is exactly {@code ptsUs}, or -1. */
    public int frameIndexOf(long ptsUs) {
        int i = Arrays.binarySearch(framePtsUs, ptsUs);
        return i >= 0 ? i : -1;
    }

    /** Index of the last frame whose presentation time is at or before {@code ptsUs} (0 if none). */
    public int frameAtOrBefore(long ptsUs) {
        int i = Arrays.binarySearch(framePtsUs, ptsUs);
        return i >= 0 ? i : Math.max(0, -i - 2);
    }

    public boolean isKeyframe(long frameIndex) { return Arrays.binarySearch(keyframeIndices, frameIndex) >= 0; }

    /** Duration of frame {@code i}: distance to the next frame, or for the last frame what remains of the duration. */
    public long frameDurationUs(int i) {
        if (i + 1 < framePtsUs.length) return framePtsUs[i + 1] - framePtsUs[i];
        return Math.max(1, startTimeUs + durationUs - framePtsUs[i]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VideoProbe p && p.source.equals(source) && p.codec.equals(codec) && p.profile.equals(profile)
                && p.width == width && p.height == height && p.rotationDegrees == rotationDegrees
                && p.durationUs == durationUs && p.startTimeUs == startTimeUs
                && Double.compare(p.averageFps, averageFps) == 0 && p.frameCount == frameCount
                && p.variableFrameRate == variableFrameRate && Arrays.equals(p.framePtsUs, framePtsUs)
                && Arrays.equals(p.keyframeIndices, keyframeIndices) && p.streamIndex == streamIndex
                && Double.compare(p.sampleAspectRatio, sampleAspectRatio) == 0;
    }

    @Override
    public int hashCode() { return source.hashCode() * 31 + Arrays.hashCode(framePtsUs); }

    @Override
    public String toString() {
        return "VideoProbe[" + source + ": " + codec + (profile.isEmpty() ? "" : " " + profile) + " " + width + "x" + height
                + (rotationDegrees != 0 ? " rot " + rotationDegrees : "") + ", " + frameCount + " frames, "
                + String.format("%.3f", averageFps) + " fps" + (variableFrameRate ? " (VFR)" : "")
                + ", start " + startTimeUs + " us, duration " + durationUs + " us, " + keyframeIndices.length + " keyframes]";
    }
}
