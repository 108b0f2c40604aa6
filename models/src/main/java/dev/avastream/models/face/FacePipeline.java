package dev.avastream.models.face;

import dev.avastream.models.ModelStore;
import dev.avastream.models.image.SquareCrop;
import dev.avastream.models.runtime.OnnxModel;
import dev.avastream.models.runtime.SessionSettings;
import dev.avastream.models.runtime.SharedModels;
import org.bytedeco.opencv.opencv_core.Mat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Detect, then per face (batched): mesh, pose, eye/mouth state, expression, identity. Faces whose
 * mesh says "not a face" (faceScore below the threshold) are dropped: the detector's false positives
 * rarely survive the mesh model. At most {@code maxFaces} faces, largest first, are analysed.
 * Either owns its sessions (opened from a {@link ModelStore}) or borrows the process's shared ones
 * ({@link #shared}).
 */
public final class FacePipeline implements AutoCloseable {
    private final FaceDetector detector;
    private final FaceMesh mesh;
    private final ExpressionClassifier expressions;
    private final FaceEmbedder embedder;
    private final AutoCloseable[] sessions;
    private final int maxFaces;
    private final double minMeshScore;

    public FacePipeline(ModelStore store, SessionSettings settings, int maxFaces, double minMeshScore) {
        var d = store.open("blazeface", settings);
        var m = store.open("facemesh", settings);
        var e = store.open("emotion", settings);
        var f = store.open("faceres", settings);
        this.sessions = new AutoCloseable[] {d, m, e, f};
        this.detector = new FaceDetector(d);
        this.mesh = new FaceMesh(m);
        this.expressions = new ExpressionClassifier(e);
        this.embedder = new FaceEmbedder(f);
        this.maxFaces = maxFaces;
        this.minMeshScore = minMeshScore;
    }

    /**
     * On the process's shared sessions ({@link SharedModels}): loads each model once per process;
     * {@link #close()} leaves them open for the other users.
     */
    public static FacePipeline shared(SessionSettings settings, int maxFaces, double minMeshScore) {
        return new FacePipeline(SharedModels.get("blazeface", settings), SharedModels.get("facemesh", settings),
                SharedModels.get("emotion", settings), SharedModels.get("faceres", settings), maxFaces, minMeshScore);
    }

    private FacePipeline(OnnxModel d, OnnxModel m, OnnxModel e, OnnxModel f, int maxFaces, double minMeshScore) {
        this.sessions = new AutoCloseable[0];
        this.detector = new FaceDetector(d);
        this.mesh = new FaceMesh(m);
        this.expressions = new ExpressionClassifier(e);
        this.embedder = new FaceEmbedder(f);
        this.maxFaces = maxFaces;
        this.minMeshScore = minMeshScore;
    }

    public FacePipeline(ModelStore store, SessionSettings settings) {
        this(store, settings, 8, 0.5);
    }

    public List<FaceDetection> detect(Mat bgr) {
        List<FaceDetection> faces = new ArrayList<>(detector.detect(bgr));
        faces.sort(Comparator.comparingDouble((FaceDetection f) -> f.box().area()).reversed());
        return faces.size() > maxFaces ? faces.subList(0, maxFaces) : faces;
    }

    public List<FaceAnalysis> analyse(Mat bgr) {
        List<FaceDetection> faces = detect(bgr);
        List<FaceLandmarks> marks = mesh.landmarks(bgr, faces);
        List<FaceDetection> keptFaces = new ArrayList<>();
        List<FaceLandmarks> kept = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) {
            if (marks.get(i).faceScore() >= minMeshScore) {
                keptFaces.add(faces.get(i));
                kept.add(marks.get(i));
            }
        }
        List<SquareCrop> crops = kept.stream().map(FaceLandmarks::crop).toList();
        List<Expression> ex = expressions.classify(bgr, crops);
        List<FaceIdentity> ids = embedder.embed(bgr, crops);
        List<FaceAnalysis> out = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
            FaceLandmarks l = kept.get(i);
            out.add(new FaceAnalysis(keptFaces.get(i), l, HeadPose.of(l), EyesAndMouth.of(l), ex.get(i), ids.get(i)));
        }
        return out;
    }

    public FaceDetector detector() {
        return detector;
    }

    public FaceMesh mesh() {
        return mesh;
    }

    public ExpressionClassifier expressions() {
        return expressions;
    }

    public FaceEmbedder embedder() {
        return embedder;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable s : sessions) s.close();
    }
}
