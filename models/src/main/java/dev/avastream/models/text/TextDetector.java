package dev.avastream.models.text;

import dev.avastream.models.image.Box;
import dev.avastream.models.image.ImageTensors;
import dev.avastream.models.runtime.OnnxModel;
import dev.avastream.models.runtime.Tensor;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RotatedRect;
import org.bytedeco.opencv.opencv_core.Scalar;

import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.bytedeco.opencv.global.opencv_imgproc.CHAIN_APPROX_SIMPLE;
import static org.bytedeco.opencv.global.opencv_imgproc.RETR_EXTERNAL;
import static org.bytedeco.opencv.global.opencv_imgproc.boundingRect;
import static org.bytedeco.opencv.global.opencv_imgproc.findContours;
import static org.bytedeco.opencv.global.opencv_imgproc.minAreaRect;

/**
 * PP-OCRv4 text detection (DB): the frame is resized so its longer side is at most
 * {@code maxSide} and both sides are multiples of 32, normalised as PaddleOCR does (BGR,
 * ImageNet mean/std), and the model returns a per-pixel text probability. Pixels above
 * {@code binaryThreshold} are grouped into connected regions (outer contours); a region is kept
 * when its mean probability reaches {@code minScore}, then expanded by {@code unclip} of its short
 * side on each side, since DB's probability map covers a shrunk text kernel.
 */
public final class TextDetector {
    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};
    private final OnnxModel model;
    private final int maxSide;
    private final double binaryThreshold = 0.3;
    private final double minScore = 0.6;
    private final double unclip = 0.75;
    private final int minSide = 3;

    public TextDetector(OnnxModel model, int maxSide) {
        this.model = model;
        this.maxSide = maxSide;
    }

    public TextDetector(OnnxModel model) {
        this(model, 960);
    }

    public List<TextRegion> detect(Mat bgr) {
        double s = Math.min(1.0, maxSide / (double) Math.max(bgr.cols(), bgr.rows()));
        int w = Math.max(32, (int) Math.round(bgr.cols() * s / 32) * 32);
        int h = Math.max(32, (int) Math.round(bgr.rows() * s / 32) * 32);
        float[] input = new float[3 * w * h];
        try (Mat small = ImageTensors.resized(bgr, w, h)) {
            ImageTensors.putChw(small, MEAN, STD, input);
        }
        Tensor prob = model.run(Tensor.of(input, 1, 3, h, w)).values().iterator().next();
        return regions(prob.data(), w, h, bgr.cols() / (double) w, bgr.rows() / (double) h);
    }

    List<TextRegion> regions(float[] p, int w, int h, double sx, double sy) {
        byte[] mask = new byte[w * h];
        for (int i = 0; i < mask.length; i++) mask[i] = (byte) (p[i] > binaryThreshold ? 255 : 0);
        List<TextRegion> out = new ArrayList<>();
        try (Mat bin = new Mat(h, w, CV_8U); FloatPointer fp = new FloatPointer(p); Mat probMat = new Mat(h, w, CV_32F, fp);
             MatVector contours = new MatVector(); Mat hierarchy = new Mat()) {
            bin.data().put(mask);
            findContours(bin, contours, hierarchy, RETR_EXTERNAL, CHAIN_APPROX_SIMPLE);
            for (long i = 0; i < contours.size(); i++) {
                Mat c = contours.get(i);
                Rect r = boundingRect(c);
                if (Math.min(r.width(), r.height()) < minSide) continue;
                // mean probability over the region's pixels (the contour's filled bounding box, masked)
                double score;
                try (Mat roiP = new Mat(probMat, r); Mat roiB = new Mat(bin, r)) {
                    score = mean(roiP, roiB).get(0);
                }
                if (score < minScore) continue;
                RotatedRect rr = minAreaRect(c);
                double rw = rr.size().width(), rh = rr.size().height();
                double grow = unclip * Math.min(rw, rh);
                rw += 2 * grow;
                rh += 2 * grow;
                double bx = r.x() - grow, by = r.y() - grow, bw = r.width() + 2 * grow, bh = r.height() + 2 * grow;
                out.add(new TextRegion(rr.center().x() * sx, rr.center().y() * sy, rw * sx, rh * sy, rr.angle(),
                        new Box(bx * sx, by * sy, bw * sx, bh * sy), score));
            }
        }
        out.sort((a, b) -> Double.compare(a.bounds().y(), b.bounds().y()));
        return out;
    }
}
