package dev.avastream.decoders;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChunkPlannerTest {
    /** A probe of {@code n} frames at {@code fps} starting at {@code startUs}, keyframes every {@code gop}. */
    static VideoProbe probe(int n, double fps, long startUs, int gop) {
        long[] pts = new long[n];
        for (int i = 0; i < n; i++) pts[i] = startUs + Math.round(i * 1e6 / fps);
        long[] keys = new long[(n + gop - 1) / gop];
        for (int i = 0; i < keys.length; i++) keys[i] = (long) i * gop;
        return new VideoProbe("mem.mp4", "h264", "", 640, 360, 0, Math.round(n * 1e6 / fps), startUs, fps, n, false, pts, keys, 0, 1.0);
    }

    static void assertValidPlan(VideoProbe p, List<ChunkSpec> plan, int pre, int post) {
        long next = 0;
        for (int i = 0; i < plan.size(); i++) {
            ChunkSpec c = plan.get(i);
            assertEquals(i, c.chunkIndex());
            assertEquals(plan.size(), c.chunkCount());
            assertEquals(p.frameCount(), c.titleFrameCount());
            assertEquals(next, c.startFrame(), "contiguous");
            assertTrue(c.endFrame() >= c.startFrame());
            assertEquals(Math.max(0, c.startFrame() - pre), c.contextStartFrame());
            assertEquals(Math.min(p.frameCount() - 1, c.endFrame() + post), c.contextEndFrame());
            for (long f = c.contextStartFrame(); f <= c.contextEndFrame(); f++) assertEquals(p.framePtsUs()[(int) f], c.ptsOf(f));
            next = c.endFrame() + 1;
        }
        assertEquals(p.frameCount(), next, "exhaustive");
    }

    @Test
    void contiguousExhaustiveForManyLengths() {
        VideoProbe p = probe(1000, 30, 0, 48);
        for (double secs : new double[] {0.1, 0.5, 1, 2.3, 5, 10, 33.3, 34, 1000}) {
            for (int roll : new int[] {0, 2, 10}) {
                List<ChunkSpec> plan = ChunkPlanner.plan("t", p, secs, roll, roll);
                assertValidPlan(p, plan, roll, roll);
                if (secs >= 34) assertEquals(1, plan.size(), "whole title in one chunk");
            }
        }
    }

    @Test
    void chunkLengthsStayNearTarget() {
        VideoProbe p = probe(3000, 25, 0, 37);
        List<ChunkSpec> plan = ChunkPlanner.plan("t", p, 4.0, 0, 0);
        for (int i = 0; i < plan.size() - 1; i++) {
            long frames = plan.get(i).frameCount();
            assertTrue(frames >= 75 && frames <= 125, "chunk " + i + " has " + frames + " frames");
        }
        assertTrue(plan.get(plan.size() - 1).frameCount() <= 125);
    }

    @Test
    void snapsBoundariesSoThatTheContextStartsOnAKeyframe() {
        VideoProbe p = probe(600, 30, 0, 60); // keyframe every 2 s
        List<ChunkSpec> plan = ChunkPlanner.plan("t", p, 2.2, 3, 3);
        for (ChunkSpec c : plan) {
            assertTrue(p.isKeyframe(c.contextStartFrame()), "context of " + c + " starts on a keyframe");
        }
        assertEquals(63, plan.get(1).startFrame());
        List<ChunkSpec> noRoll = ChunkPlanner.plan("t", p, 2.2, 0, 0);
        assertEquals(60, noRoll.get(1).startFrame());
        // no keyframe near the target: exact time split
        List<ChunkSpec> far = ChunkPlanner.plan("t", probe(600, 30, 0, 1000), 1.0, 0, 0);
        assertEquals(30, far.get(1).startFrame());
    }

    @Test
    void shortTailJoinsLastChunk() {
        VideoProbe p = probe(100, 10, 0, 1000); // 10 s
        // 3.1 s chunks: a 0.7 s tail (< 25% of 3.1 s) joins the last chunk
        List<ChunkSpec> plan = ChunkPlanner.plan("t", p, 3.1, 0, 0);
        assertArrayEquals(new long[] {0, 31, 62}, ChunkPlanner.startFrames(plan));
        assertEquals(38, plan.get(2).frameCount());
        // 3 s chunks: the 1 s tail is long enough to be its own chunk
        assertArrayEquals(new long[] {0, 30, 60, 90}, ChunkPlanner.startFrames(ChunkPlanner.plan("t", p, 3.0, 0, 0)));
    }

    @Test
    void variableFrameRateUsesTime() {
        long[] pts = new long[200];
        long t = 5_000_000;
        for (int i = 0; i < 200; i++) { pts[i] = t; t += (i % 2 == 0) ? 10_000 : 90_000; }
        VideoProbe p = new VideoProbe("m.mp4", "h264", "", 64, 64, 0, t - 5_000_000, 5_000_000, 20, 200, true, pts, new long[] {0}, 0, 1.0);
        List<ChunkSpec> plan = ChunkPlanner.plan("t", p, 1.0, 1, 1);
        assertValidPlan(p, plan, 1, 1);
        assertEquals(10, plan.size());
        for (ChunkSpec c : plan) assertEquals(20, c.frameCount());
    }

    @Test
    void explicitStarts() {
        VideoProbe p = probe(90, 30, 1_000_000, 30);
        List<ChunkSpec> plan = ChunkPlanner.plan("title", p, new long[] {0, 40, 41, 89}, 2, 5);
        assertValidPlan(p, plan, 2, 5);
        assertEquals(1, plan.get(1).frameCount());
        assertEquals(38, plan.get(1).contextStartFrame());
        assertEquals(45, plan.get(1).contextEndFrame());
        assertEquals(48, plan.get(2).frameCount());
        assertEquals(89, plan.get(3).contextEndFrame(), "clipped to the title");
        assertEquals("title", plan.get(0).titleId());
        assertEquals("mem.mp4", plan.get(0).source());
        assertThrows(IllegalArgumentException.class, () -> ChunkPlanner.plan("t", p, new long[] {1, 5}, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> ChunkPlanner.plan("t", p, new long[] {0, 5, 5}, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> ChunkPlanner.plan("t", p, new long[] {0, 90}, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> ChunkPlanner.plan("t", p, 0.0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> ChunkPlanner.plan("t", p, 1.0, -1, 0));
    }

    @Test
    void halfFrameFallbackOnlyInsideTheRange() {
        long[] pts = {100, 200, 300, 400};
        assertEquals(1, ChunkDecoder.nearestWithinHalfFrame(pts, 240, 2));
        assertEquals(2, ChunkDecoder.nearestWithinHalfFrame(pts, 260, 2));
        assertEquals(-1, ChunkDecoder.nearestWithinHalfFrame(pts, 250, 2));
        assertEquals(-1, ChunkDecoder.nearestWithinHalfFrame(pts, 99, 0), "before the range: exact only");
        assertEquals(-1, ChunkDecoder.nearestWithinHalfFrame(pts, 401, 4), "after the range: exact only");
        long[] uneven = {0, 10, 100};
        assertEquals(1, ChunkDecoder.nearestWithinHalfFrame(uneven, 6, 1));
        assertEquals(1, ChunkDecoder.nearestWithinHalfFrame(uneven, 14, 2));
        assertEquals(-1, ChunkDecoder.nearestWithinHalfFrame(uneven, 16, 2), "limited by the smaller neighbouring interval");
    }
}
