package dev.avastream.operators.title;

import dev.avastream.operators.annotate.AnalysedFrame;
import dev.avastream.operators.annotate.FaceAnnotator;
import dev.avastream.schema.TitleCharacter;
import dev.avastream.schema.CharacterEntry;
import dev.avastream.schema.FaceAnnotation;
import dev.avastream.schema.FrameAnnotation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Characters from synthetic identities: people with a known embedding each, seen again with noise. */
class CharacterBookTest {

    private static float[] person(long seed) {
        Random r = new Random(seed);
        float[] v = new float[1024];
        for (int i = 0; i < v.length; i++) v[i] = (float) r.nextGaussian();
        return v;
    }

    /** The person seen again: most of the embedding, some noise (cosine about 0.9). */
    private static float[] seen(float[] who, long seed) {
        Random r = new Random(seed);
        float[] v = new float[who.length];
        for (int i = 0; i < v.length; i++) v[i] = (float) (who[i] + 0.45 * r.nextGaussian());
        return v;
    }

    private static FrameAnnotation frame(long index, float[]... people) {
        FrameAnnotation a = AnalysedFrame.blankAnnotation(index, index * 40_000);
        List<FaceAnnotation> faces = new ArrayList<>();
        for (float[] p : people) {
            faces.add(FaceAnnotation.newBuilder().setX(0.1).setY(0.1).setWidth(0.2).setHeight(0.3).setScore(0.9)
                    .setShare(0.06).setYaw(0).setPitch(0).setRoll(0).setEyeOpenness(0.3).setEyesOpen(true)
                    .setMouthOpenness(0).setMouthOpen(false).setExpression("neutral")
                    .setIdentity(FaceAnnotator.quantise(p)).build());
        }
        a.setFaces(faces);
        a.setModelFrame("STRIDE");
        return a;
    }

    @Test
    void peopleSeenAgainInOtherShotsAreTheSameCharacterRankedByScreenPresence() {
        float[] ann = person(1), bob = person(2), extra = person(3);
        List<CharacterEntry> state = new ArrayList<>();
        CharacterBook book = new CharacterBook(state, 1, 0.7);
        assertArrayEquals(new int[] {1}, book.observe(frame(0, seen(bob, 10)), 0));
        assertArrayEquals(new int[] {2, 1}, book.observe(frame(25, seen(ann, 11), seen(bob, 12)), 0));
        assertArrayEquals(new int[] {2}, book.observe(frame(50, seen(ann, 13)), 1));
        assertArrayEquals(new int[] {2, 3}, book.observe(frame(75, seen(ann, 14), seen(extra, 15)), 2));
        assertArrayEquals(new int[] {2}, book.observe(frame(100, seen(ann, 16)), 2));
        List<TitleCharacter> ranked = book.ranked();
        assertEquals(List.of("character-2", "character-1", "character-3"), ranked.stream().map(TitleCharacter::getName).toList(),
                "Ann is on four model frames, Bob on two, the extra on one");
        assertEquals(4, ranked.get(0).getModelFrames());
        assertEquals(3, ranked.get(0).getShots(), "Ann is in shots 0, 1 and 2");
        assertEquals(1, ranked.get(1).getShots());
        assertEquals(4, book.nextId());
    }

    @Test
    void theLeadsStillsGetTheFullMainCharacterComponentAndAnExtrasLess() {
        float[] lead = person(1), extra = person(2);
        CharacterBook book = new CharacterBook(new ArrayList<>(), 1, 0.7, 1.5);
        for (int i = 0; i < 4; i++) book.observe(frame(i * 25L, seen(lead, i)), i);
        book.observe(frame(200, seen(extra, 9)), 9);
        dev.avastream.schema.Candidate c = dev.avastream.schema.Candidate.newBuilder().setFrameIndex(0).setTimeUs(0)
                .setScore(3.0).setComponents(new ArrayList<>()).setThumbnailWidth(0).setThumbnailHeight(0).build();
        dev.avastream.schema.Candidate ofLead = book.withPresence(c, 1), ofExtra = book.withPresence(c, 2),
                faceless = book.withPresence(c, -1);
        assertEquals(3.0 + 1.5, ofLead.getScore(), 1e-12);
        assertEquals(3.0 + 1.5 * 0.25, ofExtra.getScore(), 1e-12, "one model frame against the lead's four");
        assertEquals(3.0, faceless.getScore(), 1e-12);
        assertEquals("mainCharacter", ofLead.getComponents().get(0).getName());
        assertEquals(1.0, ofLead.getComponents().get(0).getValue(), 1e-12);
    }

    @Test
    void twoFacesOfOneFrameAreTwoCharactersEvenWhenAlike() {
        float[] twin = person(7);
        CharacterBook book = new CharacterBook(new ArrayList<>(), 1, 0.7);
        int[] ids = book.observe(frame(0, seen(twin, 1), seen(twin, 2)), 0);
        assertNotEquals(ids[0], ids[1]);
    }

