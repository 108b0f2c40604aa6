package dev.avastream.cli.preview;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avastream.cli.json.AvroJson;
import dev.avastream.cli.json.ResultJson;
import dev.avastream.schema.Candidate;
import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.schema.ScoreComponent;
import dev.avastream.schema.Shot;
import dev.avastream.schema.Still;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What the preview page shows, per title: the latest candidate update of the title's latest run,
 * that run's shots and the stills its candidates name. Fed by {@link LiveFeed}; read by the HTTP
 * handlers (all methods synchronized). A title that is run again (a new run id) starts over with the
 * new run.
 */
public final class PreviewState implements LiveFeed.Listener {
    /** Candidates remembered per title for details after they left the top-K. */
    private static final int REMEMBERED_CANDIDATES = 512;
    /** Runs whose shots arrived before their first candidate update, kept per title. */
    private static final int PENDING_RUNS = 4;

    private static final class Title {
        final String id;
        String runId;
        CandidateSetUpdate last;
        final TreeMap<Integer, Shot> shots = new TreeMap<>();
        final LinkedHashMap<String, TreeMap<Integer, Shot>> pendingShots = new LinkedHashMap<>();
        final LinkedHashMap<Long, Candidate> seen = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Candidate> e) { return size() > REMEMBERED_CANDIDATES; }
        };

        final TitleStills stills = new TitleStills();
        /** The curators' latest verdict on each frame (ava.feedback), whatever the run. */
        final Map<Long, dev.avastream.schema.Feedback> verdicts = new java.util.HashMap<>();

        Title(String id) { this.id = id; }
    }

    private final Map<String, Title> titles = new TreeMap<>();
    private final String onlyTitle;
    private final Consumer<String> onChange;
    private boolean caughtUp;

    /**
     * @param onlyTitle show just this title (null: every title)
     * @param onChange  called with the title id after each change (and with null once caught up)
     */
    public PreviewState(String onlyTitle, Consumer<String> onChange) {
        this.onlyTitle = onlyTitle;
        this.onChange = onChange;
    }

    @Override
    public void update(CandidateSetUpdate u) {
        if (onlyTitle != null && !onlyTitle.equals(u.getTitleId())) return;
        synchronized (this) {
            Title t = titles.computeIfAbsent(u.getTitleId(), Title::new);
            if (!u.getRunId().equals(t.runId)) {
                t.runId = u.getRunId();
                t.shots.clear();
                t.seen.clear();
                TreeMap<Integer, Shot> early = t.pendingShots.remove(u.getRunId());
                if (early != null) t.shots.putAll(early);
                t.pendingShots.clear();
            } else if (t.last != null && u.getVersion() <= t.last.getVersion()) {
                return; // a replayed or older version
            }
            t.last = u;
            for (Candidate c : u.getCandidates()) t.seen.put(c.getFrameIndex(), c);
        }
        onChange.accept(u.getTitleId());
    }

    @Override
    public void shot(Shot s) {
        if (onlyTitle != null && !onlyTitle.equals(s.getTitleId())) return;
        synchronized (this) {
            Title t = titles.computeIfAbsent(s.getTitleId(), Title::new);
            if (s.getRunId().equals(t.runId)) {
                t.shots.put(s.getIndex(), s);
            } else {
                t.pendingShots.computeIfAbsent(s.getRunId(), k -> new TreeMap<>()).put(s.getIndex(), s);
                while (t.pendingShots.size() > PENDING_RUNS) t.pendingShots.remove(t.pendingShots.keySet().iterator().next());
                return; // nothing to show until that run's first update
            }
        }
        onChange.accept(s.getTitleId());
    }

    /**
     * A still: kept for its run, and the page redrawn when the still shows in the title's current
     * top-K (its update may have come first).
     */
    @Override
    public void still(Still s) {
        if (onlyTitle != null && !onlyTitle.equals(s.getTitleId())) return;
        boolean shown = false;
        synchronized (this) {
            Title t = titles.computeIfAbsent(s.getTitleId(), Title::new);
            t.stills.put(s);
            if (s.getRunId().equals(t.runId) && t.last != null) {
                for (Candidate c : t.last.getCandidates()) shown |= c.getFrameIndex() == s.getFrameIndex();
            }
        }
        if (shown) onChange.accept(s.getTitleId());
    }

    /** A curator's verdict: the later of two on one frame counts; the page is redrawn where the frame shows. */
    @Override
    public void feedback(dev.avastream.schema.Feedback f) {
        if (onlyTitle != null && !onlyTitle.equals(f.getTitleId())) return;
        boolean shown = false;
        synchronized (this) {
            Title t = titles.computeIfAbsent(f.getTitleId(), Title::new);
            dev.avastream.schema.Feedback before = t.verdicts.get(f.getFrameIndex());
            if (before != null && before.getMarkedAtMs() > f.getMarkedAtMs()) return;
            t.verdicts.put(f.getFrameIndex(), f);
            if (t.last != null) for (Candidate c : t.last.getCandidates()) shown |= c.getFrameIndex() == f.getFrameIndex();
        }
        if (shown) onChange.accept(f.getTitleId());
    }

    /** The curators' current verdict on a frame of the title (PICK or REJECT), or null. */
    public synchronized String verdict(String titleId, long frameIndex) {
        Title t = titles.get(titleId);
        dev.avastream.schema.Feedback f = t == null ? null : t.verdicts.get(frameIndex);
        return f == null || f.getVerdict() == dev.avastream.schema.FeedbackVerdict.CLEAR ? null : f.getVerdict().name();
    }

    @Override
    public void caughtUp() {
        synchronized (this) { caughtUp = true; }
        onChange.accept(null);
    }

    public synchronized boolean isCaughtUp() { return caughtUp; }

    /** Titles that have at least one candidate update. */
    public synchronized List<String> titleIds() {
        List<String> ids = new ArrayList<>();
        for (Title t : titles.values()) if (t.last != null) ids.add(t.id);
        return ids;
    }

    /** A candidate of the title's current run (in the top-K now or earlier), or null. */
    public synchronized Candidate candidate(String titleId, long frameIndex) {
        Title t = titles.get(titleId);
        return t == null ? null : t.seen.get(frameIndex);
    }

    /** The JPEG of a frame's still in the title's current run, or null if it has not arrived. */
    public synchronized byte[] stillJpeg(String titleId, long frameIndex) {
        Title t = titles.get(titleId);
        Still s = t == null || t.runId == null ? null : t.stills.get(t.runId, frameIndex);
        if (s == null) return null;
        ByteBuffer b = s.getJpeg().duplicate();
        byte[] jpeg = new byte[b.remaining()];
        b.get(jpeg);
        return jpeg;
    }

    /** The title's latest candidate update (its current top-K), or null before the first. */
    public synchronized CandidateSetUpdate lastUpdate(String titleId) {
        Title t = titles.get(titleId);
        return t == null ? null : t.last;
    }

    /** The title's source and run, for decoding stills; null if unknown. */
    public synchronized String[] sourceAndRun(String titleId) {
        Title t = titles.get(titleId);
        return t == null || t.last == null ? null : new String[]{t.last.getSource(), t.runId};
    }

    /** Everything the page shows for one title (null when it has no candidate update yet). */
    public synchronized ObjectNode titleJson(String titleId) {
        Title t = titles.get(titleId);
        if (t == null || t.last == null) return null;
        CandidateSetUpdate u = t.last;
        ObjectNode o = ResultJson.progress(u);
        ArrayNode cands = o.putArray("candidates");
        int rank = 0;
        for (Candidate c : u.getCandidates()) {
            ObjectNode j = cands.addObject();
            j.put("rank", ++rank);
            j.setAll(ResultJson.candidate(c));
            j.put("thumbnailWidth", c.getThumbnailWidth());
            j.put("thumbnailHeight", c.getThumbnailHeight());
            // the run in the address keeps a browser from showing a cached picture of an earlier run;
            // null until the frame's still has arrived (the page redraws when it does)
            if (t.stills.get(t.runId, c.getFrameIndex()) == null) j.putNull("thumb");
            else j.put("thumb", "/api/thumb?title=" + enc(u.getTitleId()) + "&frame=" + c.getFrameIndex()
                    + "&run=" + enc(u.getRunId()));
            ArrayNode reasons = j.putArray("reasons");
            for (String r : reasons(c.getComponents(), 3)) reasons.add(r);
            Object who = mainCharacter(c);
            if (who == null) j.putNull("mainCharacter");
            else j.set("mainCharacter", AvroJson.value(who));
            dev.avastream.schema.Feedback f = t.verdicts.get(c.getFrameIndex());
            if (f == null || f.getVerdict() == dev.avastream.schema.FeedbackVerdict.CLEAR) j.putNull("verdict");
            else j.put("verdict", f.getVerdict().name());
        }
        ArrayNode shots = o.putArray("shots");
        for (Shot s : t.shots.values()) shots.add(ResultJson.shot(s));
        return o;
    }

    /**
     * A candidate for the detail view: {@link ResultJson#candidate}, then every other field of the record
     * (so a field added to the schema shows up) but the thumbnail bytes and the feature vector.
     */
    public synchronized ObjectNode candidateJson(String titleId, long frameIndex) {
        Title t = titles.get(titleId);
        Candidate c = t == null ? null : t.seen.get(frameIndex);
        if (c == null) return null;
        ObjectNode o = ResultJson.candidate(c);
        ObjectNode record = AvroJson.record(c);
        record.remove("thumbnailJpeg");
        record.remove("feature");
        record.fields().forEachRemaining(f -> { if (!o.has(f.getKey())) o.set(f.getKey(), f.getValue()); });
        o.put("featureLength", c.getFeature().size());
        o.put("titleId", titleId);
        o.put("source", t.last.getSource());
        ArrayNode reasons = o.putArray("reasons");
        for (String r : reasons(c.getComponents(), 3)) reasons.add(r);
        return o;
    }

    /**
     * The biggest parts of a score, in words, e.g. "sharp (+0.21)" or "near a cut (-0.08)": the
     * largest positive contributions first, then any penalty that took off at least 0.02.
     */
    public static List<String> reasons(List<ScoreComponent> components, int max) {
        List<ScoreComponent> sorted = new ArrayList<>(components);
        sorted.sort(Comparator.comparingDouble((ScoreComponent c) -> -Math.abs(c.getContribution())));
        List<String> out = new ArrayList<>();
        for (ScoreComponent c : sorted) {
            if (out.size() >= max) break;
            double v = c.getContribution();
            if (v > 0 || v <= -0.02) {
                out.add(String.format(Locale.ROOT, "%s (%+.2f)", words(c.getName(), v < 0), v));
            }
        }
        return out;
    }

    private static String words(String name, boolean penalty) {
        return switch (name) {
            case "exposure" -> "well exposed";
            case "contrast" -> "good contrast";
            case "colourfulness" -> "colourful";
            case "sharpness" -> "sharp";
            case "stillness" -> "steady";
            case "nearBlack" -> "too dark";
            case "nearWhite" -> "washed out";
            case "transitionProximity" -> "near a cut";
            case "face" -> "a good face";
            case "mainCharacter" -> "a main character";
            case "subjectPlacement" -> "subject on a third";
            case "subjectBlur" -> "subject smeared";
            case "text" -> "text in frame";
            case "nudity" -> "sensitive content";
            default -> penalty ? "penalty: " + name : name;
        };
    }

    /**
     * The candidate's main character (the title character of its largest face), or null without one
     * (the page shows a dash).
     */
    private static Object mainCharacter(Candidate c) {
        Object v = field(c, "mainCharacter");
        return v == null || v.toString().isEmpty() ? null : v.toString();
    }

    private static Object field(IndexedRecord r, String name) {
        Schema.Field f = r.getSchema().getField(name);
        return f == null ? null : r.get(f.pos());
    }

    static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }
}
