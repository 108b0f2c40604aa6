package dev.avastream.decoders;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a probed title into contiguous, exhaustive, frame-exact chunks.
 *
 * <p>Chunk {@code i} owns frames {@code [startFrame, endFrame]}; chunk {@code i+1} starts at
 * {@code endFrame + 1}; together they cover {@code [0, frameCount)} exactly once. Each chunk also
 * carries the presentation times of its context {@code [startFrame - preRoll, endFrame + postRoll]}
 * (clipped to the title), which is all a {@link ChunkDecoder} needs to find its frames.
 */
public final class ChunkPlanner {
    /** A boundary moves to a keyframe when one lies within this fraction of a chunk of the target. */
    public static final double KEYFRAME_SNAP_FRACTION = 0.25;

    private ChunkPlanner() { }

    /**
     * Chunks of about {@code chunkSeconds} (by presentation time, so variable frame rate is fine).
     * Each boundary after the first is placed at the first frame at or after
     * {@code pts(start) + chunkSeconds}, unless a frame {@code b} within +-25% of a chunk of that target has
     * a keyframe at {@code b - preRollFrames}: then the boundary snaps to the nearest such {@code b},
     * so that the decoder's seek lands exactly on the chunk's context start. A remainder shorter
     * than 25% of a chunk joins the last chunk.
     */
    public static List<ChunkSpec> plan(String titleId, VideoProbe probe, double chunkSeconds, int preRollFrames, int postRollFrames) {
        if (!(chunkSeconds > 0)) throw new IllegalArgumentException("chunkSeconds must be > 0: " + chunkSeconds);
        checkRolls(preRollFrames, postRollFrames);
        long[] pts = probe.framePtsUs();
        int n = pts.length;
        long chunkUs = Math.max(1, Math.round(chunkSeconds * 1e6));
        long tolerance = (long) (KEYFRAME_SNAP_FRACTION * chunkUs);
        long endUs = probe.startTimeUs() + probe.durationUs();
        long[] keys = probe.keyframeIndices();

        List<Long> starts = new ArrayList<>();
        starts.add(0L);
        int s = 0;
        while (true) {
            long target = pts[s] + chunkUs;
            if (target >= endUs - tolerance) break;
            int b = firstAtOrAfter(pts, target);
            if (b >= n) break;
            // nearest frame in [target - tol, target + tol] whose context start is a keyframe
            int lo = Math.max(s + 1, firstAtOrAfter(pts, target - tolerance));
            int hi = Math.min(n - 1, firstAtOrAfter(pts, target + tolerance + 1) - 1);
            int best = -1;
            long bestDist = Long.MAX_VALUE;
            int k = Arrays.binarySearch(keys, (long) lo - preRollFrames);
            for (int i = k >= 0 ? k : -k - 1; i < keys.length && keys[i] + preRollFrames <= hi; i++) {
                long cand = keys[i] + preRollFrames;
                if (cand < lo) continue;
                long dist = Math.abs(pts[(int) cand] - target);
                if (dist < bestDist) { bestDist = dist; best = (int) cand; }
            }
            if (best > s) b = best;
            if (b <= s) b = s + 1;
            if (b >= n) break;
            // a tail shorter than the tolerance joins this chunk
            if (endUs - pts[b] < tolerance) break;
            starts.add((long) b);
            s = b;
        }
        return plan(titleId, probe, starts.stream().mapToLong(Long::longValue).toArray(), preRollFrames, postRollFrames);
    }

    /**
     * Chunks starting exactly at {@code startFrames} (first must be 0, strictly increasing, each
     * below the frame count); chunk {@code i} ends right before {@code startFrames[i+1]}.
     */
    public static List<ChunkSpec> plan(String titleId, VideoProbe probe, long[] startFrames, int preRollFrames, int postRollFrames) {
        checkRolls(preRollFrames, postRollFrames);
        int n = probe.frameCount();
        if (startFrames.length == 0 || startFrames[0] != 0) throw new IllegalArgumentException("the first chunk must start at frame 0");
        for (int i = 1; i < startFrames.length; i++) {
            if (startFrames[i] <= startFrames[i - 1] || startFrames[i] >= n) {
                throw new IllegalArgumentException("chunk starts must increase and stay below " + n + ": " + Arrays.toString(startFrames));
            }
        }
        long[] pts = probe.framePtsUs();
        List<ChunkSpec> out = new ArrayList<>(startFrames.length);
        for (int i = 0; i < startFrames.length; i++) {
            long start = startFrames[i];
            long end = i + 1 < startFrames.length ? startFrames[i + 1] - 1 : n - 1;
            int ctxStart = (int) Math.max(0, start - preRollFrames);
            int ctxEnd = (int) Math.min(n - 1, end + postRollFrames);
            out.add(new ChunkSpec(titleId, probe.source(), i, startFrames.length, n, start, end, ctxStart,
                    Arrays.copyOfRange(pts, ctxStart, ctxEnd + 1)));
        }
        return List.copyOf(out);
    }

    /** Start frames of the chunks in a plan (for logs and re-planning). */
    public static long[] startFrames(List<ChunkSpec> chunks) {
        return chunks.stream().mapToLong(ChunkSpec::startFrame).toArray();
    }

    private static int firstAtOrAfter(long[] pts, long t) {
        int i = Arrays.binarySearch(pts, t);
        return i >= 0 ? i : -i - 1;
    }

    private static void checkRolls(int pre, int post) {
        if (pre < 0 || post < 0) throw new IllegalArgumentException("pre/post roll must be >= 0: " + pre + ", " + post);
    }
}
