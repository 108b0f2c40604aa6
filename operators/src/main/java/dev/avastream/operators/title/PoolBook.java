package dev.avastream.operators.title;

import dev.avastream.operators.rank.CandidatePool;
import dev.avastream.operators.rank.DiverseTopKSelector;
import dev.avastream.schema.Candidate;
import dev.avastream.schema.PoolEntry;
import dev.avastream.schema.PoolState;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A title's bounded candidate pool ({@link CandidatePool}: best {@code poolPerShot} frames per shot,
 * {@code poolCapacity} in all) and its published top-K ({@link DiverseTopKSelector}), kept as a light
 * index: per entry only what ranking, eviction and diversity read (frame, shot, score, appearance
 * vector, perceptual hash, diversity vector; {@link PoolEntry}). The full entries (annotation, score parts, thumbnail) stay with the
 * caller, keyed by frame index: this class says which to write, which to delete, and which frames
 * the update shows, so the caller reads full entries only for those.
 *
 * <p>Edits the state record it is given, in place, when the step {@link #close}s.
 */
public final class PoolBook {

    /**
     * What one step did to the pool and the top-K.
     *
     * @param added      full entries new to the pool (to write), best first
     * @param removed    frames evicted from the pool (to delete), ascending
     * @param top        the frames of the top-K now, best first
     * @param newlyIn    frames in the top-K now and not in the last published one, best first
     * @param droppedOut frames of the last published top-K no longer in it, in their old order
     * @param size       entries in the pool now
     */
    public record Outcome(List<Candidate> added, List<Long> removed, List<Long> top, List<Long> newlyIn,
                          List<Long> droppedOut, int size) {}

    private final PoolState state;
    private final DiverseTopKSelector selector;
    private final CandidatePool pool;
    private final Set<Long> before = new HashSet<>();
    private final Map<Long, Candidate> offered = new HashMap<>();

    /** Carries on from {@code state}, picking the top-K with the default near-duplicate distance. */
    public PoolBook(PoolState state, int topK, int poolPerShot, int poolCapacity) {
        this(state, new DiverseTopKSelector.Params(topK, DiverseTopKSelector.Params.defaults().nearDuplicateDistance()),
                poolPerShot, poolCapacity);
    }

    /** Carries on from {@code state}, picking the top-K with {@code selection}. */
    public PoolBook(PoolState state, DiverseTopKSelector.Params selection, int poolPerShot, int poolCapacity) {
        this.state = state;
        this.selector = new DiverseTopKSelector(selection);
        this.pool = new CandidatePool(poolPerShot, poolCapacity, selection.nearDuplicates());
        for (PoolEntry e : state.getEntries()) {
            pool.add(light(e));
            before.add(e.getFrameIndex());
        }
    }

    /** The state of a title with an empty pool and nothing published. */
    public static PoolState empty() {
        return PoolState.newBuilder().setEntries(new ArrayList<>()).setPublished(new ArrayList<>()).build();
    }

    /** Offers a settled frame's candidate, its shot index known. */
    public void offer(Candidate candidate) {
        offered.put(candidate.getFrameIndex(), candidate);
        pool.add(light(candidate));
    }

    /**
     * Stills of character {@code from} now show {@code to} (the character book merged them): the index
     * and the entries offered in this step take the new name. Full entries written in earlier steps keep
     * the old one; {@link #mainCharacterOf} gives the current name when they are published.
     */
    public void renameCharacter(String from, String to) {
        for (Candidate c : pool.entries()) {
            if (!from.equals(c.getMainCharacter())) continue;
            pool.add(Candidate.newBuilder(c).setMainCharacter(to).build());
            Candidate full = offered.get(c.getFrameIndex());
            if (full != null) offered.put(c.getFrameIndex(), Candidate.newBuilder(full).setMainCharacter(to).build());
        }
    }

    /** The current main character of a pool entry ({@link #renameCharacter}), or null when not in the pool. */
    public String mainCharacterOf(long frameIndex) {
        Candidate c = pool.get(frameIndex);
        return c == null ? null : c.getMainCharacter();
    }

    /** Entries in the pool now. */
    public int size() {
        return pool.size();
    }

    /** Ends a step of a title still under way: {@link #close(boolean)} with hysteresis. */
    public Outcome close() {
        return close(false);
    }

    /**
     * Ends the step: picks the top-K, records it as published, and writes the index back to the
     * state. While the title is under way the last published set holds its places by the keep margin
     * (hysteresis), so stills do not flip between updates. The final set ({@code last}) is picked
     * afresh from the pool: which sets were published before depends on how many chunks each update
     * folded, that is on when the decoders delivered them, and the title's answer must not. (The pool
     * itself is the same whatever the grouping: it is offered every frame in chunk order.)
     */
    public Outcome close(boolean last) {
        List<Candidate> entries = pool.entries();
        List<PoolEntry> index = new ArrayList<>(entries.size());
        Set<Long> after = new HashSet<>();
        List<Candidate> added = new ArrayList<>();
        for (Candidate c : entries) {
            index.add(PoolEntry.newBuilder().setFrameIndex(c.getFrameIndex()).setShotIndex(c.getShotIndex())
                    .setScore(c.getScore()).setFeature(c.getFeature()).setMainCharacter(c.getMainCharacter())
                    .setPerceptualHash(c.getPerceptualHash()).setDiversity(c.getDiversity()).build());
            after.add(c.getFrameIndex());
            if (!before.contains(c.getFrameIndex())) added.add(offered.get(c.getFrameIndex()));
        }
        List<Long> removed = new ArrayList<>();
        for (Long f : before) if (!after.contains(f)) removed.add(f);
        Collections.sort(removed);

        List<Long> top = new ArrayList<>();
        Set<Long> previous = new LinkedHashSet<>(state.getPublished());
        for (Candidate c : selector.select(entries, last ? Set.of() : previous)) top.add(c.getFrameIndex());
        List<Long> newlyIn = new ArrayList<>();
        for (Long f : top) if (!previous.contains(f)) newlyIn.add(f);
        Set<Long> nowIn = new HashSet<>(top);
        List<Long> droppedOut = new ArrayList<>();
        for (Long f : previous) if (!nowIn.contains(f)) droppedOut.add(f);

        state.setEntries(index);
        state.setPublished(top);
        before.clear();
        before.addAll(after);
        offered.clear();
        return new Outcome(added, removed, top, newlyIn, droppedOut, entries.size());
    }

    /** What ranking reads of a candidate, as a candidate (the pool and the selector work on candidates). */
    private static Candidate light(PoolEntry e) {
        return Candidate.newBuilder().setFrameIndex(e.getFrameIndex()).setTimeUs(0).setShotIndex(e.getShotIndex())
                .setScore(e.getScore()).setFeature(e.getFeature()).setMainCharacter(e.getMainCharacter())
                .setPerceptualHash(e.getPerceptualHash()).setDiversity(e.getDiversity())
                .setThumbnailWidth(0).setThumbnailHeight(0).build();
    }

    private static Candidate light(Candidate c) {
        return Candidate.newBuilder().setFrameIndex(c.getFrameIndex()).setTimeUs(0).setShotIndex(c.getShotIndex())
                .setScore(c.getScore()).setFeature(c.getFeature()).setMainCharacter(c.getMainCharacter())
                .setPerceptualHash(c.getPerceptualHash()).setDiversity(c.getDiversity())
                .setThumbnailWidth(0).setThumbnailHeight(0).build();
    }
}
