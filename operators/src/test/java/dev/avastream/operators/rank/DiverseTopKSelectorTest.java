package dev.avastream.operators.rank;

import dev.avastream.schema.Candidate;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static dev.avastream.operators.rank.CandidateFixtures.candidate;
import static dev.avastream.operators.rank.CandidateFixtures.distinct;
import static dev.avastream.operators.rank.CandidateFixtures.frames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiverseTopKSelectorTest {

    @Test
    void picksAtMostOneFramePerShotWhenThereAreEnoughShots() {
        List<Candidate> pool = new ArrayList<>();
        int id = 0;
        for (int shot = 0; shot < 6; shot++) {
            // Each shot's two frames score higher than the next shot's.
            pool.add(candidate(shot * 100 + 1, shot, 10 - shot, distinct(id++)));
            pool.add(candidate(shot * 100 + 2, shot, 9.5 - shot, distinct(id++)));
        }
        List<Candidate> top = DiverseTopKSelector.select(pool, 4);
        assertEquals(List.of(1L, 101L, 201L, 301L), frames(top));
        Set<Integer> shots = new HashSet<>();
        for (Candidate c : top) assertTrue(shots.add(c.getShotIndex()));
    }

    @Test
    void fillsWithMoreFramesPerShotWhenThereAreFewerShotsThanK() {
        List<Candidate> pool = new ArrayList<>();
        int id = 0;
        for (int shot = 0; shot < 3; shot++) {
            for (int i = 0; i < 3; i++) pool.add(candidate(shot * 100 + i, shot, 10 - shot - 0.1 * i, distinct(id++)));
        }
        List<Candidate> top = DiverseTopKSelector.select(pool, 5);
        assertEquals(5, top.size());
        // One per shot first (0, 100, 200), then the best remaining (1, 2 score 9.9, 9.8), best first overall.
        assertEquals(List.of(0L, 1L, 2L, 100L, 200L), frames(top));
        assertEquals(9, DiverseTopKSelector.select(pool, 12).size(), "a pool smaller than K is taken whole");
    }

    @Test
    void aFurtherFrameOfAShotMustScoreAtLeastTheFloorShareOfItsShotsPick() {
        // Two shots for K=4: the fill-up pass may take second frames, but a smeared one scoring a third
        // of its shot's pick is no still, however much room is left.
        List<Candidate> pool = List.of(
                candidate(1, 0, 9, distinct(0)),
                candidate(2, 0, 5, distinct(1)),    // 5/9 of its shot's pick: over the default floor (0.5)
                candidate(3, 1, 8, distinct(2)),
                candidate(4, 1, 2.5, distinct(3))); // 2.5/8: under it
        assertEquals(List.of(1L, 3L, 2L), frames(DiverseTopKSelector.select(pool, 4)));
        DiverseTopKSelector.Params d = DiverseTopKSelector.Params.defaults();
        DiverseTopKSelector noFloor = new DiverseTopKSelector(new DiverseTopKSelector.Params(4, d.nearDuplicateDistance(),
                0.0, d.nearDuplicateHamming(), d.diversityWeight(), 0.0));
        assertEquals(List.of(1L, 3L, 2L, 4L), frames(noFloor.select(pool)), "floor 0: every distinct frame fills");
    }

    @Test
    void skipsNearDuplicatesEvenAcrossShots() {
        List<Candidate> pool = List.of(
                candidate(1, 0, 10, 0.5f, 0.5f, 0.5f),
                candidate(2, 1, 9, 0.52f, 0.5f, 0.5f),   // looks like frame 1: skipped
                candidate(3, 2, 8, 0.9f, 0.1f, 0.5f),
                candidate(4, 0, 7, 0.5f, 0.51f, 0.5f),   // same shot and look-alike: skipped in both passes
                candidate(5, 0, 6, 0.1f, 0.9f, 0.1f));   // same shot as 1 but different: fills in pass two
        assertEquals(List.of(1L, 3L, 5L), frames(DiverseTopKSelector.select(pool, 4)));
        DiverseTopKSelector lenient = new DiverseTopKSelector(new DiverseTopKSelector.Params(4, 0.0));
        assertEquals(List.of(1L, 2L, 3L, 4L), frames(lenient.select(pool)), "with no duplicate threshold nothing is skipped");
    }

    @Test
    void withEnoughShotsLookAlikesShortenTheSetInsteadOfRepeatingAShot() {
        List<Candidate> pool = List.of(
                candidate(1, 0, 10, 0.5f, 0.5f, 0.5f),
                candidate(2, 1, 9, 0.51f, 0.5f, 0.5f),   // another shot that looks like shot 0
                candidate(3, 2, 8, 0.9f, 0.1f, 0.5f),
                candidate(4, 0, 7, 0.1f, 0.9f, 0.1f));   // shot 0 again, different look
        assertEquals(List.of(1L, 3L), frames(DiverseTopKSelector.select(pool, 3)),
                "3 shots for K=3: no second frame of shot 0, and no look-alike");
    }

    @Test
    void deterministicUnderInputPermutationWithTiesBrokenByFrameIndex() {
        List<Candidate> pool = new ArrayList<>();
        Random random = new Random(42);
        for (int i = 0; i < 60; i++) {
            float[] v = {random.nextFloat(), random.nextFloat(), random.nextFloat()};
            // Few distinct scores: many ties.
            pool.add(candidate(1000 - i * 7, i % 9, Math.round(random.nextDouble() * 4) / 2.0, v));
        }
        List<Long> expected = frames(DiverseTopKSelector.select(pool, 12));
        assertEquals(12, expected.size());
        for (int seed = 0; seed < 20; seed++) {
            List<Candidate> shuffled = new ArrayList<>(pool);
            Collections.shuffle(shuffled, new Random(seed));
            assertEquals(expected, frames(DiverseTopKSelector.select(shuffled, 12)));
        }
        List<Candidate> top = DiverseTopKSelector.select(pool, 12);
        for (int i = 1; i < top.size(); i++) {
            Candidate a = top.get(i - 1), b = top.get(i);
            assertTrue(a.getScore() > b.getScore() || (a.getScore() == b.getScore() && a.getFrameIndex() < b.getFrameIndex()),
                    "best first, earlier frame first on a tie");
        }
    }

    @Test
    void emptyPoolAndZeroK() {
        assertEquals(List.of(), DiverseTopKSelector.select(List.of(), 12));
        assertEquals(List.of(), DiverseTopKSelector.select(List.of(candidate(1, 0, 1, 1f)), 0));
    }

    /** Filling up from picked shots, a second still of the same character in the same shot is skipped. */
    @Test
    void fillingUpSkipsTheSameCharacterAgainInTheSameShot() {
        Candidate a = withCharacter(candidate(1, 0, 5.0, distinct(1)), "character-1");
        Candidate b = withCharacter(candidate(2, 0, 4.9, distinct(2)), "character-1"); // the same person, a new look
        Candidate c = withCharacter(candidate(3, 0, 4.0, distinct(3)), "character-2");
        Candidate d = candidate(4, 1, 3.0, distinct(4));
        List<Candidate> top = DiverseTopKSelector.select(List.of(a, b, c, d), 4);
        assertEquals(List.of(1L, 3L, 4L), frames(top), "frame 2 shows character-1 of shot 0 again");
        Candidate b2 = withCharacter(candidate(2, 0, 4.9, distinct(2)), "");
        assertEquals(List.of(1L, 2L, 3L, 4L), frames(DiverseTopKSelector.select(List.of(a, b2, c, d), 4)),
                "without a known character the look alone decides");
    }

    private static Candidate withCharacter(Candidate c, String who) {
        return Candidate.newBuilder(c).setMainCharacter(who).build();
    }
}
