package dev.avastream.cli.runtime;

import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.schema.Shot;

import java.util.List;

/** Builds a {@link RunOutcome} from records in hand, for tests of what is written from one. */
public final class RunOutcomeAccess {
    private RunOutcomeAccess() {}

    /** One title's shots and updates (in the order a consumer would have read them). */
    public static RunOutcome of(String runId, String titleId, List<Shot> shots, List<CandidateSetUpdate> updates) {
        RunOutcome outcome = new RunOutcome(runId);
        TitleOutcome title = outcome.title(titleId);
        shots.forEach(title::addShot);
        updates.forEach(title::addUpdate);
        return outcome;
    }
}
