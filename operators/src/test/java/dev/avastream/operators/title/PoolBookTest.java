package dev.avastream.operators.title;

import dev.avastream.operators.rank.DiverseTopKSelector;

import dev.avastream.schema.Candidate;
import dev.avastream.schema.PoolEntry;
import dev.avastream.schema.PoolState;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PoolBookTest {

    @Test
    void keepsTheBestPerShotAndInAllAndNamesWhatToWriteAndDelete() {
        PoolState state = PoolBook.empty();
        PoolBook book = new PoolBook(state, 12, 2, 3);
        Candidate a = candidate(1, 0, 0.5, 0f), b = candidate(2, 0, 0.6, 0.3f), c = candidate(3, 0, 0.7, 0.6f);
        book.offer(a);
        book.offer(b);
        book.offer(c); // shot 0 keeps its best two: b and c
        PoolBook.Outcome first = book.close();
        assertEquals(List.of(3L, 2L), first.added().stream().map(Candidate::getFrameIndex).toList(), "best first");
        assertSame(c, first.added().get(0), "the full entry as offered, to be written");
        assertEquals(List.of(), first.removed(), "frame 1 never made it into the pool: nothing to delete");
        assertEquals(2, first.size());

        PoolBook next = new PoolBook(state, 12, 2, 3);
        next.offer(candidate(10, 1, 0.9, 0.9f));
        next.offer(candidate(11, 2, 0.8, 0.45f)); // capacity 3, no copies: the weakest (frame 2) goes
        PoolBook.Outcome second = next.close();
        assertEquals(List.of(10L, 11L), second.added().stream().map(Candidate::getFrameIndex).toList());
        assertEquals(List.of(2L), second.removed());
        assertEquals(List.of(10L, 11L, 3L), state.getEntries().stream().map(PoolEntry::getFrameIndex).toList(),
                "the index, best first");
    }

    /**
     * Hysteresis: two stills of near-equal score in competition for the last place of the set. A
     * challenger that beats the published one by less than title.keep-margin does not displace it,
     * so consecutive updates do not flip; one that beats it by more does.
     */
    @Test
    void aPublishedStillStaysUntilAChallengerBeatsItByMoreThanTheMargin() {
        PoolState state = PoolBook.empty();
        DiverseTopKSelector.Params one = new DiverseTopKSelector.Params(1, 0.12, 0.15);
        PoolBook first = new PoolBook(state, one, 2, 40);
        first.offer(candidate(1, 0, 1.00, 0f));
        assertEquals(List.of(1L), first.close().top());
        PoolBook second = new PoolBook(state, one, 2, 40);
        second.offer(candidate(2, 1, 1.10, 0.5f)); // better, but by less than the margin
        PoolBook.Outcome o = second.close();
        assertEquals(List.of(1L), o.top(), "the published still stays");
        assertEquals(List.of(), o.newlyIn());
        PoolBook third = new PoolBook(state, one, 2, 40);
        third.offer(candidate(3, 2, 1.30, 0.9f)); // better by more than the margin
        PoolBook.Outcome t = third.close();
        assertEquals(List.of(3L), t.top());
        assertEquals(List.of(1L), t.droppedOut());
        PoolBook without = new PoolBook(PoolBook.empty(), new DiverseTopKSelector.Params(1, 0.12, 0.0), 2, 40);
        without.offer(candidate(1, 0, 1.00, 0f));
        without.offer(candidate(2, 1, 1.10, 0.5f));
        assertEquals(List.of(2L), without.close().top(), "without a margin the better one wins");
    }

    /**
     * The title's final set does not depend on how its chunks were grouped into updates (with two
     * decoders, on which finished first): it is picked afresh, so the still the hysteresis kept in
     * place while the title was under way gives way to the better one at the end, as it would had
     * both arrived in one update.
     */
    @Test
    void theFinalSetIsPickedWithoutHysteresisWhateverTheStepsWere() {
        DiverseTopKSelector.Params one = new DiverseTopKSelector.Params(1, 0.12, 0.15);
        PoolState stepwise = PoolBook.empty();
        PoolBook first = new PoolBook(stepwise, one, 2, 40);
        first.offer(candidate(1, 0, 1.00, 0f));
        first.close();
        PoolBook last = new PoolBook(stepwise, one, 2, 40);
        last.offer(candidate(2, 1, 1.10, 0.5f)); // better by less than the margin
        PoolBook.Outcome end = last.close(true);
        assertEquals(List.of(2L), end.top(), "the better still, though the other was published");
        assertEquals(List.of(2L), end.newlyIn());
        assertEquals(List.of(1L), end.droppedOut());

        PoolBook together = new PoolBook(PoolBook.empty(), one, 2, 40);
        together.offer(candidate(1, 0, 1.00, 0f));
        together.offer(candidate(2, 1, 1.10, 0.5f));
        assertEquals(end.top(), together.close(true).top(), "the same as with both in one update");
    }

    @Test
    void overCapacityACopyOfABetterEntryGoesBeforeTheWeakest() {
        PoolState state = PoolBook.empty();
        PoolBook book = new PoolBook(state, 12, 2, 3);
        book.offer(candidate(1, 0, 0.5, 0f));
        book.offer(candidate(10, 1, 0.9, 0.9f));
        book.offer(candidate(11, 2, 0.8, 0.95f)); // the same picture as frame 10 (distance 0.05), scoring lower
        book.offer(candidate(12, 3, 0.7, 0.5f));
        PoolBook.Outcome o = book.close();
        assertEquals(List.of(10L, 12L, 1L), state.getEntries().stream().map(PoolEntry::getFrameIndex).toList(),
                "frame 11 goes, though frame 1 scores lower: the top-K could not show both 10 and 11");
        assertEquals(3, o.size());
    }

    @Test
    void theIndexHoldsWhatRankingReadsAndNoPicture() throws Exception {
        PoolState state = PoolBook.empty();
        PoolBook book = new PoolBook(state, 12, 2, 10);
        book.offer(candidate(7, 4, 0.66, 0.25f));
        book.close();
        PoolEntry e = state.getEntries().get(0);
        assertEquals(7L, e.getFrameIndex());
        assertEquals(4, e.getShotIndex());
        assertEquals(0.66, e.getScore());
        assertEquals(List.of(0.25f, 0f, 0f), e.getFeature());
        long indexBytes = state.toByteBuffer().remaining();
        long entryBytes = candidate(7, 4, 0.66, 0.25f).toByteBuffer().remaining();
        assertTrue(indexBytes * 20 < entryBytes, "index " + indexBytes + " B vs full entry " + entryBytes + " B");
    }

    @Test
    void theTopKIsDiverseAndTheChangeIsAgainstTheLastPublishedOne() throws Exception {
        PoolState state = PoolBook.empty();
        PoolBook book = new PoolBook(state, 2, 2, 40);
        book.offer(candidate(1, 0, 0.6, 0f));
        PoolBook.Outcome o1 = book.close();
        assertEquals(List.of(1L), o1.top());
        assertEquals(List.of(1L), o1.newlyIn());

        // restored from its serialized form, as from RocksDB
        state = PoolState.fromByteBuffer(state.toByteBuffer());
        book = new PoolBook(state, 2, 2, 40);
        book.offer(candidate(2, 1, 0.7, 0.05f)); // looks like frame 1 (distance < 0.12) and scores higher
        book.offer(candidate(3, 1, 0.65, 0.5f)); // a second frame of shot 1
        PoolBook.Outcome o2 = book.close();
        // 2 is best; 3 is of the same shot (and the pool has K shots: no fill-up); 1 looks like 2
        assertEquals(List.of(2L), o2.top(), "one per shot, never a near-duplicate");
        assertEquals(List.of(2L), o2.newlyIn());
        assertEquals(List.of(1L), o2.droppedOut());
        assertEquals(List.of(2L), state.getPublished());
        assertEquals(3, o2.size());
    }

    /** Two characters found to be one: the pool's stills of the later take the earlier's name, written or not. */
    @Test
    void aMergeOfCharactersRenamesTheirStillsInTheIndexAndInWhatIsToBeWritten() {
        PoolState state = PoolBook.empty();
        PoolBook book = new PoolBook(state, 12, 2, 10);
        book.offer(Candidate.newBuilder(candidate(1, 0, 0.9, 0f)).setMainCharacter("character-2").build());
        book.close();
        PoolBook next = new PoolBook(state, 12, 2, 10);
        next.offer(Candidate.newBuilder(candidate(2, 1, 0.8, 0.5f)).setMainCharacter("character-2").build());
        next.offer(Candidate.newBuilder(candidate(3, 2, 0.7, 0.9f)).setMainCharacter("character-3").build());
        next.renameCharacter("character-2", "character-1");
        PoolBook.Outcome o = next.close();
        assertEquals("character-1", next.mainCharacterOf(1), "written in an earlier step: renamed in the index");
        assertEquals("character-1", o.added().get(0).getMainCharacter(), "offered in this step: written renamed");
        assertEquals("character-3", o.added().get(1).getMainCharacter(), "another character keeps its name");
        assertEquals(List.of("character-1", "character-1", "character-3"),
                state.getEntries().stream().map(PoolEntry::getMainCharacter).toList());
    }

    static Candidate candidate(long frame, int shot, double score, float look) {
        return Candidate.newBuilder().setFrameIndex(frame).setTimeUs(frame * 33_333).setShotIndex(shot).setScore(score)
                .setFeature(List.of(look, 0f, 0f)).setThumbnailJpeg(ByteBuffer.wrap(new byte[4000]))
                .setThumbnailWidth(320).setThumbnailHeight(180).build();
    }
}
