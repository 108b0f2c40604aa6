package dev.avastream.operators.annotate;

import dev.avastream.models.image.Box;
import dev.avastream.models.object.DetectedObject;
import dev.avastream.models.object.ObjectDetector;
import dev.avastream.models.runtime.SessionSettings;
import dev.avastream.models.runtime.SharedModels;
import dev.avastream.operators.config.Setting;
import dev.avastream.operators.config.SettingValues;
import dev.avastream.operators.config.Tunables;
import dev.avastream.schema.ObjectAnnotation;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * People and objects: the COCO detector ({@link ObjectDetector}, CenterNet MobileNetV3) on the
 * analysis-size frame, with the people counted apart. A person box finds people whose faces are
 * turned away or too small for the face detector, which the shot type needs.
 *
 * <p>Cost: about 80 ms a frame (the 512x512 network dominates; models/README.md), the most
 * expensive annotator, so it runs on model frames only.
 */
public final class ObjectAnnotator implements FrameAnnotator {

    public static final FrameValue<List<ObjectAnnotation>> OBJECTS = FrameValue.listField("objects");
    public static final FrameValue<Integer> PERSON_COUNT = FrameValue.field("personCount", Integer.class);
    public static final FrameValue<Double> LARGEST_PERSON_HEIGHT = FrameValue.field("largestPersonHeight", Double.class);

    /** COCO's class index of a person. */
    public static final int PERSON = 0;
    /** Boxes of one class overlapping more than this are one object (the detector's duplicate peaks). */
    private static final double SAME_OBJECT_IOU = 0.5;

    /** @param minScore {@link Tunables#MIN_OBJECT_SCORE} */
    public record Params(double minScore) implements Serializable {
        public Params {
            Setting.check(Tunables.MIN_OBJECT_SCORE, minScore);
        }

        public static Params defaults() { return from(SettingValues.defaults()); }

        public static Params from(SettingValues v) { return new Params(v.get(Tunables.MIN_OBJECT_SCORE)); }
    }

    private final Params params;
    /** Made on the first frame: building the pipeline loads no model. */
    private ObjectDetector detector;

    public ObjectAnnotator(Params params) {
        this.params = params;
    }

    @Override
    public String name() { return "objects"; }

    @Override
    public AnnotatorCost cost() { return AnnotatorCost.NEURAL; }

    @Override
    public List<FrameValue<?>> writes() { return List.of(OBJECTS, PERSON_COUNT, LARGEST_PERSON_HEIGHT); }

    @Override
    public Record params() { return params; }

    @Override
    public void annotate(AnalysedFrame frame) {
        if (detector == null) {
            detector = new ObjectDetector(SharedModels.get("centernet", SessionSettings.SINGLE_THREAD),
                    params.minScore(), SAME_OBJECT_IOU);
        }
        double w = frame.planes().width(), h = frame.planes().height();
        List<ObjectAnnotation> out = new ArrayList<>();
        int people = 0;
        double tallest = 0;
        for (DetectedObject o : detector.detect(frame.planes().bgr())) {
            Box b = o.box();
            out.add(ObjectAnnotation.newBuilder().setLabel(o.label()).setClassIndex(o.classIndex()).setScore(o.score())
                    .setX(b.x() / w).setY(b.y() / h).setWidth(b.width() / w).setHeight(b.height() / h).build());
            if (o.classIndex() == PERSON) {
                people++;
                double top = Math.max(0, b.y()), bottom = Math.min(h, b.y() + b.height());
                tallest = Math.max(tallest, Math.max(0, bottom - top) / h);
            }
        }
        frame.set(OBJECTS, out);
        frame.set(PERSON_COUNT, people);
        frame.set(LARGEST_PERSON_HEIGHT, tallest);
    }
}