    @Test
    void theBookIsBoundedAndAFaceWithoutIdentityIsNoCharacter() {
        List<CharacterEntry> state = new ArrayList<>();
        CharacterBook book = new CharacterBook(state, 1, 0.7);
        for (int i = 0; i < CharacterBook.MAX_CHARACTERS + 10; i++) book.observe(frame(i, person(100 + i)), i);
        assertEquals(CharacterBook.MAX_CHARACTERS, state.size());
        FrameAnnotation noIdentity = frame(500, person(1));
        noIdentity.getFaces().get(0).setIdentity(java.nio.ByteBuffer.allocate(0));
        assertArrayEquals(new int[] {-1}, book.observe(noIdentity, 500));
    }

    /** A face at {@code degrees} in the plane of two directions: cosine similarity of two is the cosine of their angle. */
    private static float[] at(double degrees) {
        float[] v = new float[1024];
        v[0] = (float) Math.cos(Math.toRadians(degrees));
        v[1] = (float) Math.sin(Math.toRadians(degrees));
        return v;
    }

    private static FrameAnnotation tracked(FrameAnnotation f, int... tracks) {
        for (int i = 0; i < tracks.length; i++) f.getFaces().get(i).setTrackId(tracks[i]);
        return f;
    }

    @Test
    void twoClustersWhoseCentroidsConvergeMergeIntoTheEarlierCharacter() {
        List<CharacterEntry> state = new ArrayList<>();
        CharacterBook book = new CharacterBook(state, 1, 0.7);
        assertArrayEquals(new int[] {1}, book.observe(frame(0, at(0)), 0));
        assertArrayEquals(new int[] {2}, book.observe(frame(25, at(50)), 1), "cos 50 degrees is under 0.7: a new character");
        assertEquals(List.of(), book.drainMerges());
        // A face between them joins the first; its centroid moves to 10 degrees, 40 from the second's: cos 40 > 0.7.
        assertArrayEquals(new int[] {1}, book.observe(frame(50, at(20)), 2));
        List<int[]> merges = book.drainMerges();
        assertEquals(1, merges.size());
        assertArrayEquals(new int[] {2, 1}, merges.get(0), "the later-numbered character joins the earlier");
        assertEquals(1, state.size());
        assertEquals(3, state.get(0).getFaces());
        assertEquals(3, state.get(0).getModelFrames());
        assertEquals(3, state.get(0).getShots());
        assertEquals(List.of("character-1"), book.ranked().stream().map(TitleCharacter::getName).toList());
        assertEquals(3, book.nextId(), "ids are never reused");
    }

    @Test
    void charactersSeenTogetherNeverMergeHoweverAlikeTheyBecome() {
        List<CharacterEntry> state = new ArrayList<>();
        CharacterBook book = new CharacterBook(state, 1, 0.7);
        assertArrayEquals(new int[] {1, 2}, book.observe(frame(0, at(0), at(50)), 0));
        book.observe(frame(25, at(20)), 1);
        book.observe(frame(50, at(30)), 2);
        assertEquals(List.of(), book.drainMerges());
        assertEquals(2, state.size());
    }

    @Test
    void aFaceOnTheTrackOfACharacterInTheSameShotIsThatCharacterWhateverItsEmbedding() {
        CharacterBook book = new CharacterBook(new ArrayList<>(), 1, 0.7);
        assertArrayEquals(new int[] {1}, book.observe(tracked(frame(0, at(0)), 7), 0));
        assertArrayEquals(new int[] {1}, book.observe(tracked(frame(25, at(80)), 7), 0), "same track, same shot");
        assertArrayEquals(new int[] {2}, book.observe(tracked(frame(50, at(-60)), 7), 1),
                "a track number in another shot is another track: unlike the first (now 40 degrees), a new character");
        assertArrayEquals(new int[] {3}, book.observe(tracked(frame(75, at(150)), 9), 1), "another track, unlike both: a new character");
        assertArrayEquals(new int[] {2}, book.observe(tracked(frame(100, at(-150)), 7), 1), "back on track 7 of shot 1");
    }

    @Test
    void aClusterThatDriftedIntoASecondPersonSplitsWhenItsTwoPartsGrowApart() {
        List<CharacterEntry> state = new ArrayList<>();
        CharacterBook book = new CharacterBook(state, 1, 0.7);
        assertArrayEquals(new int[] {1}, book.observe(frame(0, at(0)), 0));
        // Each face is alike enough to the running mean to join, but drifts away from the first face.
        assertArrayEquals(new int[] {1}, book.observe(frame(25, at(40)), 1));
        assertArrayEquals(new int[] {1}, book.observe(frame(50, at(60)), 2));
        assertEquals(1, state.size(), "two faces in the outlier part are not yet evidence");
        book.observe(frame(75, at(70)), 3);
        assertEquals(2, state.size(), "the outlier part (40 to 70 degrees) is no longer 0.7 alike its core (0 degrees)");
        CharacterEntry first = state.get(0), second = state.get(1);
        assertEquals(1, first.getFaces());
        assertEquals(3, second.getFaces());
        assertEquals(2, second.getId());
        assertEquals(List.of("character-2", "character-1"), book.ranked().stream().map(TitleCharacter::getName).toList(),
                "the part that split off holds three of the four model frames");
        // The split is kept: a face like the first joins it, one like the others joins the new character.
        assertArrayEquals(new int[] {1}, book.observe(frame(100, at(0)), 4));
        assertArrayEquals(new int[] {2}, book.observe(frame(125, at(60)), 5));
        assertEquals(List.of(), book.drainMerges(), "split parts were never merged back");
    }
}
