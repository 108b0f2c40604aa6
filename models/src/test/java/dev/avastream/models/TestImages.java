package dev.avastream.models;

import org.bytedeco.opencv.opencv_core.Mat;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.bytedeco.opencv.global.opencv_core.flip;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

/** The committed test photos (see src/test/resources/images/SOURCES.md) as OpenCV BGR Mats. */
public final class TestImages {
    private TestImages() {}

    public static Mat load(String name) {
        Path p = Path.of("src/test/resources/images").resolve(name).toAbsolutePath();
        if (!Files.isRegularFile(p)) throw new IllegalArgumentException("no test image " + p);
        Mat m = imread(p.toString());
        if (m.empty()) throw new IllegalStateException("cannot decode " + p);
        return m;
    }

    public static Mat mirrored(Mat m) {
        Mat out = new Mat();
        flip(m, out, 1);
        return out;
    }

    public static ModelStore store() {
        return new ModelStore(Path.of("").toAbsolutePath());
    }
}
