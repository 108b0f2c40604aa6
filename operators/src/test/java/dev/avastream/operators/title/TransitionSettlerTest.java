package dev.avastream.operators.title;

import dev.avastream.operators.shots.GradualTransitionDetector;
import dev.avastream.schema.Candidate;
import dev.avastream.schema.FrameAnnotation;
import dev.avastream.schema.SettlingState;
import dev.avastream.schema.Transition;
import dev.avastream.schema.TransitionType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransitionSettlerTest {
    private static final GradualTransitionDetector.Params PARAMS = GradualTransitionDetector.Params.defaults();

    @Test
    void framesWaitForTheDetectorsHorizonAndComeOutInOrderWithTheirCutsAndCandidates() {
        TransitionSettler s = new TransitionSettler(TransitionSettler.empty(), PARAMS);
        s.addChunk(List.of(40L), List.of(candidate(3), candidate(41)));
        List<TransitionSettler.SettledFrame> out = new ArrayList<>();
        int mostHeld = 0;
        for (long f = 0; f < 200; f++) {
            out.addAll(s.feed(ShotTrackerTest.frame(f, 0.5)));
            mostHeld = Math.max(mostHeld, s.unsettled());
            assertEquals(f + 1, out.size() + s.unsettled(), "every frame fed is settled or held");
        }
        assertTrue(mostHeld > GradualTransitionDetector.SETTLE_FRAMES, "frames wait for the detector: " + mostHeld);
        assertTrue(s.unsettled() > 0 && s.unsettled() < 200, "a bounded tail waits, " + s.unsettled());
        assertEquals(199L, s.lastFed());
        int settledBeforeFlush = out.size();
        out.addAll(s.flush());
        assertEquals(200, out.size());
        assertTrue(settledBeforeFlush > 100, "most frames settle as the detector moves on: " + settledBeforeFlush);
        for (int i = 0; i < out.size(); i++) {
            TransitionSettler.SettledFrame f = out.get(i);
            assertEquals(i, f.frame().getFrameIndex());
            assertNull(f.covering(), "flat frames: no transition");
            assertEquals(i == 40, f.reportedCut());
            assertEquals(i == 3 || i == 41, f.candidate() != null, "frame " + i);
        }
        SettlingState state = s.state();
        assertEquals(List.of(), state.getUnsettledFrames());
        assertEquals(List.of(), state.getUnsettledCuts());
        assertEquals(List.of(), state.getUnsettledCandidates());
        assertEquals(List.of(), state.getDetectorWindow());
        assertEquals(-1L, s.lastFed());
    }

    @Test
    void framesInsideAReportedTransitionCarryItAndItIsForgottenOnceSettledPast() throws Exception {
        Transition dissolve = Transition.newBuilder().setType(TransitionType.DISSOLVE).setStartFrame(3).setEndFrame(5)
                .setScore(0.7).build();
        List<FrameAnnotation> unsettled = new ArrayList<>();
        for (long f = 2; f <= 7; f++) unsettled.add(ShotTrackerTest.frame(f, 0.5));
        SettlingState state = TransitionSettler.empty();
        state.setUnsettledFrames(unsettled);
        state.setPendingTransitions(List.of(dissolve));
        state = SettlingState.fromByteBuffer(state.toByteBuffer()); // as read back from RocksDB

        TransitionSettler s = new TransitionSettler(state, PARAMS);
        assertEquals(7L, s.lastFed(), "carries on after the last frame it holds");
        List<TransitionSettler.SettledFrame> out = s.flush();
        assertEquals(6, out.size());
        for (TransitionSettler.SettledFrame f : out) {
            long i = f.frame().getFrameIndex();
            if (i >= 3 && i <= 5) assertNotNull(f.covering(), "frame " + i);
            else assertNull(f.covering(), "frame " + i);
        }
        assertEquals(List.of(), s.state().getPendingTransitions());
    }

    private static Candidate candidate(long f) {
        return Candidate.newBuilder().setFrameIndex(f).setTimeUs(f * 33_333).setScore(0.5)
                .setThumbnailWidth(2).setThumbnailHeight(1).build();
    }
}
