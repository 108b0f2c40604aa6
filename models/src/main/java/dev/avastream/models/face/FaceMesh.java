package dev.avastream.models.face;

import dev.avastream.models.image.ImageTensors;
import dev.avastream.models.image.Point3;
import dev.avastream.models.image.SquareCrop;
import dev.avastream.models.runtime.OnnxModel;
import dev.avastream.models.runtime.Tensor;
import org.bytedeco.opencv.opencv_core.Mat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * FaceMesh on the faces of a frame, in one batch: each face is cropped as Human does (detector box
 * enlarged 1.4x, squared) and rotated so the detector's eye line is level, which is the pose the
 * mesh model was trained on; the landmarks go back to frame pixels through the same crop.
 */
public final class FaceMesh {
    public static final int INPUT = 192;
    public static final double ENLARGE = 1.4;
    private final OnnxModel model;

    public FaceMesh(OnnxModel model) {
        this.model = model;
    }

    /** The crop the mesh (and the expression and identity models) see for a detection. */
    public static SquareCrop cropFor(FaceDetection d, int size) {
        return SquareCrop.around(d.box().squareScaled(ENLARGE), d.eyeLineAngle(), size);
    }

    public List<FaceLandmarks> landmarks(Mat bgr, List<FaceDetection> faces) {
        if (faces.isEmpty()) return List.of();
        int per = INPUT * INPUT * 3;
        float[] input = new float[faces.size() * per];
        List<SquareCrop> crops = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) {
            SquareCrop c = cropFor(faces.get(i), INPUT);
            crops.add(c);
            try (Mat m = ImageTensors.crop(bgr, c)) {
                ImageTensors.putHwc(m, true, 1f / 255f, 0f, input, i * per);
            }
        }
        Map<String, Tensor> out = model.run(Tensor.of(input, faces.size(), INPUT, INPUT, 3));
        float[] mesh = out.get("mesh").data();
        float[] flag = out.get("faceflag").data();
        List<FaceLandmarks> result = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) {
            List<Point3> pts = new ArrayList<>(468);
            for (int k = 0; k < 468; k++) {
                int o = i * 1404 + 3 * k;
                pts.add(crops.get(i).toFrame(mesh[o], mesh[o + 1], mesh[o + 2]));
            }
            result.add(new FaceLandmarks(List.copyOf(pts), flag[i], crops.get(i)));
        }
        return result;
    }
}
