package dev.avastream.operators.shots;

import dev.avastream.operators.annotate.FrameFeatures;
import dev.avastream.operators.config.Setting;
import dev.avastream.operators.config.SettingValues;
import dev.avastream.operators.config.Tunables;
import dev.avastream.schema.ScoreComponent;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Detects hard cuts from frame-to-frame content change, like PySceneDetect's AdaptiveDetector with a
 * flash filter.
 *
 * <p>For every frame t, {@link ContentChange} scores how much it differs from frame t-1 (chroma and
 * luma histograms, luma layout, edges, share of the picture changed; see {@link #lastScore()} for the named
 * components). Frame t begins a new shot when all of these hold:
 * <ol>
 *   <li>its score is at least {@link Params#minScore()} (absolute floor);</li>
 *   <li>its score is at least {@link Params#adaptiveRatio()} times the mean score of the
 *       {@link Params#windowFrames()} frames on either side of it, so sustained change (a pan, fast
 *       action, grain, a crowd) does not cut while a sudden spike does;</li>
 *   <li>it is not a flash: neither does the picture return, within {@link Params#flashMaxFrames()}
 *       frames, to something close to frame t-1 (t starts a flash), nor is frame t close to the frame
 *       just before a run of up to {@code flashMaxFrames} frames (t ends a flash). "Close" means a
 *       change score below {@link Params#flashReturnFraction()} times frame t's score;</li>
 *   <li>at least {@link Params#minChangedArea()} of the picture changed (the
 *       {@value ContentChange#CHANGED_AREA} component), so a fast, colourful object crossing a shot
 *       does not cut however much it moves the histograms;</li>
 *   <li>at least {@link Params#minShotSeconds()} (in frames at the given frame rate) have passed
 *       since the previous cut the detector found (context cuts included); the earlier cut wins.</li>
 * </ol>
 * A decision on frame t needs {@link #lookAheadFrames()} later frames; at the end of the stream
 * {@link #flush()} decides the last frames with whatever neighbours exist.
 *
 * <p>Chunks: feed {@link #requiredPreRoll} context frames before a chunk and
 * {@link #requiredPostRoll} after it. Then every cut on the chunk's own frames sees the same
 * neighbourhood as in an uncut decode, a cut on the chunk's first frame is found (frame t-1 is
 * pre-roll), and a cut just before the chunk still suppresses one within the minimum shot length
 * after it. Not exact in one rare case: a chain of cuts closer together than the minimum shot length
 * that starts before the pre-roll (which of them survives depends on history the chunk cannot see).
 *
 * <p>Frames are compared in the order fed; a gap in frame indices (frames that failed to decode) is
 * treated as adjacent frames.
 */
public final class HardCutDetector implements ShotBoundaryDetector {

    /**
     * Parameters. Each component is the {@link Tunables} setting named after it ({@code hardcut.*}, and
     * {@code hardcut.min-shot-seconds}), where its default, its meaning and its valid range are written
     * once; {@link #defaults()} takes them from there. The content score of a frame is
     * {@code chromaWeight x chroma + lumaHistogramWeight x lumaHistogram + lumaThumbnailWeight x
     * lumaThumbnail + edgeWeight x edges + changedAreaWeight x changedArea} (each distance 0..1, see
     * {@link ContentChange}).
     *
     * @param chromaWeight        {@link Tunables#CUT_CHROMA_WEIGHT}
     * @param lumaHistogramWeight {@link Tunables#CUT_LUMA_HISTOGRAM_WEIGHT}
     * @param lumaThumbnailWeight {@link Tunables#CUT_LUMA_THUMBNAIL_WEIGHT}
     * @param edgeWeight          {@link Tunables#CUT_EDGE_WEIGHT}
     * @param adaptiveRatio       {@link Tunables#CUT_ADAPTIVE_RATIO}
     * @param windowFrames        {@link Tunables#CUT_WINDOW_FRAMES}
     * @param minScore            {@link Tunables#CUT_MIN_SCORE}
     * @param flashMaxFrames      {@link Tunables#CUT_FLASH_MAX_FRAMES}
     * @param flashReturnFraction {@link Tunables#CUT_FLASH_RETURN_FRACTION}
     * @param minShotSeconds      {@link Tunables#MIN_SHOT_SECONDS}
     * @param changedAreaWeight   {@link Tunables#CUT_CHANGED_AREA_WEIGHT}
     * @param cellColourLevels    {@link Tunables#CUT_CELL_COLOUR_LEVELS}
     * @param cellEdgeShare       {@link Tunables#CUT_CELL_EDGE_SHARE}
     * @param minChangedArea      {@link Tunables#CUT_MIN_CHANGED_AREA}
     */
    public record Params(double chromaWeight, double lumaHistogramWeight, double lumaThumbnailWeight, double edgeWeight,
                         double adaptiveRatio, int windowFrames, double minScore, int flashMaxFrames,
                         double flashReturnFraction, double minShotSeconds, double changedAreaWeight,
                         int cellColourLevels, double cellEdgeShare, double minChangedArea) implements Serializable {

        public Params {
            Setting.check(Tunables.CUT_CHROMA_WEIGHT, chromaWeight);
            Setting.check(Tunables.CUT_LUMA_HISTOGRAM_WEIGHT, lumaHistogramWeight);
            Setting.check(Tunables.CUT_LUMA_THUMBNAIL_WEIGHT, lumaThumbnailWeight);
            Setting.check(Tunables.CUT_EDGE_WEIGHT, edgeWeight);
            Setting.check(Tunables.CUT_ADAPTIVE_RATIO, adaptiveRatio);
            Setting.check(Tunables.CUT_WINDOW_FRAMES, windowFrames);
            Setting.check(Tunables.CUT_MIN_SCORE, minScore);
            Setting.check(Tunables.CUT_FLASH_MAX_FRAMES, flashMaxFrames);
            Setting.check(Tunables.CUT_FLASH_RETURN_FRACTION, flashReturnFraction);
            Setting.check(Tunables.MIN_SHOT_SECONDS, minShotSeconds);
            Setting.check(Tunables.CUT_CHANGED_AREA_WEIGHT, changedAreaWeight);
            Setting.check(Tunables.CUT_CELL_COLOUR_LEVELS, cellColourLevels);
            Setting.check(Tunables.CUT_CELL_EDGE_SHARE, cellEdgeShare);
            Setting.check(Tunables.CUT_MIN_CHANGED_AREA, minChangedArea);
        }

        public static Params defaults() {
            return from(SettingValues.defaults());
        }

        /** The detector's parameters as {@code values} set them. */
        public static Params from(SettingValues v) {
            return new Params(v.get(Tunables.CUT_CHROMA_WEIGHT), v.get(Tunables.CUT_LUMA_HISTOGRAM_WEIGHT),
                    v.get(Tunables.CUT_LUMA_THUMBNAIL_WEIGHT), v.get(Tunables.CUT_EDGE_WEIGHT),
                    v.get(Tunables.CUT_ADAPTIVE_RATIO), v.get(Tunables.CUT_WINDOW_FRAMES), v.get(Tunables.CUT_MIN_SCORE),
                    v.get(Tunables.CUT_FLASH_MAX_FRAMES), v.get(Tunables.CUT_FLASH_RETURN_FRACTION),
                    v.get(Tunables.MIN_SHOT_SECONDS), v.get(Tunables.CUT_CHANGED_AREA_WEIGHT),
                    v.get(Tunables.CUT_CELL_COLOUR_LEVELS), v.get(Tunables.CUT_CELL_EDGE_SHARE),
                    v.get(Tunables.CUT_MIN_CHANGED_AREA));
        }

        /** The minimum shot length in frames at {@code fps} (at least 1). */
        public int minShotFrames(double fps) {
            return Math.max(1, (int) Math.round(minShotSeconds * fps));
        }

        public Params withMinShotSeconds(double seconds) {
            return new Params(chromaWeight, lumaHistogramWeight, lumaThumbnailWeight, edgeWeight, adaptiveRatio, windowFrames,
                    minScore, flashMaxFrames, flashReturnFraction, seconds, changedAreaWeight, cellColourLevels,
                    cellEdgeShare, minChangedArea);
        }
    }

    /** Context frames to decode before a chunk's first frame so that cuts near it are decided as in an uncut decode. */
    public static int requiredPreRoll(Params params, double fps) {
        return Math.max(params.windowFrames(), params.flashMaxFrames() + 1) + params.minShotFrames(fps);
    }

    /** Context frames to decode after a chunk's last frame: the look-ahead of a decision. */
    public static int requiredPostRoll(Params params) {
        return lookAhead(params);
    }

    private static int lookAhead(Params params) {
        return Math.max(params.windowFrames(), params.flashMaxFrames());
    }

    private final Params params;
    private final ContentChange change;
    private final int minShotFrames;
    private final int lookAhead;
    private final int capacity;
    private final FrameFeatures[] frames;
    private final double[] scores;
    private final double[] areas;
    private final boolean[] scored;
    private final List<Long> contextCuts = new ArrayList<>();
    private long fed;
    private long nextToDecide;
    private long lastCut = Long.MIN_VALUE;
    private CutScore lastScore;

    /**
     * @param fps frame rate, to turn {@link Params#minShotSeconds()} into frames
     */
    public HardCutDetector(Params params, double fps) {
        if (!(fps > 0)) throw new IllegalArgumentException("fps must be positive, got " + fps);
        this.params = params;
        this.change = new ContentChange(params);
        this.minShotFrames = params.minShotFrames(fps);
        this.lookAhead = lookAhead(params);
        // History a decision reaches back to (neighbour window, frame before a flash) plus look-ahead.
        this.capacity = Math.max(params.windowFrames(), params.flashMaxFrames() + 1) + lookAhead + 2;
        this.frames = new FrameFeatures[capacity];
        this.scores = new double[capacity];
        this.areas = new double[capacity];
        this.scored = new boolean[capacity];
    }

    public Params params() { return params; }

    public int minShotFrames() { return minShotFrames; }

    @Override
    public int lookAheadFrames() { return lookAhead; }

    @Override
    public List<Long> accept(FrameFeatures frame) {
        int slot = slot(fed);
        frames[slot] = frame;
        if (fed > 0) {
            lastScore = change.measure(frames[slot(fed - 1)], frame);
            scores[slot] = lastScore.score();
            areas[slot] = componentValue(lastScore, ContentChange.CHANGED_AREA);
            scored[slot] = true;
        } else {
            lastScore = change.none(frame.frameIndex());
            scores[slot] = 0;
            scored[slot] = false;
        }
        fed++;
        List<Long> cuts = List.of();
        while (nextToDecide + lookAhead < fed) {
            cuts = decide(nextToDecide++, cuts);
        }
        return cuts;
    }

    @Override
    public List<Long> flush() {
        List<Long> cuts = List.of();
        while (nextToDecide < fed) {
            cuts = decide(nextToDecide++, cuts);
        }
        return cuts;
    }

    @Override
    public CutScore lastScore() {
        if (lastScore == null) throw new IllegalStateException("no frame fed yet");
        return lastScore;
    }

    @Override
    public List<Long> contextCuts() {
        return Collections.unmodifiableList(contextCuts);
    }

    /** Decides whether the frame fed as number {@code seq} begins a new shot. */
    private List<Long> decide(long seq, List<Long> cuts) {
        int slot = slot(seq);
        if (!scored[slot]) return cuts;
        double score = scores[slot];
        if (score < params.minScore()) return cuts;
        if (!spikesAboveNeighbours(seq, score)) return cuts;
        if (isFlash(seq, score)) return cuts;
        if (areas[slot] < params.minChangedArea()) return cuts;
        FrameFeatures frame = frames[slot];
        long index = frame.frameIndex();
        if (lastCut != Long.MIN_VALUE && index - lastCut < minShotFrames) return cuts;
        lastCut = index;
        if (frame.context()) {
            contextCuts.add(index);
            return cuts;
        }
        List<Long> out = cuts.isEmpty() ? new ArrayList<>(2) : cuts;
        out.add(index);
        return out;
    }

    private boolean spikesAboveNeighbours(long seq, double score) {
        double sum = 0;
        int n = 0;
        long oldest = Math.max(0, fed - capacity);
        for (long i = seq - params.windowFrames(); i <= seq + params.windowFrames(); i++) {
            if (i == seq || i < oldest || i >= fed) continue;
            int s = slot(i);
            if (!scored[s]) continue;
            sum += scores[s];
            n++;
        }
        // With no neighbour to compare against (a two-frame stream) only the floor applies.
        return n == 0 || score >= params.adaptiveRatio() * (sum / n);
    }

    private boolean isFlash(long seq, double score) {
        double close = params.flashReturnFraction() * score;
        long oldest = Math.max(0, fed - capacity);
        FrameFeatures before = frames[slot(seq - 1)];
        FrameFeatures current = frames[slot(seq)];
        for (int k = 1; k <= params.flashMaxFrames(); k++) {
            // seq starts a flash of k frames: frame seq+k looks like frame seq-1 again.
            if (seq + k < fed && change.score(before, frames[slot(seq + k)]) < close) return true;
            // seq ends a flash of k frames: frame seq looks like the frame before the flash.
            long preFlash = seq - 1 - k;
            if (preFlash >= oldest && change.score(frames[slot(preFlash)], current) < close) return true;
        }
        return false;
    }

    private static double componentValue(CutScore score, String name) {
        for (ScoreComponent c : score.components()) if (c.getName().equals(name)) return c.getValue();
        return 0;
    }

    private int slot(long seq) {
        return (int) (seq % capacity);
    }
}
