package dev.avastream.decoders;

import org.bytedeco.opencv.opencv_core.Mat;

import java.util.Arrays;

/**
 * Decodes one {@link ChunkSpec} at a time into {@link DecodedFrame}s with exact title-wide indices.
 *
 * <h2>How a chunk is decoded</h2>
 * <ol>
 *   <li>Seek to the last keyframe at or before the context start time (or decode from the start of
 *       the file for a chunk that begins there), flush the decoder, and drop packets until a keyframe.</li>
 *   <li>Decode; map each frame's presentation time (JavaCV's formula, see {@link VideoProber}) to a
 *       position in {@link ChunkSpec#contextPtsUs()} by binary search. An exact match is required;
 *       only when there is none is a match within half a frame interval accepted (counted in
 *       {@link ChunkDecodeStats#inexactMatches()}); times outside the context's range must match
 *       exactly. Frames before the context are dropped
 *       ({@code skippedFrames}); a time matching nothing, or an index not after the previous one, is
 *       dropped ({@code unexpectedFrames}). Indices therefore never shift, whatever the seek did.</li>
 *   <li>If the first frame inside the context is not the context's first frame, the seek landed too
 *       late: seek again 2 s, 10 s, 60 s earlier (from the start of the file only where the demuxer
 *       cannot seek that early); then the frames still missing count as missing.</li>
 *   <li>Emit frames in presentation order, flagged {@code context} outside {@code [startFrame,
 *       endFrame]}, as BGR at analysis size, upright; stop right after the context's last frame.</li>
 * </ol>
 *
 * <h2>Damaged input</h2>
 * A read error or truncation never shifts indices: frames that cannot be decoded are simply not
 * emitted. If any frame of the chunk's own range is missing, {@code decode} throws a
 * {@link VideoDecodeException} naming the file, the chunk and the first missing frame (after
 * emitting the frames it could decode), unless {@link DecodeOptions#failOnMissingFrames()} is false:
 * then it returns and {@link ChunkDecodeStats#missingFrames()} is the count.
 *
 * <h2>Buffers</h2>
 * {@link DecodedFrame#bgr()} is the decoder's own buffer (FFmpeg's scaler writes into it; no further
 * copy; for rotated videos one OpenCV rotate): valid only inside {@code accept}. Its rows are padded
 * to a 64-byte stride (swscale may write past unaligned row ends), so it is not always continuous.
 *
 * <p>Not thread-safe; use one per task. Consecutive chunks of the same source reuse the open file.
 */
public final class ChunkDecoder implements AutoCloseable {
    private static final long[] SEEK_BACKOFF_US = {0, 2_000_000L, 10_000_000L, 60_000_000L};

    private final DecodeOptions options;
    private VideoReader reader;

    public ChunkDecoder(DecodeOptions options) { this.options = options; }

    public DecodeOptions options() { return options; }

