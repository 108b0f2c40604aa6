package dev.avastream.models.object;

import dev.avastream.models.image.Box;
import dev.avastream.models.image.ImageTensors;
import dev.avastream.models.image.NonMaxSuppression;
import dev.avastream.models.runtime.OnnxModel;
import dev.avastream.models.runtime.Tensor;
import org.bytedeco.opencv.opencv_core.Mat;

import java.util.ArrayList;
import java.util.List;

/**
 * CenterNet (MobileNetV3, COCO) on a whole frame resized to 512x512, RGB 0..255. The model itself
 * picks the 100 strongest heatmap peaks and regresses their boxes; this keeps those above
 * {@code minScore} and removes same-class duplicates (a peak can fire twice on one large object).
 */
public final class ObjectDetector {
    public static final int INPUT = 512;
    private final OnnxModel model;
    private final double minScore;
    private final double maxIou;

    public ObjectDetector(OnnxModel model, double minScore, double maxIou) {
        this.model = model;
        this.minScore = minScore;
        this.maxIou = maxIou;
    }

    public ObjectDetector(OnnxModel model) {
        this(model, 0.3, 0.5);
    }

    public List<DetectedObject> detect(Mat bgr) {
        float[] input = new float[INPUT * INPUT * 3];
        try (Mat small = ImageTensors.resized(bgr, INPUT, INPUT)) {
            ImageTensors.putHwc(small, true, 1f, 0f, input, 0);
        }
        float[] d = model.run(Tensor.of(input, 1, INPUT, INPUT, 3)).get("detections").data();
        double sx = bgr.cols() / (double) INPUT, sy = bgr.rows() / (double) INPUT;
        List<DetectedObject> found = new ArrayList<>();
        for (int i = 0; i + 6 <= d.length; i += 6) {
            double score = d[i + 4];
            int cls = Math.round(d[i + 5]);
            if (score < minScore || cls < 0 || cls >= CocoLabels.NAMES.size()) continue;
            Box box = Box.fromCorners(d[i] * sx, d[i + 1] * sy, d[i + 2] * sx, d[i + 3] * sy);
            found.add(new DetectedObject(box, cls, CocoLabels.NAMES.get(cls), score));
        }
        List<DetectedObject> kept = new ArrayList<>();
        for (int c = 0; c < CocoLabels.NAMES.size(); c++) {
            final int cls = c;
            List<DetectedObject> same = found.stream().filter(o -> o.classIndex() == cls).toList();
            if (!same.isEmpty()) kept.addAll(NonMaxSuppression.apply(same, DetectedObject::box, DetectedObject::score, maxIou));
        }
        kept.sort((a, b) -> Double.compare(b.score(), a.score()));
        return kept;
    }
}
