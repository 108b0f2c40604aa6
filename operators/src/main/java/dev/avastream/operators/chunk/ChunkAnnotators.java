package dev.avastream.operators.chunk;

import dev.avastream.operators.annotate.CameraMotion;
import dev.avastream.operators.annotate.CompositionAnnotator;
import dev.avastream.operators.annotate.DominantColourExtractor;
import dev.avastream.operators.annotate.LetterboxDetector;
import dev.avastream.operators.annotate.ExposureClipping;
import dev.avastream.operators.annotate.FaceAnnotator;
import dev.avastream.operators.annotate.NudityAnnotator;
import dev.avastream.operators.annotate.PerceptualHash;
import dev.avastream.operators.annotate.ObjectAnnotator;
import dev.avastream.operators.annotate.PersonMaskAnnotator;
import dev.avastream.operators.annotate.ShotTypeClassifier;
import dev.avastream.operators.annotate.SubjectPlacement;
import dev.avastream.operators.annotate.TextAnnotator;
import dev.avastream.operators.annotate.FrameAnnotator;
import dev.avastream.operators.annotate.FrameFeatureExtractor;
import dev.avastream.operators.annotate.MotionBlur;
import dev.avastream.operators.annotate.NaturalSceneStatistics;
import dev.avastream.operators.annotate.TransitionSignalTracker;
import dev.avastream.operators.annotate.VisualAnnotator;
import dev.avastream.operators.config.Tunables;
import dev.avastream.operators.shots.CutAnnotator;
import dev.avastream.operators.shots.HardCutDetector;

import java.util.ArrayList;
import java.util.List;

/**
 * The registration of the per-frame annotators every chunk runs, in the order they run (an
 * annotator comes after those whose values it reads; {@link ChunkAnalyzer} checks). Adding an
 * annotator is one line here; see docs/annotators.md.
 */
public final class ChunkAnnotators {

    private ChunkAnnotators() {}

    /**
     * New instances of the chunk's annotators (they keep per-title state: one list per chunk).
     *
     * @param fps the chunk's frame rate (the cut detector's minimum shot length is in seconds)
     */
    public static List<FrameAnnotator> create(AnalysisConfig config, double fps) {
        List<FrameAnnotator> list = new ArrayList<>(List.of(
                // what shot boundaries are found from (brightness and contrast, the gradual detector reads
                // them too); analysis.shots-only keeps only these
                new VisualAnnotator(),
                new FrameFeatureExtractor(config.features()),
                new CutAnnotator(new HardCutDetector(config.detector(), fps)),
                new TransitionSignalTracker(config.transitions())));
        if (config.values().get(Tunables.SHOTS_ONLY)) return List.copyOf(list);
        list.addAll(List.of(
                new DominantColourExtractor(DominantColourExtractor.Params.from(config.values())),
                new ExposureClipping(),
                new LetterboxDetector(),
                new PerceptualHash(),
                new NaturalSceneStatistics(),
                new CameraMotion(CameraMotion.Params.from(config.values())),
                new CompositionAnnotator(),
                new MotionBlur()));
        if (config.values().get(Tunables.MODELS_ENABLED)) {
            // model frames only (ModelFrame): a stride, and the candidates
            list.addAll(List.of(
                    new FaceAnnotator(FaceAnnotator.Params.from(config.values())),
                    new ObjectAnnotator(ObjectAnnotator.Params.from(config.values())),
                    new TextAnnotator(),
                    new NudityAnnotator(),
                    new PersonMaskAnnotator(),
                    new ShotTypeClassifier(ShotTypeClassifier.Params.from(config.values())),
                    new SubjectPlacement()));
        }
        return List.copyOf(list);
    }
}
