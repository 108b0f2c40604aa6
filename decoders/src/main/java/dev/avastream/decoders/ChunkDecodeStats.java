package dev.avastream.decoders;

import java.io.Serializable;

/**
 * What decoding one chunk did.
 *
 * @param framesDecoded        frames of the chunk's own range emitted
 * @param contextFrames        pre-roll/post-roll frames emitted
 * @param missingFrames        frames of the own range never decoded (0 unless the file is damaged)
 * @param decodeNanos          wall time of {@code decode}, excluding time spent in the sink
 * @param missingContextFrames context frames never decoded
 * @param skippedFrames        frames decoded before the context start (seek landed on an earlier keyframe)
 * @param unexpectedFrames     decoded frames whose time matched no planned frame, or repeated one; dropped
 * @param inexactMatches       frames matched to a planned time only within half a frame (not bit-exact)
 * @param seeks                seeks done (more than 1 when a seek landed after the context start)
 * @param firstMissingFrame    lowest missing frame index of the own range, or -1
 */
public record ChunkDecodeStats(
        long framesDecoded,
        long contextFrames,
        long missingFrames,
        long decodeNanos,
        long missingContextFrames,
        long skippedFrames,
        long unexpectedFrames,
        long inexactMatches,
        int seeks,
        long firstMissingFrame) implements Serializable {

    public double framesPerSecond() {
        return decodeNanos <= 0 ? 0 : (framesDecoded + contextFrames) * 1e9 / decodeNanos;
    }
}
