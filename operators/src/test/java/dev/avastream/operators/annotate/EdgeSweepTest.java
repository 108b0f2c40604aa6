package dev.avastream.operators.annotate;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link EdgeSweep} on cell colours built to the shape of each kind of change: a wipe's cells step
 * in order of position, a cut's all at once, a dissolve's and a change of light's not at all, an
 * object's step and step back.
 */
class EdgeSweepTest {

    private static final int K = 10;
    private static final int COLUMNS = FrameFeatures.GRID_COLUMNS, ROWS = FrameFeatures.GRID_ROWS;

    /** Cell colours of picture A (or B): a different grey and hue per cell, seeded. */
    private static int[] picture(long seed, int base) {
        Random r = new Random(seed);
        int[] p = new int[FrameFeatures.GRID_CELLS * 3];
        for (int i = 0; i < p.length; i += 3) {
            p[i] = base + r.nextInt(60);
            p[i + 1] = 118 + r.nextInt(20);
            p[i + 2] = 118 + r.nextInt(20);
        }
        return p;
    }

    /** k + 1 frames; {@code weightOfB.apply(frame, cell)} in 0..1 mixes A and B in each cell. */
    private static byte[][] frames(int[] a, int[] b, BiFunction<Integer, Integer, Double> weightOfB) {
        byte[][] out = new byte[K + 1][FrameFeatures.GRID_CELLS * 3];
        for (int f = 0; f <= K; f++) {
            for (int cell = 0; cell < FrameFeatures.GRID_CELLS; cell++) {
                double w = weightOfB.apply(f, cell);
                for (int c = 0; c < 3; c++) {
                    out[f][cell * 3 + c] = (byte) Math.round((1 - w) * a[cell * 3 + c] + w * b[cell * 3 + c]);
                }
            }
        }
        return out;
    }

    private static final int[] A = picture(1, 40), B = picture(2, 120);

    @Test
    void aWipeAcrossTheWholeSpanSweepsWhatItCrossed() {
        // Left to right over frames 1..8: column x steps at frame 1 + x / 2.
        double s = EdgeSweep.sweep(frames(A, B, (f, cell) -> f >= 1 + (cell % COLUMNS) / 2 ? 1.0 : 0.0));
        assertEquals(1.0, s, 1e-9);
        // Half the columns crossed within the span (the edge entered before it): half the picture.
        double half = EdgeSweep.sweep(frames(A, B, (f, cell) -> cell % COLUMNS < 8 || f >= 1 + (cell % COLUMNS - 8) ? 1.0 : 0.0));
        assertEquals(0.5, half, 1e-9);
    }

    @Test
    void aDiagonalWipeIsAsStraightAsAnAcrossOne() {
        double s = EdgeSweep.sweep(frames(A, B, (f, cell) -> {
            int x = cell % COLUMNS, y = cell / COLUMNS;
            return f >= 1 + (x + y) * 8 / (COLUMNS + ROWS - 2) ? 1.0 : 0.0;
        }));
        assertTrue(s > 0.95, "diagonal wipe " + s);
    }

    @Test
    void aCutADissolveAndAChangeOfLightSweepNothing() {
        assertEquals(0, EdgeSweep.sweep(frames(A, B, (f, cell) -> f >= 5 ? 1.0 : 0.0)), "cut");
        assertEquals(0, EdgeSweep.sweep(frames(A, B, (f, cell) -> f / (double) K)), "dissolve");
        int[] lighter = A.clone();
        for (int i = 0; i < lighter.length; i += 3) lighter[i] = Math.min(255, lighter[i] * 3);
        assertEquals(0, EdgeSweep.sweep(frames(A, lighter, (f, cell) -> f / (double) K)), "light");
    }

    @Test
    void anObjectThatComesAndGoesSweepsNothing() {
        // A block of B crossing columns 3..9, each cell covered for two frames and then A again.
        double s = EdgeSweep.sweep(frames(A, B, (f, cell) -> {
            int x = cell % COLUMNS;
            return x >= 3 && x <= 9 && (f == x - 2 || f == x - 1) ? 1.0 : 0.0;
        }));
        assertEquals(0, s, 1e-9);
    }

    @Test
    void stepsInNoOrderAreNotAnEdge() {
        Random r = new Random(7);
        int[] stepAt = new int[FrameFeatures.GRID_CELLS];
        for (int i = 0; i < stepAt.length; i++) stepAt[i] = 1 + r.nextInt(K);
        double s = EdgeSweep.sweep(frames(A, B, (f, cell) -> f >= stepAt[cell] ? 1.0 : 0.0));
        assertTrue(s < 0.5, "scattered steps " + s);
    }

    @Test
    void aWipeBetweenDarkPicturesCountsSmallerSteps() {
        int[] darkA = picture(3, 4), darkB = picture(4, 4);
        for (int i = 0; i < darkA.length; i += 3) {
            darkA[i] = 10;
            darkB[i] = 16; // 6 levels apart: under the full-light level, over the dark one
            darkA[i + 1] = darkB[i + 1] = 128;
            darkA[i + 2] = darkB[i + 2] = 128;
        }
        double s = EdgeSweep.sweep(frames(darkA, darkB, (f, cell) -> f >= 1 + (cell % COLUMNS) / 2 ? 1.0 : 0.0));
        assertEquals(1.0, s, 1e-9);
    }

    @Test
    void tooFewFramesOrAMissingGridSweepNothing() {
        assertEquals(0, EdgeSweep.sweep(new byte[2][FrameFeatures.GRID_CELLS * 3]));
        byte[][] f = frames(A, B, (i, cell) -> i >= 1 + (cell % COLUMNS) / 2 ? 1.0 : 0.0);
        f[3] = new byte[0];
        assertEquals(0, EdgeSweep.sweep(f));
    }
}
