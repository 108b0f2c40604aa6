package dev.avastream.decoders;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FFmpegUtilTest {
    @Test
    void microsecondsLikeJavaCvAndBack() {
        assertEquals(33_366, FFmpegUtil.toMicros(1001, 1, 30_000));
        assertEquals(-1_000_000, FFmpegUtil.toMicros(-90_000, 1, 90_000));
        int[][] bases = {{1, 90_000}, {1, 1000}, {1001, 30_000}, {1, 15_360}, {1, 25}, {1, 1_000_000}};
        for (int[] tb : bases) {
            for (long ticks = -50; ticks < 5000; ticks += 7) {
                long us = FFmpegUtil.toMicros(ticks, tb[0], tb[1]);
                long back = FFmpegUtil.fromMicrosFloor(us, tb[0], tb[1]);
                assertTrue(FFmpegUtil.toMicros(back, tb[0], tb[1]) <= us);
                assertTrue(FFmpegUtil.toMicros(back + 1, tb[0], tb[1]) > us);
                assertEquals(us, FFmpegUtil.toMicros(back, tb[0], tb[1]), "tick " + ticks + " of " + tb[0] + "/" + tb[1]);
            }
        }
    }
}
