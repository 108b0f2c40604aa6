package dev.avastream.testdata;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BarcodeTest {
    @Test
    void roundTripsAtNativeAndScaledSizes() {
        int[] indices = {0, 1, 2, 5, 255, 1023, 4095, 4096, 65_535, 123_456, FrameBarcode.MAX_INDEX};
        for (int[] size : new int[][] {{640, 360}, {1280, 720}, {320, 180}, {480, 640}}) {
            try (Mat img = new Mat(size[1], size[0], CV_8UC3, new Scalar(40, 200, 90, 0))) {
                for (int idx : indices) {
                    FrameBarcode.draw(img, idx);
                    assertEquals(idx, BarcodeReader.read(img), "native " + size[0]);
                    for (int w : new int[] {320, 256}) {
                        if (w >= size[0]) continue;
                        try (Mat small = new Mat()) {
                            resize(img, small, new Size(w, Math.round((float) size[1] * w / size[0])), 0, 0, INTER_AREA);
                            assertEquals(idx, BarcodeReader.read(small), size[0] + " -> " + w);
                            resize(img, small, new Size(w, Math.round((float) size[1] * w / size[0])), 0, 0, INTER_LINEAR);
                            assertEquals(idx, BarcodeReader.read(small), size[0] + " -> " + w + " bilinear");
                        }
                    }
                }
            }
        }
    }

    @Test
    void noBarcodeReadsAsMinusOne() {
        try (Mat black = new Mat(360, 640, CV_8UC3, Scalar.all(0)); Mat white = new Mat(360, 640, CV_8UC3, Scalar.all(255));
             Mat grey = new Mat(360, 640, CV_8UC3, Scalar.all(128))) {
            assertEquals(-1, BarcodeReader.read(black)); // all bits 0: check nibble 1010 is missing
            assertEquals(-1, BarcodeReader.read(white));
            assertEquals(-1, BarcodeReader.read(grey));
        }
        assertEquals(-1, BarcodeReader.read(new Mat()));
    }

    @Test
    void rejectsOutOfRangeIndex() {
        try (Mat img = new Mat(360, 640, CV_8UC3, Scalar.all(0))) {
            assertThrows(IllegalArgumentException.class, () -> FrameBarcode.draw(img, -1));
            assertThrows(IllegalArgumentException.class, () -> FrameBarcode.draw(img, FrameBarcode.MAX_INDEX + 1));
        }
    }
}
