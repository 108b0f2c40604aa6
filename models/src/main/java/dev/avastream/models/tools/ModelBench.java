package dev.avastream.models.tools;

import dev.avastream.models.ModelStore;
import dev.avastream.models.face.ExpressionClassifier;
import dev.avastream.models.face.FaceDetection;
import dev.avastream.models.face.FaceEmbedder;
import dev.avastream.models.face.FaceLandmarks;
import dev.avastream.models.face.FaceMesh;
import dev.avastream.models.face.FacePipeline;
import dev.avastream.models.image.ImageTensors;
import dev.avastream.models.image.SquareCrop;
import dev.avastream.models.nudity.NudityClassifier;
import dev.avastream.models.object.ObjectDetector;
import dev.avastream.models.runtime.OnnxModel;
import dev.avastream.models.runtime.SessionSettings;
import dev.avastream.models.runtime.Tensor;
import dev.avastream.models.text.TextDetector;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

/**
 * Latency of each model and of the face pipeline, single-threaded sessions, on one frame with one
 * face at the analysis size (default 320 px wide, 16:9): p50 and p99 per call and per face.
 *
 * <p>usage: {@code ModelBench [--iterations 200] [--threads 1] [--width 320] [--image webcam.jpg]}
 */
public final class ModelBench {
    record Row(String what, int batch, double p50, double p99) {}

    public static void main(String[] args) throws Exception {
        int iterations = 200, threads = 1, width = 320;
        Path image = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--iterations" -> iterations = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--width" -> width = Integer.parseInt(args[++i]);
                case "--image" -> image = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        ModelStore store = ModelStore.locate();
        if (image == null) {
            for (Path c : new Path[] {Path.of("models/src/test/resources/images/webcam.jpg"), Path.of("src/test/resources/images/webcam.jpg")}) {
                if (Files.isRegularFile(c)) image = c;
            }
        }
        Mat photo = imread(image.toString());
        // a 16:9 frame around the face (the webcam shot is portrait), scaled to the analysis width
        int h = photo.cols() * 9 / 16;
        Mat frame = ImageTensors.resized(new Mat(photo, new Rect(0, Math.max(0, 340 - h / 2), photo.cols(), h)), width, width * 9 / 16);
        SessionSettings settings = new SessionSettings(threads, 1);
        List<Row> rows = new ArrayList<>();
        final int n = iterations;

        try (FacePipeline faces = new FacePipeline(store, settings)) {
            List<FaceDetection> det = faces.detect(frame);
            if (det.size() != 1) throw new IllegalStateException("expected one face in the bench frame, found " + det.size());
            FaceMesh mesh = faces.mesh();
            ExpressionClassifier ex = faces.expressions();
            FaceEmbedder emb = faces.embedder();
            List<FaceLandmarks> marks = mesh.landmarks(frame, det);
            List<SquareCrop> crops = List.of(marks.get(0).crop());
            List<FaceDetection> det4 = Collections.nCopies(4, det.get(0));
            List<SquareCrop> crops4 = Collections.nCopies(4, crops.get(0));
            rows.add(time("blazeface detect (frame)", 1, n, () -> faces.detect(frame)));
            rows.add(time("facemesh", 1, n, () -> mesh.landmarks(frame, det)));
            rows.add(time("facemesh", 4, n, () -> mesh.landmarks(frame, det4)));
            rows.add(time("emotion", 1, n, () -> ex.classify(frame, crops)));
            rows.add(time("emotion", 4, n, () -> ex.classify(frame, crops4)));
            rows.add(time("faceres embedding", 1, n, () -> emb.embed(frame, crops)));
            rows.add(time("faceres embedding", 4, n, () -> emb.embed(frame, crops4)));
            rows.add(time("FACE PIPELINE (frame, 1 face)", 1, n, () -> faces.analyse(frame)));
        }
        try (OnnxModel m = store.open("centernet", settings)) {
            ObjectDetector d = new ObjectDetector(m);
            rows.add(time("centernet objects (512x512)", 1, Math.max(10, n / 4), () -> d.detect(frame)));
        }
        try (OnnxModel m = store.open("ocr-det", settings)) {
            TextDetector d = new TextDetector(m, width);
            rows.add(time("ppocr-v4 text det (" + width + " px)", 1, Math.max(10, n / 4), () -> d.detect(frame)));
        }
        try (OnnxModel m = store.open("nsfw", settings)) {
            NudityClassifier c = new NudityClassifier(m);
            rows.add(time("nsfw (224x224)", 1, n, () -> c.classify(frame)));
        }
        try (OnnxModel m = store.open("selfie", settings)) {
            Tensor x = Tensor.of(new float[256 * 256 * 3], 1, 256, 256, 3);
            rows.add(time("selfie segmentation (model only)", 1, n, () -> m.run(x)));
        }

        System.out.printf("ModelBench: %d iterations (after 10 warm-up), intra-op threads %d, frame %dx%d, %s, %d cores%n",
                n, threads, frame.cols(), frame.rows(), System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors());
        System.out.printf("%-34s %5s %12s %12s %14s%n", "what", "batch", "p50 ms", "p99 ms", "p50 ms/item");
        for (Row r : rows) {
            System.out.printf("%-34s %5d %12.2f %12.2f %14.2f%n", r.what, r.batch, r.p50, r.p99, r.p50 / r.batch);
        }
    }

    static Row time(String what, int batch, int iterations, Supplier<?> work) {
        for (int i = 0; i < 10; i++) work.get();
        double[] ms = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            work.get();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return new Row(what, batch, ms[(int) Math.floor(0.5 * (iterations - 1))], ms[(int) Math.ceil(0.99 * (iterations - 1))]);
    }
}
