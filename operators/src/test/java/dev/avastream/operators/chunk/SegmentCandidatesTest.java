package dev.avastream.operators.chunk;

import dev.avastream.schema.FrameAnnotation;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;

class SegmentCandidatesTest {

    private final PixelBufferPool pool = new PixelBufferPool();
    private final Mat pixels = new Mat(4, 4, CV_8UC3, new Scalar(1, 2, 3, 0));

    private SegmentCandidates.Kept frame(long index, double score) {
        // The builder: every field not named here takes the schema's default, so a new field does not touch this test.
        FrameAnnotation a = FrameAnnotation.newBuilder().setFrameIndex(index).setTimeUs(index * 40_000).setBrightness(0.5)
                .setContrast(0.2).setColourfulness(0.3).setSharpness(0.6).setMotion(0.0).build();
        return new SegmentCandidates.Kept(a, score, Long.MAX_VALUE, new float[0], pool.copyOf(pixels));
    }

    private static List<Long> frames(SegmentCandidates s) {
        List<Long> out = new ArrayList<>();
        for (SegmentCandidates.Kept k : s.kept()) out.add(k.frameIndex());
        return out;
    }

    @Test
    void keepsTheBestMFramesAndReleasesThePixelsOfTheRest() {
        SegmentCandidates s = new SegmentCandidates(2, 0, pool);
        s.offer(frame(1, 1.0));
        s.offer(frame(2, 3.0));
        s.offer(frame(3, 2.0));
        s.offer(frame(4, 0.5));
        assertEquals(List.of(2L, 3L), frames(s));
        // Frame 1's buffer went back and was reused for frame 4, which gave it back again.
        assertEquals(3, pool.allocated());
        assertEquals(1, pool.available());
        s.releaseAll();
        assertEquals(3, pool.available());
        assertEquals(List.of(), frames(s));
    }

    @Test
    void twoCandidatesAreNeverCloserThanTheSpacing() {
        SegmentCandidates s = new SegmentCandidates(2, 10, pool);
        s.offer(frame(10, 2.0));
        s.offer(frame(15, 1.0));   // too close to 10 and worse: dropped
        s.offer(frame(18, 3.0));   // too close to 10 but better: replaces it
        s.offer(frame(30, 1.5));
        s.offer(frame(35, 1.5));   // ties with 30, later: dropped
        assertEquals(List.of(18L, 30L), frames(s));
    }

    @Test
    void capacityZeroKeepsNothing() {
        SegmentCandidates s = new SegmentCandidates(0, 0, pool);
        s.offer(frame(1, 1.0));
        assertEquals(List.of(), frames(s));
        assertEquals(1, pool.available());
    }

    @Test
    void theReserveIsACopyOfTheBestFrameKnownEligibleAndGoesBackWithTheRest() {
        // odd frames are known eligible (their models ran, nothing excludes them); even ones are not yet known
        SegmentCandidates s = new SegmentCandidates(2, 0, pool, a -> a.getFrameIndex() % 2 == 1);
        s.offer(frame(2, 5.0));
        assertNull(s.reserve(), "nothing known eligible yet");
        s.offer(frame(3, 1.0));
        s.offer(frame(4, 4.0));   // frame 3 leaves the kept frames...
        assertEquals(List.of(2L, 4L), frames(s));
        assertEquals(3L, s.reserve().frameIndex(), "...but stays as the reserve");
        s.offer(frame(5, 0.5));   // eligible, but worse than the reserve
        s.offer(frame(7, 2.0));   // eligible and better: the new reserve
        assertEquals(7L, s.reserve().frameIndex());
        assertEquals(List.of(2L, 4L), frames(s));
        assertNotSame(s.reserve().pixels(), s.kept().get(0).pixels());
        s.releaseAll();
        assertNull(s.reserve());
        assertEquals(pool.allocated(), pool.available(), "every buffer, the reserve's included, back in the pool");
    }

    @Test
    void withoutAnEligibilityRuleThereIsNoReserve() {
        SegmentCandidates s = new SegmentCandidates(1, 0, pool);
        s.offer(frame(1, 1.0));
        s.offer(frame(2, 2.0));
        assertNull(s.reserve());
    }
}
