package dev.avastream.operators.title;

import dev.avastream.schema.Candidate;
import dev.avastream.schema.ChunkResult;
import dev.avastream.schema.FrameAnnotation;
import dev.avastream.schema.FrameRecord;
import dev.avastream.schema.Shot;
import dev.avastream.schema.TitleProgress;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With {@code title.publish-frames} on, the fold hands out every own frame of the chunks it folds,
 * once, in frame order, with the shot it settled into, whatever order the chunks arrive in; off, it
 * hands out none. Either way the title's state is the same: publishing keeps nothing of its own.
 */
class TitleAssemblyFramesTest {
    private static final int CHUNKS = 6;

    /** Folds a demo-like title arriving out of order (neighbours swapped), keeping what each step hands out. */
    private static final class Run {
        final TitleAssembly assembly;
        final Map<Integer, ChunkResult> waiting = new HashMap<>();
        final Map<Long, Candidate> pool = new HashMap<>();
        final List<FrameRecord> frames = new ArrayList<>();
        final List<Shot> shots = new ArrayList<>();
        final List<byte[]> progressAfterEachStep = new ArrayList<>();
        final List<Integer> framesPerStep = new ArrayList<>();
        TitleProgress progress;
        boolean complete;

        Run(boolean publishFrames) {
            assembly = new TitleAssembly(TitleAssembly.Params.defaults().withPublishFrames(publishFrames));
        }

        Run fold(List<ChunkResult> arrivals) throws Exception {
            for (ChunkResult c : arrivals) {
                if (progress == null) progress = TitleAssembly.start(c);
                TitleAssembly.receive(progress, c);
                TitleAssembly.Step step = assembly.onChunk(progress,
                        i -> i == c.getChunkIndex() ? c : waiting.remove(i), pool::get, 1_000L, false);
                if (!step.chunksFolded().contains(c.getChunkIndex())) waiting.put(c.getChunkIndex(), c);
                for (Long f : step.poolRemoved()) pool.remove(f);
                for (Candidate a : step.poolAdded()) pool.put(a.getFrameIndex(), a);
                frames.addAll(step.frames());
                framesPerStep.add(step.frames().size());
                shots.addAll(step.closedShots());
                complete = step.complete();
                progressAfterEachStep.add(bytes(progress));
            }
            return this;
        }

        private static byte[] bytes(TitleProgress p) throws Exception {
            java.nio.ByteBuffer b = p.toByteBuffer();
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        }
    }

    private static List<ChunkResult> arrivals() {
        List<ChunkResult> chunks = new ArrayList<>();
        for (int i : DemoLikeTitle.arrivalOrder(CHUNKS)) chunks.add(DemoLikeTitle.chunk("demo", i, CHUNKS));
        return chunks;
    }

    @Test
    void onEveryOwnFrameIsHandedOutOnceInFrameOrderWithItsAnnotationAndShot() throws Exception {
        List<ChunkResult> chunks = arrivals();
        Run run = new Run(true).fold(chunks);
        assertTrue(run.complete);

        Map<Long, FrameAnnotation> own = new HashMap<>();
        for (ChunkResult c : chunks) for (FrameAnnotation a : c.getAnnotations()) own.put(a.getFrameIndex(), a);
        assertEquals(CHUNKS * DemoLikeTitle.FRAMES_PER_CHUNK, own.size());
        assertEquals(own.size(), run.frames.size(), "one record per frame");
        for (int i = 0; i < run.frames.size(); i++) {
            FrameRecord r = run.frames.get(i);
            assertEquals(i, r.getFrameIndex(), "frame order, none twice, none missing");
            assertEquals("run-demo", r.getRunId());
            assertEquals("demo", r.getTitleId());
            assertEquals(own.get(r.getFrameIndex()), r.getAnnotation(), "the frame's annotation as its chunk carried it");
            assertEquals(r.getAnnotation().getTimeUs(), r.getTimeUs());
        }

        // each frame names the shot ava.shots publishes it in
        assertEquals(CHUNKS * DemoLikeTitle.FRAMES_PER_CHUNK / DemoLikeTitle.SHOT_FRAMES, run.shots.size());
        for (Shot s : run.shots) {
            for (long f = s.getStartFrame(); f <= s.getEndFrame(); f++) {
                assertEquals(s.getIndex(), run.frames.get((int) f).getShotIndex(), "frame " + f);
            }
        }

        // a chunk that waits for its predecessor hands out nothing until it is folded
        assertEquals(0, run.framesPerStep.get(0), "chunk 1 arrived first: nothing folded yet");
        assertTrue(run.framesPerStep.get(1) > 0);
    }

    @Test
    void offNoFrameIsHandedOutAndTheStateIsTheSameAsWithPublishing() throws Exception {
        Run off = new Run(false).fold(arrivals());
        Run on = new Run(true).fold(arrivals());
        assertTrue(off.complete);
        assertEquals(List.of(), off.frames);
        assertFalse(off.framesPerStep.stream().anyMatch(n -> n != 0));
        assertFalse(on.frames.isEmpty());
        assertEquals(on.progressAfterEachStep.size(), off.progressAfterEachStep.size());
        for (int i = 0; i < on.progressAfterEachStep.size(); i++) {
            assertArrayEquals(off.progressAfterEachStep.get(i), on.progressAfterEachStep.get(i),
                    "title state after step " + i);
        }
    }

    @Test
    void theSettingIsOnByDefault() {
        // ava search and the preview's query box search the frames: written unless turned off
        assertTrue(TitleAssembly.Params.defaults().publishFrames());
    }
}
