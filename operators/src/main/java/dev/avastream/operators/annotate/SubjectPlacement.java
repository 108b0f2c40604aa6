package dev.avastream.operators.annotate;

import dev.avastream.schema.FaceAnnotation;

import java.util.List;

/**
 * Where the subject is, and how it sits against the rule of thirds: the centre of the largest face,
 * or without a face the centroid of the person mask (when people cover at least
 * {@value #MIN_PERSON_SHARE} of the frame and the object detector found a person: the Selfie mask
 * alone marks red discs and cartoon shapes as people). Saliency ({@link CompositionAnnotator}) finds what stands
 * out in colour, which in a film is as often a lamp as the actor; a still is judged by where its
 * people are. Writes {@code subjectSource} NONE and -1 placements when there is neither.
 *
 * <p>Reads the face and person-mask annotators' values, so it runs on model frames only; no pixels.
 */
public final class SubjectPlacement implements FrameAnnotator {

    public static final FrameValue<String> SOURCE = FrameValue.field("subjectSource", String.class);
    public static final FrameValue<Double> X = FrameValue.field("subjectX", Double.class);
    public static final FrameValue<Double> Y = FrameValue.field("subjectY", Double.class);
    public static final FrameValue<Double> THIRDS_SCORE = FrameValue.field("subjectThirdsScore", Double.class);

    /** Share of the frame the person mask must cover to place the subject. */
    public static final double MIN_PERSON_SHARE = 0.02;

    @Override
    public String name() { return "subject"; }

    @Override
    public AnnotatorCost cost() { return AnnotatorCost.CHEAP; }

    @Override
    public boolean modelFramesOnly() { return true; }

    @Override
    public List<FrameValue<?>> reads() {
        return List.of(FaceAnnotator.FACES, ObjectAnnotator.PERSON_COUNT, PersonMaskAnnotator.SHARE,
                PersonMaskAnnotator.CENTROID_X, PersonMaskAnnotator.CENTROID_Y);
    }

    @Override
    public List<FrameValue<?>> writes() { return List.of(SOURCE, X, Y, THIRDS_SCORE); }

    @Override
    public void annotate(AnalysedFrame frame) {
        FaceAnnotation largest = null;
        for (FaceAnnotation f : frame.get(FaceAnnotator.FACES)) {
            if (largest == null || f.getShare() > largest.getShare()) largest = f;
        }
        String source;
        double x, y;
        if (largest != null) {
            source = "FACE";
            x = largest.getX() + largest.getWidth() / 2;
            y = largest.getY() + largest.getHeight() / 2;
        } else if (frame.get(ObjectAnnotator.PERSON_COUNT) > 0 && frame.get(PersonMaskAnnotator.SHARE) >= MIN_PERSON_SHARE) {
            source = "PERSON";
            x = frame.get(PersonMaskAnnotator.CENTROID_X);
            y = frame.get(PersonMaskAnnotator.CENTROID_Y);
        } else {
            frame.set(SOURCE, "NONE");
            frame.set(X, -1.0);
            frame.set(Y, -1.0);
            frame.set(THIRDS_SCORE, -1.0);
            return;
        }
        x = Math.max(0, Math.min(1, x));
        y = Math.max(0, Math.min(1, y));
        frame.set(SOURCE, source);
        frame.set(X, x);
        frame.set(Y, y);
        frame.set(THIRDS_SCORE, RuleOfThirds.of(x, y, frame.planes().width() / (double) frame.planes().height()).score());
    }
}
