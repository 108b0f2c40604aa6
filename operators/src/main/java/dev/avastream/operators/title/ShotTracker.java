package dev.avastream.operators.title;

import dev.avastream.operators.annotate.ColourPalette;
import dev.avastream.schema.FrameAnnotation;
import dev.avastream.schema.OpenShot;
import dev.avastream.schema.Shot;
import dev.avastream.schema.ShotState;
import dev.avastream.schema.Transition;
import dev.avastream.schema.TransitionType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Builds a title's shots from settled frames, in frame order: the open shot's running sums, its key
 * frame and palette, its summary of shot types, camera motion and faces ({@link ShotSummary}),
 * where it starts and ends and why ({@link TransitionType}), and the gradual
 * transitions between shots.
 *
 * <p>A shot that ends at a gradual transition is held as the closing shot until the next shot
 * starts or the title ends, so it can still collect the transitions that follow it; only then is it
 * handed out. Shots are stitched across chunk edges for free: the tracker never sees chunks, only
 * frames, and a chunk reports a cut at its first frame only when there is one.
 *
 * <p>Edits the state record it is given, in place.
 */
public final class ShotTracker {
    /** Dominant colours reported per shot. */
    static final int SHOT_COLOURS = 3;

    private final ShotState state;
    private final String runId;
    private final String titleId;
    private final double faceTrackSimilarity;

    /** With the default {@code models.face-track-similarity}. */
    public ShotTracker(ShotState state, String runId, String titleId) {
        this(state, runId, titleId, dev.avastream.operators.config.Tunables.FACE_TRACK_SIMILARITY.defaultValue());
    }

    /**
     * Works on {@code state}; its lists are copied (Avro's arrays read back from RocksDB cannot shrink).
     *
     * @param faceTrackSimilarity identity similarity from which faces of one shot seen by two chunks are one track
     */
    public ShotTracker(ShotState state, String runId, String titleId, double faceTrackSimilarity) {
        this.faceTrackSimilarity = faceTrackSimilarity;
        this.state = state;
        this.runId = runId;
        this.titleId = titleId;
        state.setTransitionsSinceShot(new ArrayList<>(state.getTransitionsSinceShot()));
        OpenShot open = state.getOpen();
        if (open != null) {
            open.setPalette(new ArrayList<>(open.getPalette()));
            open.setTransitionsBefore(new ArrayList<>(open.getTransitionsBefore()));
        }
        Shot closing = state.getClosingShot();
        if (closing != null) {
            closing.setTransitionsBefore(new ArrayList<>(closing.getTransitionsBefore()));
            closing.setTransitionsAfter(new ArrayList<>(closing.getTransitionsAfter()));
        }
    }

    /** The state of a title with no shot yet. */
    public static ShotState empty() {
        return ShotState.newBuilder().setShotsClosed(0).setOpen(null).setClosingShot(null)
                .setTransitionsSinceShot(new ArrayList<>()).build();
    }

    public int shotsClosed() {
        return state.getShotsClosed();
    }

    public boolean isOpen() {
        return state.getOpen() != null;
    }

    /** The open shot's last frame, or -1 when no shot is open. */
    public long lastFrame() {
        return isOpen() ? state.getOpen().getLastFrame() : -1;
    }

    /**
     * A frame inside a gradual transition: it belongs to no shot. The open shot ends at the
     * transition, which is recorded once (on the shot that closes before it, and for the next one).
     */
    public void blended(FrameAnnotation frame, Transition covering, List<Shot> closed) {
        if (frame.getFrameIndex() == covering.getStartFrame() || isOpen()) {
            closeOpenShot(covering.getType(), closed);
        }
        if (!containsStart(state.getTransitionsSinceShot(), covering)) {
            state.getTransitionsSinceShot().add(covering);
            if (state.getClosingShot() != null) state.getClosingShot().getTransitionsAfter().add(covering);
        }
    }

