package dev.avastream.models.segmentation;

import dev.avastream.models.image.ImageTensors;
import dev.avastream.models.runtime.OnnxModel;
import dev.avastream.models.runtime.Tensor;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Google's Selfie segmentation (the "selfie" model of the manifest) on the whole frame resized to
 * 256x256, RGB / 255: a person probability per cell of a 256x256 grid over the frame. Made for people
 * near the camera (video calls), so small figures in a wide shot are often missed; faces and COCO
 * person boxes cover those.
 */
public final class PersonSegmenter {
    public static final int SIZE = 256;
    private final OnnxModel model;

    public PersonSegmenter(OnnxModel model) {
        this.model = model;
    }

    /** Person probabilities, row-major {@link #SIZE} x {@link #SIZE}, over the whole frame (not aspect-corrected). */
    public float[] mask(Mat bgr) {
        float[] input = new float[SIZE * SIZE * 3];
        try (Mat small = ImageTensors.resized(bgr, SIZE, SIZE)) {
            ImageTensors.putHwc(small, true, 1f / 255f, 0f, input, 0);
        }
        return model.run(Tensor.of(input, 1, SIZE, SIZE, 3)).get("mask").data();
    }
}
