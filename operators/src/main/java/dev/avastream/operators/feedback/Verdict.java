package dev.avastream.operators.feedback;

/**
 * A curator's mark on one published candidate still. Marks are replayed in time order and the latest
 * per frame wins ({@link ProfileWeightLearner}), so a curator can change their mind or take a mark back
 * without anyone editing history.
 */
public enum Verdict {
    /** The still is one the curator would publish: it should rank above the rejected ones of its title. */
    PICK,
    /** The still should not front the title: it should rank below the picked ones of its title. */
    REJECT,
    /** Retracts the curator's earlier mark on this frame: the frame no longer counts either way. */
    CLEAR
}
