package dev.avastream.operators.title;

import dev.avastream.operators.rank.CandidatePool;
import dev.avastream.operators.rank.DiverseTopKSelector;
import dev.avastream.schema.Candidate;
import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.schema.ChunkResult;
import dev.avastream.schema.FrameAnnotation;
import dev.avastream.schema.Shot;
import dev.avastream.schema.TitleProgress;
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

    /** Parameters of the title fold, with their defaults. */
    public record Params(
            /* Stills in the published set. */
            int topK,
            /* Best frames kept per shot in the pool. */
            int poolPerShot,
            /* Pool entries kept per title in all; bounds state whatever the title's length. */
            int poolCapacity) implements java.io.Serializable {
        public static Params defaults() { return new Params(12, 2, 240); }
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
                    closeOpenShot(progress, TransitionType.GAP, closed);
                    progress.setNextChunk(missing + 1);
                    continue;
                }
                break;
            }
            fold(progress, next, working, closed);
            progress.setNextChunk(progress.getNextChunk() + 1);
        }

        boolean complete = forceClose || progress.getChunkCount() <= 0
                || progress.getNextChunk() >= progress.getChunkCount();
        if (complete) {
            closeOpenShot(progress, TransitionType.TITLE_END, closed);
        }

        List<Candidate> entries = working.entries();
        Set<Long> after = frameSet(entries);
        List<Candidate> added = new ArrayList<>();
        for (Candidate c : entries) if (!before.contains(c.getFrameIndex())) added.add(c);
        List<Long> removed = new ArrayList<>();
        for (Long f : before) if (!after.contains(f)) removed.add(f);
        Collections.sort(removed);

        List<Candidate> top = DiverseTopKSelector.select(entries, params.topK());
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

    /** Folds one chunk, in order, into the open shot, closed shots and the pool. */
    private void fold(TitleProgress p, ChunkResult chunk, CandidatePool pool, List<Shot> closed) {
        if (chunk.getError() != null) {
            p.getErrors().add(chunk.getError());
        }
        List<FrameAnnotation> frames = chunk.getAnnotations();
        if (frames.isEmpty()) {
            // Nothing decoded: whatever shot was open ends at the gap.
            closeOpenShot(p, TransitionType.GAP, closed);
            return;
        }
        Set<Long> cuts = new HashSet<>(chunk.getCuts());
        Map<Long, Integer> shotOfFrame = new HashMap<>();
        Map<Long, Double> scoreOfFrame = new HashMap<>();
        for (Candidate c : chunk.getCandidates()) scoreOfFrame.put(c.getFrameIndex(), c.getScore());

        long expected = p.getOpenShotLastFrame() + 1;
        for (FrameAnnotation f : frames) {
            long index = f.getFrameIndex();
            if (p.getOpenShotStart() >= 0 && index != expected) {
                // Frames missing in between (a damaged stretch): do not stitch across it.
                closeOpenShot(p, TransitionType.GAP, closed);
            }
            if (p.getOpenShotStart() < 0) {
                TransitionType in = index == 0 ? TransitionType.TITLE_START
                        : cuts.contains(index) ? TransitionType.CUT : TransitionType.GAP;
                openShot(p, f, in);
            } else if (cuts.contains(index)) {
                closeOpenShot(p, TransitionType.CUT, closed);
                openShot(p, f, TransitionType.CUT);
            }
            p.setOpenShotLastFrame(index);
            p.setOpenShotLastUs(f.getTimeUs());
            p.setOpenShotFrames(p.getOpenShotFrames() + 1);
            p.setOpenShotMotionSum(p.getOpenShotMotionSum() + f.getMotion());
            p.setOpenShotBrightnessSum(p.getOpenShotBrightnessSum() + f.getBrightness());
            Double score = scoreOfFrame.get(index);
            if (score != null) {
                shotOfFrame.put(index, p.getShotsClosed());
                if (p.getOpenShotKeyFrame() < 0 || score > p.getOpenShotKeyScore()) {
                    p.setOpenShotKeyFrame(index);
                    p.setOpenShotKeyScore(score);
                }
            }
            expected = index + 1;
        }
        p.setFramesProcessed(p.getFramesProcessed() + frames.size());

        for (Candidate c : chunk.getCandidates()) {
            Integer shot = shotOfFrame.get(c.getFrameIndex());
            if (shot == null) continue; // a candidate without its frame's annotation: not ours
            Candidate placed = Candidate.newBuilder(c).setShotIndex(shot).build();
            pool.add(placed);
        }
    }

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
    }

    private static void closeOpenShot(TitleProgress p, TransitionType out, List<Shot> closed) {
        if (p.getOpenShotStart() < 0) return;
        long n = Math.max(1, p.getOpenShotFrames());
        closed.add(Shot.newBuilder()
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
                .build());
        p.setShotsClosed(p.getShotsClosed() + 1);
        p.setOpenShotStart(-1);
        p.setOpenShotFrames(0);
    }

    private static Set<Long> frameSet(List<Candidate> candidates) {
        Set<Long> s = new HashSet<>();
        for (Candidate c : candidates) s.add(c.getFrameIndex());
        return s;
    }
}
