package dev.avastream.operators.rank;

import dev.avastream.schema.Candidate;

import java.util.Comparator;

/**
 * The one ranking order of candidates: higher score first, ties broken by lower frame index (the
 * earlier frame), then by shot. A total order on distinct frames, so every sort and every eviction
 * is deterministic whatever order candidates arrived in.
 */
public final class CandidateOrder {

    /** Best first. */
    public static final Comparator<Candidate> BEST_FIRST = Comparator
            .comparingDouble(Candidate::getScore).reversed()
            .thenComparingLong(Candidate::getFrameIndex)
            .thenComparingInt(Candidate::getShotIndex);

    private CandidateOrder() {}

    /** Whether {@code a} ranks before {@code b}. */
    public static boolean better(Candidate a, Candidate b) {
        return BEST_FIRST.compare(a, b) < 0;
    }
}
