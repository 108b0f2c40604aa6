package dev.avastream.operators.rank;

import dev.avastream.schema.Candidate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A title's bounded pool of candidate stills: at most {@code maxPerShot} frames per shot and at most
 * {@code capacity} in all, keeping the best by {@link CandidateOrder} (evicting the lowest score,
 * the higher frame index on a tie).
 *
 * <p>When the pool is over capacity it first evicts a <em>copy</em>: the lowest-scoring of its
 * {@value #COPY_SEARCH} worst entries that has a near-duplicate ({@link NearDuplicateRule}, the
 * top-K's: perceptual hashes or appearance vectors) among the entries that score higher. Only without copies there does
 * it evict the lowest score. A title whose looks recur (a programme repeated, recurring sets) would
 * otherwise fill its pool with copies of a few good frames, which the top-K's near-duplicate rule then
 * rejects, leaving fewer than K stills; this way the pool keeps as many distinct looks as it can hold.
 *
 * <p>Deterministic for a given order of offers (the title operator offers in frame order). Without
 * near-duplicates the pool after any sequence of {@link #add}s holds the best {@code capacity} of
 * the union, over shots, of each shot's best {@code maxPerShot} frames offered, whatever the order.
 * An offer for a frame already in the pool replaces that entry (e.g. the same frame with its shot
 * index now known).
 *
 * <p>Plain Java over {@link Candidate} records so that a Flink operator can keep the entries in state
 * and rebuild the pool with {@link #of} for each update; {@link #entries()} converts back.
 */
public final class CandidatePool {

    /** Frames kept per shot by default. */
    public static final int DEFAULT_MAX_PER_SHOT = 2;
    /** Frames kept in all by default. */
    public static final int DEFAULT_CAPACITY = 240;

    /** Worst entries searched for a copy to evict, bounding an eviction's cost at this x capacity distances. */
    static final int COPY_SEARCH = 32;

    private final int maxPerShot;
    private final int capacity;
    private final NearDuplicateRule copies;
    private final TreeSet<Candidate> all = new TreeSet<>(CandidateOrder.BEST_FIRST);
    private final Map<Integer, TreeSet<Candidate>> byShot = new HashMap<>();
    private final Map<Long, Candidate> byFrame = new HashMap<>();

    /** With the default near-duplicate rule of the top-K selection. */
    public CandidatePool(int maxPerShot, int capacity) {
        this(maxPerShot, capacity, NearDuplicateRule.defaults());
    }

    /** @param nearDuplicateDistance appearance distance under which two entries are copies, with the default hash rule */
    public CandidatePool(int maxPerShot, int capacity, double nearDuplicateDistance) {
        this(maxPerShot, capacity, NearDuplicateRule.appearance(nearDuplicateDistance));
    }

    /** @param copies when two entries are copies (the top-K's rule) */
    public CandidatePool(int maxPerShot, int capacity, NearDuplicateRule copies) {
        if (maxPerShot < 1 || capacity < 1) {
            throw new IllegalArgumentException("pool bounds must be positive: " + maxPerShot + " per shot, " + capacity);
        }
        this.maxPerShot = maxPerShot;
        this.capacity = capacity;
        this.copies = copies;
    }

    public CandidatePool() {
        this(DEFAULT_MAX_PER_SHOT, DEFAULT_CAPACITY);
    }

    /** A pool holding what the bounds keep of {@code entries} (e.g. entries restored from state). */
    public static CandidatePool of(Collection<Candidate> entries, int maxPerShot, int capacity) {
        CandidatePool pool = new CandidatePool(maxPerShot, capacity);
        for (Candidate c : entries) pool.add(c);
        return pool;
    }

    /**
     * Offers a candidate.
     *
     * @return whether it is in the pool afterwards
     */
    public boolean add(Candidate candidate) {
        remove(candidate.getFrameIndex());
        TreeSet<Candidate> shot = byShot.computeIfAbsent(candidate.getShotIndex(), s -> new TreeSet<>(CandidateOrder.BEST_FIRST));
        insert(candidate, shot);
        if (shot.size() > maxPerShot) evict(shot.last());
        if (all.size() > capacity) evict(evictionVictim());
        return byFrame.get(candidate.getFrameIndex()) == candidate;
    }

    /** Offers every candidate in turn. */
    public void addAll(Collection<Candidate> candidates) {
        for (Candidate c : candidates) add(c);
    }

    /** Removes the entry for a frame, if any; returns it. */
    public Candidate remove(long frameIndex) {
        Candidate old = byFrame.get(frameIndex);
        if (old != null) evict(old);
        return old;
    }

    public boolean contains(long frameIndex) {
        return byFrame.containsKey(frameIndex);
    }

    public Candidate get(long frameIndex) {
        return byFrame.get(frameIndex);
    }

    public int size() {
        return all.size();
    }

    public int maxPerShot() { return maxPerShot; }

    public int capacity() { return capacity; }

    /** The entries, best first (a new list). */
    public List<Candidate> entries() {
        return new ArrayList<>(all);
    }

    /** The worst copy among the worst entries (see the class comment), else the worst entry. */
    private Candidate evictionVictim() {
        int searched = 0;
        for (Candidate c : all.descendingSet()) {
            if (searched++ >= COPY_SEARCH) break;
            for (Candidate better : all.headSet(c, false)) {
                if (copies.nearDuplicates(c, better)) return c;
            }
        }
        return all.last();
    }

    private void insert(Candidate c, TreeSet<Candidate> shot) {
        all.add(c);
        shot.add(c);
        byFrame.put(c.getFrameIndex(), c);
    }

    private void evict(Candidate c) {
        all.remove(c);
        TreeSet<Candidate> shot = byShot.get(c.getShotIndex());
        if (shot != null) {
            shot.remove(c);
            if (shot.isEmpty()) byShot.remove(c.getShotIndex());
        }
        byFrame.remove(c.getFrameIndex());
    }
}
