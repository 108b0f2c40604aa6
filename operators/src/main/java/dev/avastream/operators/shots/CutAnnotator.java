package dev.avastream.operators.shots;

import dev.avastream.operators.annotate.AnalysedFrame;
import dev.avastream.operators.annotate.AnnotatorCost;
import dev.avastream.operators.annotate.FrameAnnotator;
import dev.avastream.operators.annotate.FrameFeatureExtractor;
import dev.avastream.operators.annotate.FrameValue;
import dev.avastream.schema.ScoreComponent;

import java.util.ArrayList;
import java.util.List;

/**
 * The shot boundary detector as a per-frame stage: feeds it each frame's
 * {@link FrameFeatureExtractor#FEATURES}, writes the frame's change score with its parts, and the
 * cuts the detector decided on this frame (for frames a few frames back: it looks ahead). The
 * detector itself stays reachable ({@link #detector()}) for what is not per frame: the cuts left
 * to decide at the end, the cuts found in context frames, how far it looks ahead.
 */
public final class CutAnnotator implements FrameAnnotator {

    public static final String NAME = "cuts";
    public static final FrameValue<Double> CUT_SCORE = FrameValue.field("cutScore", Double.class);
    public static final FrameValue<List<ScoreComponent>> CUT_COMPONENTS = FrameValue.listField("cutComponents");
    /** Frames the detector decided, while this frame was fed, begin a new shot (usually none). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final FrameValue<List<Long>> DECIDED_CUTS =
            (FrameValue<List<Long>>) (FrameValue) FrameValue.of("decidedCuts", List.class);

    private final ShotBoundaryDetector detector;

    public CutAnnotator(ShotBoundaryDetector detector) {
        this.detector = detector;
    }

    public ShotBoundaryDetector detector() { return detector; }

    @Override
    public String name() { return NAME; }

    @Override
    public AnnotatorCost cost() { return AnnotatorCost.CHEAP; }

    /** Cuts are decided over a window of frames: the chunk's pre- and post-roll decide those near its edges. */
    @Override
    public boolean seesContextFrames() { return true; }

    @Override
    public List<FrameValue<?>> reads() { return List.of(FrameFeatureExtractor.FEATURES); }

    @Override
    public List<FrameValue<?>> writes() { return List.of(CUT_SCORE, CUT_COMPONENTS, DECIDED_CUTS); }

    @Override
    public void annotate(AnalysedFrame frame) {
        List<Long> cuts = detector.accept(frame.get(FrameFeatureExtractor.FEATURES));
        CutScore score = detector.lastScore();
        frame.set(CUT_SCORE, score.score());
        frame.set(CUT_COMPONENTS, new ArrayList<>(score.components()));
        frame.set(DECIDED_CUTS, cuts);
    }
}
