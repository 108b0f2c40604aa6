package dev.avastream.testdata;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroundTruthTest {
    private static GroundTruth sample() {
        return new GroundTruth(1, 6, 30.0, 640, 360, 0, 1000, true, 200_000, new int[] {3},
                List.of(new GroundTruth.Shot(0, 2), new GroundTruth.Shot(3, 5)),
                List.of(new GroundTruth.Transition(GroundTruth.DISSOLVE, 2, 3)),
                new long[] {1000, 34333, 67666, 101000, 134333, 167666}, new int[] {0, 3}, 42);
    }

    @Test
    void jsonRoundTrip(@TempDir Path dir) throws Exception {
        GroundTruth gt = sample();
        assertEquals(gt, GroundTruth.fromJson(gt.toJson()));
        Path f = dir.resolve("gt.json");
        gt.write(f);
        assertEquals(gt, GroundTruth.read(f));
    }

    @Test
    void readerIgnoresUnknownFieldsAndDefaultsMissingLists() {
        String json = "{\"formatVersion\":1,\"frameCount\":2,\"fps\":25.0,\"width\":64,\"height\":64,\"cuts\":[],"
                + "\"framePtsUs\":[0,40000],\"futureField\":{\"x\":1}}";
        GroundTruth gt = GroundTruth.fromJson(json);
        assertEquals(2, gt.frameCount());
        assertArrayEquals(new long[] {0, 40000}, gt.framePtsUs());
        assertEquals(List.of(), gt.transitions());
        assertEquals(0, gt.keyframeIndices().length);
    }

    @Test
    void jsonFieldNamesAreStable() {
        String json = sample().toJson();
        for (String field : new String[] {"\"formatVersion\"", "\"frameCount\"", "\"fps\"", "\"width\"", "\"height\"",
                "\"rotationDegrees\"", "\"startOffsetUs\"", "\"variableFrameRate\"", "\"durationUs\"", "\"cuts\"", "\"shots\"",
                "\"startFrame\"", "\"endFrame\"", "\"transitions\"", "\"type\"", "\"framePtsUs\"", "\"keyframeIndices\"", "\"seed\""}) {
            assertEquals(true, json.contains(field), field + " in " + json);
        }
    }

    private static GroundTruth sampleV2() {
        // 0-9 shot, 10-13 dissolve, 14-19 shot, 20-23 fade-out (22-23 solid black), 24-25 fade-in, 26-29 shot, cut at 30, 30-39 shot
        long[] pts = new long[40];
        for (int i = 0; i < pts.length; i++) pts[i] = i * 40_000L;
        return new GroundTruth(GroundTruth.FORMAT_VERSION, 40, 25.0, 640, 360, 0, 0, false, 1_600_000, new int[] {30},
                List.of(new GroundTruth.Shot(0, 9), new GroundTruth.Shot(14, 19), new GroundTruth.Shot(26, 29), new GroundTruth.Shot(30, 39)),
                List.of("new", "new", "new", "hue-only"),
                List.of(new GroundTruth.Transition(GroundTruth.DISSOLVE, 10, 13), new GroundTruth.Transition(GroundTruth.FADE_OUT, 20, 23),
                        new GroundTruth.Transition(GroundTruth.FADE_IN, 24, 25)),
                List.of(new GroundTruth.Event(GroundTruth.FLASH, 5, 5), new GroundTruth.Event(GroundTruth.PAN, 32, 37)),
                pts, new int[] {0, 30}, 7);
    }

    @Test
    void version2RoundTripAndBoundaries(@TempDir Path dir) throws Exception {
        GroundTruth gt = sampleV2();
        assertEquals(2, GroundTruth.FORMAT_VERSION);
        assertEquals(gt, GroundTruth.fromJson(gt.toJson()));
        Path f = dir.resolve("v2.json");
        gt.write(f);
        assertEquals(gt, GroundTruth.read(f));
        String json = gt.toJson();
        for (String field : new String[] {"\"events\"", "\"shotLooks\"", "\"fade-out\"", "\"flash\""}) {
            assertTrue(json.contains(field), field + " in " + json);
        }
        assertEquals(List.of(new GroundTruth.ShotBoundary(0, GroundTruth.DISSOLVE, 10, 13),
                new GroundTruth.ShotBoundary(1, GroundTruth.FADE_BLACK, 20, 25),
                new GroundTruth.ShotBoundary(2, GroundTruth.CUT, 30, 29)), gt.boundaries());
        assertTrue(gt.boundaries().get(2).isCut());
        assertEquals(0, gt.boundaries().get(2).length());
        assertEquals(-1, gt.shotOf(12));
        assertEquals(1, gt.shotOf(14));
        assertEquals(-1, gt.shotOf(23));
        assertEquals(3, gt.shotOf(30));
        assertEquals(GroundTruth.FADE_OUT, gt.transitionAt(22).type());
        assertNull(gt.transitionAt(26));
    }

    /** Wipes and slides are boundaries of their own type; the edit-suite events and looks round-trip as any other. */
    @Test
    void editSuiteTypes() {
        long[] pts = new long[30];
        for (int i = 0; i < pts.length; i++) pts[i] = i * 40_000L;
        GroundTruth gt = new GroundTruth(GroundTruth.FORMAT_VERSION, 30, 25.0, 640, 360, 0, 0, false, 1_200_000, new int[] {20},
                List.of(new GroundTruth.Shot(0, 5), new GroundTruth.Shot(12, 15), new GroundTruth.Shot(20, 24), new GroundTruth.Shot(25, 29)),
                List.of("dark", "new", "new", "dark"),
                List.of(new GroundTruth.Transition(GroundTruth.WIPE, 6, 11), new GroundTruth.Transition(GroundTruth.SLIDE, 16, 19)),
                List.of(new GroundTruth.Event(GroundTruth.DARKEN, 1, 4), new GroundTruth.Event(GroundTruth.WATER, 12, 15),
                        new GroundTruth.Event(GroundTruth.FLASH, 21, 21), new GroundTruth.Event(GroundTruth.STROBE, 21, 24),
                        new GroundTruth.Event(GroundTruth.FLASH, 23, 24)),
                pts, new int[] {0}, 9);
        assertEquals(List.of(GroundTruth.WIPE, GroundTruth.SLIDE, GroundTruth.CUT),
                gt.boundaries().stream().map(GroundTruth.ShotBoundary::type).toList());
        assertEquals(gt, GroundTruth.fromJson(gt.toJson()));
        assertTrue(gt.toJson().contains("\"type\":\"wipe\"") && gt.toJson().contains("\"dark\""), gt.toJson());
        assertTrue(GroundTruth.EVOLVING.contains(GroundTruth.WATER) && !GroundTruth.EVOLVING.contains(GroundTruth.GRAIN));
    }

    /** A file written by the version 1 generator (shots contiguous, no events, no looks) still reads. */
    @Test
    void readsVersion1Files() {
        String v1 = "{\"formatVersion\":1,\"frameCount\":45,\"fps\":30.0,\"width\":320,\"height\":180,\"rotationDegrees\":0,"
                + "\"startOffsetUs\":0,\"variableFrameRate\":false,\"durationUs\":1500000,\"cuts\":[20],"
                + "\"shots\":[{\"startFrame\":0,\"endFrame\":19},{\"startFrame\":20,\"endFrame\":44}],\"transitions\":[],"
                + "\"framePtsUs\":[0,33333,66666,100000,133333,166666,200000,233333,266666,300000,333333,366666,400000,433333,466666,"
                + "500000,533333,566666,600000,633333,666666,700000,733333,766666,800000,833333,866666,900000,933333,966666,1000000,"
                + "1033333,1066666,1100000,1133333,1166666,1200000,1233333,1266666,1300000,1333333,1366666,1400000,1433333,1466666],"
                + "\"keyframeIndices\":[0,20],\"seed\":11}";
        GroundTruth gt = GroundTruth.fromJson(v1);
        assertEquals(1, gt.formatVersion());
        assertEquals(List.of(), gt.events());
        assertEquals(List.of(), gt.shotLooks());
        assertEquals(List.of(new GroundTruth.ShotBoundary(0, GroundTruth.CUT, 20, 19)), gt.boundaries());
        assertEquals(0, gt.shotOf(19));
        assertEquals(1, gt.shotOf(20));
        assertEquals(gt, GroundTruth.fromJson(gt.toJson()));
    }

    @Test
    void shotLookup() {
        GroundTruth gt = sample();
        assertEquals(0, gt.shotOf(2));
        assertEquals(1, gt.shotOf(3));
        assertEquals(6 * 1e6 / 200_000, gt.averageFps(), 1e-9);
    }
}
