package dev.avastream.operators.annotate;

import dev.avastream.operators.config.Setting;
import dev.avastream.operators.config.SettingValues;
import dev.avastream.operators.config.Tunables;
import dev.avastream.schema.FaceAnnotation;

import java.io.Serializable;
import java.util.List;

/**
 * Shot type (scale): how close the camera is to its subject, from the size of the largest face and,
 * where no face is big enough to tell (turned away, too small, none), of the tallest person. Film
 * grammar ties the scale to the share of the frame's height a face or a figure takes: a face filling
 * it is an extreme close-up, head and shoulders a close-up, waist up a medium shot, the whole figure
 * a long shot, a small figure in a landscape an extreme long shot. The thresholds are {@link Params}.
 *
 * <p>Reads the face and object annotators' values, so it runs on model frames only; no pixels.
 */
public final class ShotTypeClassifier implements FrameAnnotator {

    public static final FrameValue<String> SHOT_TYPE = FrameValue.field("shotType", String.class);

    /** The values {@link #SHOT_TYPE} takes, closest first. */
    public enum ShotType { EXTREME_CLOSE_UP, CLOSE_UP, MEDIUM, LONG, EXTREME_LONG, NO_PEOPLE, UNKNOWN }

    /**
     * @param extremeCloseUp {@link Tunables#SHOT_EXTREME_CLOSE_UP}
     * @param closeUp        {@link Tunables#SHOT_CLOSE_UP}
     * @param medium         {@link Tunables#SHOT_MEDIUM}
     * @param mediumPerson   {@link Tunables#SHOT_MEDIUM_PERSON}
     * @param longPerson     {@link Tunables#SHOT_LONG_PERSON}
     */
    public record Params(double extremeCloseUp, double closeUp, double medium, double mediumPerson, double longPerson)
            implements Serializable {
        public Params {
            Setting.check(Tunables.SHOT_EXTREME_CLOSE_UP, extremeCloseUp);
            Setting.check(Tunables.SHOT_CLOSE_UP, closeUp);
            Setting.check(Tunables.SHOT_MEDIUM, medium);
            Setting.check(Tunables.SHOT_MEDIUM_PERSON, mediumPerson);
            Setting.check(Tunables.SHOT_LONG_PERSON, longPerson);
            if (!(extremeCloseUp > closeUp && closeUp > medium)) {
                throw new IllegalArgumentException("face heights must decrease from extreme close-up (" + extremeCloseUp
                        + ") to close-up (" + closeUp + ") to medium (" + medium + ")");
            }
            if (!(mediumPerson > longPerson)) {
                throw new IllegalArgumentException("the medium person height (" + mediumPerson
                        + ") must exceed the long one (" + longPerson + ")");
            }
        }

        public static Params defaults() { return from(SettingValues.defaults()); }

        public static Params from(SettingValues v) {
            return new Params(v.get(Tunables.SHOT_EXTREME_CLOSE_UP), v.get(Tunables.SHOT_CLOSE_UP),
                    v.get(Tunables.SHOT_MEDIUM), v.get(Tunables.SHOT_MEDIUM_PERSON), v.get(Tunables.SHOT_LONG_PERSON));
        }
    }

    private final Params params;

    public ShotTypeClassifier(Params params) {
        this.params = params;
    }

    @Override
    public String name() { return "shot-type"; }

    @Override
    public AnnotatorCost cost() { return AnnotatorCost.CHEAP; }

    @Override
    public boolean modelFramesOnly() { return true; }

    @Override
    public List<FrameValue<?>> reads() {
        return List.of(FaceAnnotator.FACES, ObjectAnnotator.LARGEST_PERSON_HEIGHT);
    }

    @Override
    public List<FrameValue<?>> writes() { return List.of(SHOT_TYPE); }

    @Override
    public Record params() { return params; }

    @Override
    public void annotate(AnalysedFrame frame) {
        double face = 0;
        for (FaceAnnotation f : frame.get(FaceAnnotator.FACES)) face = Math.max(face, f.getHeight());
        frame.set(SHOT_TYPE, classify(face, frame.get(ObjectAnnotator.LARGEST_PERSON_HEIGHT)).name());
    }

    /**
     * The shot type from the largest face's and the tallest person's heights, as shares of the frame
     * height (0: none found).
     */
    public ShotType classify(double faceHeight, double personHeight) {
        if (faceHeight >= params.extremeCloseUp()) return ShotType.EXTREME_CLOSE_UP;
        if (faceHeight >= params.closeUp()) return ShotType.CLOSE_UP;
        if (faceHeight >= params.medium()) return ShotType.MEDIUM;
        if (personHeight >= params.mediumPerson()) return ShotType.MEDIUM;
        if (personHeight >= params.longPerson()) return ShotType.LONG;
        if (personHeight > 0) return ShotType.EXTREME_LONG;
        // a face too small for a medium shot and no person box: a figure at a distance
        if (faceHeight > 0) return ShotType.LONG;
        return ShotType.NO_PEOPLE;
    }
}
