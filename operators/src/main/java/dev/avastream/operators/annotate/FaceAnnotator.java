package dev.avastream.operators.annotate;

import dev.avastream.models.face.FaceAnalysis;
import dev.avastream.models.face.FacePipeline;
import dev.avastream.models.image.Box;
import dev.avastream.models.image.Point3;
import dev.avastream.models.runtime.SessionSettings;
import dev.avastream.operators.config.Setting;
import dev.avastream.operators.config.SettingValues;
import dev.avastream.operators.config.Tunables;
import dev.avastream.schema.FaceAnnotation;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_imgproc.Laplacian;

/**
 * Faces: the face models of {@link FacePipeline} (BlazeFace detection, FaceMesh landmarks and from
 * them head pose and eye/mouth state, the expression model, the faceres identity embedding) on the
 * analysis-size frame, plus the face region's sharpness measured here (from the variance of the
 * luma's Laplacian inside the box: a face smeared by motion or out of focus reads low, whatever the rest of
 * the frame does), on the same 0..1 scale as the frame's sharpness. Boxes and keypoints are published as shares of the frame, so they do not depend
 * on the analysis width.
 *
 * <p>Track ids are not set here: they need the shot's other frames ({@code FaceTracker}, when the
 * chunk is finished).
 *
 * <p>Cost: about 13 ms a frame without faces, 35 ms with one (models/README.md's benchmark), so it
 * runs on model frames only. Models load once per process ({@code SharedModels}).
 */
public final class FaceAnnotator implements FrameAnnotator {

    public static final FrameValue<List<FaceAnnotation>> FACES = FrameValue.listField("faces");
    public static final FrameValue<Integer> FACE_COUNT = FrameValue.field("faceCount", Integer.class);
    public static final FrameValue<Double> LARGEST_FACE_SHARE = FrameValue.field("largestFaceShare", Double.class);

    /** Identity embeddings are quantised to signed bytes, the largest magnitude to this. */
    public static final int IDENTITY_SCALE = 127;

    /**
     * @param maxFaces     {@link Tunables#MAX_FACES}
     * @param minMeshScore {@link Tunables#MIN_MESH_SCORE}
     * @param trackSimilarity {@link Tunables#FACE_TRACK_SIMILARITY}: how the chunk's {@link FaceTracker} links its faces
     */
    public record Params(int maxFaces, double minMeshScore, double trackSimilarity) implements Serializable {
        public Params {
            Setting.check(Tunables.MAX_FACES, maxFaces);
            Setting.check(Tunables.MIN_MESH_SCORE, minMeshScore);
            Setting.check(Tunables.FACE_TRACK_SIMILARITY, trackSimilarity);
        }

        public static Params defaults() { return from(SettingValues.defaults()); }

        public static Params from(SettingValues v) {
            return new Params(v.get(Tunables.MAX_FACES), v.get(Tunables.MIN_MESH_SCORE), v.get(Tunables.FACE_TRACK_SIMILARITY));
        }
    }

    private final Params params;
    /** Made on the first frame: building the pipeline (e.g. to list its stages) loads no model. */
    private FacePipeline faces;
    private final Mat laplacian = new Mat(), mean = new Mat(), std = new Mat();

    /** On the process's shared model sessions. */
    public FaceAnnotator(Params params) {
        this.params = params;
    }

    @Override
    public String name() { return "faces"; }

    @Override
    public AnnotatorCost cost() { return AnnotatorCost.NEURAL; }

    @Override
    public List<FrameValue<?>> writes() { return List.of(FACES, FACE_COUNT, LARGEST_FACE_SHARE); }

    @Override
    public Params params() { return params; }

    @Override
    public void annotate(AnalysedFrame frame) {
        FramePlanes planes = frame.planes();
        double w = planes.width(), h = planes.height();
        if (faces == null) {
            faces = FacePipeline.shared(SessionSettings.SINGLE_THREAD, params.maxFaces(), params.minMeshScore());
        }
        List<FaceAnnotation> out = new ArrayList<>();
        double largest = 0;
        for (FaceAnalysis f : faces.analyse(planes.bgr())) {
            FaceAnnotation a = toAnnotation(f, w, h, sharpness(planes.gray(), f.detection().box()));
            largest = Math.max(largest, a.getShare());
            out.add(a);
        }
        frame.set(FACES, out);
        frame.set(FACE_COUNT, out.size());
        frame.set(LARGEST_FACE_SHARE, largest);
    }

