package dev.avastream.testdata;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

    @Test
    void shotLookup() {
        GroundTruth gt = sample();
        assertEquals(0, gt.shotOf(2));
        assertEquals(1, gt.shotOf(3));
        assertEquals(6 * 1e6 / 200_000, gt.averageFps(), 1e-9);
    }
}
