package dev.avastream.operators.search;

import dev.avastream.schema.FrameAnnotation;

/**
 * What a query needs beyond the frame's own annotation: the title's characters and the frame's quality score. The
 * CLI and the preview server back it with the title's character book and ranking; {@link #none()} knows nothing.
 */
public interface SearchContext {

    /** The title character ({@code character-<n>}) of the frame's largest face; "" when unknown or without a face. */
    String characterOf(FrameAnnotation a);

    /** Whether {@code character} is the title's main character (the one with the most screen presence). */
    boolean isMainCharacter(String character);

    /** The frame's quality score; NaN when unknown (then "score" clauses do not match the frame, nor their negation). */
    double score(FrameAnnotation a);

    /** A context that knows no characters and no scores: character and score clauses match no frame. */
    static SearchContext none() {
        return new SearchContext() {
            @Override public String characterOf(FrameAnnotation a) { return ""; }
            @Override public boolean isMainCharacter(String character) { return false; }
            @Override public double score(FrameAnnotation a) { return Double.NaN; }
        };
    }
}
