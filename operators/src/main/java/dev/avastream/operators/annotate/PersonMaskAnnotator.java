package dev.avastream.operators.annotate;

import dev.avastream.models.runtime.SessionSettings;
import dev.avastream.models.runtime.SharedModels;
import dev.avastream.models.segmentation.PersonSegmenter;

import java.util.List;

/**
 * People as a mask: the Selfie segmentation model's person probability over the frame
 * ({@link PersonSegmenter}), reduced to the share of the frame that is person (probability at least
 * {@value #PERSON}) and that area's centroid. Where the face detector sees no face (turned away,
 * too small, in shadow) the mask still places the subject, which {@link SubjectPlacement} reads.
 *
 * <p>Cost: about 7 ms a frame (models/README.md), on model frames only.
 */
public final class PersonMaskAnnotator implements FrameAnnotator {

    public static final FrameValue<Double> SHARE = FrameValue.field("personMaskShare", Double.class);
    public static final FrameValue<Double> CENTROID_X = FrameValue.field("personMaskCentroidX", Double.class);
    public static final FrameValue<Double> CENTROID_Y = FrameValue.field("personMaskCentroidY", Double.class);

    /** Probability from which a mask cell is person. */
    public static final double PERSON = 0.5;

    /** Made on the first frame: building the pipeline loads no model. */
    private PersonSegmenter segmenter;

    @Override
    public String name() { return "person-mask"; }

    @Override
    public AnnotatorCost cost() { return AnnotatorCost.NEURAL; }

    @Override
    public List<FrameValue<?>> writes() { return List.of(SHARE, CENTROID_X, CENTROID_Y); }

    @Override
    public void annotate(AnalysedFrame frame) {
        if (segmenter == null) segmenter = new PersonSegmenter(SharedModels.get("selfie", SessionSettings.SINGLE_THREAD));
        float[] mask = segmenter.mask(frame.planes().bgr());
        int n = PersonSegmenter.SIZE;
        long count = 0;
        double sx = 0, sy = 0;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                if (mask[y * n + x] >= PERSON) {
                    count++;
                    sx += x + 0.5;
                    sy += y + 0.5;
                }
            }
        }
        frame.set(SHARE, count / (double) (n * n));
        frame.set(CENTROID_X, count == 0 ? -1.0 : sx / count / n);
        frame.set(CENTROID_Y, count == 0 ? -1.0 : sy / count / n);
    }
}
