package dev.avastream.cli.runtime;

import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.schema.Shot;
import dev.avastream.schema.Still;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one title of a run published, as read back from Kafka: its shots, stills and candidate updates
 * in the order a consumer saw them.
 */
public final class TitleOutcome {
    private final String titleId;
    private final List<Shot> shots = new ArrayList<>();
    private final List<CandidateSetUpdate> updates = new ArrayList<>();
    private final List<Still> stills = new ArrayList<>();
    private final Map<Long, Still> stillByFrame = new HashMap<>();

    public TitleOutcome(String titleId) { this.titleId = titleId; }

    public String titleId() { return titleId; }

    public List<Shot> shots() {
        List<Shot> sorted = new ArrayList<>(shots);
        sorted.sort(Comparator.comparingInt(Shot::getIndex));
        return sorted;
    }

    public List<CandidateSetUpdate> updates() { return updates; }

    /** Every still record of the run, in the order read (one per frame that ever made the top-K). */
    public List<Still> stills() { return stills; }

    /** The still of a candidate frame ({@code Candidate.stillKey} names it), or null if none was read. */
    public Still still(long frameIndex) { return stillByFrame.get(frameIndex); }

    /** The JPEG of a candidate frame's still, or null if none was read. */
    public byte[] jpeg(long frameIndex) {
        Still s = still(frameIndex);
        if (s == null) return null;
        ByteBuffer b = s.getJpeg().duplicate();
        byte[] jpeg = new byte[b.remaining()];
        b.get(jpeg);
        return jpeg;
    }

    /** The last update a consumer saw, or null if none arrived. */
    public CandidateSetUpdate last() { return updates.isEmpty() ? null : updates.get(updates.size() - 1); }

    public boolean complete() { return last() != null && last().getComplete(); }

    public List<String> errors() { return last() == null ? List.of() : last().getErrors(); }

    void addShot(Shot s) { shots.add(s); }

    void addUpdate(CandidateSetUpdate u) { updates.add(u); }

    void addStill(Still s) {
        stills.add(s);
        stillByFrame.put(s.getFrameIndex(), s);
    }
}
