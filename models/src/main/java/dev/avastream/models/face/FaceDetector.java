package dev.avastream.models.face;

import dev.avastream.models.image.Box;
import dev.avastream.models.image.ImageTensors;
import dev.avastream.models.image.NonMaxSuppression;
import dev.avastream.models.image.Point3;
import dev.avastream.models.runtime.OnnxModel;
import dev.avastream.models.runtime.Tensor;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;

/**
 * BlazeFace on a whole frame: the frame is padded to a square (bottom/right, black) so faces keep
 * their proportions, resized to 256x256, scaled to [-1, 1]; each anchor's logit and regressors are
 * decoded to a box and six keypoints, then overlapping boxes are suppressed.
 */
public final class FaceDetector {
    private static final float[] ANCHORS = BlazeFaceAnchors.centres();
    private final OnnxModel model;
    private final double minScore;
    private final double maxIou;

    /** minScore: sigmoid of the logit; maxIou: overlap above which the weaker box is dropped. */
    public FaceDetector(OnnxModel model, double minScore, double maxIou) {
        this.model = model;
        this.minScore = minScore;
        this.maxIou = maxIou;
    }

    public FaceDetector(OnnxModel model) {
        this(model, 0.6, 0.3);
    }

    public List<FaceDetection> detect(Mat bgr) {
        int side = Math.max(bgr.cols(), bgr.rows());
        int n = BlazeFaceAnchors.INPUT;
        float[] input = new float[n * n * 3];
        try (Mat square = new Mat()) {
            copyMakeBorder(bgr, square, 0, side - bgr.rows(), 0, side - bgr.cols(), BORDER_CONSTANT, new Scalar(0, 0, 0, 0));
            try (Mat small = ImageTensors.resized(square, n, n)) {
                ImageTensors.putHwc(small, true, 1f / 127.5f, -1f, input, 0);
            }
        }
        Map<String, Tensor> out = model.run(Tensor.of(input, 1, n, n, 3));
        return decode(out, side / (double) n);
    }

    /** Anchor decoding; {@code scale} takes input pixels to frame pixels. */
    List<FaceDetection> decode(Map<String, Tensor> out, double scale) {
        float[][] scores = {out.get("scores_16").data(), out.get("scores_8").data()};
        float[][] boxes = {out.get("boxes_16").data(), out.get("boxes_8").data()};
        List<FaceDetection> found = new ArrayList<>();
        int anchor = 0;
        for (int part = 0; part < 2; part++) {
            for (int i = 0; i < scores[part].length; i++, anchor++) {
                double score = 1 / (1 + Math.exp(-scores[part][i]));
                if (score < minScore) continue;
                float[] r = boxes[part];
                int o = i * 16;
                double ax = ANCHORS[2 * anchor], ay = ANCHORS[2 * anchor + 1];
                double cx = ax + r[o], cy = ay + r[o + 1], w = r[o + 2], h = r[o + 3];
                Box box = new Box((cx - w / 2) * scale, (cy - h / 2) * scale, w * scale, h * scale);
                List<Point3> kp = new ArrayList<>(6);
                for (int k = 0; k < 6; k++) kp.add(new Point3((ax + r[o + 4 + 2 * k]) * scale, (ay + r[o + 5 + 2 * k]) * scale, 0));
                found.add(new FaceDetection(box, score, List.copyOf(kp)));
            }
        }
        return NonMaxSuppression.apply(found, FaceDetection::box, FaceDetection::score, maxIou);
    }
}
