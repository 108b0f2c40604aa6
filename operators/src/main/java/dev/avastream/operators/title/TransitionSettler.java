package dev.avastream.operators.title;

import dev.avastream.operators.shots.FadeThrough;
import dev.avastream.operators.shots.GradualTransition;
import dev.avastream.operators.shots.GradualTransitionDetector;
import dev.avastream.schema.Candidate;
import dev.avastream.schema.FrameAnnotation;
import dev.avastream.schema.SettlingState;
import dev.avastream.schema.Transition;
import dev.avastream.schema.TransitionType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Holds a title's frames back until they are settled: fed in frame order through the gradual-
 * transition detector, a frame is handed on only once no later report can cover it ({@link
 * GradualTransitionDetector#undecidedFrom()}), together with the transition that covers it (if
 * any), whether a hard cut was reported there and its candidate (if any). A frame inside a dissolve
 * or fade belongs to no shot and is never a candidate, and a hard cut inside one is the transition,
 * not a cut: deciding that needs the frames after it, hence the wait.
 *
 * <p>A fade out and the fade in after it become one transition ({@link FadeThrough}): while the
 * frames after a fade out are solid black (white), for at most {@link
 * GradualTransitionDetector.Params#maxHoldFrames()} of them, the fade out and everything after it wait
 * for the detector to say whether a fade in follows. Without that wait the fade out's frames would
 * already have gone on, carrying it alone, and the black frames would make a shot.
 *
 * <p>Edits the state record it is given; the detector's window is written back by {@link #state()}.
 */
public final class TransitionSettler {
    /**
     * Frames at either end of the solid stretch between a fade out and a fade in that may be
     * neither: a fade's fitted ramp may end a frame or two before the first flat frame (see the
     * detector's fade fit).
     */
    private static final int FADE_EDGE_FRAMES = 2;

    /**
     * A settled frame.
     *
     * @param covering    the gradual transition the frame is part of, or null
     * @param reportedCut whether the chunk reported a hard cut at this frame
     * @param candidate   the frame's candidate still, or null
     */
    public record SettledFrame(FrameAnnotation frame, Transition covering, boolean reportedCut, Candidate candidate) {}

    private final SettlingState state;
    private final GradualTransitionDetector detector;
    private final int maxHoldFrames;
    private final int minFramesFromCut;
    private long lastFed;

    /** Carries on from {@code state}; its lists are copied (Avro's arrays read back from RocksDB cannot shrink). */
    public TransitionSettler(SettlingState state, GradualTransitionDetector.Params params) {
        this.state = state;
        state.setDetectorWindow(new ArrayList<>(state.getDetectorWindow()));
        state.setPendingTransitions(new ArrayList<>(state.getPendingTransitions()));
        state.setUnsettledFrames(new ArrayList<>(state.getUnsettledFrames()));
        state.setUnsettledCuts(new ArrayList<>(state.getUnsettledCuts()));
        state.setUnsettledCandidates(new ArrayList<>(state.getUnsettledCandidates()));
        this.detector = new GradualTransitionDetector(params, state.getDetectorWindow());
        this.maxHoldFrames = params.maxHoldFrames();
        this.minFramesFromCut = params.minFramesFromCut();
        List<FrameAnnotation> u = state.getUnsettledFrames();
        List<FrameAnnotation> w = state.getDetectorWindow();
        lastFed = !u.isEmpty() ? u.get(u.size() - 1).getFrameIndex() : !w.isEmpty() ? w.get(w.size() - 1).getFrameIndex() : -1;
    }

    /** The state of a title with nothing fed. */
    public static SettlingState empty() {
        return SettlingState.newBuilder().setDetectorWindow(new ArrayList<>()).setPendingTransitions(new ArrayList<>())
                .setUnsettledFrames(new ArrayList<>()).setUnsettledCuts(new ArrayList<>())
                .setUnsettledCandidates(new ArrayList<>()).build();
    }

    /** A chunk's hard cuts and candidates, before its frames are fed. */
    public void addChunk(List<Long> cuts, List<Candidate> candidates) {
        state.getUnsettledCuts().addAll(cuts);
        state.getUnsettledCandidates().addAll(candidates);
    }

    /** The last frame fed and not yet flushed, or -1. */
    public long lastFed() {
        return lastFed;
    }

    /** Frames fed and not yet settled. */
    public int unsettled() {
        return state.getUnsettledFrames().size();
    }

    /**
     * Feeds the next frame (a larger index than the last; a gap is the caller's to handle by {@link
     * #flush()} first).
     *
     * @return the frames this one settles, in frame order; often empty
     */
    public List<SettledFrame> feed(FrameAnnotation frame) {
        for (GradualTransition t : detector.accept(frame)) addPending(toRecord(t));
        state.getUnsettledFrames().add(frame);
        lastFed = frame.getFrameIndex();
        return settle(Math.min(detector.undecidedFrom() - 1, heldForFadeIn()));
    }

    /** The input ends (title end, or a gap): decides what the detector holds and settles every frame. */
    public List<SettledFrame> flush() {
        for (GradualTransition t : detector.flush()) addPending(toRecord(t));
        List<SettledFrame> settled = settle(Long.MAX_VALUE);
        state.getPendingTransitions().clear();
        lastFed = -1;
        return settled;
    }

    /** The state, with the detector's retained window written back. */
    public SettlingState state() {
        state.setDetectorWindow(detector.retainedWindow());
        return state;
    }

    /** Hands out every unsettled frame up to {@code limit} and forgets what only they needed. */
    private List<SettledFrame> settle(long limit) {
        List<FrameAnnotation> frames = state.getUnsettledFrames();
        int n = 0;
        while (n < frames.size() && frames.get(n).getFrameIndex() <= limit) n++;
        if (n == 0) return List.of();
        Set<Long> cuts = new HashSet<>(state.getUnsettledCuts());
        Map<Long, Candidate> candidates = new HashMap<>();
        for (Candidate c : state.getUnsettledCandidates()) candidates.put(c.getFrameIndex(), c);
        long lastSettled = frames.get(n - 1).getFrameIndex();
        List<SettledFrame> settled = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            FrameAnnotation f = frames.get(i);
            long index = f.getFrameIndex();
            settled.add(new SettledFrame(f, covering(state.getPendingTransitions(), index), cuts.contains(index),
                    candidates.get(index)));
        }
        frames.subList(0, n).clear();
        state.getUnsettledCuts().removeIf(c -> c <= lastSettled);
        state.getUnsettledCandidates().removeIf(c -> c.getFrameIndex() <= lastSettled);
        state.getPendingTransitions().removeIf(t -> t.getEndFrame() <= lastSettled);
        return settled;
    }

    /**
     * The last frame that may settle while a fade out waits to learn whether a fade in completes it,
     * or {@link Long#MAX_VALUE} when nothing waits. A fade out waits while every frame after it is
     * solid in its colour (but for {@value #FADE_EDGE_FRAMES} at the edge), at most {@code
     * maxHoldFrames} of them, and the first frame that is not may still be covered by a report.
     */
    private long heldForFadeIn() {
        List<Transition> pending = state.getPendingTransitions();
        if (pending.isEmpty()) return Long.MAX_VALUE;
        Transition out = pending.get(pending.size() - 1);
        if (!FadeThrough.isFadeOut(out.getType())) return Long.MAX_VALUE;
        int flat = 0, edge = 0;
        long content = -1;
        for (FrameAnnotation f : state.getUnsettledFrames()) {
            if (f.getFrameIndex() <= out.getEndFrame()) continue;
            if (detector.isFlat(f, out.getType())) {
                flat++;
            } else if (flat == 0 && edge < FADE_EDGE_FRAMES) {
                edge++;
            } else {
                content = f.getFrameIndex();
                break;
            }
        }
        if (flat > maxHoldFrames) return Long.MAX_VALUE;
        // Picture came back and no report can cover it any more: a cut out of the black, not a fade in.
        if (content >= 0 && content < detector.undecidedFrom()) return Long.MAX_VALUE;
        return out.getStartFrame() - 1;
    }

    /**
     * Whether the frames strictly between a fade out and a fade in are held back still and solid in
     * the fades' colour, but for {@value #FADE_EDGE_FRAMES} at either end, and at most {@code
     * maxHoldFrames} of them.
     */
    private boolean solidBetween(Transition out, Transition in) {
        long from = out.getEndFrame() + 1, to = in.getStartFrame() - 1;
        if (to < from) return true;
        if (to - from + 1 > maxHoldFrames + 2L * FADE_EDGE_FRAMES) return false;
        boolean[] flat = new boolean[(int) (to - from + 1)];
        int seen = 0;
        for (FrameAnnotation f : state.getUnsettledFrames()) {
            long i = f.getFrameIndex();
            if (i < from || i > to) continue;
            flat[(int) (i - from)] = detector.isFlat(f, out.getType());
            seen++;
        }
        if (seen < flat.length) return false; // some have gone on already
        int lo = 0, hi = flat.length - 1;
        while (lo <= hi && lo < FADE_EDGE_FRAMES && !flat[lo]) lo++;
        while (hi >= lo && flat.length - 1 - hi < FADE_EDGE_FRAMES && !flat[hi]) hi--;
        for (int i = lo; i <= hi; i++) if (!flat[i]) return false;
        return hi - lo + 1 <= maxHoldFrames;
    }

    /**
     * A ramp between black and white can read as a fade to one and from the other at once; frames
     * belong to one transition, so of two that overlap the more confident one stays. A fade in that
     * completes the fade out pending before it replaces it with the two as one ({@link FadeThrough}).
     */
    private void addPending(Transition t) {
        if (nextToACut(t)) return;
        List<Transition> pending = state.getPendingTransitions();
        if (!pending.isEmpty()) {
            Transition last = pending.get(pending.size() - 1);
            if (FadeThrough.through(last.getType(), t.getType()) != null && t.getStartFrame() > last.getEndFrame()
                    && solidBetween(last, t)) {
                pending.set(pending.size() - 1, FadeThrough.join(last, t));
                return;
            }
        }
        for (int i = 0; i < pending.size(); i++) {
            Transition o = pending.get(i);
            if (o.getStartFrame() <= t.getEndFrame() && t.getStartFrame() <= o.getEndFrame()) {
                if (t.getScore() > o.getScore()) pending.set(i, t);
                return;
            }
        }
        pending.add(t);
    }

    /**
     * Whether a hard cut reported in this title lies fewer than {@code gradual.min-frames-from-cut} frames
     * before the transition's start or after its end: the change is then the new shot settling
     * after the cut (exposure, a light coming up), or the old one's last moments before it, not a
     * transition of its own. The cuts of a chunk are known before its frames are fed, a transition
     * is reported k frames and more after its end, and frames are held until k + 4 frames before
     * the run of change a report may come from: the cuts either side of it are still held here.
     */
    private boolean nextToACut(Transition t) {
        if (minFramesFromCut == 0) return false;
        for (long cut : state.getUnsettledCuts()) {
            boolean before = cut < t.getStartFrame() && t.getStartFrame() - cut < minFramesFromCut;
            boolean after = cut > t.getEndFrame() + 1 && cut - (t.getEndFrame() + 1) < minFramesFromCut;
            if ((before || after) && !onSolidFrame(cut)) return true;
        }
        return false;
    }

    /**
     * Whether a cut was reported between two solid black (or two solid white) frames: grain in a
     * fade's hold can make a "cut" there, between two frames of nothing, and it must not cost the
     * fade. A cut from a picture to black is a cut.
     */
    private boolean onSolidFrame(long cut) {
        FrameAnnotation before = null, at = null;
        for (FrameAnnotation f : state.getUnsettledFrames()) {
            if (f.getFrameIndex() == cut - 1) before = f;
            if (f.getFrameIndex() == cut) at = f;
        }
        if (before == null || at == null) return false;
        for (TransitionType solid : new TransitionType[] {TransitionType.FADE_TO_BLACK, TransitionType.FADE_TO_WHITE}) {
            if (detector.isFlat(before, solid) && detector.isFlat(at, solid)) return true;
        }
        return false;
    }

    private static Transition covering(List<Transition> transitions, long frame) {
        for (Transition t : transitions) {
            if (frame >= t.getStartFrame() && frame <= t.getEndFrame()) return t;
        }
        return null;
    }

    private static Transition toRecord(GradualTransition t) {
        return Transition.newBuilder().setType(t.type()).setStartFrame(t.startFrame()).setEndFrame(t.endFrame())
                .setScore(t.score()).setComponents(new ArrayList<>(t.components())).build();
    }
}
