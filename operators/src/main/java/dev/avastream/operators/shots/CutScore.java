package dev.avastream.operators.shots;

import dev.avastream.schema.ScoreComponent;

import java.util.List;

/**
 * A shot detector's frame-to-frame change score for one frame, with the named parts it is the sum
 * of; written into {@code FrameAnnotation.cutScore} and {@code cutComponents}.
 *
 * @param frameIndex the frame compared with the frame fed before it
 * @param score      sum of the components' contributions; 0 for the first frame fed
 * @param components what was measured, each with value, weight and contribution
 */
public record CutScore(long frameIndex, double score, List<ScoreComponent> components) {

    public CutScore {
        components = List.copyOf(components);
    }
}