    /**
     * A frame of a shot: it opens a shot when none is open or a hard cut starts one here (a cut on the
     * frame right after a gradual transition is that transition's end, not a cut), and joins it.
     *
     * @param reportedCut whether the chunk's cut detector reported a cut at this frame
     * @return the index of the shot the frame belongs to
     */
    public int add(FrameAnnotation frame, boolean reportedCut, List<Shot> closed) {
        long index = frame.getFrameIndex();
        boolean cut = reportedCut && !suppressed(state.getTransitionsSinceShot(), index);
        if (!isOpen()) {
            List<Transition> before = state.getTransitionsSinceShot();
            TransitionType in = !before.isEmpty() ? before.get(before.size() - 1).getType()
                    : index == 0 ? TransitionType.TITLE_START
                    : cut ? TransitionType.CUT : TransitionType.GAP;
            emitClosingShot(closed);
            open(frame, in, new ArrayList<>(before));
            state.setTransitionsSinceShot(new ArrayList<>());
        } else if (cut) {
            closeOpenShot(TransitionType.CUT, closed);
            emitClosingShot(closed);
            open(frame, TransitionType.CUT, new ArrayList<>());
        }
        OpenShot o = state.getOpen();
        o.setLastFrame(index);
        o.setLastUs(frame.getTimeUs());
        o.setFrames(o.getFrames() + 1);
        o.setMotionSum(o.getMotionSum() + frame.getMotion());
        o.setBrightnessSum(o.getBrightnessSum() + frame.getBrightness());
        ColourPalette.accumulate(o.getPalette(), frame.getDominantColours());
        ShotSummary.add(o, frame, faceTrackSimilarity);
        return state.getShotsClosed();
    }

    /** A candidate of the open shot: the best-scoring one (the first on a tie) is the shot's key frame. */
    public void offerKeyFrame(long frameIndex, double score) {
        OpenShot o = state.getOpen();
        if (o == null) throw new IllegalStateException("no open shot for key frame " + frameIndex);
        if (o.getKeyFrame() < 0 || score > o.getKeyScore()) {
            o.setKeyFrame(frameIndex);
            o.setKeyScore(score);
        }
    }

    /** The input ends (title end, or a gap): the open shot ends with {@code out} and every held shot is handed out. */
    public void end(TransitionType out, List<Shot> closed) {
        closeOpenShot(out, closed);
        emitClosingShot(closed);
    }

    private void open(FrameAnnotation first, TransitionType in, List<Transition> before) {
        state.setOpen(OpenShot.newBuilder()
                .setStartFrame(first.getFrameIndex()).setStartUs(first.getTimeUs())
                .setLastFrame(first.getFrameIndex()).setLastUs(first.getTimeUs())
                .setTransitionIn(in).setFrames(0).setMotionSum(0).setBrightnessSum(0)
                .setKeyFrame(-1).setKeyScore(0).setPalette(new ArrayList<>()).setTransitionsBefore(before)
                .setModelFrames(0).setShotTypeCounts(new HashMap<>()).setCameraMotionCounts(new HashMap<>())
                .setFaceTrackIds(new ArrayList<>()).setMaxFaces(0).setFramesWithFaces(0)
                .setTrackAliases(new HashMap<>()).setTrackIdentities(new HashMap<>())
                .build());
    }

    /** Ends the open shot and holds it as the closing shot (handing out the one held before). */
    private void closeOpenShot(TransitionType out, List<Shot> closed) {
        OpenShot o = state.getOpen();
        if (o == null) return;
        emitClosingShot(closed);
        long n = Math.max(1, o.getFrames());
        Shot.Builder shot = Shot.newBuilder()
                .setRunId(runId)
                .setTitleId(titleId)
                .setIndex(state.getShotsClosed())
                .setStartFrame(o.getStartFrame())
                .setEndFrame(o.getLastFrame())
                .setStartUs(o.getStartUs())
                .setEndUs(o.getLastUs())
                .setTransitionIn(o.getTransitionIn())
                .setTransitionOut(out)
                .setAverageMotion(o.getMotionSum() / n)
                .setAverageBrightness(o.getBrightnessSum() / n)
                .setKeyFrame(o.getKeyFrame())
                .setDominantColours(new ColourPalette(o.getPalette()).top(SHOT_COLOURS, n))
                .setTransitionsBefore(new ArrayList<>(o.getTransitionsBefore()))
                .setTransitionsAfter(new ArrayList<>());
        ShotSummary.summarise(o, shot);
        state.setClosingShot(shot.build());
        state.setShotsClosed(state.getShotsClosed() + 1);
        state.setOpen(null);
    }

    private void emitClosingShot(List<Shot> closed) {
        if (state.getClosingShot() == null) return;
        closed.add(state.getClosingShot());
        state.setClosingShot(null);
    }

    private static boolean containsStart(List<Transition> list, Transition t) {
        for (Transition x : list) if (x.getStartFrame() == t.getStartFrame()) return true;
        return false;
    }

    /** A hard cut on the frame right after a gradual transition is that transition's end, not a cut. */
    private static boolean suppressed(List<Transition> recent, long cutFrame) {
        for (Transition t : recent) {
            if (cutFrame >= t.getStartFrame() && cutFrame <= t.getEndFrame() + 1) return true;
        }
        return false;
    }
}
