package dev.avastream.cli.runtime;

import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.schema.Shot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What one title of a run published, as read back from Kafka: its shots and candidate updates in the
 * order a consumer saw them.
 */
public final class TitleOutcome {
    private final String titleId;
    private final List<Shot> shots = new ArrayList<>();
    private final List<CandidateSetUpdate> updates = new ArrayList<>();

    public TitleOutcome(String titleId) { this.titleId = titleId; }

    public String titleId() { return titleId; }

    public List<Shot> shots() {
        List<Shot> sorted = new ArrayList<>(shots);
        sorted.sort(Comparator.comparingInt(Shot::getIndex));
        return sorted;
    }

    public List<CandidateSetUpdate> updates() { return updates; }

    /** The last update a consumer saw, or null if none arrived. */
    public CandidateSetUpdate last() { return updates.isEmpty() ? null : updates.get(updates.size() - 1); }

    public boolean complete() { return last() != null && last().getComplete(); }

    public List<String> errors() { return last() == null ? List.of() : last().getErrors(); }

    void addShot(Shot s) { shots.add(s); }

    void addUpdate(CandidateSetUpdate u) { updates.add(u); }
}
