package dev.avastream.operators.rank;

import dev.avastream.schema.Candidate;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The MMR selection: coverage of the cast beats a little score. */
class DiverseSelectionTest {

    /** A close-up of {@code who}: same framing, light and camera as the others, a distinct look and hash. */
    private static Candidate closeUp(long frame, int shot, double score, String who, float tint, float subjectX) {
        List<Float> diversity = new ArrayList<>(List.of(0.25f, 1f, 0.5f + tint, 0.5f, 0.45f, 0.4f, subjectX, 0.4f, 0f));
        Candidate c = CandidateFixtures.candidate(frame, shot, score, CandidateFixtures.distinct(shot));
        return Candidate.newBuilder(c).setMainCharacter(who).setDiversity(diversity)
                .setPerceptualHash(new java.util.Random(shot).nextLong() | 1L).build();
    }

    private static List<Candidate> pool() {
        List<Candidate> pool = new ArrayList<>();
        // four sharp shots of one lead
        for (int s = 0; s < 4; s++) pool.add(closeUp(100 + s, s, 0.80 - 0.01 * s, "character-1", 0.02f * s, 0.33f + 0.02f * s));
        // one shot each of four other characters, faces slightly less sharp: a bit lower score
        String[] others = {"character-2", "character-3", "character-4", "character-5"};
        for (int i = 0; i < 4; i++) pool.add(closeUp(200 + i, 4 + i, 0.72 - 0.01 * i, others[i], 0.03f * i, 0.6f + 0.02f * i));
        return pool;
    }

    private static Set<String> characters(List<Candidate> picks) {
        Set<String> who = new HashSet<>();
        for (Candidate c : picks) who.add(c.getMainCharacter());
        return who;
    }

    @Test
    void oneShotEachOfKCharactersBeatsKSharperShotsOfOne() {
        DiverseTopKSelector.Params p = new DiverseTopKSelector.Params(4, 0.12, 0.0);
        List<Candidate> picks = new DiverseTopKSelector(p).select(pool());
        assertEquals(4, picks.size());
        assertEquals(4, characters(picks).size(), "four distinct main characters: " + CandidateFixtures.frames(picks));
        List<Candidate> scoreOrder = new DiverseTopKSelector(p.withDiversityWeight(0.0)).select(pool());
        assertEquals(Set.of("character-1"), characters(scoreOrder), "with diversity weight 0, the lead's four sharper shots");
        assertEquals(List.of(100L, 101L, 102L, 103L), CandidateFixtures.frames(scoreOrder));
    }

    @Test
    void fillingUpStopsWhereAFurtherFrameAddsLessThanItRepeats() {
        // Two shots for K=6, so the fill-up pass runs. Shot 0 shows nobody (a bird over the sea): its
        // pick, then the same framing a moment later (another hash and look, a little lower score), and a
        // frame framed and lit differently at the same score. The look-alike repeats more than it adds
        // (MMR value <= 0) and stays out; the different frame joins.
        List<Candidate> pool = List.of(
                closeUp(1, 0, 0.80, "", 0f, 0.33f),
                closeUp(2, 0, 0.70, "", 0.01f, 0.35f),
                closeUp(3, 0, 0.70, "", 0.3f, 0.9f),
                closeUp(4, 1, 0.75, "character-3", 0.2f, 0.5f));
        pool = new ArrayList<>(pool);
        // distinct hashes per frame, not per shot, so no two are near-duplicates by hash
        for (int i = 0; i < pool.size(); i++) {
            pool.set(i, Candidate.newBuilder(pool.get(i)).setPerceptualHash(new java.util.Random(100 + i).nextLong())
                    .setFeature(java.util.Arrays.asList(toBoxed(CandidateFixtures.distinct(i)))).build());
        }
        DiverseTopKSelector.Params p = new DiverseTopKSelector.Params(6, 0.12, 0.0);
        assertEquals(List.of(1L, 4L, 3L), CandidateFixtures.frames(new DiverseTopKSelector(p).select(pool)));
        assertEquals(List.of(1L, 4L, 2L, 3L), CandidateFixtures.frames(new DiverseTopKSelector(p.withDiversityWeight(0.0)).select(pool)),
                "with diversity weight 0 nothing repeats too much: every distinct frame fills");
    }

    private static Float[] toBoxed(float[] v) {
        Float[] out = new Float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i];
        return out;
    }
}
