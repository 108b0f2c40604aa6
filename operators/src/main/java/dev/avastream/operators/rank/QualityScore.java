package dev.avastream.operators.rank;

import dev.avastream.schema.ScoreComponent;

import java.util.List;

/**
 * A frame's quality score and the named parts it is the exact sum of (penalties contribute negative
 * amounts), so a reader can see why a frame ranked where it did.
 */
public record QualityScore(double score, List<ScoreComponent> components) {

    public QualityScore {
        components = List.copyOf(components);
    }
}