    static FaceAnnotation toAnnotation(FaceAnalysis f, double w, double h, double sharpness) {
        Box b = f.detection().box();
        List<Float> landmarks = new ArrayList<>(12);
        for (Point3 p : f.detection().keypoints()) {
            landmarks.add((float) (p.x() / w));
            landmarks.add((float) (p.y() / h));
        }
        Map<String, Double> expressions = new LinkedHashMap<>(f.expression().probabilities());
        return FaceAnnotation.newBuilder()
                .setX(b.x() / w).setY(b.y() / h).setWidth(b.width() / w).setHeight(b.height() / h)
                .setScore(f.detection().score())
                .setMeshScore(f.landmarks().faceScore())
                .setShare(clippedArea(b, w, h) / (w * h))
                .setLandmarks(landmarks)
                .setYaw(f.pose().yaw()).setPitch(f.pose().pitch()).setRoll(f.pose().roll())
                .setEyeOpenness(Math.min(f.eyesAndMouth().rightEyeRatio(), f.eyesAndMouth().leftEyeRatio()))
                .setEyesOpen(f.eyesAndMouth().eyesOpen())
                .setMouthOpenness(f.eyesAndMouth().mouthRatio())
                .setMouthOpen(f.eyesAndMouth().mouthOpen())
                .setExpression(f.expression().top())
                .setExpressions(expressions)
                .setSharpness(sharpness)
                .setIdentity(quantise(f.identity().embedding()))
                .build();
    }

    /**
     * An embedding as signed bytes, scaled so its largest magnitude is {@link #IDENTITY_SCALE}: the
     * direction is what identity compares, and faceres values are small and mostly positive, so a
     * fixed scale would leave them a handful of levels.
     */
    public static ByteBuffer quantise(float[] embedding) {
        float max = 0;
        for (float v : embedding) max = Math.max(max, Math.abs(v));
        byte[] q = new byte[embedding.length];
        if (max > 0) {
            for (int i = 0; i < embedding.length; i++) q[i] = (byte) Math.round(embedding[i] / max * IDENTITY_SCALE);
        }
        return ByteBuffer.wrap(q);
    }

    /** Cosine similarity of two quantised identities ({@link #quantise}); 0 when either is missing. */
    public static double similarity(ByteBuffer a, ByteBuffer b) {
        if (a == null || b == null || a.remaining() == 0 || a.remaining() != b.remaining()) return 0;
        long dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.remaining(); i++) {
            int x = a.get(a.position() + i), y = b.get(b.position() + i);
            dot += (long) x * y;
            na += (long) x * x;
            nb += (long) y * y;
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt((double) na * nb);
    }

    private static double clippedArea(Box b, double w, double h) {
        double x0 = Math.max(0, b.x()), y0 = Math.max(0, b.y());
        double x1 = Math.min(w, b.x() + b.width()), y1 = Math.min(h, b.y() + b.height());
        return Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
    }

    /**
     * Sharpness of the luma inside the box on the frame's scale, log10(1 + variance of the Laplacian) / 4
     * clipped to 1; -1 when the box (clipped to the frame) is under 4 px wide.
     */
    private double sharpness(Mat gray, Box b) {
        int x0 = (int) Math.max(0, Math.floor(b.x())), y0 = (int) Math.max(0, Math.floor(b.y()));
        int x1 = (int) Math.min(gray.cols(), Math.ceil(b.x() + b.width()));
        int y1 = (int) Math.min(gray.rows(), Math.ceil(b.y() + b.height()));
        if (x1 - x0 < 4 || y1 - y0 < 4) return -1;
        try (Rect r = new Rect(x0, y0, x1 - x0, y1 - y0); Mat roi = new Mat(gray, r)) {
            Laplacian(roi, laplacian, CV_64F);
            meanStdDev(laplacian, mean, std);
            double sd = NativeReads.doubleAt(std, 0);
            // the frame's sharpness scale (VisualAnnotator), so a face can be compared with its frame
            return Math.min(1.0, Math.log10(1.0 + sd * sd) / 4.0);
        }
    }

    @Override
    public void close() {
        laplacian.close();
        mean.close();
        std.close();
    }
}
