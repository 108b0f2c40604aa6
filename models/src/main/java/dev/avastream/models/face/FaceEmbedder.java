package dev.avastream.models.face;

import dev.avastream.models.image.ImageTensors;
import dev.avastream.models.image.SquareCrop;
import dev.avastream.models.runtime.OnnxModel;
import dev.avastream.models.runtime.Tensor;
import org.bytedeco.opencv.opencv_core.Mat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** faceres on face crops (the mesh crops at 224 px, RGB 0..255), one batch. */
public final class FaceEmbedder {
    public static final int INPUT = 224;
    public static final int DIMENSIONS = 1024;
    private final OnnxModel model;

    public FaceEmbedder(OnnxModel model) {
        this.model = model;
    }

    public List<FaceIdentity> embed(Mat bgr, List<SquareCrop> faces) {
        if (faces.isEmpty()) return List.of();
        int per = INPUT * INPUT * 3;
        float[] input = new float[faces.size() * per];
        for (int i = 0; i < faces.size(); i++) {
            SquareCrop c = faces.get(i);
            try (Mat m = ImageTensors.crop(bgr, new SquareCrop(c.centerX(), c.centerY(), c.side(), c.angle(), INPUT))) {
                ImageTensors.putHwc(m, true, 1f, 0f, input, i * per);
            }
        }
        Map<String, Tensor> out = model.run(Tensor.of(input, faces.size(), INPUT, INPUT, 3));
        float[] emb = out.get("embedding").data(), age = out.get("age").data(), gender = out.get("gender").data();
        List<FaceIdentity> result = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) {
            double years = 0;
            for (int b = 0; b < 100; b++) years += b * age[i * 100 + b];
            result.add(new FaceIdentity(FaceIdentity.unit(emb, i * DIMENSIONS, DIMENSIONS), years, gender[i]));
        }
        return result;
    }
}
