package dev.avastream.models.face;

import dev.avastream.models.image.ImageTensors;
import dev.avastream.models.image.SquareCrop;
import dev.avastream.models.runtime.OnnxModel;
import dev.avastream.models.runtime.Tensor;
import org.bytedeco.opencv.opencv_core.Mat;

import java.util.ArrayList;
import java.util.List;

/** The emotion model on face crops (the mesh crops at 64 px, grey, scaled to [-1, 1]), one batch. */
public final class ExpressionClassifier {
    public static final int INPUT = 64;
    private final OnnxModel model;

    public ExpressionClassifier(OnnxModel model) {
        this.model = model;
    }

    public List<Expression> classify(Mat bgr, List<SquareCrop> faces) {
        if (faces.isEmpty()) return List.of();
        int per = INPUT * INPUT;
        float[] input = new float[faces.size() * per];
        for (int i = 0; i < faces.size(); i++) {
            SquareCrop c = faces.get(i);
            try (Mat m = ImageTensors.crop(bgr, new SquareCrop(c.centerX(), c.centerY(), c.side(), c.angle(), INPUT))) {
                ImageTensors.putGrey(m, 2f / 255f, -1f, input, i * per);
            }
        }
        float[] p = model.run(Tensor.of(input, faces.size(), INPUT, INPUT, 1)).get("emotion").data();
        List<Expression> out = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) out.add(Expression.of(p, i * Expression.CLASSES.size()));
        return out;
    }
}
