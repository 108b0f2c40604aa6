package dev.avastream.operators.shots;

import dev.avastream.operators.config.Setting;
import dev.avastream.operators.config.SettingValues;
import dev.avastream.operators.config.Tunables;
import dev.avastream.schema.FrameAnnotation;
import dev.avastream.schema.ScoreComponent;
import dev.avastream.schema.TransitionType;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds gradual transitions (dissolves, wipes, fades to and from black or white) in a title's
 * {@link FrameAnnotation}s, fed in frame order: pixel-free, from the per-frame signals the chunk
 * analyzer records (brightness, contrast, edge density, near-black and near-white shares, and the
 * additive content change to the previous frame and to the frame k back; see
 * {@link dev.avastream.operators.annotate.TransitionSignalTracker}).
 *
 * <h2>How</h2>
 * For every frame t with long-range change L(t) (to frame t-k) and adjacent changes a(t):
 * <ol>
 *   <li><b>Jumps.</b> Frame t is a jump when a(t) is at least {@link Params#minJump()} and at least
 *       {@link Params#jumpShare()} of L(t) (one step makes most of the change over the span), and
 *       the next step is either less than half as large or a jump too. Hard cuts, both edges of a flash, and the frames of a fast
 *       pan or fast motion are jumps; a dissolve or fade step never is (it is 1/N of the change, and
 *       the next step is as large). A frame whose span (t-k, t] holds a jump is not used.</li>
 *   <li><b>Activity.</b> Frame t is active when L(t) is at least {@link Params#minLongRangeChange()}
 *       and at least {@link Params#minAdditivity()} times the sum of a over its span: the picture
 *       moved steadily in one direction (a blend) rather than back and forth (motion, grain). Runs
 *       of active frames, with holes of up to {@value #HOLE_FRAMES} frames closed, are candidates;
 *       a run is complete once {@value #SETTLE_FRAMES} inactive frames follow it.</li>
 *   <li><b>Fades.</b> If the run's neighbourhood holds flat frames (near black: brightness at most
 *       {@link Params#flatMargin()} and either a share of at least {@link Params#flatShare()} of
 *       pixels near black or contrast at most {@link Params#flatContrast()}; near white likewise), a ramp (constant, linear, constant) is fitted by least squares to the distance
 *       from flat, brightness + contrast for black and (1 - brightness) + contrast for white, on
 *       either side of each flat stretch. A fade is a ramp of {@link Params#minFadeFrames()} to
 *       {@link Params#maxTransitionFrames()} frames, at least {@link Params#minFadeDepth()} deep,
 *       R^2 at least {@link Params#minFadeFit()}, monotonic (at most {@link Params#maxFadeReversal()}
 *       of its steps going back), and without a step of more than {@link Params#jumpShare()} of
 *       its depth (a cut to black is not a fade).</li>
 *   <li><b>Wipes.</b> Otherwise, if the sweep (the share of the picture a straight moving edge
 *       crossed over each frame's span, {@link dev.avastream.operators.annotate.EdgeSweep}) follows the
 *       shape a wipe from s to e gives it, S (alpha(t) - alpha(t-k)), with S at least
 *       {@value #MIN_SWEPT} of the picture and R^2 at least {@value #MIN_SWEEP_FIT}, it is a wipe: no dip
 *       (half of each picture is not a mix) and no coverage rule (a long wipe changes only a strip over
 *       k frames) apply.</li>
 *   <li><b>Dissolves.</b> Otherwise the long-range change over the run must follow the shape a
 *       linear blend from frame s to frame e gives it: L(t) = base + D (alpha(t) - alpha(t-k)) with
 *       alpha rising linearly from 0 at s-1 to 1 at e+1, a trapezoid. The best (s, e) is found by
 *       least squares. A dissolve has {@link Params#minDissolveFrames()} to
 *       {@link Params#maxTransitionFrames()} frames, a total change D of at least
 *       {@link Params#minDissolveChange()} and no less than the shots' own frame-to-frame change,
 *       R^2 at least {@link Params#minDissolveFit()}, additivity (D over the sum of a across it) of at
 *       least {@link Params#minAdditivity()}, and a dip in the middle of at least
 *       {@link Params#minDip()} (unless the blend is clean and large: {@link Params#dipFreeChange()})
 *       in luma variance or edge density below the straight line between the two shots (a blend of
 *       two unrelated pictures has half the variance and fewer strong edges mid-way; a pan or a zoom
 *       over steady texture has neither), and a median zoom residual of at least
 *       {@value #MIN_ZOOM_RESIDUAL} over it and the k frames after (a fast zoom changes every pixel
 *       steadily, and thins fine texture mid-way, but its later picture is the earlier one scaled:
 *       {@link dev.avastream.operators.annotate.ZoomMatch}).</li>
 * </ol>
 * Every report carries its named components (value 0..1, weight, contribution; the score is their
 * sum): {@value #FIT}, {@value #ADDITIVITY}, {@value #DIP}, {@value #SMOOTHNESS} for a dissolve;
 * {@value #FIT}, {@value #DEPTH}, {@value #SMOOTHNESS}, {@value #CONTRAST_COLLAPSE} for a fade;
 * {@value #FIT}, {@value #SWEPT} for a wipe.
 *
 * <h2>State: a bounded window of annotations</h2>
 * The detector is a pure function of the annotations it retains: construct it with the window a
 * previous instance returned from {@link #retainedWindow()} (or an empty list), feed frames, and
 * persist {@link #retainedWindow()} again (at most {@link #maxRetainedFrames(Params)} annotations,
 * 90 by default). Splitting a title anywhere and handing the window over gives exactly the reports
 * of one uninterrupted pass. Rules that make this hold: the first {@link #contextFrames(Params)}
 * frames of the window are context (a run that starts there is never reported, except at the
 * title's frame 0); after a run is decided, reported or not, the window is cut back to the
 * context frames before its end, so nothing is decided twice.
 *
 * <h2>Delay</h2>
 * A transition ending at frame e is reported when frame e + k + {@value #SETTLE_FRAMES} or a few
 * frames later arrives (k = {@link Params#longRangeFrames()}: the long-range change stays raised for
 * k frames after it): 13..16 frames with the defaults. The hard bound: no frame is covered by a
 * report that arrives more than {@link #maxReportDelayFrames(Params)} frames after it (88 with the
 * defaults); {@link #undecidedFrom()} tells, at any time, the first frame that a later report may
 * still cover, so a caller can hold back hard cuts that a transition might suppress
 * ({@link GradualTransition#suppressesCut}).
 *
 * <p>Frames must be contiguous: a gap in frame indices flushes (decides what the window holds, as
 * at the title's end) and starts over. Not thread-safe.
 */
public final class GradualTransitionDetector {

    public static final String FIT = "fit";
    public static final String ADDITIVITY = "additivity";
    public static final String DIP = "dip";
    public static final String SMOOTHNESS = "smoothness";
    public static final String DEPTH = "depth";
    public static final String CONTRAST_COLLAPSE = "contrastCollapse";
    public static final String SWEPT = "swept";
    public static final String STEADY = "steady";
    public static final String TRAVEL = "travel";

    /** Least share of the picture a wipe's edge must cross (the fitted S of {@link #wipe}). */
    static final double MIN_SWEPT = 0.5;
    /** Least R^2 of the fitted sweep of a wipe. */
    static final double MIN_SWEEP_FIT = 0.7;
    /**
     * Least median zoom residual (the share of the long-range change no zoom about the centre explains)
     * over a dissolve and the k frames after it: a fast zoom's frames are 0.1-0.4, a blend of unrelated
     * shots' 0.85 and up.
     */
    static final double MIN_ZOOM_RESIDUAL = 0.6;
    /** Least peak of the sweep over a run for a wipe to be fitted at all. */
    static final double MIN_SWEEP_PEAK = 0.2;

    /**
     * Least gain (luma levels, {@code FrameAnnotation.slideGain}) of a frame's moved part for the frame
     * to count as a slide's: a slide of textured pictures gives 5 and up, of smooth ones 1.5-3 (the
     * rules on the frames' sequence, not this, keep chance matches out).
     */
    static final double MIN_SLIDE_GAIN = 1.5;
    /** Least share of the picture a slide's frame must have moved ({@code FrameAnnotation.slideShare}). */
    static final double MIN_SLIDE_SHARE = 0.1;
    /** Fewest moving frames of a slide or push. */
    static final int MIN_SLIDE_FRAMES = 4;
    /**
     * How far a slide's frame's step may stray from the median step of its frames (relative, plus
     * {@value #SLIDE_STEP_SLACK} of the extent for rounding to whole pixels), and the share of its frames
     * that must keep to it: a slide moves at one speed.
     */
    static final double SLIDE_STEP_SPREAD = 0.25, SLIDE_STEP_SLACK = 0.005, MIN_STEADY = 0.8;
    /**
     * The distance a push moves its pictures over its frames, in frame extents: one, as the new picture
     * comes fully in, within rounding of its step. A pan that starts and stops abruptly and travels
     * exactly one frame is the only motion that looks the same.
     */
    static final double MIN_TRAVEL = 0.8, MAX_TRAVEL = 1.25;
    /** Share of a push's step the two frames either side of it may move by (see {@link #stillAround}). */
    static final double ABRUPT_SHARE = 0.5;
    /**
     * Fewest moving frames of a push: faster, a rigid move of one frame is a camera's or an
     * animation's (Popeye's falls through clouds travel one frame in five).
     */
    static final int MIN_PUSH_FRAMES = 6;
    /**
     * Least change of look ({@link #lookChange}: brightness, contrast, edge density and mean chroma) from
     * two frames before a push to two after. A push joins two shots; a whip pan that starts and stops
     * at once and travels one frame stays in one, and keeps its look: 0.18 at most for the generated
     * suites' pans, 0.34 and up for their pushes. A push between two shots that look alike is taken
     * for such a pan and not reported.
     */
    static final double MIN_PUSH_LOOK = 0.25;
    /** Least median moved share of a push: the whole picture moves. */
    static final double PUSH_SHARE = 0.85;
    /**
     * A slide's moved share grows by its step each frame: the line fitted to it must rise at 0.6 to 1.5
     * times the median step with R^2 at least 0.8, and reach {@value #PUSH_SHARE} by its last frame.
     */
    static final double MIN_SLIDE_RISE = 0.6, MAX_SLIDE_RISE = 1.5, MIN_SLIDE_FIT = 0.8;

    /**
     * How far past the jump share the step after a big step must go for both to be jumps (fast motion)
     * rather than the first two steps of a ramp, whose second is exactly half the change over its span.
     */
    private static final double NEXT_STEP_MARGIN = 1.2;

    /**
     * How many times the median adjacent change of the k frames before it a jump must be to start a new
     * floor of the long-range change (a cut, not grain or fast motion, whose every step is a jump).
     */
    private static final double CUT_OVER_MOTION = 4;
    /** Inactive frames inside a run that do not split it. */
    public static final int HOLE_FRAMES = 2;
    /** Inactive frames after a run that complete it. */
    public static final int SETTLE_FRAMES = HOLE_FRAMES + 1;
    /** Frames before a run's first active frame that its fit looks at, beyond the span k. */
    private static final int MARGIN_FRAMES = 4;
    /** Frames on either side of a transition averaged for the shots' levels in the dip. */
    private static final int SIDE_FRAMES = 3;
    /** Share of the frames whose long-range change a dissolve raises that must be usable (no jump in their span). */
    private static final double MIN_USABLE_SPAN = 0.6;
    /**
     * A jump on a dissolve or {@value #NEARBY_JUMP_FRAMES} frames before it, of at least this share of
     * the dissolve's change, makes it something else (an object crossing, a cut and motion); smaller
     * jumps are grain.
     */
    private static final double MAX_NEARBY_JUMP = 0.25;
    /**
     * How far before a dissolve a jump counts as nearby. A jump further back spoils only the long-range
     * change of the k frames after it, which the fit does not use (they are not usable) and the usable
     * span rule already counts; it used to be k, which threw away every dissolve starting within k
     * frames of a cut: in fast cutting, most of them (broad suite 0.91 -> 0.94, held-out 0.99 -> 1.00,
     * tuned seeds unchanged, no new false detection).
     */
    private static final int NEARBY_JUMP_FRAMES = 2;
    /** R^2 and additivity of a dissolve clean enough to need no dip ({@link Params#dipFreeChange()}). */
    private static final double CLEAN_FIT = 0.99, CLEAN_ADDITIVITY = 0.8;
    /**
     * A dissolve's total change must be at least this many times the shots' own frame-to-frame change
     * (the larger side's): a blend whose whole change is less than one frame of the motion around it
     * cannot be told from that motion (Sintel's fight: a figure sweeping out of frame fitted a
     * 7-frame dissolve of D 0.04 amid steps of 0.07-0.13).
     */
    private static final double MIN_CHANGE_OVER_MOTION = 1.0;
    /** Frames either side of a fade's ramp that its fit looks at. */
    private static final int SIDE_FIT_FRAMES = 6;
    /** A brightness step smaller than this does not count as a fade going back. */
    private static final double STEP_NOISE = 0.004;

    private static final double W_FIT = 0.3, W_ADDITIVITY = 0.3, W_DIP = 0.2, W_SMOOTH_DISSOLVE = 0.2;
    private static final double W_WIPE_FIT = 0.5, W_SWEPT = 0.5;
    private static final double W_STEADY = 0.5, W_SLIDE_FIT = 0.5;
    private static final double W_FADE_FIT = 0.3, W_DEPTH = 0.2, W_SMOOTH_FADE = 0.3, W_COLLAPSE = 0.2;

    /**
     * Parameters. Each component is the {@link Tunables} setting named after it ({@code gradual.*}, and
     * {@code analysis.long-range-frames}, shared with the chunk analyzer that measures it), where its
     * default, its meaning and its valid range are written once; {@link #defaults()} takes them from
     * there. Changes are in the units of {@code FrameAnnotation.adjacentChange}.
     *
     * @param longRangeFrames     {@link Tunables#LONG_RANGE_FRAMES}
     * @param minDissolveFrames   {@link Tunables#MIN_DISSOLVE_FRAMES}
     * @param minFadeFrames       {@link Tunables#MIN_FADE_FRAMES}
     * @param maxTransitionFrames {@link Tunables#MAX_TRANSITION_FRAMES}
     * @param minLongRangeChange  {@link Tunables#MIN_LONG_RANGE_CHANGE}
     * @param minRelativeExcess   {@link Tunables#MIN_RELATIVE_EXCESS}
     * @param minAdditivity       {@link Tunables#MIN_ADDITIVITY}
     * @param jumpShare           {@link Tunables#JUMP_SHARE}
     * @param minJump             {@link Tunables#MIN_JUMP}
     * @param minDissolveChange   {@link Tunables#MIN_DISSOLVE_CHANGE}
     * @param minDissolveFit      {@link Tunables#MIN_DISSOLVE_FIT}
     * @param minDip              {@link Tunables#MIN_DIP}
     * @param minCoverage         {@link Tunables#MIN_COVERAGE}
     * @param minFadeDepth        {@link Tunables#MIN_FADE_DEPTH}
     * @param minFadeFit          {@link Tunables#MIN_FADE_FIT}
     * @param maxFadeReversal     {@link Tunables#MAX_FADE_REVERSAL}
     * @param flatMargin          {@link Tunables#FLAT_MARGIN}
     * @param flatContrast        {@link Tunables#FLAT_CONTRAST}
     * @param flatShare           {@link Tunables#FLAT_SHARE}
     * @param maxHoldFrames       {@link Tunables#MAX_HOLD_FRAMES}
     * @param dipFreeChange       {@link Tunables#DIP_FREE_CHANGE}
     * @param minFramesFromCut    {@link Tunables#MIN_FRAMES_FROM_CUT} (applied where cuts and transitions meet:
     *                            the title's transition settler)
     */
    public record Params(int longRangeFrames, int minDissolveFrames, int minFadeFrames, int maxTransitionFrames,
                         double minLongRangeChange, double minRelativeExcess, double minAdditivity, double jumpShare, double minJump,
                         double minDissolveChange, double minDissolveFit, double minDip, double minCoverage, double minFadeDepth,
                         double minFadeFit, double maxFadeReversal, double flatMargin, double flatContrast,
                         double flatShare, int maxHoldFrames, double dipFreeChange, int minFramesFromCut) implements Serializable {

        public Params {
            Setting.check(Tunables.LONG_RANGE_FRAMES, longRangeFrames);
            Setting.check(Tunables.MIN_DISSOLVE_FRAMES, minDissolveFrames);
            Setting.check(Tunables.MIN_FADE_FRAMES, minFadeFrames);
            Setting.check(Tunables.MAX_TRANSITION_FRAMES, maxTransitionFrames);
            Setting.check(Tunables.MIN_LONG_RANGE_CHANGE, minLongRangeChange);
            Setting.check(Tunables.MIN_RELATIVE_EXCESS, minRelativeExcess);
            Setting.check(Tunables.MIN_ADDITIVITY, minAdditivity);
            Setting.check(Tunables.JUMP_SHARE, jumpShare);
            Setting.check(Tunables.MIN_JUMP, minJump);
            Setting.check(Tunables.MIN_DISSOLVE_CHANGE, minDissolveChange);
            Setting.check(Tunables.MIN_DISSOLVE_FIT, minDissolveFit);
            Setting.check(Tunables.MIN_DIP, minDip);
            Setting.check(Tunables.MIN_COVERAGE, minCoverage);
            Setting.check(Tunables.MIN_FADE_DEPTH, minFadeDepth);
            Setting.check(Tunables.MIN_FADE_FIT, minFadeFit);
            Setting.check(Tunables.MAX_FADE_REVERSAL, maxFadeReversal);
            Setting.check(Tunables.FLAT_MARGIN, flatMargin);
            Setting.check(Tunables.FLAT_CONTRAST, flatContrast);
            Setting.check(Tunables.FLAT_SHARE, flatShare);
            Setting.check(Tunables.MAX_HOLD_FRAMES, maxHoldFrames);
            Setting.check(Tunables.DIP_FREE_CHANGE, dipFreeChange);
            Setting.check(Tunables.MIN_FRAMES_FROM_CUT, minFramesFromCut);
            if (maxTransitionFrames < Math.max(minDissolveFrames, minFadeFrames)) {
                throw new IllegalArgumentException(Tunables.MAX_TRANSITION_FRAMES.key() + " must be at least "
                        + Tunables.MIN_DISSOLVE_FRAMES.key() + " and " + Tunables.MIN_FADE_FRAMES.key() + ", was "
                        + maxTransitionFrames + " (" + minDissolveFrames + ", " + minFadeFrames + ")");
            }
        }

        public static Params defaults() {
            return from(SettingValues.defaults());
        }

        /** The detector's parameters as {@code values} set them. */
        public static Params from(SettingValues v) {
            return new Params(v.get(Tunables.LONG_RANGE_FRAMES), v.get(Tunables.MIN_DISSOLVE_FRAMES), v.get(Tunables.MIN_FADE_FRAMES), v.get(Tunables.MAX_TRANSITION_FRAMES), v.get(Tunables.MIN_LONG_RANGE_CHANGE), v.get(Tunables.MIN_RELATIVE_EXCESS), v.get(Tunables.MIN_ADDITIVITY), v.get(Tunables.JUMP_SHARE), v.get(Tunables.MIN_JUMP), v.get(Tunables.MIN_DISSOLVE_CHANGE), v.get(Tunables.MIN_DISSOLVE_FIT), v.get(Tunables.MIN_DIP), v.get(Tunables.MIN_COVERAGE), v.get(Tunables.MIN_FADE_DEPTH), v.get(Tunables.MIN_FADE_FIT), v.get(Tunables.MAX_FADE_REVERSAL), v.get(Tunables.FLAT_MARGIN), v.get(Tunables.FLAT_CONTRAST), v.get(Tunables.FLAT_SHARE), v.get(Tunables.MAX_HOLD_FRAMES), v.get(Tunables.DIP_FREE_CHANGE), v.get(Tunables.MIN_FRAMES_FROM_CUT));
        }

        public Params withLongRangeFrames(int k) {
            return new Params(k, minDissolveFrames, minFadeFrames, maxTransitionFrames, minLongRangeChange,
                    minRelativeExcess, minAdditivity, jumpShare, minJump, minDissolveChange, minDissolveFit, minDip, minCoverage, minFadeDepth,
                    minFadeFit, maxFadeReversal, flatMargin, flatContrast, flatShare, maxHoldFrames, dipFreeChange, minFramesFromCut);
        }

        public Params withMinFramesFromCut(int frames) {
            return new Params(longRangeFrames, minDissolveFrames, minFadeFrames, maxTransitionFrames, minLongRangeChange,
                    minRelativeExcess, minAdditivity, jumpShare, minJump, minDissolveChange, minDissolveFit, minDip, minCoverage, minFadeDepth,
                    minFadeFit, maxFadeReversal, flatMargin, flatContrast, flatShare, maxHoldFrames, dipFreeChange, frames);
        }

        public Params withMaxTransitionFrames(int frames) {
            return new Params(longRangeFrames, minDissolveFrames, minFadeFrames, frames, minLongRangeChange,
                    minRelativeExcess, minAdditivity, jumpShare, minJump, minDissolveChange, minDissolveFit, minDip, minCoverage, minFadeDepth,
                    minFadeFit, maxFadeReversal, flatMargin, flatContrast, flatShare, maxHoldFrames, dipFreeChange, minFramesFromCut);
        }
    }

    /** Leading frames of the window that are context only: a run must start after them. */
    public static int contextFrames(Params p) {
        return p.longRangeFrames() + MARGIN_FRAMES;
    }

    /**
     * Most annotations the window holds (and {@link #retainedWindow()} returns): context, the longest
     * transition, the k frames its long-range change stays raised, the settle frames and slack.
     * 90 with the defaults.
     */
    public static int maxRetainedFrames(Params p) {
        return contextFrames(p) + p.maxTransitionFrames() + p.longRangeFrames() + SETTLE_FRAMES + 3;
    }

    /**
     * Most frames between a frame's arrival and the arrival of the frame whose {@link #accept}
     * reports a transition covering it (88 with the defaults). Typical: the transition's remaining
     * length plus k + 3..6.
     */
    public static int maxReportDelayFrames(Params p) {
        return maxRetainedFrames(p) - 2;
    }

    private static final boolean DEBUG = Boolean.getBoolean("gradual.debug");
    private static final int NONE = 0, BLACK = 1, WHITE = 2;

    private final Params params;
    private final int k;
    private final int context;
    private final int capacity;
    private final ArrayList<FrameAnnotation> window;
    private final LeastSquares blendFit = new LeastSquares(4);

    /** A detector with nothing retained (the start of a title). */
    public GradualTransitionDetector(Params params) {
        this(params, List.of());
    }

    /**
     * A detector that carries on from {@code retained}, the list a previous instance's
     * {@link #retainedWindow()} returned (contiguous frames, oldest first; not modified).
     */
    public GradualTransitionDetector(Params params, List<FrameAnnotation> retained) {
        this.params = params;
        this.k = params.longRangeFrames();
        this.context = contextFrames(params);
        this.capacity = maxRetainedFrames(params);
        this.window = new ArrayList<>(capacity + 1);
        for (int i = 0; i < retained.size(); i++) {
            FrameAnnotation f = retained.get(i);
            if (i > 0 && f.getFrameIndex() != retained.get(i - 1).getFrameIndex() + 1) {
                throw new IllegalArgumentException("retained window is not contiguous at frame " + f.getFrameIndex());
            }
            window.add(f);
        }
        while (window.size() > capacity) window.remove(0);
    }

    public Params params() { return params; }

    /**
     * Feeds the next frame (its index one more than the previous frame's; a larger one is a gap:
     * what the window holds is decided first, as by {@link #flush()}, then the detector starts over).
     *
     * @return transitions decided by this frame, in frame order; usually empty
     */
    public List<GradualTransition> accept(FrameAnnotation frame) {
        List<GradualTransition> out = new ArrayList<>(0);
        if (!window.isEmpty()) {
            long last = window.get(window.size() - 1).getFrameIndex();
            if (frame.getFrameIndex() <= last) {
                throw new IllegalArgumentException("frame " + frame.getFrameIndex() + " fed after frame " + last);
            }
            if (frame.getFrameIndex() != last + 1) out.addAll(flush());
        }
        window.add(frame);
        if (window.size() > capacity) window.remove(0);
        decide(false, out);
        return out;
    }

    /** Decides everything the window holds (the end of the title) and empties it. */
    public List<GradualTransition> flush() {
        List<GradualTransition> out = new ArrayList<>(0);
        decide(true, out);
        window.clear();
        return out;
    }

    /** Forgets the window without deciding it. */
    public void reset() {
        window.clear();
    }

    /**
     * The annotations to persist and hand to the next instance: a copy, oldest first, at most
     * {@link #maxRetainedFrames(Params)}.
     */
    public List<FrameAnnotation> retainedWindow() {
        return new ArrayList<>(window);
    }

    /**
     * The first frame a later report may still cover: every frame before it is final (a hard cut
     * there will never be suppressed). {@link Long#MAX_VALUE} when nothing is retained.
     */
    public long undecidedFrom() {
        if (window.isEmpty()) return Long.MAX_VALUE;
        View v = new View();
        int n = window.size();
        // A run not yet started, or not yet known to have ended, may begin at n - SETTLE_FRAMES.
        int earliest = n - SETTLE_FRAMES;
        for (int[] run : v.runs) {
            if (complete(run, n)) continue; // decided already (or never reportable)
            if (reportable(run, v)) earliest = Math.min(earliest, run[0]);
        }
        int position = Math.max(1, earliest - k - MARGIN_FRAMES);
        return index(Math.min(position, n));
    }

    // ---------------------------------------------------------------------------------------------

    /** Evaluates every complete, reportable run (all of them when {@code all}), cutting the window back after each. */
    private void decide(boolean all, List<GradualTransition> out) {
        while (!window.isEmpty()) {
            View v = new View();
            int[] next = null;
            for (int[] run : v.runs) {
                if ((all || complete(run, window.size())) && reportable(run, v)) {
                    next = run;
                    break;
                }
            }
            if (next == null) return;
            out.addAll(evaluate(v, next[0], next[1]));
            int drop = next[1] + 1 - context;
            if (drop > 0) window.subList(0, Math.min(drop, window.size())).clear();
            // After a decision the window never starts at frame 0 again: that exception is for the title's start.
            if (!window.isEmpty() && window.get(0).getFrameIndex() == 0) window.remove(0);
        }
    }

    /**
     * Whether a run is over: {@value #SETTLE_FRAMES} inactive frames follow it, or it is as long as the
     * longest transition's effect on the long-range change (a blend into a shot with more motion
     * leaves the change above the earlier floor: the fit separates the two).
     */
    private boolean complete(int[] run, int n) {
        return run[1] + SETTLE_FRAMES <= n - 1 || run[1] - run[0] + 1 >= maxRunFrames(params);
    }

    /** Longest run of active frames before it is decided anyway. */
    static int maxRunFrames(Params p) {
        return p.maxTransitionFrames() + p.longRangeFrames() + SETTLE_FRAMES;
    }

    private boolean reportable(int[] run, View v) {
        if (run[0] < 1) return false; // it goes on from before the window
        return run[0] >= context || index(0) == 0;
    }

    private long index(int position) {
        return window.get(0).getFrameIndex() + position;
    }

    /** Per-frame derived signals over the current window. */
    private final class View {
        final int n = window.size();
        final double[] a = new double[n];
        final double[] longRange = new double[n];
        final double[] sweep = new double[n];
        final boolean[] usable = new boolean[n];
        final boolean[] jump = new boolean[n];
        final boolean[] active = new boolean[n];
        /** The frame moved as a slide's (or push's) frame does ({@link #slideFrame}). */
        final boolean[] sliding = new boolean[n];
        final int[] flat = new int[n];
        final List<int[]> runs = new ArrayList<>();

        View() {
            // Prefix sums of the adjacent change and of unknown ones, for the span sums.
            int[] unknownA = new int[n + 1];
            int[] jumps = new int[n + 1];
            for (int i = 0; i < n; i++) {
                FrameAnnotation f = window.get(i);
                a[i] = f.getAdjacentChange();
                longRange[i] = f.getLongRangeFrames() == k ? f.getLongRangeChange() : -1;
                sweep[i] = f.getLongRangeFrames() == k ? f.getSweep() : -1;
                unknownA[i + 1] = unknownA[i] + (a[i] >= 0 ? 0 : 1);
                flat[i] = flatKind(f);
                sliding[i] = slideFrame(f);
            }
            for (int i = 0; i < n; i++) {
                // A jump: one step makes most of the change over the span, and it is not the first
                // step of a blend (the next step is no smaller) unless the next one jumps too (a pan,
                // fast motion). The next step must clear the share by a margin: the second step of
                // any linear ramp is exactly half the change over its span (a(t+1) = L(t+1) / 2, the
                // default gradual.jump-share), so without one short fades were decided by rounding.
                // The newest frame has no next one yet: not a jump until it has.
                jump[i] = i + 1 < n && bigStep(i) && ((a[i + 1] >= 0 && a[i] >= 2 * a[i + 1])
                        || bigStep(i + 1, NEXT_STEP_MARGIN));
                jumps[i + 1] = jumps[i] + (jump[i] ? 1 : 0);
            }
            for (int i = 0; i < n; i++) {
                int from = i - k + 1;
                if (longRange[i] < 0 || from < 0) continue;
                if (unknownA[i + 1] - unknownA[from] > 0 || jumps[i + 1] - jumps[from] > 0) continue;
                usable[i] = true;
            }
            // The level the long-range change keeps outside transitions (motion, grain): its minimum over
            // the frames whose span ends before this frame's span begins, back to the longest transition.
            // A cut (a jump far above the frame-to-frame change before it; grain's and fast motion's
            // jumps are not) starts a new floor: the old shot's level says nothing of the new one's motion,
            // and measured against a still dark shot a busy bright one after a cut is active throughout, one
            // long run from the cut on in which a later dissolve cannot be fitted (its start must lie
            // before the run's).
            ArrayDequeMin floor = new ArrayDequeMin(n);
            int lastJump = -1;
            for (int i = 0; i < n; i++) {
                if (jump[i] && a[i] >= CUT_OVER_MOTION * median(a, i - k, i - 1)) lastJump = i;
                int newest = i - k - 1;
                if (newest >= 0 && usable[newest]) floor.push(newest, longRange[newest]);
                floor.expire(Math.max(i - k - 1 - params.maxTransitionFrames(), lastJump));
                if (!usable[i] || floor.isEmpty()) continue;
                double base = floor.min();
                double excess = longRange[i] - base;
                active[i] = excess >= params.minLongRangeChange() && excess >= params.minRelativeExcess() * base;
            }
            // A slide's or push's frames are a run too: they move so fast that each one is a jump, so the
            // long-range measure, which leaves jumps out, sees none of them. Only a slide's, though:
            // falling snow or a pan slides too, and joined to the runs around it would bend their fits.
            // A sequence still going on at the window's end holds its run open until it can be judged.
            boolean[] inRun = new boolean[n];
            for (int j = 0; j < n; j++) inRun[j] = active[j];
            for (SlideSequence q : slideSequences(sliding, 0, n - 1)) {
                int from = q.first(), to = q.last();
                if (q.last() < n - 1 - SETTLE_FRAMES) {
                    GradualTransition t = slideOver(q.frames(), q.vertical(), q.first(), q.last());
                    if (t == null) continue;
                    from = Math.min(from, (int) (t.startFrame() - index(0)));
                    to = Math.max(to, (int) (t.endFrame() - index(0)));
                } else if (!couldBecomeSlide(q)) {
                    continue;
                }
                for (int j = Math.max(0, from); j <= Math.min(n - 1, to); j++) inRun[j] = true;
            }
            int i = 0;
            while (i < n) {
                if (!inRun[i]) { i++; continue; }
                int start = i;
                while (i < n && inRun[i]) i++;
                int end = i - 1;
                if (!runs.isEmpty() && start - runs.get(runs.size() - 1)[1] - 1 <= HOLE_FRAMES) {
                    runs.get(runs.size() - 1)[1] = end;
                } else {
                    runs.add(new int[] {start, end});
                }
            }
        }

        /** The adjacent change is most of the long-range change. */
        boolean bigStep(int i) {
            return bigStep(i, 1);
        }

        /** The adjacent change is at least {@code margin} times the share of the long-range change a big step makes. */
        boolean bigStep(int i, double margin) {
            return a[i] >= params.minJump() && (longRange[i] < 0 || a[i] >= margin * params.jumpShare() * longRange[i]);
        }

        double brightness(int i) { return window.get(i).getBrightness(); }

        double contrast(int i) { return window.get(i).getContrast(); }

        double edgeDensity(int i) { return window.get(i).getEdgeDensity(); }

        /** Distance from flat black (white): brightness (1 - brightness) plus contrast. */
        double fromFlat(int i, int kind) {
            double b = brightness(i);
            return (kind == BLACK ? b : 1 - b) + contrast(i);
        }
    }

    /** Minimum over a sliding range of positions (monotonic deque). */
    private static final class ArrayDequeMin {
        private final int[] pos;
        private final double[] val;
        private int head, tail;

        ArrayDequeMin(int capacity) {
            pos = new int[Math.max(1, capacity)];
            val = new double[Math.max(1, capacity)];
        }

        void push(int position, double value) {
            while (tail > head && val[tail - 1] >= value) tail--;
            pos[tail] = position;
            val[tail] = value;
            tail++;
        }

        /** Drops positions below {@code oldest}. */
        void expire(int oldest) {
            while (tail > head && pos[head] < oldest) head++;
        }

        boolean isEmpty() { return tail == head; }

        double min() { return val[head]; }
    }

    private int flatKind(FrameAnnotation f) {
        double b = f.getBrightness();
        double c = f.getContrast();
        // Within the margin of black (white) either way: a shot dimmed to a fifth of its light is mostly
        // near-black pixels yet still a picture, and a fade must not end there.
        if (b <= params.flatMargin() && (f.getDarkFraction() >= params.flatShare() || c <= params.flatContrast())) {
            return BLACK;
        }
        if (b >= 1 - params.flatMargin() && (f.getBrightFraction() >= params.flatShare() || c <= params.flatContrast())) {
            return WHITE;
        }
        return NONE;
    }

    /**
     * Whether {@code f} is flat in the colour a fade of {@code fade}'s type goes to or comes from (black
     * for the black fades, white for the white ones); false for other types.
     */
    public boolean isFlat(FrameAnnotation f, TransitionType fade) {
        int kind = switch (fade) {
            case FADE_TO_BLACK, FADE_FROM_BLACK, FADE_THROUGH_BLACK -> BLACK;
            case FADE_TO_WHITE, FADE_FROM_WHITE, FADE_THROUGH_WHITE -> WHITE;
            default -> NONE;
        };
        return kind != NONE && flatKind(f) == kind;
    }

    /** Decides one complete run [r0, r1] (window positions). */
    private List<GradualTransition> evaluate(View v, int r0, int r1) {
        int lo = Math.max(0, r0 - k - MARGIN_FRAMES);
        int hi = Math.min(v.n - 1, r1 + SETTLE_FRAMES);
        // A run of sliding frames alone (each one a jump, so none active) is a slide or nothing.
        boolean measured = false;
        for (int i = r0; i <= r1; i++) measured |= v.active[i];
        if (!measured) {
            GradualTransition slide = slide(v, r0, r1);
            return slide == null ? List.of() : List.of(slide);
        }
        List<int[]> stretches = new ArrayList<>();
        for (int i = lo; i <= hi; i++) {
            if (v.flat[i] == NONE) continue;
            int kind = v.flat[i];
            int start = i;
            while (i + 1 <= hi && v.flat[i + 1] == kind) i++;
            stretches.add(new int[] {start, i, kind});
        }
        List<GradualTransition> found = new ArrayList<>(2);
        if (stretches.isEmpty()) {
            // A straight edge sweeping the picture is a wipe whatever the blend measures say: its
            // evidence (cells stepping in order of position) is something a dissolve never shows.
            // and so is the new picture moving in from an edge: no blend moves a rigid piece across.
            // Each can pass for the other (a slide's edge sweeps cells too; behind a wipe's edge a
            // smooth picture matches the strip the edge uncovered), so the better score names it.
            GradualTransition w = wipe(v, lo, hi, r0, r1);
            GradualTransition sl = slide(v, r0, r1);
            GradualTransition d = w == null ? sl : sl == null || w.score() >= sl.score() ? w : sl;
            if (d == null) d = dissolve(v, lo, hi, r0, r1);
            if (d != null) found.add(d);
            return found;
        }
        GradualTransition slide = slide(v, r0, r1);
        if (slide != null) return List.of(slide);
        for (int j = 0; j < stretches.size(); j++) {
            int[] z = stretches.get(j);
            int before = j == 0 ? lo : stretches.get(j - 1)[1] + 1;
            int after = j == stretches.size() - 1 ? hi : stretches.get(j + 1)[0] - 1;
            if (z[0] > before) {
                GradualTransition t = fade(v, z[2], true, before, z[0], z[1], after);
                if (t != null) found.add(t);
            }
            if (z[1] < after) {
                GradualTransition t = fade(v, z[2], false, before, z[0], z[1], after);
                if (t != null) found.add(t);
            }
        }
        return withoutOverlaps(found);
    }

    /**
     * Keeps the better of transitions that share frames (a ramp from black straight to white is both
     * a fade from black and a fade to white), then orders them by frame.
     */
    private static List<GradualTransition> withoutOverlaps(List<GradualTransition> found) {
        if (found.size() < 2) return found;
        List<GradualTransition> byScore = new ArrayList<>(found);
        byScore.sort((x, y) -> x.score() != y.score() ? Double.compare(y.score(), x.score())
                : Long.compare(x.startFrame(), y.startFrame()));
        List<GradualTransition> kept = new ArrayList<>();
        for (GradualTransition t : byScore) {
            boolean overlaps = false;
            for (GradualTransition k : kept) {
                if (t.startFrame() <= k.endFrame() && k.startFrame() <= t.endFrame()) overlaps = true;
            }
            if (!overlaps) kept.add(t);
        }
        kept.sort((x, y) -> Long.compare(x.startFrame(), y.startFrame()));
        return kept;
    }

    /**
     * Fits a fade into ({@code into}) or out of the flat stretch [z0, z1] of {@code kind}, within
     * [before, after], and validates it.
     */
    private GradualTransition fade(View v, int kind, boolean into, int before, int z0, int z1, int after) {
        int lo = into ? before : Math.max(before, z0);
        int hi = into ? Math.min(z1, after) : after;
        int n = hi - lo + 1;
        if (n < params.minFadeFrames() + 2) return null;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) y[i] = v.fromFlat(lo + i, kind);
        // Positions relative to lo. The ramp is s..e; s-1 and e+1 are in the region.
        int sMin, sMax;
        if (into) {
            sMin = 1;
            sMax = z0 - lo;
        } else {
            sMin = Math.max(1, z0 - lo + 1);
            sMax = Math.min(n - 2, z1 - lo + 2);
        }
        // Each (s, e) is fitted over the ramp and SIDE_FIT frames on either side only, so that another
        // transition close by does not spoil it; candidates compare by the share of their own
        // neighbourhood's variance left unexplained (1 - R^2). By mean squared residual, a short ramp
        // at the foot of an eased fade (slow for 10 frames, then linear: Big Buck Bunny's opening)
        // beat the whole fade, its small neighbourhood having little curvature to miss, and then
        // failed the fit floor with R^2 0.81; the whole fade has 0.99.
        double bestUnexplained = Double.POSITIVE_INFINITY, bestSse = 0, bestSst = 0;
        int bestS = -1, bestE = -1;
        double bestA = 0, bestB = 0;
        for (int s = sMin; s <= sMax; s++) {
            int eMin = s + params.minFadeFrames() - 1;
            // The ramp crosses the edge of the flat stretch: it starts before its first flat frame
            // (into) or ends after its last (out of).
            eMin = Math.max(eMin, into ? z0 - lo - 2 : z1 - lo);
            int eMax = Math.min(s + params.maxTransitionFrames() - 1, n - 2);
            for (int e = eMin; e <= eMax; e++) {
                int from = Math.max(0, s - 1 - SIDE_FIT_FRAMES), to = Math.min(n - 1, e + 1 + SIDE_FIT_FRAMES);
                double[] fit = fitRamp(y, from, to, s, e);
                double unexplained = fit[3] > 0 ? fit[2] / fit[3] : 1;
                if (unexplained < bestUnexplained) {
                    bestUnexplained = unexplained;
                    bestSse = fit[2];
                    bestSst = fit[3];
                    bestS = s;
                    bestE = e;
                    bestA = fit[0];
                    bestB = fit[1];
                }
            }
        }
        if (bestS < 0 || bestSst <= 0) return null;
        double r2 = 1 - bestSse / bestSst;
        if (DEBUG) System.out.println("fade " + (into ? "into " : "out of ") + kind + " " + index(lo + bestS) + ".." + index(lo + bestE)
                + " region " + index(lo) + ".." + index(hi) + " r2 " + r2 + " a " + bestA + " b " + bestB);
        double depth = Math.abs(bestB - bestA);
        boolean toFlat = bestB < bestA;
        if (toFlat != into) return null;
        if (depth < params.minFadeDepth()) return null;
        // A ramp cut off by the edge of the region began (or ends) in another run's region: that run has it whole.
        if (into ? bestS <= 1 : bestE >= n - 2) return null;
        if (r2 < params.minFadeFit()) return null;
        // Steps across the ramp: monotonic, none a jump.
        double maxStep = 0;
        int against = 0, steps = 0;
        for (int i = bestS; i <= bestE + 1; i++) {
            double step = y[i] - y[i - 1];
            double along = toFlat ? -step : step;
            maxStep = Math.max(maxStep, Math.abs(step));
            if (along < -STEP_NOISE) against++;
            steps++;
        }
        if (maxStep > params.jumpShare() * depth) return null;
        if ((double) against / steps > params.maxFadeReversal()) return null;
        // Contrast should follow the ramp: mid-way it is the lit shot's contrast times the share still lit.
        int mid = (bestS + bestE) / 2;
        double alphaMid = alpha(mid, bestS, bestE);
        double lit = toFlat ? 1 - alphaMid : alphaMid;
        int litSide = toFlat ? bestS - 1 : bestE + 1;
        double litContrast = v.contrast(lo + litSide);
        double collapse = 1;
        if (litContrast > 0.02) {
            double ratio = v.contrast(lo + mid) / (litContrast * Math.max(lit, 0.05));
            collapse = clamp01(1 - Math.abs(ratio - 1));
        }
        double smooth = clamp01(1 - maxStep / depth);
        List<ScoreComponent> parts = new ArrayList<>(4);
        double score = 0;
        score += add(parts, FIT, clamp01(r2), W_FADE_FIT);
        score += add(parts, DEPTH, clamp01(depth / 0.4), W_DEPTH);
        score += add(parts, SMOOTHNESS, smooth, W_SMOOTH_FADE);
        score += add(parts, CONTRAST_COLLAPSE, collapse, W_COLLAPSE);
        TransitionType type = kind == BLACK
                ? (into ? TransitionType.FADE_TO_BLACK : TransitionType.FADE_FROM_BLACK)
                : (into ? TransitionType.FADE_TO_WHITE : TransitionType.FADE_FROM_WHITE);
        return new GradualTransition(type, index(lo + bestS), index(lo + bestE), score, parts);
    }

    /**
     * Fits the shape a blend gives the long-range change around the run [r0, r1] and validates it.
     * Model: L(t) = p (1 - beta(t)) + q beta(t) + D (alpha(t) - alpha(t - k)), where alpha is the
     * blend (0 at s-1, 1 at e+1), p and q are the levels motion and grain give L in the two shots
     * and beta moves from one to the other across the span the blend affects (s .. e+k).
     */
    private GradualTransition dissolve(View v, int lo, int hi, int r0, int r1) {
        int n = hi - lo + 1;
        double[] y = new double[n];
        boolean[] use = new boolean[n];
        int used = 0;
        double mean = 0;
        for (int i = 0; i < n; i++) {
            use[i] = v.usable[lo + i];
            if (use[i]) {
                y[i] = v.longRange[lo + i];
                mean += y[i];
                used++;
            }
        }
        if (used < params.minDissolveFrames() + 3) return null;
        mean /= used;
        double sst = 0;
        for (int i = 0; i < n; i++) if (use[i]) sst += (y[i] - mean) * (y[i] - mean);
        if (sst <= 0) return null;

        // The blend's extent from the long-range change: least squares over every (s, e).
        int sMax = Math.min(r0 - lo + 1, n - 2);
        int eLimit = Math.min(r1 - lo, n - 2);
        double bestSse = Double.POSITIVE_INFINITY;
        int bestS = -1, bestE = -1;
        double bestD = 0;
        for (int s = 1; s <= sMax; s++) {
            int eMax = Math.min(s + params.maxTransitionFrames() - 1, eLimit);
            for (int e = s + params.minDissolveFrames() - 1; e <= eMax; e++) {
                double[] fit = fitBlend(y, use, s, e);
                if (fit[2] > 0 && fit[3] < bestSse) {
                    bestSse = fit[3];
                    bestS = s;
                    bestE = e;
                    bestD = fit[2];
                }
            }
        }
        if (bestS < 0) return null;
        double r2 = 1 - bestSse / sst;
        if (DEBUG) System.out.println("dissolve fit " + index(lo + bestS) + ".." + index(lo + bestE) + " D=" + bestD + " r2=" + r2 + " run " + index(r0) + ".." + index(r1));
        if (bestD < params.minDissolveChange() || r2 < params.minDissolveFit()) return null;
        int s = lo + bestS, e = lo + bestE;
        // The fit must rest on the frames that show a blend: the level before it, most of the span it
        // raises L over, and no jump (a cut, a flash, something fast) on it or just before it.
        int usableSpan = 0;
        int spanEnd = Math.min(hi, e + k);
        for (int i = s; i <= spanEnd; i++) if (v.usable[i]) usableSpan++;
        if (DEBUG) System.out.println("  usable span " + usableSpan + " of " + (spanEnd - s + 1));
        if (usableSpan < MIN_USABLE_SPAN * (spanEnd - s + 1)) return null;
        for (int i = Math.max(0, s - NEARBY_JUMP_FRAMES); i <= Math.min(v.n - 1, e + 1); i++) {
            if (v.jump[i] && v.a[i] >= MAX_NEARBY_JUMP * bestD) {
                if (DEBUG) System.out.println("  jump nearby at " + index(i) + " a=" + v.a[i]);
                return null;
            }
        }

        // Additivity: D against what the adjacent changes across the blend add up to beyond the
        // shots' own frame-to-frame change (interpolated between the two sides).
        double aBefore = median(v.a, Math.max(0, s - 1 - SIDE_FRAMES * 2), s - 1);
        double aAfter = median(v.a, e + 2, Math.min(v.n - 1, e + 1 + SIDE_FRAMES * 2));
        if (Double.isNaN(aBefore)) aBefore = aAfter;
        if (Double.isNaN(aAfter)) aAfter = aBefore;
        if (Double.isNaN(aBefore)) return null;
        double excess = 0, total = 0, maxA = 0;
        for (int i = s; i <= Math.min(e + 1, v.n - 1); i++) {
            if (v.a[i] < 0) continue;
            double w = alpha(i, s, e);
            excess += v.a[i] - ((1 - w) * aBefore + w * aAfter);
            total += v.a[i];
            maxA = Math.max(maxA, v.a[i]);
        }
        if (total <= 0) return null;
        if (DEBUG) System.out.println("  motion before " + aBefore + " after " + aAfter);
        if (bestD < MIN_CHANGE_OVER_MOTION * Math.max(aBefore, aAfter)) return null;
        // One-sided: adjacent changes adding up to much more than D mean motion going back and forth;
        // adding up to less is what grain does to a blend (its steps drown in the noise).
        double additivity = excess <= bestD ? 1 : bestD / excess;
        double dip = Math.max(dip(v, s, e, true), dip(v, s, e, false));
        double coverage = coverage(v, s, e, spanEnd);
        if (DEBUG) System.out.println("  coverage " + coverage);
        if (coverage < params.minCoverage()) return null;
        if (DEBUG) System.out.println("  additivity " + additivity + " (D " + bestD + ", excess " + excess + ") dip " + dip);
        double zoom = zoomResidual(s, spanEnd);
        if (DEBUG) System.out.println("  zoom residual " + zoom);
        if (zoom < MIN_ZOOM_RESIDUAL) return null;
        if (additivity < params.minAdditivity()) return null;

        // A dissolve between shots that differ in colour only (same layout, matched luma) has no dip;
        // a very clean, additive blend of a large change is one all the same. Without the dip's
        // evidence the whole trapezoid must be seen, its fall back to the new shot's level included:
        // a pan that speeds up and then meets a cut fits the rising half as well as a blend does
        // (Sintel, frames 40-51). A fade through black or white whose second half is too steep to be
        // usable is the exception: it starts or ends next to a nearly flat frame.
        boolean clean = params.dipFreeChange() > 0 && bestD >= params.dipFreeChange() && r2 >= CLEAN_FIT
                && additivity >= CLEAN_ADDITIVITY && (usableSpan == spanEnd - s + 1 || touchesNearlyFlat(v, s, e));
        if (dip < params.minDip() && !clean) return null;

        List<ScoreComponent> parts = new ArrayList<>(4);
        double score = 0;
        score += add(parts, FIT, clamp01(r2), W_FIT);
        score += add(parts, ADDITIVITY, additivity, W_ADDITIVITY);
        score += add(parts, DIP, clamp01(dip / 0.5), W_DIP);
        score += add(parts, SMOOTHNESS, clamp01(1 - maxA / total), W_SMOOTH_DISSOLVE);
        return new GradualTransition(TransitionType.DISSOLVE, index(s), index(e), score, parts);
    }

    /**
     * A wipe over the run: the sweep (share of the picture a straight moving edge crossed in the span
     * (t-k, t], {@code FrameAnnotation.sweep}) must follow the shape a wipe from frame s to frame e
     * gives it, sweep(t) = S (alpha(t) - alpha(t-k)) with alpha rising linearly from s to e, found by
     * least squares over every (s, e) like a dissolve's extent. A wipe has
     * {@link Params#minDissolveFrames()} to {@link Params#maxTransitionFrames()} frames, swept share S of at
     * least {@value #MIN_SWEPT} and R^2 at least {@value #MIN_SWEEP_FIT} (the sweep stays up for k frames
     * after each strip is crossed; motion that steps cells and steps them back does not).
     */
    private GradualTransition wipe(View v, int lo, int hi, int r0, int r1) {
        int n = hi - lo + 1;
        double[] y = new double[n];
        boolean[] use = new boolean[n];
        int used = 0;
        double peak = 0;
        for (int i = 0; i < n; i++) {
            use[i] = v.sweep[lo + i] >= 0;
            if (use[i]) {
                y[i] = v.sweep[lo + i];
                peak = Math.max(peak, y[i]);
                used++;
            }
        }
        if (used < params.minDissolveFrames() + 3 || peak < MIN_SWEEP_PEAK) return null;
        int sMax = Math.min(r0 - lo + 1, n - 2);
        int eLimit = Math.min(r1 - lo, n - 2);
        double bestSse = Double.POSITIVE_INFINITY, bestS = 0;
        int bestStart = -1, bestEnd = -1;
        for (int s = 1; s <= sMax; s++) {
            int eMax = Math.min(s + params.maxTransitionFrames() - 1, eLimit);
            for (int e = s + params.minDissolveFrames() - 1; e <= eMax; e++) {
                double xy = 0, xx = 0;
                for (int i = 0; i < n; i++) {
                    if (!use[i]) continue;
                    double x = alpha(i, s, e) - alpha(i - k, s, e);
                    xy += x * y[i];
                    xx += x * x;
                }
                if (xx <= 0 || xy <= 0) continue;
                double swept = xy / xx;
                double sse = 0;
                for (int i = 0; i < n; i++) {
                    if (!use[i]) continue;
                    double r = y[i] - swept * (alpha(i, s, e) - alpha(i - k, s, e));
                    sse += r * r;
                }
                if (sse < bestSse) {
                    bestSse = sse;
                    bestStart = s;
                    bestEnd = e;
                    bestS = swept;
                }
            }
        }
        if (bestStart < 0) return null;
        double mean = 0;
        for (int i = 0; i < n; i++) if (use[i]) mean += y[i];
        mean /= used;
        double sst = 0;
        for (int i = 0; i < n; i++) if (use[i]) sst += (y[i] - mean) * (y[i] - mean);
        double r2 = sst <= 0 ? 0 : 1 - bestSse / sst;
        if (DEBUG) System.out.println("wipe fit " + index(lo + bestStart) + ".." + index(lo + bestEnd) + " swept=" + bestS + " r2=" + r2 + " peak " + peak);
        if (bestS < MIN_SWEPT || r2 < MIN_SWEEP_FIT) return null;
        List<ScoreComponent> parts = new ArrayList<>(2);
        double score = 0;
        score += add(parts, FIT, clamp01(r2), W_WIPE_FIT);
        score += add(parts, SWEPT, clamp01(bestS), W_SWEPT);
        return new GradualTransition(TransitionType.WIPE, index(lo + bestStart), index(lo + bestEnd), score, parts);
    }

    /** Whether the frame moved as a slide's does: a large enough part, by a shift, with a clear gain. */
    private static boolean slideFrame(FrameAnnotation f) {
        return (f.getSlideStepX() != 0 || f.getSlideStepY() != 0) && f.getSlideShare() >= MIN_SLIDE_SHARE
                && f.getSlideGain() >= MIN_SLIDE_GAIN;
    }

    /**
     * A slide or push among the run's frames [r0, r1]: a sequence of sliding frames (one missing frame
     * between two does not end it) along one axis and one way, at least {@value #MIN_SLIDE_FRAMES} of
     * them, {@value #MIN_STEADY} of them within {@value #SLIDE_STEP_SPREAD} of their median step m.
     * <ul>
     *   <li>A push moves the whole picture: median moved share {@value #PUSH_SHARE} or more, and its L
     *       frames travel L m of {@value #MIN_TRAVEL} to {@value #MAX_TRAVEL} frame extents. It spans
     *       its first to its last-but-one moving frame (the last one shows the new picture in place).</li>
     *   <li>A slide over the old picture covers more of it each frame: the line fitted to the moved
     *       share rises at {@value #MIN_SLIDE_RISE} to {@value #MAX_SLIDE_RISE} times m with R^2 of
     *       {@value #MIN_SLIDE_FIT} or more, to {@value #PUSH_SHARE} or more. It spans the frames where
     *       the line is above 0 and below 1.</li>
     * </ul>
     * The longest such sequence wins; null when there is none.
     */
    private GradualTransition slide(View v, int r0, int r1) {
        GradualTransition best = null;
        for (SlideSequence q : slideSequences(v.sliding, Math.max(0, r0 - 1), Math.min(v.n - 1, r1 + 1))) {
            GradualTransition t = slideOver(q.frames(), q.vertical(), q.first(), q.last());
            if (t != null && (best == null || t.endFrame() - t.startFrame() > best.endFrame() - best.startFrame())) best = t;
        }
        return best;
    }

    /**
     * Whether a sequence still going on could yet be judged a slide or push: steady so far, not yet
     * past the longest travel, and, when the whole picture moves, begun at once, or else (from
     * {@value #MIN_SLIDE_FRAMES} frames on) its moved share growing at its step.
     */
    private boolean couldBecomeSlide(SlideSequence q) {
        double[] steps = steps(q.frames(), q.vertical());
        double[] share = new double[steps.length];
        for (int p = 0; p < steps.length; p++) share[p] = window.get(q.frames().get(p)).getSlideShare();
        double m = median(steps, 0, steps.length - 1);
        int steady = steadyFrames(q.frames(), steps, m).size();
        if (steady < MIN_STEADY * steps.length || (q.last() - q.first() + 1) * m > MAX_TRAVEL) return false;
        if (median(share, 0, share.length - 1) >= PUSH_SHARE) return stillAround(q.first() - 2, q.first() - 1, q.vertical(), m);
        if (steps.length < MIN_SLIDE_FRAMES) return true;
        // A slide over: its moved share must already be growing at its step.
        double[] line = shareLine(q.frames(), share);
        return line != null && line[0] / m >= MIN_SLIDE_RISE && line[0] / m <= MAX_SLIDE_RISE && line[2] >= MIN_SLIDE_FIT;
    }

    /** Each frame's step along the axis, as a share of the extent (its size, whichever way). */
    private double[] steps(List<Integer> frames, boolean vertical) {
        double[] steps = new double[frames.size()];
        for (int p = 0; p < steps.length; p++) {
            FrameAnnotation f = window.get(frames.get(p));
            steps[p] = Math.abs(vertical ? f.getSlideStepY() : f.getSlideStepX());
        }
        return steps;
    }

    /** The frames whose step keeps to the median step {@code m} (see {@link #SLIDE_STEP_SPREAD}). */
    private static List<Integer> steadyFrames(List<Integer> frames, double[] steps, double m) {
        List<Integer> steady = new ArrayList<>();
        for (int p = 0; p < steps.length; p++) {
            if (Math.abs(steps[p] - m) <= SLIDE_STEP_SPREAD * m + SLIDE_STEP_SLACK) steady.add(frames.get(p));
        }
        return steady;
    }

    /** Least squares of share = c0 + c1 * position over the frames: {c1, c0, R^2}, or null when they are fewer than two positions. */
    private static double[] shareLine(List<Integer> frames, double[] share) {
        int q = share.length;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int p = 0; p < q; p++) {
            double x = frames.get(p);
            sx += x; sy += share[p]; sxx += x * x; sxy += x * share[p];
        }
        double den = q * sxx - sx * sx;
        if (den <= 0) return null;
        double slope = (q * sxy - sx * sy) / den;
        double icpt = (sy - slope * sx) / q;
        double mean = sy / q, sst = 0, sse = 0;
        for (int p = 0; p < q; p++) {
            double r = share[p] - (icpt + slope * frames.get(p));
            sse += r * r;
            sst += (share[p] - mean) * (share[p] - mean);
        }
        return new double[] {slope, icpt, sst <= 0 ? 0 : 1 - sse / sst};
    }

    /** Sliding frames (window positions, first to last) along one axis and one way, at most one frame apart. */
    private record SlideSequence(List<Integer> frames, boolean vertical, int first, int last) {}

    /** The sequences of sliding frames within [from, to] (window positions). */
    private List<SlideSequence> slideSequences(boolean[] sliding, int from, int to) {
        List<SlideSequence> out = new ArrayList<>();
        int i = from;
        while (i <= to) {
            if (!sliding[i]) { i++; continue; }
            FrameAnnotation first = window.get(i);
            boolean vertical = first.getSlideStepX() == 0;
            double sign = Math.signum(vertical ? first.getSlideStepY() : first.getSlideStepX());
            List<Integer> frames = new ArrayList<>();
            frames.add(i);
            int j = i;
            while (true) {
                if (j + 1 <= to && sameSlide(j + 1, vertical, sign, sliding)) j += 1;
                else if (j + 2 <= to && sameSlide(j + 2, vertical, sign, sliding)) j += 2;
                else break;
                frames.add(j);
            }
            out.add(new SlideSequence(frames, vertical, i, j));
            i = j + 1;
        }
        return out;
    }

    /**
     * Whether the frames [from, to] (those in the window) move along the axis by less than
     * {@value #ABRUPT_SHARE} of a push's step {@code m}, whatever their gain: a push starts and stops at
     * once, a camera that speeds up into a tilt or pan does not.
     */
    private boolean stillAround(int from, int to, boolean vertical, double m) {
        for (int p = Math.max(0, from); p <= Math.min(window.size() - 1, to); p++) {
            FrameAnnotation f = window.get(p);
            if (Math.abs(vertical ? f.getSlideStepY() : f.getSlideStepX()) >= ABRUPT_SHARE * m) return false;
        }
        return true;
    }

    /**
     * How far apart the looks of frames {@code a} and {@code b} (clamped to the window) are: the sum of
     * the differences of their brightness, contrast, edge density and mean chroma (each 0..1).
     */
    private double lookChange(int a, int b) {
        FrameAnnotation x = window.get(Math.max(0, a)), y = window.get(Math.min(window.size() - 1, b));
        return Math.abs(y.getBrightness() - x.getBrightness()) + Math.abs(y.getContrast() - x.getContrast())
                + Math.abs(y.getEdgeDensity() - x.getEdgeDensity()) + Math.abs(y.getChromaRed() - x.getChromaRed())
                + Math.abs(y.getChromaBlue() - x.getChromaBlue());
    }

    private boolean sameSlide(int i, boolean vertical, double sign, boolean[] sliding) {
        if (!sliding[i]) return false;
        FrameAnnotation f = window.get(i);
        double step = vertical ? f.getSlideStepY() : f.getSlideStepX();
        return step != 0 && Math.signum(step) == sign;
    }

    /** Validates the sliding frames {@code frames} (window positions, first {@code i}, last {@code j}) as a push or a slide. */
    private GradualTransition slideOver(List<Integer> frames, boolean vertical, int i, int j) {
        if (frames.size() < MIN_SLIDE_FRAMES) return null;
        double[] steps = steps(frames, vertical);
        double m = median(steps, 0, steps.length - 1);
        List<Integer> steady = steadyFrames(frames, steps, m);
        double steadyShare = steady.size() / (double) frames.size();
        if (DEBUG) System.out.println("slide frames " + index(i) + ".." + index(j) + " step " + m + " steady " + steadyShare);
        if (steadyShare < MIN_STEADY || steady.size() < MIN_SLIDE_FRAMES) return null;
        double[] share = new double[steady.size()];
        for (int q = 0; q < share.length; q++) share[q] = window.get(steady.get(q)).getSlideShare();
        List<ScoreComponent> parts = new ArrayList<>(3);
        if (median(share, 0, share.length - 1) >= PUSH_SHARE) {
            double travel = (j - i + 1) * m;
            boolean abrupt = stillAround(i - 2, i - 1, vertical, m) && stillAround(j + 1, j + 2, vertical, m);
            double look = lookChange(i - 2, j + 2);
            if (DEBUG) {
                FrameAnnotation x = window.get(Math.max(0, i - 2)), y = window.get(Math.min(window.size() - 1, j + 2));
                System.out.printf(java.util.Locale.ROOT, "  push travel %.3f abrupt %s look %.3f: db %.3f dc %.3f de %.3f dcr %.3f dcb %.3f%n", travel, abrupt, look,
                        y.getBrightness() - x.getBrightness(), y.getContrast() - x.getContrast(), y.getEdgeDensity() - x.getEdgeDensity(),
                        y.getChromaRed() - x.getChromaRed(), y.getChromaBlue() - x.getChromaBlue());
            }
            if (travel < MIN_TRAVEL || travel > MAX_TRAVEL || !abrupt || j - i + 1 < MIN_PUSH_FRAMES
                    || look < MIN_PUSH_LOOK) return null;
            double score = add(parts, STEADY, steadyShare, W_STEADY);
            score += add(parts, TRAVEL, clamp01(1 - Math.abs(travel - 1)), W_SLIDE_FIT);
            return new GradualTransition(TransitionType.SLIDE, index(i), index(j - 1), score, parts);
        }
        double[] line = shareLine(steady, share);
        if (line == null) return null;
        double slope = line[0], icpt = line[1], r2 = line[2];
        int q = share.length;
        double rise = slope / m;
        if (DEBUG) System.out.println("  slide rise " + rise + " r2 " + r2 + " last share " + share[q - 1]);
        if (rise < MIN_SLIDE_RISE || rise > MAX_SLIDE_RISE || r2 < MIN_SLIDE_FIT || share[q - 1] < PUSH_SHARE) return null;
        int start = (int) Math.round(-icpt / slope) + 1;
        int end = (int) Math.round((1 - icpt) / slope) - 1;
        start = Math.max(0, Math.min(start, i));
        end = Math.max(end, start + 1);
        double score = add(parts, STEADY, steadyShare, W_STEADY);
        score += add(parts, FIT, clamp01(r2), W_SLIDE_FIT);
        return new GradualTransition(TransitionType.SLIDE, index(start), index(end), score, parts);
    }

    /**
     * Whether a frame within two of the blend's start or end is nearly flat: within twice
     * {@link Params#flatMargin()} of black or white. Grain keeps a single black frame between two
     * steep fades just above the margin itself, and a fade to white may stop short of white.
     */
    private boolean touchesNearlyFlat(View v, int s, int e) {
        for (int i = Math.max(0, s - 2); i <= Math.min(v.n - 1, s + 1); i++) if (nearlyFlat(window.get(i))) return true;
        for (int i = Math.max(0, e - 1); i <= Math.min(v.n - 1, e + 2); i++) if (nearlyFlat(window.get(i))) return true;
        return false;
    }

    private boolean nearlyFlat(FrameAnnotation f) {
        return f.getBrightness() <= 2 * params.flatMargin() || f.getBrightness() >= 1 - 2 * params.flatMargin();
    }

    /**
     * Median coverage of the long-range change over the frames whose span the blend dominates
     * (alpha(t) - alpha(t - k) at least half its peak); 1 when it was not measured.
     */
    private double coverage(View v, int s, int e, int spanEnd) {
        double peak = 0;
        for (int i = s; i <= spanEnd; i++) peak = Math.max(peak, alpha(i, s, e) - alpha(i - k, s, e));
        double[] values = new double[spanEnd - s + 1];
        int m = 0;
        for (int i = s; i <= spanEnd; i++) {
            double c = window.get(i).getLongRangeCoverage();
            if (v.usable[i] && c >= 0 && alpha(i, s, e) - alpha(i - k, s, e) >= 0.5 * peak) values[m++] = c;
        }
        if (m == 0) return 1;
        Arrays.sort(values, 0, m);
        return values[m / 2];
    }

    /**
     * Median zoom residual ({@code FrameAnnotation.zoomResidual}) over the blend's frames and the k after
     * it; 1 when none was measured.
     */
    private double zoomResidual(int s, int spanEnd) {
        double[] values = new double[spanEnd - s + 1];
        int m = 0;
        for (int i = s; i <= spanEnd; i++) {
            double z = window.get(i).getZoomResidual();
            if (z >= 0) values[m++] = z;
        }
        if (m == 0) return 1;
        Arrays.sort(values, 0, m);
        return values[m / 2];
    }

    /** Median of the known (non-negative) values in [from, to], or NaN. */
    private static double median(double[] x, int from, int to) {
        from = Math.max(0, from);
        to = Math.min(x.length - 1, to);
        double[] values = new double[Math.max(0, to - from + 1)];
        int m = 0;
        for (int i = from; i <= to; i++) if (x[i] >= 0) values[m++] = x[i];
        if (m == 0) return Double.NaN;
        Arrays.sort(values, 0, m);
        return values[m / 2];
    }

    /**
     * How far luma variance (or edge density) mid-transition falls below the straight line between
     * the two shots' levels, as a share of that line: 0 none (or a rise), 0.5 for a blend of two
     * unrelated pictures.
     */
    private double dip(View v, int s, int e, boolean variance) {
        double before = sideMedian(v, s - SIDE_FRAMES, s - 1, variance);
        double after = sideMedian(v, e + 1, e + SIDE_FRAMES, variance);
        int mid = (s + e) / 2;
        double middle = sideMedian(v, mid - (e - s >= 4 ? 1 : 0), mid + (e - s >= 4 ? 1 : 0), variance);
        if (Double.isNaN(before) || Double.isNaN(after) || Double.isNaN(middle)) return 0;
        double a = alpha(mid, s, e);
        double line = (1 - a) * before + a * after;
        if (line <= 1e-6) return 0;
        return Math.max(0, 1 - middle / line);
    }

    private double sideMedian(View v, int from, int to, boolean variance) {
        from = Math.max(0, from);
        to = Math.min(v.n - 1, to);
        double[] values = new double[Math.max(0, to - from + 1)];
        int m = 0;
        for (int i = from; i <= to; i++) {
            double x = variance ? v.contrast(i) * v.contrast(i) : v.edgeDensity(i);
            if (x >= 0) values[m++] = x;
        }
        if (m == 0) return Double.NaN;
        Arrays.sort(values, 0, m);
        return values[m / 2];
    }

    /** alpha of a blend over s..e: 0 up to s-1, rising linearly, 1 from e+1 on. */
    static double alpha(int i, int s, int e) {
        double x = (double) (i - s + 1) / (e - s + 2);
        return x <= 0 ? 0 : (x >= 1 ? 1 : x);
    }

    /** Least squares of y = p (1 - alpha) + q alpha: {p, q, sse}. */
    /** Least squares of y = p (1 - alpha) + q alpha over [from, to]: {p, q, sse, sst}. */
    private static double[] fitRamp(double[] y, int from, int to, int s, int e) {
        double uu = 0, uv = 0, vv = 0, uy = 0, vy = 0, sum = 0;
        for (int i = from; i <= to; i++) {
            double q = alpha(i, s, e);
            double p = 1 - q;
            uu += p * p;
            uv += p * q;
            vv += q * q;
            uy += p * y[i];
            vy += q * y[i];
            sum += y[i];
        }
        double det = uu * vv - uv * uv;
        if (Math.abs(det) < 1e-12) return new double[] {0, 0, Double.POSITIVE_INFINITY, 0};
        double a = (uy * vv - vy * uv) / det;
        double b = (vy * uu - uy * uv) / det;
        double mean = sum / (to - from + 1);
        double sse = 0, sst = 0;
        for (int i = from; i <= to; i++) {
            double q = alpha(i, s, e);
            double r = y[i] - a * (1 - q) - b * q;
            sse += r * r;
            sst += (y[i] - mean) * (y[i] - mean);
        }
        return new double[] {a, b, sse, sst};
    }

    /**
     * Least squares of the blend model (see {@link #dissolve}) over the used positions:
     * {p, q, D, sse}. A fourth term, c 4 alpha (1 - alpha), lets the level motion gives L sag or
     * swell mid-blend (two moving pictures half-blended change less, or more, over k frames than
     * either alone) without moving the corners of the trapezoid.
     */
    private double[] fitBlend(double[] y, boolean[] use, int s, int e) {
        int spanEnd = e + k;
        double sse = blendFit.fit(y, use, (i, x) -> {
            double b = alpha(i, s, spanEnd);
            double w = alpha(i, s, e);
            x[0] = 1 - b;
            x[1] = b;
            x[2] = w - alpha(i - k, s, e);
            x[3] = 4 * w * (1 - w);
        });
        return new double[] {blendFit.coef(0), blendFit.coef(1), blendFit.coef(2), sse};
    }

    private static double add(List<ScoreComponent> parts, String name, double value, double weight) {
        double contribution = value * weight;
        parts.add(new ScoreComponent(name, value, weight, contribution));
        return contribution;
    }

    private static double clamp01(double x) {
        return x < 0 ? 0 : (x > 1 ? 1 : x);
    }
}
