package dev.avastream.operators.search;

import dev.avastream.operators.config.SettingValues;
import dev.avastream.operators.config.Tunables;
import dev.avastream.operators.rank.ContentScorer;
import dev.avastream.operators.rank.FrameQualityScorer;
import dev.avastream.schema.FrameAnnotation;
import dev.avastream.schema.FrameRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A title's analysed frames (its {@link FrameRecord}s of one run, as ava.frames carries them), ready
 * to be searched with a {@link FrameQuery}: the one home of search for {@code ava search} and the
 * preview's query box. Pure: records in, ranked matches out.
 *
 * <p>Each frame's score is the quality score the ranking gives a frame (FrameQualityScorer with the
 * content components, under the title's weight profile), computed here from the frame's annotation and
 * its distance to the nearest shot boundary; it leaves out the title-level {@code mainCharacter} part,
 * which depends on the whole title. The title's main character is the character whose face is the
 * largest on the most frames (screen presence), as the frames name them ({@link FrameRecord#getMainCharacter}).
 */
public final class TitleFrameSearch {

    /** A matching frame: where it is, its score, and the character of its largest face ("" for none). */
    public record Hit(long frameIndex, long timeUs, int shotIndex, double score, String character, FrameAnnotation annotation) {}

    /**
     * What a search found.
     *
     * @param hits     the best {@code limit} matches, highest score first (ties: earlier frame first)
     * @param matched  how many frames match in all
     * @param measured how many frames have every field the query reads measured (see docs/search.md)
     * @param frames   how many frames the title has here
     */
    public record Result(FrameQuery query, List<Hit> hits, int matched, int measured, int frames) {}

    private final List<FrameRecord> frames;
    private final Map<FrameAnnotation, FrameRecord> recordOf = new IdentityHashMap<>();
    private final Map<Long, Double> scores = new HashMap<>();
    private final String mainCharacter;
    private final String profile;

    /**
     * @param frames one run's frames of one title, in any order (a frame given twice counts once)
     * @param values the settings to score with; the title's weight profile is {@code profile}
     */
    public TitleFrameSearch(List<FrameRecord> frames, SettingValues values, String profile) {
        TreeMap<Long, FrameRecord> byIndex = new TreeMap<>();
        for (FrameRecord f : frames) byIndex.put(f.getFrameIndex(), f);
        this.frames = List.copyOf(byIndex.values());
        this.profile = profile;
        SettingValues v = values.with(Tunables.QUALITY_PROFILE, profile);
        FrameQualityScorer scorer = new FrameQualityScorer(FrameQualityScorer.Params.from(v),
                new ContentScorer(ContentScorer.Params.from(v)));
        List<Long> boundaries = boundaries(this.frames);
        Map<String, Integer> presence = new HashMap<>();
        for (FrameRecord f : this.frames) {
            recordOf.put(f.getAnnotation(), f);
            scores.put(f.getFrameIndex(), scorer.score(f.getAnnotation(), distance(boundaries, f.getFrameIndex())).score());
            if (!f.getMainCharacter().isEmpty()) presence.merge(f.getMainCharacter(), 1, Integer::sum);
        }
        mainCharacter = presence.entrySet().stream()
                .max(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
                        .thenComparing(e -> -characterNumber(e.getKey())))
                .map(Map.Entry::getKey).orElse("");
    }

    /** The title's main character ("" when no face was ever named). */
    public String mainCharacter() { return mainCharacter; }

    /** The weight profile the frames are scored with. */
    public String profile() { return profile; }

    /** How many frames there are. */
    public int frameCount() { return frames.size(); }

    /** The frames matching {@code query}, the best {@code limit} of them (all with a negative limit). */
    public Result search(FrameQuery query, int limit) {
        SearchContext ctx = context();
        List<Hit> hits = new ArrayList<>();
        int measured = 0;
        for (FrameRecord f : frames) {
            FrameAnnotation a = f.getAnnotation();
            if (query.measured(a, ctx)) measured++;
            if (query.matches(a, ctx)) {
                hits.add(new Hit(f.getFrameIndex(), f.getTimeUs(), f.getShotIndex(), scores.get(f.getFrameIndex()),
                        f.getMainCharacter(), a));
            }
        }
        int matched = hits.size();
        hits.sort(Comparator.comparingDouble(Hit::score).reversed().thenComparingLong(Hit::frameIndex));
        return new Result(query, limit < 0 || limit >= hits.size() ? hits : List.copyOf(hits.subList(0, limit)), matched,
                measured, frames.size());
    }

    /** The characters and scores as the query language asks for them. */
    public SearchContext context() {
        return new SearchContext() {
            @Override public String characterOf(FrameAnnotation a) {
                FrameRecord f = recordOf.get(a);
                return f == null ? "" : f.getMainCharacter();
            }
            @Override public boolean isMainCharacter(String character) {
                return !character.isEmpty() && character.equals(mainCharacter);
            }
            @Override public double score(FrameAnnotation a) {
                FrameRecord f = recordOf.get(a);
                return f == null ? Double.NaN : scores.get(f.getFrameIndex());
            }
        };
    }

    /** Frames where the shot changes (a cut, or the edge of a transition), as the analysis measures distance to a cut. */
    private static List<Long> boundaries(List<FrameRecord> frames) {
        List<Long> out = new ArrayList<>();
        for (int i = 1; i < frames.size(); i++) {
            FrameRecord prev = frames.get(i - 1), f = frames.get(i);
            if (f.getShotIndex() != prev.getShotIndex() && f.getFrameIndex() == prev.getFrameIndex() + 1) out.add(f.getFrameIndex());
        }
        return out;
    }

    private static long distance(List<Long> boundaries, long frame) {
        long d = FrameQualityScorer.NO_CUT;
        int i = java.util.Collections.binarySearch(boundaries, frame);
        if (i >= 0) return 0;
        int at = -i - 1;
        if (at < boundaries.size()) d = Math.min(d, boundaries.get(at) - frame);
        if (at > 0) d = Math.min(d, frame - boundaries.get(at - 1));
        return d;
    }

    private static int characterNumber(String name) {
        try {
            return Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
