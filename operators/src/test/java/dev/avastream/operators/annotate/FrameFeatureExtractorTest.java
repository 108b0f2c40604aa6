package dev.avastream.operators.annotate;

import dev.avastream.operators.SyntheticFrames;
import dev.avastream.operators.rank.DiverseTopKSelector;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameFeatureExtractorTest {

    private static final double NEAR_DUPLICATE = DiverseTopKSelector.Params.defaults().nearDuplicateDistance();

    private final FramePlanes planes = new FramePlanes();
    private final FrameFeatureExtractor extractor = new FrameFeatureExtractor();

    @AfterEach
    void close() {
        planes.close();
        extractor.close();
    }

    private FrameFeatures features(Mat bgr) {
        return extractor.measure(planes.load(7, 280_000, true, bgr));
    }

    @Test
    void carriesTheFrameIdentity() {
        FrameFeatures f = features(SyntheticFrames.solid(1, 2, 3));
        assertEquals(7, f.frameIndex());
        assertEquals(280_000, f.timeUs());
        assertTrue(f.context());
    }

    @Test
    void histogramsAreCumulativeAndEndAtOne() {
        FrameFeatures f = features(SyntheticFrames.texture(1, 8, 150, 100));
        for (float[] cdf : new float[][] {f.lumaCdf(), f.redChromaCdf(), f.blueChromaCdf()}) {
            assertEquals(FrameFeatureExtractor.LEVELS, cdf.length);
            assertEquals(1.0, cdf[cdf.length - 1], 1e-6);
            for (int i = 1; i < cdf.length; i++) assertTrue(cdf[i] >= cdf[i - 1]);
        }
    }

    @Test
    void flatGreyFrameHasAllMassAtItsLevelAndGreyChroma() {
        FrameFeatures f = features(SyntheticFrames.solid(90, 90, 90));
        assertEquals(0.0, f.lumaCdf()[89], 1e-6);
        assertEquals(1.0, f.lumaCdf()[90], 1e-6);
        assertEquals(0.0, f.redChromaCdf()[127], 1e-6);
        assertEquals(1.0, f.redChromaCdf()[128], 1e-6);
        assertEquals(1.0, f.blueChromaCdf()[128], 1e-6);
    }

    @Test
    void flatFrameHasNoEdgesAndATextureHasSome() {
        FrameFeatures flat = features(SyntheticFrames.solid(40, 80, 120));
        assertEquals(0, edgeCount(flat));
        FrameFeatures texture = features(SyntheticFrames.texture(2, 8, 128, 128));
        assertEquals(SyntheticFrames.WIDTH / 2 * (SyntheticFrames.HEIGHT / 2), texture.edgePixels());
        assertTrue(edgeCount(texture) > texture.edgePixels() / 50, "edges: " + edgeCount(texture));
    }

    @Test
    void thumbnailIsQuarterSizeLuma() {
        FrameFeatures f = features(SyntheticFrames.solid(200, 200, 200));
        assertEquals(SyntheticFrames.WIDTH / 4, f.thumbnailWidth());
        assertEquals(SyntheticFrames.HEIGHT / 4, f.thumbnailHeight());
        for (byte b : f.lumaThumbnail()) assertEquals(200, b & 0xff);
    }

    @Test
    void cellGridSeesWhereColourAndTextureAre() {
        Mat m = SyntheticFrames.solid(90, 90, 90);
        // The left half textured and red-tinted, the right half flat grey.
        try (Mat left = SyntheticFrames.texture(2, 4, 170, 110, SyntheticFrames.WIDTH / 2);
             Rect half = new Rect(0, 0, SyntheticFrames.WIDTH / 2, SyntheticFrames.HEIGHT);
             Mat roi = new Mat(m, half)) {
            left.copyTo(roi);
        }
        FrameFeatures f = features(m);
        assertEquals(FrameFeatures.GRID_CELLS * 3, f.cellColours().length);
        assertEquals(FrameFeatures.GRID_CELLS, f.cellEdges().length);
        int row = 4 * FrameFeatures.GRID_COLUMNS;
        int leftCell = row + 2;
        int rightCell = row + FrameFeatures.GRID_COLUMNS - 3;
        assertEquals(90, f.cellColours()[rightCell * 3] & 0xff, 1, "grey luma on the right");
        assertEquals(128, f.cellColours()[rightCell * 3 + 1] & 0xff, 1, "grey chroma on the right");
        assertTrue((f.cellColours()[leftCell * 3 + 1] & 0xff) > 160, "red chroma on the left");
        assertEquals(0, f.cellEdges()[rightCell] & 0xff, "no edges in the flat half");
        assertTrue((f.cellEdges()[leftCell] & 0xff) > 25, "edges in the textured half: " + (f.cellEdges()[leftCell] & 0xff));
    }

    @Test
    void layoutSeesWhereLightIs() {
        Mat m = SyntheticFrames.solid(0, 0, 0);
        rectangle(m, new Rect(0, 0, SyntheticFrames.WIDTH / 3, SyntheticFrames.HEIGHT / 3), new Scalar(255, 255, 255, 0), -1, 8, 0);
        float[] v = features(m).appearance();
        assertEquals(1.0, v[6], 0.05, "top-left cell is white");
        for (int i = 7; i < 15; i++) assertEquals(0.0, v[i], 0.05, "cell " + (i - 6) + " is black");
    }

    @Test
    void appearanceSeparatesScenesButNotGrainOrAFewPixelsOfMovement() {
        Mat wide = SyntheticFrames.texture(3, 10, 150, 110, SyntheticFrames.WIDTH + 20);
        float[] a = features(SyntheticFrames.withGrain(SyntheticFrames.window(wide, 0), 6, 1)).appearance();
        float[] aMoved = features(SyntheticFrames.withGrain(SyntheticFrames.window(wide, 12), 6, 2)).appearance();
        float[] other = features(SyntheticFrames.texture(4, 10, 110, 150)).appearance();
        float[] darker = features(SyntheticFrames.solid(20, 20, 20)).appearance();
        assertEquals(AppearanceVector.DIMENSIONS, a.length);
        assertTrue(AppearanceVector.distance(a, aMoved) < NEAR_DUPLICATE, "same scene: " + AppearanceVector.distance(a, aMoved));
        assertTrue(AppearanceVector.distance(a, other) > 2 * NEAR_DUPLICATE, "other tint: " + AppearanceVector.distance(a, other));
        assertTrue(AppearanceVector.distance(a, darker) > 2 * NEAR_DUPLICATE);
        for (float x : a) assertTrue(x >= 0 && x <= 1);
    }

    @Test
    void edgeMaskReadsAnySizeIncludingATailShorterThanALong() {
        Mat m = new Mat(3, 5, CV_8UC1, new Scalar(0));
        m.ptr(2, 4).put((byte) 1);
        m.ptr(0, 0).put((byte) 1);
        long[] out = new long[2];
        NativeReads.copyAsLongs(m, out);
        assertEquals(2, Long.bitCount(out[0]) + Long.bitCount(out[1]));
        assertEquals(1, Long.bitCount(out[1]), "the 15th byte lands in the second long");
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 0, 0, 0},
                FrameFeatureExtractor.layout3x3(new byte[27], 9));
    }

    private static int edgeCount(FrameFeatures f) {
        int n = 0;
        for (long l : f.edgeMask()) n += Long.bitCount(l);
        return n;
    }
}
