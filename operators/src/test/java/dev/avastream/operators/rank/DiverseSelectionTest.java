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
}
