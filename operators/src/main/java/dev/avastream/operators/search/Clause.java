package dev.avastream.operators.search;

import dev.avastream.schema.FrameAnnotation;

/** One clause of a query, without its negation: a named term or a comparison. */
interface Clause {

    /** Whether the fields the clause reads are measured on the frame; off them neither it nor its negation matches. */
    boolean measured(FrameAnnotation a, SearchContext ctx);

    /** The clause's test; only meaningful where {@link #measured} holds. */
    boolean test(FrameAnnotation a, SearchContext ctx);

    /** The clause normalised, e.g. "close-up" or "brightness > 0.5". */
    String text();

    /** Its exact definition, e.g. "shotType = CLOSE_UP". */
    String definition();

    /** What must be measured, in words, e.g. "shotType != UNKNOWN (a model frame)". */
    String requirement();
}
