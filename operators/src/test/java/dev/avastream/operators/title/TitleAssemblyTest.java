package dev.avastream.operators.title;

import dev.avastream.schema.Candidate;
import dev.avastream.schema.ChunkResult;
import dev.avastream.schema.TitleProgress;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fold's access to what the caller keeps: it asks for a waiting chunk only when it folds it, and
 * for a full pool entry only for a frame it shows in the top-K and did not add in the same step. The
 * caller here keeps them in maps, as {@link InProcessTitleAnalysis} does, counts what is asked, and
 * keeps the arriving chunk in hand as the Flink function does (it enters state only if it must wait).
 */
class TitleAssemblyTest {
    private static final int CHUNKS = 60;

    /** What a caller that keeps chunks and pool entries by key sees, per element. */
    private static final class Caller {
        final TitleAssembly assembly = new TitleAssembly(TitleAssembly.Params.defaults());
        final Map<Integer, ChunkResult> waiting = new HashMap<>();
        final Map<Long, Candidate> pool = new HashMap<>();
        TitleProgress progress;
        final List<Integer> chunksAsked = new ArrayList<>();
        final List<Long> entriesAsked = new ArrayList<>();
        TitleAssembly.Step last;
        long mostReads, mostStateBytes, reads, elements, mostBytesRead, askedBytes;

