package dev.avastream.operators.annotate;

import dev.avastream.operators.SyntheticFrames;
import dev.avastream.operators.config.Tunables;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PerceptualHashTest {

    /** The rule's default threshold: what "near" means in the pipeline. */
    private static final int NEAR = Tunables.NEAR_DUPLICATE_HAMMING.defaultValue();

    private final FramePlanes planes = new FramePlanes();
    private final AnalysedFrame frame = new AnalysedFrame(planes);
    private final AnnotatorPipeline pipeline = new AnnotatorPipeline(List.of(new PerceptualHash()));

    @AfterEach
    void close() {
        pipeline.close();
        planes.close();
    }

    /** A scene: a smooth tinted texture with a few shapes and film grain, different for every seed. */
    private static Mat scene(int seed) {
        Mat base = SyntheticFrames.texture(seed, 40, 120 + seed % 20, 136 - seed % 16);
        java.util.Random r = new java.util.Random(seed);
        for (int i = 0; i < 3; i++) {
            int x = r.nextInt(SyntheticFrames.WIDTH), y = r.nextInt(SyntheticFrames.HEIGHT);
            Scalar colour = new Scalar(r.nextInt(256), r.nextInt(256), r.nextInt(256), 0);
            if (i % 2 == 0) circle(base, new Point(x, y), 15 + r.nextInt(30), colour, -1, 8, 0);
            else rectangle(base, new Point(x, y), new Point(x + 40 + r.nextInt(60), y + 30 + r.nextInt(40)), colour, -1, 8, 0);
        }
        Mat grained = SyntheticFrames.withGrain(base, 6, seed);
        base.close();
        return grained;
    }

    /** The frame written as a JPEG at {@code quality} and read back: a real lossy encode. */
    private static Mat reencoded(Mat bgr, int quality) {
        try (BytePointer jpeg = new BytePointer(); IntPointer params = new IntPointer(IMWRITE_JPEG_QUALITY, quality)) {
            assertTrue(imencode(".jpg", bgr, jpeg, params));
            byte[] bytes = new byte[(int) jpeg.limit()];
            jpeg.get(bytes);
            try (Mat encoded = new Mat(1, bytes.length, org.bytedeco.opencv.global.opencv_core.CV_8UC1)) {
                encoded.data().put(bytes);
                return imdecode(encoded, IMREAD_COLOR);
            }
        }
    }

    private long hash(Mat bgr) {
        planes.load(0, 0, false, bgr);
        pipeline.run(frame.begin(true));
        return frame.annotation().getPerceptualHash();
    }

    @Test
    void theSameFrameReencodedAtTwoQualitiesIsANearDuplicate() {
        for (int seed = 1; seed <= 5; seed++) {
            Mat original = scene(seed);
            long fine = hash(reencoded(original, 95));
            long coarse = hash(reencoded(original, 15));
            int d = PerceptualHash.hamming(fine, coarse);
            assertTrue(d <= NEAR, "scene " + seed + ": JPEG quality 95 against 15 differ in " + d + " bits");
        }
    }

    @Test
    void aBlurredCopyStaysNear() {
        for (int seed = 1; seed <= 5; seed++) {
            Mat original = scene(seed);
            Mat blurred = new Mat();
            GaussianBlur(original, blurred, new Size(0, 0), 2.0);
            int d = PerceptualHash.hamming(hash(original), hash(blurred));
            assertTrue(d <= NEAR, "scene " + seed + ": blurred copy differs in " + d + " bits");
        }
    }

    @Test
    void differentScenesAreFarApart() {
        long[] hashes = new long[6];
        for (int i = 0; i < hashes.length; i++) hashes[i] = hash(scene(101 + i));
        for (int i = 0; i < hashes.length; i++) {
            for (int j = i + 1; j < hashes.length; j++) {
                int d = PerceptualHash.hamming(hashes[i], hashes[j]);
                assertTrue(d > 2 * NEAR, "scenes " + i + " and " + j + " differ in only " + d + " bits");
            }
        }
    }

    @Test
    void aMeasuredFrameNeverHashesToAbsentAndAnUnmeasuredOneDoes() {
        assertNotEquals(PerceptualHash.ABSENT, hash(SyntheticFrames.solid(40, 40, 40)));
        assertEquals(PerceptualHash.ABSENT, AnalysedFrame.blankAnnotation(0, 0).getPerceptualHash());
    }
}
