package dev.avastream.testdata;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What {@link SyntheticVideoGenerator} renders. Immutable; build with {@link #builder()}.
 *
 * <p>Defaults: 640x360, 30 fps, seed 1, 4 shots of 30..90 frames drawn from the seed, a keyframe
 * every 2 s worth of frames, first presentation time 0, constant frame rate, no rotation, frame-index
 * barcode on, moov atom at the end of the file (no "faststart").
 *
 * <p>{@code width} and {@code height} are the <em>display</em> size (what a decoder shows after
 * applying rotation). With {@code rotationDegrees} 90 or 270 the coded frames are stored transposed
 * and the container carries a display matrix, as phones do.
 *
 * <h2>Shot boundaries, in-shot events and similar neighbours (all off by default)</h2>
 * Every option below is off by default, and a spec that uses none of them renders exactly the bytes
 * it rendered before they existed.
 * <ul>
 * <li><b>Boundaries</b> ({@link Builder#boundaries}, {@link Builder#randomBoundaries}): what happens
 *     between shot {@code i} and {@code i+1} (default: a hard {@link BoundaryKind#CUT}). Shot lengths
 *     keep their meaning as the distance between nominal boundaries: a gradual transition of
 *     {@code T} frames ({@link Boundary#totalFrames()}) around the nominal boundary frame {@code b}
 *     (the first frame of shot {@code i+1} in the cut-only video) occupies frames
 *     {@code [b - T/2, b - T/2 + T - 1]} and takes them from the two shots, so the frame count and
 *     the timestamps do not change. Every shot keeps at least one frame of pure content (explicit
 *     boundaries that do not fit throw; drawn ones are shortened until each shot keeps
 *     {@value #MIN_PURE_FRAMES_DRAWN} pure frames, or become cuts).</li>
 * <li><b>In-shot events</b> ({@link Builder#events}, {@link Builder#randomEvents}): a flash, a fast
 *     pan, a big fast-moving object, or heavy grain inside a shot's pure frames; none of them is a
 *     boundary.</li>
 * <li><b>Similar neighbours</b> ({@link Builder#similarNeighbours}, {@link Builder#looks}): a shot
 *     that copies the previous shot's look and changes only its hue, or only its texture, with its
 *     mean luma matched to the previous shot's.</li>
 * </ul>
 * {@link GroundTruth} documents how each appears in the ground truth.
 */
public final class SyntheticVideoSpec {

    /** Drawn boundaries are shortened until every shot keeps this many frames of pure content. */
    public static final int MIN_PURE_FRAMES_DRAWN = 10;
    /** Drawn events keep this many pure frames between them and a shot's first or last pure frame. */
    public static final int EVENT_MARGIN_FRAMES = 3;

    /** What happens at a shot boundary. */
    public enum BoundaryKind {
        /** Hard cut: the last frame of A is followed by the first frame of B. */
        CUT,
        /** Cross-fade of {@code frames} frames: {@code (1-a)·A + a·B}, {@code a = j/(frames+1)} for {@code j = 1..frames}; both scenes keep moving. */
        DISSOLVE,
        /** A fades to black over {@code frames} frames, {@code holdFrames} solid black frames, B fades in from black over {@code frames} frames. */
        FADE_BLACK,
        /** As {@link #FADE_BLACK}, through white. */
        FADE_WHITE
    }

    /**
     * One shot boundary. {@code frames}: the dissolve's length, or the length of each side of a fade;
     * {@code holdFrames}: solid black/white frames between the two sides of a fade (0 otherwise).
     */
    public record Boundary(BoundaryKind kind, int frames, int holdFrames) {
        public static final Boundary CUT = new Boundary(BoundaryKind.CUT, 0, 0);

        public Boundary {
            java.util.Objects.requireNonNull(kind, "kind");
            if (kind == BoundaryKind.CUT) {
                if (frames != 0 || holdFrames != 0) throw new IllegalArgumentException("a cut has no frames");
            } else {
                if (frames < 1) throw new IllegalArgumentException(kind + " needs frames >= 1: " + frames);
                if (holdFrames < 0 || (kind == BoundaryKind.DISSOLVE && holdFrames != 0)) {
                    throw new IllegalArgumentException("bad holdFrames for " + kind + ": " + holdFrames);
                }
            }
        }

        public static Boundary cut() { return CUT; }
        public static Boundary dissolve(int frames) { return new Boundary(BoundaryKind.DISSOLVE, frames, 0); }
        public static Boundary fadeBlack(int frames, int holdFrames) { return new Boundary(BoundaryKind.FADE_BLACK, frames, holdFrames); }
        public static Boundary fadeWhite(int frames, int holdFrames) { return new Boundary(BoundaryKind.FADE_WHITE, frames, holdFrames); }

        /** Frames that are neither pure A nor pure B: 0 for a cut, {@code frames} for a dissolve, {@code 2·frames + holdFrames} for a fade. */
        public int totalFrames() {
            return switch (kind) {
                case CUT -> 0;
                case DISSOLVE -> frames;
                case FADE_BLACK, FADE_WHITE -> 2 * frames + holdFrames;
            };
        }
    }

    /**
     * Boundaries drawn from the seed: each boundary independently is a dissolve, a fade through black
     * or a fade through white with these probabilities, otherwise a cut. Dissolve lengths and the
     * length of each side of a fade are uniform in {@code [minFrames, maxFrames]}, the solid frames of
     * a fade uniform in {@code [0, maxHoldFrames]}.
     */
    public record BoundaryMix(double dissolve, double fadeBlack, double fadeWhite, int minFrames, int maxFrames, int maxHoldFrames) {
        public BoundaryMix {
            if (dissolve < 0 || fadeBlack < 0 || fadeWhite < 0 || dissolve + fadeBlack + fadeWhite > 1 + 1e-9) {
                throw new IllegalArgumentException("boundary probabilities must be >= 0 and sum to at most 1");
            }
            if (minFrames < 1 || maxFrames < minFrames || maxHoldFrames < 0) {
                throw new IllegalArgumentException("bad transition lengths: [" + minFrames + ", " + maxFrames + "], hold <= " + maxHoldFrames);
            }
        }
    }

    /** Things that happen inside a shot and are <em>not</em> boundaries. */
    public enum EventKind {
        /** 1..3 frames blended strongly toward white (weights 0.8, then decreasing), like a camera flash or lightning. */
        FLASH,
        /**
         * A whip pan: the scene (background and its objects; objects wrap around) slides sideways by
         * {@link #panStep()} of the width per frame. A shot with a pan gets a texture strong enough, and
         * varying along x, for the movement to show.
         */
        PAN,
        /** A big object (about half the frame height across) crosses the whole frame during the event. */
        MOTION,
        /**
         * The whole shot (through its transitions) gets heavy grain: fresh every frame, the same on all
         * channels, in 2x2 pixel clumps, uniform in +-{@link #grainAmplitude()} levels; offset and frames
         * are ignored.
         */
        GRAIN
    }

    /**
     * An in-shot event: {@code kind} in shot {@code shot}, starting {@code offset} frames after the
     * shot's first pure frame, {@code frames} frames long. Must lie inside the shot's pure frames.
     */
    public record ShotEvent(EventKind kind, int shot, int offset, int frames) {
        public ShotEvent {
            java.util.Objects.requireNonNull(kind, "kind");
            if (shot < 0 || offset < 0) throw new IllegalArgumentException("bad event position: shot " + shot + " offset " + offset);
            if (kind == EventKind.FLASH && (frames < 1 || frames > 3)) throw new IllegalArgumentException("a flash is 1..3 frames: " + frames);
            if ((kind == EventKind.PAN || kind == EventKind.MOTION) && frames < 2) throw new IllegalArgumentException(kind + " needs frames >= 2: " + frames);
        }

        public static ShotEvent flash(int shot, int offset, int frames) { return new ShotEvent(EventKind.FLASH, shot, offset, frames); }
        public static ShotEvent pan(int shot, int offset, int frames) { return new ShotEvent(EventKind.PAN, shot, offset, frames); }
        public static ShotEvent motion(int shot, int offset, int frames) { return new ShotEvent(EventKind.MOTION, shot, offset, frames); }
        public static ShotEvent grain(int shot) { return new ShotEvent(EventKind.GRAIN, shot, 0, 0); }
    }

    /**
     * Events drawn from the seed: each shot independently gets a flash (1 or 2 frames), a fast pan
     * (6..16 frames), a fast crossing object (6..14 frames) and heavy grain with these probabilities.
     * Flash, pan and motion events of a shot do not overlap and keep {@value #EVENT_MARGIN_FRAMES}
     * pure frames from the shot's boundaries and from each other; those that do not fit are dropped.
     */
    public record EventMix(double flash, double pan, double motion, double grain) {
        public EventMix {
            for (double p : new double[] {flash, pan, motion, grain}) {
                if (p < 0 || p > 1) throw new IllegalArgumentException("event probabilities must be in [0, 1]");
            }
        }
    }

    /** How a shot looks relative to the previous one. */
    public enum Look {
        /** An unrelated scene. */
        NEW,
        /** The previous shot's scene (gradient, texture, objects) with another hue; mean luma matched to the previous shot. */
        HUE_ONLY,
        /** The previous shot's colours and objects with another texture; mean luma matched to the previous shot. */
        TEXTURE_ONLY
    }
    private final int width;
    private final int height;
    private final int fps;
    private final long seed;
    private final List<Integer> shotLengths;
    private final int gopFrames;
    private final long startOffsetUs;
    private final boolean variableFrameRate;
    private final boolean barcode;
    private final int rotationDegrees;
    private final boolean faststart;
    private long bitrate;
    private final int hiddenLeadingFrames;
    private final List<Boundary> explicitBoundaries;
    private final BoundaryMix boundaryMix;
    private final List<ShotEvent> explicitEvents;
    private final EventMix eventMix;
    private final List<Look> explicitLooks;
    private final double hueOnlyProbability;
    private final double textureOnlyProbability;
    private final int noiseAmplitude;
    private final int grainAmplitude;
    private final double panStep;
    // resolved from the above and the shot lengths
    private List<Boundary> boundaries;
    private List<ShotEvent> events;
    private List<Look> looks;

    private SyntheticVideoSpec(Builder b) {
        this.explicitBoundaries = b.boundaries;
        this.boundaryMix = b.boundaryMix;
        this.explicitEvents = b.events;
        this.eventMix = b.eventMix;
        this.explicitLooks = b.looks;
        this.hueOnlyProbability = b.hueOnlyProbability;
        this.textureOnlyProbability = b.textureOnlyProbability;
        if (b.noiseAmplitude < 0 || b.noiseAmplitude > 60) throw new IllegalArgumentException("noiseAmplitude must be in 0..60: " + b.noiseAmplitude);
        if (b.grainAmplitude < 1 || b.grainAmplitude > 60) throw new IllegalArgumentException("grainAmplitude must be in 1..60: " + b.grainAmplitude);
        if (!(b.panStep > 0 && b.panStep <= 0.5)) throw new IllegalArgumentException("panStep must be in (0, 0.5]: " + b.panStep);
        this.noiseAmplitude = b.noiseAmplitude;
        this.grainAmplitude = b.grainAmplitude;
        this.panStep = b.panStep;
        if (b.width < 64 || b.height < 64 || (b.width & 1) != 0 || (b.height & 1) != 0) {
            throw new IllegalArgumentException("width and height must be even and at least 64: " + b.width + "x" + b.height);
        }
        if (b.fps < 1 || b.fps > 240) throw new IllegalArgumentException("fps must be in 1..240: " + b.fps);
        if (b.startOffsetUs < 0) throw new IllegalArgumentException("startOffsetUs must be >= 0");
        if (b.rotationDegrees % 90 != 0) throw new IllegalArgumentException("rotation must be 0, 90, 180 or 270");
        this.width = b.width;
        this.height = b.height;
        this.fps = b.fps;
        this.seed = b.seed;
        this.gopFrames = b.gopFrames > 0 ? b.gopFrames : 2 * b.fps;
        this.startOffsetUs = b.startOffsetUs;
        this.variableFrameRate = b.variableFrameRate;
        this.barcode = b.barcode;
        this.rotationDegrees = ((b.rotationDegrees % 360) + 360) % 360;
        this.faststart = b.faststart;
        if (b.hiddenLeadingFrames < 0) throw new IllegalArgumentException("hiddenLeadingFrames must be >= 0");
        if (b.hiddenLeadingFrames > 0 && b.startOffsetUs != 0) {
            // the mp4 muxer trims the frames with negative times; the shown part then starts at 0
            throw new IllegalArgumentException("hiddenLeadingFrames needs startOffsetUs 0");
        }
        this.hiddenLeadingFrames = b.hiddenLeadingFrames;
        this.bitrate = b.bitrate; // resolved with the events
        if (b.shotLengths != null) {
            if (b.shotLengths.isEmpty()) throw new IllegalArgumentException("at least one shot");
            for (int len : b.shotLengths) if (len < 1) throw new IllegalArgumentException("shot length < 1: " + len);
            this.shotLengths = List.copyOf(b.shotLengths);
        } else {
            Random r = new Random(b.seed * 0x9E3779B97F4A7C15L + 17);
            List<Integer> l = new ArrayList<>();
            if (b.durationSeconds > 0) {
                if (b.minShotFrames < 1 || b.maxShotFrames < b.minShotFrames) {
                    throw new IllegalArgumentException("bad shot lengths: [" + b.minShotFrames + ", " + b.maxShotFrames + "]");
                }
                // Draw shots until the duration is reached, then end the last one exactly on it (a
                // remainder shorter than the minimum joins the previous shot).
                int total = Math.max(1, (int) Math.round(b.durationSeconds * b.fps));
                int sum = 0;
                while (sum < total) {
                    int len = Math.min(b.minShotFrames + r.nextInt(b.maxShotFrames - b.minShotFrames + 1), total - sum);
                    if (len < b.minShotFrames && !l.isEmpty()) {
                        l.set(l.size() - 1, l.get(l.size() - 1) + len);
                    } else {
                        l.add(len);
                    }
                    sum += len;
                }
                this.shotLengths = List.copyOf(l);
                resolve();
                return;
            }
            if (b.shotCount < 1 || b.minShotFrames < 1 || b.maxShotFrames < b.minShotFrames) {
                throw new IllegalArgumentException("bad shot count/lengths: " + b.shotCount + " x [" + b.minShotFrames + ", " + b.maxShotFrames + "]");
            }
            for (int i = 0; i < b.shotCount; i++) l.add(b.minShotFrames + r.nextInt(b.maxShotFrames - b.minShotFrames + 1));
            this.shotLengths = List.copyOf(l);
        }
        resolve();
    }

    /** Draws or checks boundaries, events and looks against the shot lengths. */
    private void resolve() {
        int n = shotLengths.size();
        this.boundaries = Layout.resolveBoundaries(shotLengths, explicitBoundaries, boundaryMix, seed);
        Layout layout = new Layout(shotLengths, boundaries);
        this.events = Layout.resolveEvents(layout, explicitEvents, eventMix, seed);
        List<Look> lk = new ArrayList<>();
        if (explicitLooks != null) {
            for (int i = 0; i < n; i++) lk.add(i == 0 ? Look.NEW : explicitLooks.get(i % explicitLooks.size()));
        } else if (hueOnlyProbability > 0 || textureOnlyProbability > 0) {
            Random r = new Random(seed * 0x2545F4914F6CDD1DL + 101);
            for (int i = 0; i < n; i++) {
                double x = r.nextDouble();
                lk.add(i == 0 ? Look.NEW : x < hueOnlyProbability ? Look.HUE_ONLY
                        : x < hueOnlyProbability + textureOnlyProbability ? Look.TEXTURE_ONLY : Look.NEW);
            }
        }
        this.looks = List.copyOf(lk);
        if (bitrate <= 0) {
            // heavy grain needs bits to survive the encoder's P-frames
            boolean grain = events.stream().anyMatch(e -> e.kind() == EventKind.GRAIN);
            bitrate = (grain ? 2 : 1) * Math.max(400_000L, (long) (0.12 * width * height * fps));
        }
    }

    public static Builder builder() { return new Builder(); }

    /** Display width in pixels (default 640). */
    public int width() { return width; }
    /** Display height in pixels (default 360). */
    public int height() { return height; }
    /** Nominal frame rate (default 30); with {@link #variableFrameRate()} the actual durations vary around it. */
    public int fps() { return fps; }
    public long seed() { return seed; }
    /** Length in frames of every shot, in order. */
    public List<Integer> shotLengths() { return shotLengths; }
    public int frameCount() { return shotLengths.stream().mapToInt(Integer::intValue).sum(); }
    /** Keyframe (IDR) interval in frames (default 2 s worth). The encoder may add more at scene changes. */
    public int gopFrames() { return gopFrames; }
    /** Presentation time of the first frame in microseconds (default 0); truncated to whole milliseconds. */
    public long startOffsetUs() { return startOffsetUs; }
    /** Irregular frame durations drawn from a seeded pattern (default false). */
    public boolean variableFrameRate() { return variableFrameRate; }
    /** Draw the frame-index barcode in the top-left corner (default true); see {@link BarcodeReader}. */
    public boolean barcode() { return barcode; }
    /** Clockwise rotation a player applies to show the video upright: 0 (default), 90, 180, 270. */
    public int rotationDegrees() { return rotationDegrees; }
    /** Put the mp4 index (moov) in front of the data (default false: at the end). */
    public boolean faststart() { return faststart; }
    /**
     * Target bit rate in bits/s (default about 0.12 bits per pixel, at least 400 kb/s; twice that
     * when a shot has {@link EventKind#GRAIN}: at the plain rate the encoder's P-frames drop the grain).
     */
    public long bitrate() { return bitrate; }

    /**
     * Frames encoded before frame 0 and hidden by the mp4 edit list (default 0), as in a file trimmed
     * by stream copy: a demuxer flags their packets {@code AV_PKT_FLAG_DISCARD}; decoders decode them
     * (frame 0 may depend on them) but do not show them. They are not part of the ground truth. Use
     * with .mp4/.mov only, and start offset 0 (frame 0 is then at time 0).
     */
    public int hiddenLeadingFrames() { return hiddenLeadingFrames; }

    /**
     * What happens at each boundary, in order: {@code shotLengths().size() - 1} entries, resolved from
     * {@link Builder#boundaries} or drawn by {@link Builder#randomBoundaries} (default: all cuts).
     */
    public List<Boundary> boundaries() { return boundaries; }
    /** In-shot events, resolved (explicit or drawn), sorted by shot then offset (default: none). */
    public List<ShotEvent> events() { return events; }
    /**
     * Each shot's look relative to the previous shot when {@link Builder#looks} or
     * {@link Builder#similarNeighbours} is used; empty otherwise (the default: the renderer draws its
     * own related shots, see {@link GroundTruth#shotLooks()}).
     */
    public List<Look> looks() { return looks; }
    /** Amplitude of the mild temporal noise on every frame, in 8-bit levels (default 4; 0 = none). */
    public int noiseAmplitude() { return noiseAmplitude; }
    /** Amplitude of the heavy grain of {@link EventKind#GRAIN} shots (default 24). */
    public int grainAmplitude() { return grainAmplitude; }
    /** How far a {@link EventKind#PAN} moves the scene per frame, as a fraction of the width (default 1/8). */
    public double panStep() { return panStep; }
    /** True when any boundary, event, look or noise option differs from the defaults. */
    public boolean hasShotFeatures() {
        return boundaries.stream().anyMatch(x -> x.kind() != BoundaryKind.CUT) || !events.isEmpty() || !looks.isEmpty()
                || noiseAmplitude != 4;
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.width = width; b.height = height; b.fps = fps; b.seed = seed; b.shotLengths = shotLengths;
        b.gopFrames = gopFrames; b.startOffsetUs = startOffsetUs; b.variableFrameRate = variableFrameRate;
        b.barcode = barcode; b.rotationDegrees = rotationDegrees; b.faststart = faststart; b.bitrate = bitrate; b.hiddenLeadingFrames = hiddenLeadingFrames;
        b.boundaries = explicitBoundaries; b.boundaryMix = boundaryMix; b.events = explicitEvents; b.eventMix = eventMix;
        b.looks = explicitLooks; b.hueOnlyProbability = hueOnlyProbability; b.textureOnlyProbability = textureOnlyProbability;
        b.noiseAmplitude = noiseAmplitude; b.grainAmplitude = grainAmplitude; b.panStep = panStep;
        return b;
    }

    @Override
    public String toString() {
        return "SyntheticVideoSpec[" + width + "x" + height + "@" + fps + " seed=" + seed + " shots=" + shotLengths
                + " gop=" + gopFrames + " offsetUs=" + startOffsetUs + " vfr=" + variableFrameRate
                + " rotation=" + rotationDegrees + " barcode=" + barcode + (hiddenLeadingFrames > 0 ? " hidden=" + hiddenLeadingFrames : "")
                + (boundaries.stream().anyMatch(x -> x.kind() != BoundaryKind.CUT) ? " boundaries=" + boundaries : "")
                + (events.isEmpty() ? "" : " events=" + events) + (looks.isEmpty() ? "" : " looks=" + looks)
                + (noiseAmplitude != 4 ? " noise=" + noiseAmplitude : "") + "]";
    }

    public static final class Builder {
        private int width = 640;
        private int height = 360;
        private int fps = 30;
        private long seed = 1;
        private List<Integer> shotLengths;
        private int shotCount = 4;
        private int minShotFrames = 30;
        private int maxShotFrames = 90;
        private int gopFrames = 0;
        private long startOffsetUs = 0;
        private boolean variableFrameRate = false;
        private boolean barcode = true;
        private int rotationDegrees = 0;
        private boolean faststart = false;
        private long bitrate = 0;
        private double durationSeconds = 0;
        private int hiddenLeadingFrames = 0;
        private List<Boundary> boundaries;
        private BoundaryMix boundaryMix;
        private List<ShotEvent> events;
        private EventMix eventMix;
        private List<Look> looks;
        private double hueOnlyProbability = 0;
        private double textureOnlyProbability = 0;
        private int noiseAmplitude = 4;
        private int grainAmplitude = 24;
        private double panStep = 0.125;

        public Builder size(int width, int height) { this.width = width; this.height = height; return this; }
        public Builder width(int width) { this.width = width; return this; }
        public Builder height(int height) { this.height = height; return this; }
        public Builder fps(int fps) { this.fps = fps; return this; }
        public Builder seed(long seed) { this.seed = seed; return this; }
        /** Explicit shot lengths in frames; overrides {@link #randomShots}. */
        public Builder shotLengths(List<Integer> lengths) { this.shotLengths = List.copyOf(lengths); this.durationSeconds = 0; return this; }
        public Builder shotLengths(int... lengths) {
            List<Integer> l = new ArrayList<>();
            for (int x : lengths) l.add(x);
            return shotLengths(l);
        }
        /** {@code count} shots with lengths drawn uniformly from {@code [minFrames, maxFrames]} using the seed. */
        public Builder randomShots(int count, int minFrames, int maxFrames) {
            this.shotLengths = null; this.durationSeconds = 0; this.shotCount = count; this.minShotFrames = minFrames; this.maxShotFrames = maxFrames;
            return this;
        }
        /** Shots of {@code [minFrames, maxFrames]} frames until about {@code seconds} of video. */
        public Builder durationSeconds(double seconds, int minFrames, int maxFrames) {
            randomShots(0, minFrames, maxFrames);
            this.durationSeconds = seconds;
            return this;
        }
        public Builder gopFrames(int gopFrames) { this.gopFrames = gopFrames; return this; }
        public Builder startOffsetUs(long startOffsetUs) { this.startOffsetUs = startOffsetUs; return this; }
        public Builder variableFrameRate(boolean vfr) { this.variableFrameRate = vfr; return this; }
        public Builder barcode(boolean barcode) { this.barcode = barcode; return this; }
        public Builder rotationDegrees(int degrees) { this.rotationDegrees = degrees; return this; }
        public Builder faststart(boolean faststart) { this.faststart = faststart; return this; }
        public Builder hiddenLeadingFrames(int frames) { this.hiddenLeadingFrames = frames; return this; }
        public Builder bitrate(long bitsPerSecond) { this.bitrate = bitsPerSecond; return this; }

        /**
         * Explicit boundaries: boundary {@code i} (between shot {@code i} and {@code i+1}) is
         * {@code list.get(i % list.size())}, so a short list repeats as a pattern. Overrides
         * {@link #randomBoundaries}. Throws at {@link #build()} when a transition leaves a shot without
         * a pure frame.
         */
        public Builder boundaries(List<Boundary> list) {
            if (list.isEmpty()) throw new IllegalArgumentException("at least one boundary");
            this.boundaries = List.copyOf(list); this.boundaryMix = null; return this;
        }
        public Builder boundaries(Boundary... list) { return boundaries(List.of(list)); }
        /** Boundaries drawn from the seed, see {@link BoundaryMix}. Overrides {@link #boundaries}. */
        public Builder randomBoundaries(BoundaryMix mix) { this.boundaryMix = mix; this.boundaries = null; return this; }
        public Builder randomBoundaries(double dissolve, double fadeBlack, double fadeWhite, int minFrames, int maxFrames, int maxHoldFrames) {
            return randomBoundaries(new BoundaryMix(dissolve, fadeBlack, fadeWhite, minFrames, maxFrames, maxHoldFrames));
        }
        /** Explicit in-shot events (default none). Overrides {@link #randomEvents}. Throws at {@link #build()} when one does not fit its shot's pure frames. */
        public Builder events(List<ShotEvent> list) { this.events = List.copyOf(list); this.eventMix = null; return this; }
        public Builder events(ShotEvent... list) { return events(List.of(list)); }
        /** In-shot events drawn from the seed, see {@link EventMix}. Overrides {@link #events}. */
        public Builder randomEvents(EventMix mix) { this.eventMix = mix; this.events = null; return this; }
        public Builder randomEvents(double flash, double pan, double motion, double grain) {
            return randomEvents(new EventMix(flash, pan, motion, grain));
        }
        /**
         * Each shot after the first copies the previous shot's look changing only its hue (probability
         * {@code hueOnly}) or only its texture ({@code textureOnly}), drawn from the seed. Overrides
         * {@link #looks}. Default 0, 0: the renderer's own draw (about a quarter of the shots share the
         * previous shot's HSV value and saturation, one in five its colours; brightness not matched).
         */
        public Builder similarNeighbours(double hueOnly, double textureOnly) {
            if (hueOnly < 0 || textureOnly < 0 || hueOnly + textureOnly > 1 + 1e-9) {
                throw new IllegalArgumentException("similar-neighbour probabilities must be >= 0 and sum to at most 1");
            }
            this.hueOnlyProbability = hueOnly; this.textureOnlyProbability = textureOnly; this.looks = null; return this;
        }
        /** Explicit looks: shot {@code i} is {@code list.get(i % list.size())} (shot 0 is always new). Overrides {@link #similarNeighbours}. */
        public Builder looks(List<Look> list) {
            if (list.isEmpty()) throw new IllegalArgumentException("at least one look");
            this.looks = List.copyOf(list); this.hueOnlyProbability = 0; this.textureOnlyProbability = 0; return this;
        }
        public Builder looks(Look... list) { return looks(List.of(list)); }
        /** Amplitude of the temporal noise on every frame in 8-bit levels, 0..60 (default 4). */
        public Builder noiseAmplitude(int levels) { this.noiseAmplitude = levels; return this; }
        /** Amplitude of the grain of {@link EventKind#GRAIN} shots, 1..60 (default 24). */
        public Builder grainAmplitude(int levels) { this.grainAmplitude = levels; return this; }
        /** Scene movement per frame of a {@link EventKind#PAN}, as a fraction of the width, (0, 0.5] (default 0.125). */
        public Builder panStep(double fractionOfWidth) { this.panStep = fractionOfWidth; return this; }
        public SyntheticVideoSpec build() { return new SyntheticVideoSpec(this); }
    }
}