        /** Serialized size, as the state backend would read it. */
        private static long size(ChunkResult c) {
            try {
                return c == null ? 0 : c.toByteBuffer().remaining();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private static long size(Candidate c) {
            try {
                return c == null ? 0 : c.toByteBuffer().remaining();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        void arrive(ChunkResult c, long nowMs) throws Exception {
            if (progress == null) progress = TitleAssembly.start(c);
            TitleAssembly.receive(progress, c);
            chunksAsked.clear();
            entriesAsked.clear();
            askedBytes = 0;
            Set<Long> poolBefore = new HashSet<>(pool.keySet());
            last = assembly.onChunk(progress, i -> {
                if (i == c.getChunkIndex()) return c;
                chunksAsked.add(i);
                ChunkResult w = waiting.remove(i);
                askedBytes += size(w);
                return w;
            }, f -> {
                entriesAsked.add(f);
                Candidate e = pool.get(f);
                askedBytes += size(e);
                return e;
            }, nowMs, false);
            if (!last.chunksFolded().contains(c.getChunkIndex())) waiting.put(c.getChunkIndex(), c);
            for (Long f : last.poolRemoved()) pool.remove(f);
            for (Candidate a : last.poolAdded()) pool.put(a.getFrameIndex(), a);
            StillPublication.Result r = StillPublication.of(last.update());
            for (Candidate e : r.poolEntries()) pool.put(e.getFrameIndex(), e);

            // what it asked: the chunks it folded from state, in order; top-K entries that were in the pool before
            List<Integer> foldedFromState = new ArrayList<>(last.chunksFolded());
            foldedFromState.remove(Integer.valueOf(c.getChunkIndex()));
            assertEquals(foldedFromState, chunksAsked);
            List<Long> shownFromBefore = new ArrayList<>();
            for (Candidate t : last.update().getCandidates()) if (poolBefore.contains(t.getFrameIndex())) shownFromBefore.add(t.getFrameIndex());
            assertEquals(shownFromBefore, entriesAsked);

            long n = 1 + chunksAsked.size() + entriesAsked.size(); // + the progress value
            long bytesRead = progress.toByteBuffer().remaining();
            bytesRead += askedBytes;
            mostBytesRead = Math.max(mostBytesRead, bytesRead);
            reads += n;
            elements++;
            mostReads = Math.max(mostReads, n);
            long bytes = progress.toByteBuffer().remaining();
            for (ChunkResult w : waiting.values()) bytes += w.toByteBuffer().remaining();
            for (Candidate e : pool.values()) bytes += e.toByteBuffer().remaining();
            mostStateBytes = Math.max(mostStateBytes, bytes);
        }
    }

    @Test
    void theFoldReadsOnlyTheChunksItFoldsAndTheTopKEntriesWhateverThePoolsSize() throws Exception {
        Caller caller = new Caller();
        for (int i : DemoLikeTitle.arrivalOrder(CHUNKS)) caller.arrive(DemoLikeTitle.chunk("demo", i, CHUNKS), 1_000L + i);
        assertTrue(caller.last.complete());
        assertEquals(TitleAssembly.Params.defaults().poolCapacity(), caller.pool.size(), "the pool is full");
        int k = TitleAssembly.Params.defaults().topK();
        // per element: the progress value, at most one waiting chunk (arrivals are at most one ahead), the top-K
        assertTrue(caller.mostReads <= 1 + 1 + k, "most entries read by one element: " + caller.mostReads);
        // the set's variety, as each update reports it
        var update = caller.last.update();
        var set = update.getCandidates();
        assertEquals(set.stream().map(Candidate::getShotIndex).distinct().count(), update.getShotsCovered());
        assertEquals(0, update.getCharactersCovered(), "a demo-like title has no faces");
        double nearest = 0;
        for (Candidate a : set) {
            double n = Double.POSITIVE_INFINITY;
            for (Candidate b : set) if (a != b) n = Math.min(n, dev.avastream.operators.rank.DiversityVector.distance(a, b));
            nearest += n;
        }
        assertEquals(nearest / set.size(), update.getDiversityIndex(), 1e-9);
        assertTrue(update.getDiversityIndex() > 0 && update.getDiversityIndex() <= 1,
                "the diversity index is a distance in 0..1: " + update.getDiversityIndex());
        for (Candidate c : set) {
            assertEquals(dev.avastream.operators.rank.DiversityVector.DIMENSIONS, c.getDiversity().size(),
                    "every published still carries its diversity vector");
        }
        for (Candidate a : set) {
            for (Candidate b : set) {
                if (a != b) assertTrue(dev.avastream.operators.annotate.AppearanceVector.distance(a.getFeature(), b.getFeature())
                        >= TitleAssembly.Params.defaults().nearDuplicateDistance(), "no two stills closer than the near-duplicate distance");
            }
        }
        System.out.printf("title fold, demo-like title of %d chunks (%d frames, pool %d): state entries read per element"
                        + " avg %.1f, max %d; most bytes read by one element (progress and pool entries) %d; most state bytes per title %d;"
                        + " progress %d B%n",
                CHUNKS, CHUNKS * DemoLikeTitle.FRAMES_PER_CHUNK, caller.pool.size(), caller.reads / (double) caller.elements,
                caller.mostReads, caller.mostBytesRead, caller.mostStateBytes, caller.progress.toByteBuffer().remaining());
    }

    @Test
    void aChunkThatMustWaitIsNotAskedForUntilItsTurn() throws Exception {
        Caller caller = new Caller();
        caller.arrive(DemoLikeTitle.chunk("demo", 2, 4), 0);
        caller.arrive(DemoLikeTitle.chunk("demo", 1, 4), 0);
        assertEquals(List.of(), caller.last.chunksFolded());
        assertEquals(List.of(1, 2), caller.waiting.keySet().stream().sorted().toList());
        caller.arrive(DemoLikeTitle.chunk("demo", 0, 4), 0);
        assertEquals(List.of(0, 1, 2), caller.last.chunksFolded());
        assertEquals(List.of(1, 2), caller.chunksAsked);
        assertEquals(List.of(), List.copyOf(caller.waiting.keySet()));
    }

    @Test
    void updatesCarryTheCallersClock() throws Exception {
        Caller caller = new Caller();
        caller.arrive(DemoLikeTitle.chunk("demo", 0, 2), 42_000L);
        assertEquals(42_000L, caller.last.update().getEmittedAtMs());
        caller.arrive(DemoLikeTitle.chunk("demo", 1, 2), 43_500L);
        assertEquals(43_500L, caller.last.update().getEmittedAtMs());
    }
}
