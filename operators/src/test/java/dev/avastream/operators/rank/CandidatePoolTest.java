package dev.avastream.operators.rank;

import dev.avastream.schema.Candidate;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.avastream.operators.rank.CandidateFixtures.candidate;
import static dev.avastream.operators.rank.CandidateFixtures.distinct;
import static dev.avastream.operators.rank.CandidateFixtures.frames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CandidatePoolTest {

    @Test
    void keepsAtMostMaxPerShotTheBestOfEachShot() {
        CandidatePool pool = new CandidatePool(2, 100);
        pool.add(candidate(1, 0, 5));
        pool.add(candidate(2, 0, 7));
        assertTrue(pool.add(candidate(3, 0, 6)));
        assertFalse(pool.add(candidate(4, 0, 1)), "worse than both kept frames of its shot");
        pool.add(candidate(10, 1, 1));
        assertEquals(List.of(2L, 3L, 10L), frames(pool.entries()));
    }

    @Test
    void keepsAtMostCapacityEvictingTheLowestScoreAndOnATieTheLaterFrame() {
        CandidatePool pool = new CandidatePool(2, 3);
        pool.add(candidate(5, 0, 1.0));
        pool.add(candidate(3, 1, 1.0));
        pool.add(candidate(9, 2, 2.0));
        pool.add(candidate(1, 3, 3.0));
        assertEquals(3, pool.size());
        assertEquals(List.of(1L, 9L, 3L), frames(pool.entries()), "frame 5 (tie with 3, later) was evicted");
        assertFalse(pool.contains(5));
    }

    @Test
    void sameFrameOfferedAgainReplacesItsEntry() {
        CandidatePool pool = new CandidatePool();
        pool.add(candidate(7, -1, 2.0));
        pool.add(candidate(7, 4, 2.0));
        assertEquals(1, pool.size());
        assertEquals(4, pool.get(7).getShotIndex());
    }

    @Test
    void contentDoesNotDependOnTheOrderOfOffers() {
        List<Candidate> offers = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 400; i++) {
            offers.add(candidate(i, random.nextInt(40), Math.round(random.nextDouble() * 20) / 4.0));
        }
        List<Long> expected = frames(CandidatePool.of(offers, 2, 50).entries());
        assertEquals(50, expected.size());
        for (int seed = 0; seed < 20; seed++) {
            List<Candidate> shuffled = new ArrayList<>(offers);
            Collections.shuffle(shuffled, new Random(seed));
            assertEquals(expected, frames(CandidatePool.of(shuffled, 2, 50).entries()));
        }
        // And it is what the definition says: the best 50 of each shot's best 2.
        Map<Integer, List<Candidate>> byShot = new HashMap<>();
        for (Candidate c : offers) byShot.computeIfAbsent(c.getShotIndex(), s -> new ArrayList<>()).add(c);
        List<Candidate> union = new ArrayList<>();
        for (List<Candidate> shot : byShot.values()) {
            shot.sort(CandidateOrder.BEST_FIRST);
            union.addAll(shot.subList(0, Math.min(2, shot.size())));
        }
        union.sort(CandidateOrder.BEST_FIRST);
        assertEquals(frames(union.subList(0, 50)), expected);
    }

    @Test
    void roundTripsThroughAList() {
        CandidatePool pool = new CandidatePool(2, 10);
        for (int i = 0; i < 30; i++) pool.add(candidate(i, i % 7, i % 5));
        List<Candidate> saved = pool.entries();
        CandidatePool restored = CandidatePool.of(saved, 2, 10);
        assertEquals(frames(saved), frames(restored.entries()));
        Candidate removed = restored.remove(saved.get(0).getFrameIndex());
        assertEquals(saved.get(0), removed);
        assertEquals(saved.size() - 1, restored.size());
    }

    /**
     * A programme of ten looks repeated thirty times (a long title whose content recurs): each repeat
     * a new shot, scores and appearances jittered a little. A pool of twenty that kept the highest
     * scores would hold copies of the two best looks, and the top-K's near-duplicate rule would pick
     * two stills; evicting copies first keeps every look, so the top ten are ten different looks.
     */
    @Test
    void aRecurringProgrammeKeepsEveryLookInThePoolAndTheTopKFillsUp() {
        CandidatePool pool = new CandidatePool(2, 20);
        java.util.Random r = new java.util.Random(5);
        long frame = 0;
        for (int repeat = 0; repeat < 30; repeat++) {
            for (int look = 0; look < 10; look++) {
                float[] f = distinct(look);
                for (int i = 0; i < f.length; i++) f[i] += (float) (0.01 * r.nextGaussian());
                double score = 10 - look * 0.5 + 0.05 * r.nextGaussian();
                pool.add(candidate(frame++, repeat * 10 + look, score, f));
            }
        }
        assertEquals(20, pool.size());
        List<Candidate> top = new DiverseTopKSelector(new DiverseTopKSelector.Params(10,
                DiverseTopKSelector.Params.defaults().nearDuplicateDistance())).select(pool.entries());
        assertEquals(10, top.size(), "ten distinct looks, ten stills");
        java.util.Set<Integer> looks = new java.util.HashSet<>();
        for (Candidate c : top) looks.add(c.getShotIndex() % 10);
        assertEquals(10, looks.size(), "one still per look");
    }
}
