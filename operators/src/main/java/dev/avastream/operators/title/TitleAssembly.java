package dev.avastream.operators.title;

import dev.avastream.operators.rank.CandidatePool;
import dev.avastream.operators.shots.GradualTransition;
import dev.avastream.operators.shots.GradualTransitionDetector;
import dev.avastream.operators.rank.DiverseTopKSelector;
import dev.avastream.operators.annotate.ColourPalette;
import dev.avastream.schema.Candidate;
import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.schema.ChunkResult;
import dev.avastream.schema.FrameAnnotation;
import dev.avastream.schema.Shot;
import dev.avastream.schema.TitleProgress;
import dev.avastream.schema.Transition;
import dev.avastream.schema.TransitionType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The title-level fold, as plain Java: chunks arrive (in any order), are folded strictly in chunk
 * order into shots and a bounded candidate pool, and every arrival yields a versioned
 * {@link CandidateSetUpdate}.
 *
 * <p>Folding in chunk order (buffering early arrivals) is what makes the result independent of the
 * order in which parallel decoders finish, and so identical after a restart from a checkpoint.
 * Shots are stitched across chunk edges for free: a chunk reports a cut at its first frame only when
 * there is one (its decoder saw the previous chunk's last frames as pre-roll), so a shot that spans
 * the edge simply stays open.
 *
 * <p>This class holds no state of its own: the caller (the Flink wrapper, or a test) owns the
 * {@link TitleProgress} and the pool entries and hands them in, so they can live in RocksDB.
 */
public final class TitleAssembly {

    /**
     * Parameters of the title fold. Defaults, meaning and valid range of each are written once, in
     * {@link dev.avastream.operators.config.Tunables}.
     */
    public record Params(
            /* Stills in the published set: Tunables.TOP_K. */
            int topK,
            /* Best frames kept per shot in the pool: Tunables.POOL_PER_SHOT. */
            int poolPerShot,
            /* Pool entries kept per title in all (at least topK): Tunables.POOL_SIZE. */
            int poolCapacity,
            /* Gradual transitions (dissolves, fades), found from the annotations in frame order. */
            GradualTransitionDetector.Params gradual,
            /* Two stills closer than this are one picture: Tunables.NEAR_DUPLICATE_DISTANCE. */
            double nearDuplicateDistance) implements java.io.Serializable {
        public Params {
            dev.avastream.operators.config.Setting.check(dev.avastream.operators.config.Tunables.TOP_K, topK);
            dev.avastream.operators.config.Setting.check(dev.avastream.operators.config.Tunables.POOL_PER_SHOT,
                    poolPerShot);
            dev.avastream.operators.config.Setting.check(dev.avastream.operators.config.Tunables.POOL_SIZE,
                    poolCapacity);
            if (poolCapacity < topK) {
                throw new IllegalArgumentException(dev.avastream.operators.config.Tunables.POOL_SIZE.describe()
                        + " must be at least " + dev.avastream.operators.config.Tunables.TOP_K.describe() + ", was "
                        + poolCapacity + " < " + topK);
            }
            java.util.Objects.requireNonNull(gradual, "gradual");
            dev.avastream.operators.config.Setting.check(
                    dev.avastream.operators.config.Tunables.NEAR_DUPLICATE_DISTANCE, nearDuplicateDistance);
        }

        public Params(int topK, int poolPerShot, int poolCapacity, GradualTransitionDetector.Params gradual) {
            this(topK, poolPerShot, poolCapacity, gradual,
                    dev.avastream.operators.config.Tunables.NEAR_DUPLICATE_DISTANCE.defaultValue());
        }

        public Params(int topK, int poolPerShot, int poolCapacity) {
            this(topK, poolPerShot, poolCapacity, GradualTransitionDetector.Params.defaults());
        }

        /** The top-K selection these parameters make. */
        public DiverseTopKSelector.Params selection() {
            return new DiverseTopKSelector.Params(topK, nearDuplicateDistance);
        }

        public static Params defaults() { return from(dev.avastream.operators.config.SettingValues.defaults()); }

        /** The title fold's parameters as {@code values} set them. */
        public static Params from(dev.avastream.operators.config.SettingValues v) {
            return new Params(v.get(dev.avastream.operators.config.Tunables.TOP_K),
                    v.get(dev.avastream.operators.config.Tunables.POOL_PER_SHOT),
                    v.get(dev.avastream.operators.config.Tunables.POOL_SIZE), GradualTransitionDetector.Params.from(v),
                    v.get(dev.avastream.operators.config.Tunables.NEAR_DUPLICATE_DISTANCE));
        }
    }

    private final Params params;

    public TitleAssembly(Params params) { this.params = params; }

    public Params params() { return params; }

    /** A fresh progress record for the title a first chunk belongs to. */
    public static TitleProgress start(ChunkResult first) {
        return TitleProgress.newBuilder()
                .setRunId(first.getRunId())
                .setTitleId(first.getTitleId())
                .setSource(first.getSource())
                .setChunkCount(first.getChunkCount())
                .setTitleFrameCount(first.getTitleFrameCount())
                .setPublished(new ArrayList<>())
                .setErrors(new ArrayList<>())
                .setOpenShotTransitionsBefore(new ArrayList<>())
                .setTransitionsSinceShot(new ArrayList<>())
                .setDetectorWindow(new ArrayList<>())
                .setPendingTransitions(new ArrayList<>())
                .setUnsettledFrames(new ArrayList<>())
                .setUnsettledCuts(new ArrayList<>())
                .setUnsettledCandidates(new ArrayList<>())
                .setOpenShotPalette(new ArrayList<>())
                .build();
    }

    /** What one chunk arrival changed: shots closed, pool edits and the update to publish. */
    public record Step(List<Shot> closedShots, List<Candidate> poolAdded, List<Long> poolRemoved,
                       CandidateSetUpdate update, boolean complete) {}

    /** Whether a chunk was seen before (a replay after recovery, or a duplicate event): ignore it. */
    public static boolean isDuplicate(TitleProgress progress, ChunkResult chunk, boolean pending) {
        return chunk.getChunkIndex() < progress.getNextChunk() || pending;
    }

    /**
     * Folds every chunk that is now contiguous, then builds the update.
     *
     * @param progress   the title's state, updated in place
     * @param pending    chunks received but not yet folded, by index (this arrival already in it);
     *                   folded chunks are removed from it
     * @param pool       the current pool entries (any order); not modified, see {@link Step}
     * @param nowMs      wall-clock time for the update
     * @param forceClose fold what there is even past missing chunks and close the title (idle
     *                   timeout): missing chunks become gaps
     */
    public Step onChunk(TitleProgress progress, Map<Integer, ChunkResult> pending, List<Candidate> pool,
                        long nowMs, boolean forceClose) {
        mutable(progress);
        List<Shot> closed = new ArrayList<>();
        CandidatePool working = CandidatePool.of(pool, params.poolPerShot(), params.poolCapacity());
        Set<Long> before = frameSet(pool);

        while (true) {
            ChunkResult next = pending.remove(progress.getNextChunk());
            if (next == null) {
                if (forceClose && !pending.isEmpty()) {
                    int missing = progress.getNextChunk();
                    progress.getErrors().add(progress.getSource() + ": chunk " + missing
                            + " never arrived before the title was closed");
                    endOfInput(progress, new GradualTransitionDetector(params.gradual(), progress.getDetectorWindow()),
                            working, closed, TransitionType.GAP);
                    progress.setNextChunk(missing + 1);
                    continue;
                }
                break;
            }
            fold(progress, next, working, closed);
            progress.setNextChunk(progress.getNextChunk() + 1);
        }

        // chunkCount 0: a title that could not be planned; -1: a live title whose end is not announced yet.
        boolean complete = forceClose || progress.getChunkCount() == 0
                || (progress.getChunkCount() > 0 && progress.getNextChunk() >= progress.getChunkCount());
        if (complete) {
            endOfInput(progress, new GradualTransitionDetector(params.gradual(), progress.getDetectorWindow()),
                    working, closed, TransitionType.TITLE_END);
        }

        List<Candidate> entries = working.entries();
        Set<Long> after = frameSet(entries);
        List<Candidate> added = new ArrayList<>();
        for (Candidate c : entries) if (!before.contains(c.getFrameIndex())) added.add(c);
        List<Long> removed = new ArrayList<>();
        for (Long f : before) if (!after.contains(f)) removed.add(f);
        Collections.sort(removed);

        List<Candidate> top = new DiverseTopKSelector(params.selection()).select(entries);
        List<Long> topFrames = new ArrayList<>(top.size());
        for (Candidate c : top) topFrames.add(c.getFrameIndex());
        Set<Long> previous = new LinkedHashSet<>(progress.getPublished());
        List<Long> newlyIn = new ArrayList<>();
        for (Long f : topFrames) if (!previous.contains(f)) newlyIn.add(f);
        Set<Long> nowIn = new HashSet<>(topFrames);
        List<Long> droppedOut = new ArrayList<>();
        for (Long f : previous) if (!nowIn.contains(f)) droppedOut.add(f);

        progress.setVersion(progress.getVersion() + 1);
        progress.setPublished(topFrames);
        CandidateSetUpdate update = CandidateSetUpdate.newBuilder()
                .setRunId(progress.getRunId())
                .setTitleId(progress.getTitleId())
                .setSource(progress.getSource())
                .setVersion(progress.getVersion())
                .setChunksReceived(progress.getChunksReceived())
                .setChunksAssembled(progress.getNextChunk())
                .setChunkCount(progress.getChunkCount())
                .setFramesProcessed(progress.getFramesProcessed())
                .setTitleFrameCount(progress.getTitleFrameCount())
                .setShotsClosed(progress.getShotsClosed())
                .setPoolSize(entries.size())
                .setComplete(complete)
                .setCandidates(new ArrayList<>(top))
                .setAdded(newlyIn)
                .setRemoved(droppedOut)
                .setErrors(new ArrayList<>(progress.getErrors()))
                .setEmittedAtMs(nowMs)
                .build();
        return new Step(closed, added, removed, update, complete);
    }

    /**
     * Folds one chunk, in order. Its frames go through the gradual-transition detector first and
     * settle into shots only once no later report can cover them ({@link
     * GradualTransitionDetector#undecidedFrom()}): a frame inside a dissolve or fade belongs to no
     * shot and is never a candidate, and a hard cut inside one is the transition, not a cut.
     */
    private void fold(TitleProgress p, ChunkResult chunk, CandidatePool pool, List<Shot> closed) {
        if (chunk.getError() != null) {
            p.getErrors().add(chunk.getError());
        }
        List<FrameAnnotation> frames = chunk.getAnnotations();
        GradualTransitionDetector detector = new GradualTransitionDetector(params.gradual(), p.getDetectorWindow());
        if (frames.isEmpty()) {
            // Nothing decoded: decide what the detector holds, settle it, and end the open shot at the gap.
            endOfInput(p, detector, pool, closed, TransitionType.GAP);
            return;
        }
        p.getUnsettledCuts().addAll(chunk.getCuts());
        p.getUnsettledCandidates().addAll(chunk.getCandidates());
        for (FrameAnnotation f : frames) {
            long last = lastFed(p);
            if (last >= 0 && f.getFrameIndex() != last + 1) {
                // Frames missing in between (a damaged stretch): nothing is stitched across it.
                endOfInput(p, detector, pool, closed, TransitionType.GAP);
            }
            for (GradualTransition t : detector.accept(f)) addPending(p, toRecord(t));
            p.getUnsettledFrames().add(f);
            settle(p, pool, closed, detector.undecidedFrom() - 1);
        }
        p.setFramesProcessed(p.getFramesProcessed() + frames.size());
        p.setDetectorWindow(detector.retainedWindow());
    }

    /**
     * State read back from RocksDB holds Avro's own array type, which cannot remove through an
     * iterator; the fold edits plain lists.
     */
    private static void mutable(TitleProgress p) {
        p.setPublished(new ArrayList<>(p.getPublished()));
        p.setErrors(new ArrayList<>(p.getErrors()));
        p.setOpenShotTransitionsBefore(new ArrayList<>(p.getOpenShotTransitionsBefore()));
        p.setTransitionsSinceShot(new ArrayList<>(p.getTransitionsSinceShot()));
        p.setDetectorWindow(new ArrayList<>(p.getDetectorWindow()));
        p.setPendingTransitions(new ArrayList<>(p.getPendingTransitions()));
        p.setUnsettledFrames(new ArrayList<>(p.getUnsettledFrames()));
        p.setUnsettledCuts(new ArrayList<>(p.getUnsettledCuts()));
        p.setUnsettledCandidates(new ArrayList<>(p.getUnsettledCandidates()));
        p.setOpenShotPalette(new ArrayList<>(p.getOpenShotPalette()));
        Shot closing = p.getClosingShot();
        if (closing != null) {
            closing.setTransitionsBefore(new ArrayList<>(closing.getTransitionsBefore()));
            closing.setTransitionsAfter(new ArrayList<>(closing.getTransitionsAfter()));
        }
    }

    /** The last frame fed to the fold, or -1. */
    private static long lastFed(TitleProgress p) {
        List<FrameAnnotation> u = p.getUnsettledFrames();
        if (!u.isEmpty()) return u.get(u.size() - 1).getFrameIndex();
        List<FrameAnnotation> w = p.getDetectorWindow();
        if (!w.isEmpty()) return w.get(w.size() - 1).getFrameIndex();
        return p.getOpenShotStart() >= 0 ? p.getOpenShotLastFrame() : -1;
    }

    /** The title (or a contiguous stretch of it) ends: decide everything, settle everything, end the shot. */
    private void endOfInput(TitleProgress p, GradualTransitionDetector detector, CandidatePool pool,
                            List<Shot> closed, TransitionType out) {
        for (GradualTransition t : detector.flush()) addPending(p, toRecord(t));
        settle(p, pool, closed, Long.MAX_VALUE);
        p.setDetectorWindow(new ArrayList<>());
        p.getPendingTransitions().clear();
        closeOpenShot(p, out, closed);
        emitClosingShot(p, closed);
    }

    /** Moves every unsettled frame up to {@code limit} into shots, transitions and the pool. */
    private void settle(TitleProgress p, CandidatePool pool, List<Shot> closed, long limit) {
        List<FrameAnnotation> frames = p.getUnsettledFrames();
        int n = 0;
        while (n < frames.size() && frames.get(n).getFrameIndex() <= limit) n++;
        if (n == 0) return;
        Set<Long> cuts = new HashSet<>(p.getUnsettledCuts());
        Map<Long, Candidate> candidates = new HashMap<>();
        for (Candidate c : p.getUnsettledCandidates()) candidates.put(c.getFrameIndex(), c);
        long lastSettled = frames.get(n - 1).getFrameIndex();

        for (int i = 0; i < n; i++) {
            FrameAnnotation f = frames.get(i);
            long index = f.getFrameIndex();
            Transition inside = covering(p.getPendingTransitions(), index);
            if (inside != null) {
                if (index == inside.getStartFrame() || p.getOpenShotStart() >= 0) {
                    closeOpenShot(p, inside.getType(), closed);
                }
                if (!containsStart(p.getTransitionsSinceShot(), inside)) {
                    p.getTransitionsSinceShot().add(inside);
                    if (p.getClosingShot() != null) p.getClosingShot().getTransitionsAfter().add(inside);
                }
                continue; // a blended frame: no shot, no candidate
            }
            boolean cut = cuts.contains(index) && !suppressed(p.getTransitionsSinceShot(), index);
            if (p.getOpenShotStart() < 0) {
                List<Transition> before = p.getTransitionsSinceShot();
                TransitionType in = !before.isEmpty() ? before.get(before.size() - 1).getType()
                        : index == 0 ? TransitionType.TITLE_START
                        : cut ? TransitionType.CUT : TransitionType.GAP;
                emitClosingShot(p, closed);
                openShot(p, f, in);
                p.setOpenShotTransitionsBefore(new ArrayList<>(before));
                p.setTransitionsSinceShot(new ArrayList<>());
            } else if (cut) {
                closeOpenShot(p, TransitionType.CUT, closed);
                emitClosingShot(p, closed);
                openShot(p, f, TransitionType.CUT);
                p.setOpenShotTransitionsBefore(new ArrayList<>());
            }
            p.setOpenShotLastFrame(index);
            p.setOpenShotLastUs(f.getTimeUs());
            p.setOpenShotFrames(p.getOpenShotFrames() + 1);
            p.setOpenShotMotionSum(p.getOpenShotMotionSum() + f.getMotion());
            p.setOpenShotBrightnessSum(p.getOpenShotBrightnessSum() + f.getBrightness());
            ColourPalette.accumulate(p.getOpenShotPalette(), f.getDominantColours());
            Candidate c = candidates.get(index);
            if (c != null) {
                if (p.getOpenShotKeyFrame() < 0 || c.getScore() > p.getOpenShotKeyScore()) {
                    p.setOpenShotKeyFrame(index);
                    p.setOpenShotKeyScore(c.getScore());
                }
                pool.add(Candidate.newBuilder(c).setShotIndex(p.getShotsClosed()).build());
            }
        }
        frames.subList(0, n).clear();
        p.getUnsettledCuts().removeIf(c -> c <= lastSettled);
        p.getUnsettledCandidates().removeIf(c -> c.getFrameIndex() <= lastSettled);
        p.getPendingTransitions().removeIf(t -> t.getEndFrame() <= lastSettled);
    }

    /**
     * A ramp between black and white can read as a fade to one and from the other at once; frames
     * belong to one transition, so of two that overlap the more confident one stays.
     */
    private static void addPending(TitleProgress p, Transition t) {
        List<Transition> pending = p.getPendingTransitions();
        for (int i = 0; i < pending.size(); i++) {
            Transition o = pending.get(i);
            if (o.getStartFrame() <= t.getEndFrame() && t.getStartFrame() <= o.getEndFrame()) {
                if (t.getScore() > o.getScore()) pending.set(i, t);
                return;
            }
        }
        pending.add(t);
    }

    private static Transition covering(List<Transition> transitions, long frame) {
        for (Transition t : transitions) {
            if (frame >= t.getStartFrame() && frame <= t.getEndFrame()) return t;
        }
        return null;
    }

    private static boolean containsStart(List<Transition> list, Transition t) {
        for (Transition x : list) if (x.getStartFrame() == t.getStartFrame()) return true;
        return false;
    }

    /** A hard cut on the frame right after a gradual transition is that transition's end, not a cut. */
    private static boolean suppressed(List<Transition> recent, long cutFrame) {
        for (Transition t : recent) {
            if (cutFrame >= t.getStartFrame() && cutFrame <= t.getEndFrame() + 1) return true;
        }
        return false;
    }

    private static Transition toRecord(GradualTransition t) {
        return Transition.newBuilder().setType(t.type()).setStartFrame(t.startFrame()).setEndFrame(t.endFrame())
                .setScore(t.score()).setComponents(new ArrayList<>(t.components())).build();
    }

    /** Dominant colours reported per shot. */
    static final int SHOT_COLOURS = 3;

    private static void openShot(TitleProgress p, FrameAnnotation first, TransitionType in) {
        p.setOpenShotStart(first.getFrameIndex());
        p.setOpenShotStartUs(first.getTimeUs());
        p.setOpenShotLastFrame(first.getFrameIndex());
        p.setOpenShotLastUs(first.getTimeUs());
        p.setOpenShotTransitionIn(in);
        p.setOpenShotFrames(0);
        p.setOpenShotMotionSum(0);
        p.setOpenShotBrightnessSum(0);
        p.setOpenShotKeyFrame(-1);
        p.setOpenShotKeyScore(0);
        p.setOpenShotPalette(new ArrayList<>());
    }

    /**
     * Ends the open shot. It is held as the closing shot until the next shot starts or the title
     * ends, so it can still collect the gradual transitions that follow it.
     */
    private static void closeOpenShot(TitleProgress p, TransitionType out, List<Shot> closed) {
        if (p.getOpenShotStart() < 0) return;
        emitClosingShot(p, closed);
        long n = Math.max(1, p.getOpenShotFrames());
        p.setClosingShot(Shot.newBuilder()
                .setRunId(p.getRunId())
                .setTitleId(p.getTitleId())
                .setIndex(p.getShotsClosed())
                .setStartFrame(p.getOpenShotStart())
                .setEndFrame(p.getOpenShotLastFrame())
                .setStartUs(p.getOpenShotStartUs())
                .setEndUs(p.getOpenShotLastUs())
                .setTransitionIn(p.getOpenShotTransitionIn())
                .setTransitionOut(out)
                .setAverageMotion(p.getOpenShotMotionSum() / n)
                .setAverageBrightness(p.getOpenShotBrightnessSum() / n)
                .setKeyFrame(p.getOpenShotKeyFrame())
                .setDominantColours(new ColourPalette(p.getOpenShotPalette()).top(SHOT_COLOURS, n))
                .setTransitionsBefore(new ArrayList<>(p.getOpenShotTransitionsBefore()))
                .setTransitionsAfter(new ArrayList<>())
                .build());
        p.setShotsClosed(p.getShotsClosed() + 1);
        p.setOpenShotStart(-1);
        p.setOpenShotFrames(0);
        p.setOpenShotTransitionsBefore(new ArrayList<>());
    }

    private static void emitClosingShot(TitleProgress p, List<Shot> closed) {
        if (p.getClosingShot() == null) return;
        closed.add(p.getClosingShot());
        p.setClosingShot(null);
    }

    private static Set<Long> frameSet(List<Candidate> candidates) {
        Set<Long> s = new HashSet<>();
        for (Candidate c : candidates) s.add(c.getFrameIndex());
        return s;
    }
}
