package dev.avastream.operators;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * The real photos of the models module's tests (models/src/test/resources/images, described in its
 * SOURCES.md: webcam.jpg one man, sample1 three women, sample5 five people, sample6 four women),
 * scaled to an analysis width as the decoder would deliver them.
 */
public final class TestPhotos {
    private TestPhotos() {}

    public static final Path DIR = Path.of("..", "models", "src", "test", "resources", "images");

    /** The photo scaled to {@code width} pixels across (area resampling, as the decoder's scaler). */
    public static Mat photo(String name, int width) {
        Path file = DIR.resolve(name);
        if (!Files.isRegularFile(file)) throw new IllegalStateException("missing test image " + file.toAbsolutePath());
        try (Mat full = imread(file.toString())) {
            int height = (int) Math.round(full.rows() * width / (double) full.cols());
            Mat out = new Mat();
            resize(full, out, new Size(width, height), 0, 0, INTER_AREA);
            return out;
        }
    }
}
