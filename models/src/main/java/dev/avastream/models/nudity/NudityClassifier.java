package dev.avastream.models.nudity;

import dev.avastream.models.image.ImageTensors;
import dev.avastream.models.runtime.OnnxModel;
import dev.avastream.models.runtime.Tensor;
import org.bytedeco.opencv.opencv_core.Mat;

/** nsfwjs MobileNetV2 ("mid") on the whole frame resized to 224x224, RGB / 255. */
public final class NudityClassifier {
    public static final int INPUT = 224;
    private final OnnxModel model;

    public NudityClassifier(OnnxModel model) {
        this.model = model;
    }

    public NudityScores classify(Mat bgr) {
        float[] input = new float[INPUT * INPUT * 3];
        try (Mat small = ImageTensors.resized(bgr, INPUT, INPUT)) {
            ImageTensors.putHwc(small, true, 1f / 255f, 0f, input, 0);
        }
        return NudityScores.of(model.run(Tensor.of(input, 1, INPUT, INPUT, 3)).get("probabilities").data(), 0);
    }
}
