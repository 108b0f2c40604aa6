package dev.avastream.operators.annotate;

import dev.avastream.models.nudity.NudityClassifier;
import dev.avastream.models.nudity.NudityScores;
import dev.avastream.models.runtime.SessionSettings;
import dev.avastream.models.runtime.SharedModels;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Nudity: the nsfwjs classifier's ({@link NudityClassifier}) five class probabilities for the whole
 * frame, and from them explicit (Porn + Hentai) and suggestive (Sexy) probabilities as plain features
 * a ranker can weigh or a policy can filter on. The Drawing class doubles as an animation signal.
 *
 * <p>Cost: about 15 ms a frame (224x224 MobileNetV2; models/README.md), on model frames only.
 */
public final class NudityAnnotator implements FrameAnnotator {

    public static final FrameValue<Map<String, Double>> NUDITY = FrameValue.mapField("nudity");
    public static final FrameValue<Double> EXPLICIT = FrameValue.field("nudityExplicit", Double.class);
    public static final FrameValue<Double> SUGGESTIVE = FrameValue.field("nuditySuggestive", Double.class);

    /** Made on the first frame: building the pipeline loads no model. */
    private NudityClassifier classifier;

    @Override
    public String name() { return "nudity"; }

    @Override
    public AnnotatorCost cost() { return AnnotatorCost.NEURAL; }

    @Override
    public List<FrameValue<?>> writes() { return List.of(NUDITY, EXPLICIT, SUGGESTIVE); }

    @Override
    public void annotate(AnalysedFrame frame) {
        if (classifier == null) classifier = new NudityClassifier(SharedModels.get("nsfw", SessionSettings.SINGLE_THREAD));
        NudityScores scores = classifier.classify(frame.planes().bgr());
        Map<String, Double> probabilities = new LinkedHashMap<>();
        for (String c : NudityScores.CLASSES) probabilities.put(c, scores.probability(c));
        frame.set(NUDITY, probabilities);
        frame.set(EXPLICIT, scores.explicit());
        frame.set(SUGGESTIVE, scores.suggestive());
    }
}