    /**
     * Decodes the chunk's context range and hands every frame to {@code sink}, in presentation order.
     *
     * @throws VideoDecodeException the source cannot be opened or read, or (with
     *                              {@code failOnMissingFrames}) frames of the chunk's own range are missing
     * @throws FrameSinkException   the sink threw a checked exception (unchecked ones pass through)
     */
    public ChunkDecodeStats decode(ChunkSpec chunk, FrameSink sink) throws VideoDecodeException {
        long t0 = System.nanoTime();
        long sinkNanos = 0;
        long[] pts = chunk.contextPtsUs();
        int m = pts.length;
        if (m == 0) throw new IllegalArgumentException("chunk without frames: " + chunk);
        boolean[] seen = new boolean[m];
        long framesDecoded = 0, contextFrames = 0, skipped = 0, unexpected = 0, inexact = 0;
        int seeks = 0;
        int last = -1;
        boolean ok = false;
        try {
            if (reader == null || !reader.source.equals(chunk.source())) {
                closeReader();
                reader = VideoReader.open(chunk.source(), options.analysisWidth(), options.decoderThreads(), options.loopFilterSkip(), options.scaler());
            }
            int attempt = 0;
            attempts:
            while (true) {
                boolean fromStart = attempt >= SEEK_BACKOFF_US.length
                        || (attempt == 0 && chunk.contextStartFrame() == 0);
                if (fromStart) {
                    if (!reader.fresh()) reopen();
                } else if (!reader.seekMicros(pts[0] - SEEK_BACKOFF_US[attempt])) {
                    reopen(); // cannot seek that early: decode from the start
                    attempt = SEEK_BACKOFF_US.length;
                    fromStart = true;
                }
                seeks++;
                // after the earliest seek (60 s back) take what comes rather than decode a long title from its start
                boolean lastTry = fromStart || attempt >= SEEK_BACKOFF_US.length - 1;
                boolean started = false;
                while (true) {
                    long t = reader.next();
                    if (t == VideoReader.END) break attempts;
                    if (t == VideoReader.NO_TIME) { unexpected++; continue; }
                    int j = Arrays.binarySearch(pts, t);
                    boolean exact = j >= 0;
                    if (!exact) j = nearestWithinHalfFrame(pts, t, -j - 1);
                    if (j < 0) {
                        if (t < pts[0]) { skipped++; continue; }
                        if (t > pts[m - 1]) {
                            if (!started && !lastTry) {
                                attempt++; // landed after the whole context
                                continue attempts;
                            }
                            break attempts;
                        }
                        unexpected++;
                        continue;
                    }
                    if (!started) {
                        if (j > 0 && !lastTry) {
                            attempt++; // landed after the context start: go back further
                            continue attempts;
                        }
                        started = true;
                    }
                    if (j <= last) { unexpected++; continue; }
                    if (!exact) inexact++;
                    seen[j] = true;
                    last = j;
                    long index = chunk.contextStartFrame() + j;
                    boolean context = index < chunk.startFrame() || index > chunk.endFrame();
                    Mat img = reader.image();
                    long s0 = System.nanoTime();
                    try {
                        sink.accept(new DecodedFrame(index, pts[j], context, img));
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new FrameSinkException("frame sink failed at frame " + index + " of " + chunk, e);
                    }
                    sinkNanos += System.nanoTime() - s0;
                    if (context) contextFrames++; else framesDecoded++;
                    if (j == m - 1) break attempts;
                }
            }
            ok = true;
        } finally {
            if (!ok) closeReader();
        }

        long missing = 0, missingContext = 0, firstMissing = -1;
        for (int j = 0; j < m; j++) {
            if (seen[j]) continue;
            long index = chunk.contextStartFrame() + j;
            if (index < chunk.startFrame() || index > chunk.endFrame()) {
                missingContext++;
            } else {
                missing++;
                if (firstMissing < 0) firstMissing = index;
            }
        }
        ChunkDecodeStats stats = new ChunkDecodeStats(framesDecoded, contextFrames, missing,
                System.nanoTime() - t0 - sinkNanos, missingContext, skipped, unexpected, inexact, seeks, firstMissing);
        if (missing > 0 && options.failOnMissingFrames()) {
            int readError = reader == null ? 0 : reader.readError();
            long decodeErrors = reader == null ? 0 : reader.decodeErrors();
            closeReader();
            throw new VideoDecodeException(chunk.source(), "chunk " + chunk.chunkIndex() + " (frames " + chunk.startFrame() + ".."
                    + chunk.endFrame() + "): " + missing + " of " + chunk.frameCount() + " frames could not be decoded, first missing frame "
                    + firstMissing + (last >= 0 ? ", last decoded frame " + (chunk.contextStartFrame() + last) : ", none decoded")
                    + (readError != 0 ? ", read error: " + FFmpegUtil.err(readError) : "")
                    + (decodeErrors > 0 ? ", " + decodeErrors + " decoder errors" : "")
                    + " (file truncated or damaged?)");
        }
        return stats;
    }

    /**
     * Fallback match for a time {@code t} that is not exactly in {@code pts}: the position of the
     * nearest planned time if {@code t} lies strictly inside the planned range and is closer to it than
     * half of each interval around it; else -1. Times outside the range never match inexactly, since
     * the unseen neighbour outside the context could be the true owner.
     */
    static int nearestWithinHalfFrame(long[] pts, long t, int insertion) {
        if (insertion <= 0 || insertion >= pts.length) return -1;
        int best = t - pts[insertion - 1] <= pts[insertion] - t ? insertion - 1 : insertion;
        long dist = Math.abs(pts[best] - t);
        long gap = pts[insertion] - pts[insertion - 1];
        if (best > 0) gap = Math.min(gap, pts[best] - pts[best - 1]);
        if (best + 1 < pts.length) gap = Math.min(gap, pts[best + 1] - pts[best]);
        return 2 * dist < gap ? best : -1;
    }

    private void reopen() throws VideoDecodeException {
        String source = reader.source;
        closeReader();
        reader = VideoReader.open(source, options.analysisWidth(), options.decoderThreads(), options.loopFilterSkip(), options.scaler());
    }

    private void closeReader() {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }

    @Override
    public void close() { closeReader(); }
}
