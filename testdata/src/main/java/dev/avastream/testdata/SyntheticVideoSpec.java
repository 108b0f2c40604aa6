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
 *
 * <h2>Edit-suite kinds (all off by default; see {@link SyntheticSuites#editsSuite})</h2>
 * What real edits contain beyond the above. They are drawn only when the builder asks for them (a
 * spec that does not renders, draws and prints exactly what it did before they existed):
 * <ul>
 * <li><b>Wipes, slides and pushes</b> ({@link BoundaryKind#WIPE}, {@link BoundaryKind#SLIDE},
 *     {@link BoundaryKind#PUSH}, each with a {@link Direction}; drawn by a {@link BoundaryMix} with
 *     {@code wipe}/{@code slide} above 0): gradual transitions in which B replaces A region by
 *     region.</li>
 * <li><b>Dark shots</b> ({@link Look#DARK}, {@link Builder#darkShots}): night-like low-key scenes,
 *     so that cuts between two of them change the picture at a low, similar luma.</li>
 * <li><b>Events</b> (an {@link EventMix} with its {@code with...} parts): a {@link EventKind#STROBE}
 *     (several flashes), fast zooms ({@link EventKind#ZOOM_IN}, {@link EventKind#ZOOM_OUT}), light
 *     changes ({@link EventKind#DARKEN}, {@link EventKind#BRIGHTEN}) and a quick
 *     {@link EventKind#TEXTURE_CHANGE} right after a shot's first frame (the cut into a shot that
 *     then changes), and evolving content for a whole shot ({@link EventKind#WATER},
 *     {@link EventKind#FIRE}, {@link EventKind#SNOW}, {@link EventKind#CROWD}). None is a boundary.</li>
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
        FADE_WHITE,
        /**
         * A straight hard edge moves across the frame over {@code frames} frames in the boundary's
         * {@link Direction} (any of the eight), uncovering B behind it: on frame {@code j = 1..frames}
         * the pixels whose position along the direction (0 at the side it starts from, 1 at the far
         * side or corner: {@link #wipePosition}) is at most {@code a = j/(frames+1)} show B, the
         * others A. Both scenes keep moving.
         */
        WIPE,
        /** B slides in over A, which stays where it is: B's leading edge is at {@code a·extent} from the side it enters from ({@code a} as for a wipe); directions left, right, up, down. */
        SLIDE,
        /** B slides in and pushes A out ahead of it: as {@link #SLIDE}, with A moved by the same offset. */
        PUSH;

        /** Wipes, slides and pushes: one picture replaces the other region by region (the ground truth types {@code wipe} and {@code slide}). */
        public boolean isSpatial() { return this == WIPE || this == SLIDE || this == PUSH; }
    }

    /**
     * The way a {@link BoundaryKind#WIPE}'s edge or a slide's incoming picture moves: {@code RIGHT}
     * starts at the left edge and moves right; the diagonals start at a corner (wipes only).
     */
    public enum Direction {
        RIGHT(1, 0), LEFT(-1, 0), DOWN(0, 1), UP(0, -1), DOWN_RIGHT(1, 1), DOWN_LEFT(-1, 1), UP_RIGHT(1, -1), UP_LEFT(-1, -1);

        /** Horizontal and vertical component: -1, 0 or 1 (y grows downwards). */
        public final int dx, dy;

        Direction(int dx, int dy) { this.dx = dx; this.dy = dy; }

        public boolean isDiagonal() { return dx != 0 && dy != 0; }
    }

    /**
     * Where pixel {@code (x, y)} of a {@code width x height} frame lies along a wipe in direction
     * {@code d}: 0 on the side (or at the corner) the edge starts from, 1 on the far one, linear in
     * between (for a diagonal, the mean of the two axes' positions). A wipe's frame with progress
     * {@code a} shows B where this is at most {@code a}.
     */
    public static double wipePosition(Direction d, double x, double y, int width, int height) {
        double px = d.dx > 0 ? x / (width - 1.0) : d.dx < 0 ? (width - 1.0 - x) / (width - 1.0) : 0;
        double py = d.dy > 0 ? y / (height - 1.0) : d.dy < 0 ? (height - 1.0 - y) / (height - 1.0) : 0;
        return (px + py) / (Math.abs(d.dx) + Math.abs(d.dy));
    }

    /**
     * One shot boundary. {@code frames}: the length of a dissolve, wipe, slide or push, or of each
     * side of a fade; {@code holdFrames}: solid black/white frames between the two sides of a fade
     * (0 otherwise); {@code direction}: how a wipe, slide or push moves (null for the other kinds).
     */
    public record Boundary(BoundaryKind kind, int frames, int holdFrames, Direction direction) {
        public static final Boundary CUT = new Boundary(BoundaryKind.CUT, 0, 0);

        public Boundary {
            java.util.Objects.requireNonNull(kind, "kind");
            if (kind == BoundaryKind.CUT) {
                if (frames != 0 || holdFrames != 0) throw new IllegalArgumentException("a cut has no frames");
            } else {
                if (frames < 1) throw new IllegalArgumentException(kind + " needs frames >= 1: " + frames);
                if (holdFrames < 0 || ((kind == BoundaryKind.DISSOLVE || kind.isSpatial()) && holdFrames != 0)) {
                    throw new IllegalArgumentException("bad holdFrames for " + kind + ": " + holdFrames);
                }
            }
            if (kind.isSpatial() != (direction != null)) {
                throw new IllegalArgumentException(kind + (kind.isSpatial() ? " needs a direction" : " has no direction"));
            }
            if ((kind == BoundaryKind.SLIDE || kind == BoundaryKind.PUSH) && direction.isDiagonal()) {
                throw new IllegalArgumentException(kind + " moves left, right, up or down, not " + direction);
            }
        }

        /** A cut, dissolve or fade (no direction). */
        public Boundary(BoundaryKind kind, int frames, int holdFrames) { this(kind, frames, holdFrames, null); }

        public static Boundary cut() { return CUT; }
        public static Boundary dissolve(int frames) { return new Boundary(BoundaryKind.DISSOLVE, frames, 0); }
        public static Boundary fadeBlack(int frames, int holdFrames) { return new Boundary(BoundaryKind.FADE_BLACK, frames, holdFrames); }
        public static Boundary fadeWhite(int frames, int holdFrames) { return new Boundary(BoundaryKind.FADE_WHITE, frames, holdFrames); }
        public static Boundary wipe(int frames, Direction direction) { return new Boundary(BoundaryKind.WIPE, frames, 0, direction); }
        public static Boundary slide(int frames, Direction direction) { return new Boundary(BoundaryKind.SLIDE, frames, 0, direction); }
        public static Boundary push(int frames, Direction direction) { return new Boundary(BoundaryKind.PUSH, frames, 0, direction); }

        /** Frames that are neither pure A nor pure B: 0 for a cut, {@code frames} for a dissolve, wipe, slide or push, {@code 2·frames + holdFrames} for a fade. */
        public int totalFrames() {
            return switch (kind) {
                case CUT -> 0;
                case DISSOLVE, WIPE, SLIDE, PUSH -> frames;
                case FADE_BLACK, FADE_WHITE -> 2 * frames + holdFrames;
            };
        }

        /** As a record prints, the direction only where there is one (specs without wipes and slides print as before). */
        @Override
        public String toString() {
            return "Boundary[kind=" + kind + ", frames=" + frames + ", holdFrames=" + holdFrames
                    + (direction == null ? "" : ", direction=" + direction) + "]";
        }
    }

    /**
     * Boundaries drawn from the seed: each boundary independently is a dissolve, a fade through black,
     * a fade through white, a wipe or a slide with these probabilities, otherwise a cut. Lengths of
     * dissolves, wipes and slides and of each side of a fade are uniform in
     * {@code [minFrames, maxFrames]}, the solid frames of a fade uniform in {@code [0, maxHoldFrames]}.
     * A wipe's direction is any of the eight, a slide's one of four, and half the slides push the
     * old picture out ({@link BoundaryKind#PUSH}). Wipes and slides are drawn only when asked for
     * (the six-argument mix has none), and a mix without them draws exactly what it drew before
     * they existed.
     */
    public record BoundaryMix(double dissolve, double fadeBlack, double fadeWhite, double wipe, double slide,
                              int minFrames, int maxFrames, int maxHoldFrames) {
        public BoundaryMix {
            if (dissolve < 0 || fadeBlack < 0 || fadeWhite < 0 || wipe < 0 || slide < 0
                    || dissolve + fadeBlack + fadeWhite + wipe + slide > 1 + 1e-9) {
                throw new IllegalArgumentException("boundary probabilities must be >= 0 and sum to at most 1");
            }
            if (minFrames < 1 || maxFrames < minFrames || maxHoldFrames < 0) {
                throw new IllegalArgumentException("bad transition lengths: [" + minFrames + ", " + maxFrames + "], hold <= " + maxHoldFrames);
            }
        }

        /** Dissolves and fades only. */
        public BoundaryMix(double dissolve, double fadeBlack, double fadeWhite, int minFrames, int maxFrames, int maxHoldFrames) {
            this(dissolve, fadeBlack, fadeWhite, 0, 0, minFrames, maxFrames, maxHoldFrames);
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
        GRAIN,
        /**
         * A strobe or a burst of camera flashes: 3..8 flashes of 1 or 2 frames with 1..3 ordinary
         * frames between them, over the event's 5..37 frames (which start and end with a flash). Each
         * flash looks like a {@link #FLASH}; the pattern is {@link ShotEvent#flashes()}.
         */
        STROBE,
        /**
         * A fast zoom in: the picture (scene and objects) is magnified about the frame's centre,
         * geometrically, by a factor of 1.5..3 in all over the event's frames, and stays magnified
         * for the rest of the shot.
         */
        ZOOM_IN,
        /** A fast zoom out: the shot starts magnified by 1.5..3 about the centre and returns to 1 over the event's frames. */
        ZOOM_OUT,
        /**
         * The light goes down: the picture's gain falls linearly from 1 to 0.2..0.35 over the event's
         * frames and stays there (not to flat black: the picture keeps its contrast, scaled).
         */
        DARKEN,
        /** The light comes up: the shot starts at a gain of 0.2..0.35 and reaches 1 on the event's last frame. */
        BRIGHTEN,
        /**
         * The background's texture changes to another pattern (same colours, gradient and objects), a
         * cross-fade over the event's frames, like lights switching a pattern; the new one stays.
         */
        TEXTURE_CHANGE,
        /**
         * Evolving content for the whole shot (offset and frames are ignored, as for {@link #GRAIN}):
         * rippling water, travelling sinusoids with bright caustics in the shot's blue-green.
         */
        WATER,
        /** Evolving content for the whole shot: flickering flames rising from the bottom of a dark frame. */
        FIRE,
        /** Evolving content for the whole shot: the shot's scene behind hundreds of snowflakes falling at two depths. */
        SNOW,
        /** Evolving content for the whole shot: the shot's scene behind a crowd of a few hundred small figures walking and bobbing. */
        CROWD;

        /** Covers the whole shot (its pure frames) and continues through its transitions: {@link #GRAIN} and the evolving contents. */
        public boolean spansShot() { return this == GRAIN || isEvolving(); }

        /** {@link #WATER}, {@link #FIRE}, {@link #SNOW}, {@link #CROWD}: a whole texture that changes every frame. */
        public boolean isEvolving() { return this == WATER || this == FIRE || this == SNOW || this == CROWD; }
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
            if ((kind == EventKind.PAN || kind == EventKind.MOTION || kind == EventKind.ZOOM_IN || kind == EventKind.ZOOM_OUT
                    || kind == EventKind.DARKEN || kind == EventKind.BRIGHTEN) && frames < 2) {
                throw new IllegalArgumentException(kind + " needs frames >= 2: " + frames);
            }
            if (kind == EventKind.TEXTURE_CHANGE && frames < 1) throw new IllegalArgumentException("a texture change needs frames >= 1: " + frames);
            if (kind == EventKind.STROBE && (frames < 5 || frames > 37)) throw new IllegalArgumentException("a strobe spans 5..37 frames: " + frames);
        }

        /**
         * A {@link EventKind#STROBE}'s flashes: {start, length} pairs, start counted from the event's
         * first frame. 3..8 flashes of 1..2 frames, 1..3 frames apart, the first on the event's first
         * frame and the last ending on its last; drawn from the event's own shot, offset and length,
         * half the time as a regular strobe (equal flashes and gaps) where one fits. Empty for other kinds.
         */
        public List<int[]> flashes() {
            if (kind != EventKind.STROBE) return List.of();
            Random r = new Random(0x5DEECE66DL * (frames + 31L * offset + 1009L * shot) + 77);
            int lo = Math.max(3, (frames + 3 + 4) / 5), hi = Math.min(8, (frames + 1) / 2);
            int n = lo + r.nextInt(hi - lo + 1);
            int[] len = new int[2 * n - 1]; // flash, gap, flash, ..., flash
            java.util.Arrays.fill(len, 1);
            boolean done = false;
            if (r.nextBoolean()) {
                for (int flash = 1; flash <= 2 && !done; flash++) {
                    for (int gap = 1; gap <= 3 && !done; gap++) {
                        if (n * flash + (n - 1) * gap != frames) continue;
                        for (int i = 0; i < len.length; i++) len[i] = i % 2 == 0 ? flash : gap;
                        done = true;
                    }
                }
            }
            if (!done) {
                for (int extra = frames - (2 * n - 1); extra > 0; ) {
                    int i = r.nextInt(len.length);
                    if (len[i] < (i % 2 == 0 ? 2 : 3)) {
                        len[i]++;
                        extra--;
                    }
                }
            }
            List<int[]> out = new ArrayList<>();
            int at = 0;
            for (int i = 0; i < len.length; i++) {
                if (i % 2 == 0) out.add(new int[] {at, len[i]});
                at += len[i];
            }
            return out;
        }

        public static ShotEvent flash(int shot, int offset, int frames) { return new ShotEvent(EventKind.FLASH, shot, offset, frames); }
        public static ShotEvent pan(int shot, int offset, int frames) { return new ShotEvent(EventKind.PAN, shot, offset, frames); }
        public static ShotEvent motion(int shot, int offset, int frames) { return new ShotEvent(EventKind.MOTION, shot, offset, frames); }
        public static ShotEvent grain(int shot) { return new ShotEvent(EventKind.GRAIN, shot, 0, 0); }
        public static ShotEvent strobe(int shot, int offset, int frames) { return new ShotEvent(EventKind.STROBE, shot, offset, frames); }
        public static ShotEvent zoomIn(int shot, int offset, int frames) { return new ShotEvent(EventKind.ZOOM_IN, shot, offset, frames); }
        public static ShotEvent zoomOut(int shot, int offset, int frames) { return new ShotEvent(EventKind.ZOOM_OUT, shot, offset, frames); }
        public static ShotEvent darken(int shot, int offset, int frames) { return new ShotEvent(EventKind.DARKEN, shot, offset, frames); }
        public static ShotEvent brighten(int shot, int offset, int frames) { return new ShotEvent(EventKind.BRIGHTEN, shot, offset, frames); }
        public static ShotEvent textureChange(int shot, int offset, int frames) { return new ShotEvent(EventKind.TEXTURE_CHANGE, shot, offset, frames); }
        /** {@link EventKind#WATER}, {@link EventKind#FIRE}, {@link EventKind#SNOW} or {@link EventKind#CROWD} for the whole shot. */
        public static ShotEvent evolving(EventKind kind, int shot) {
            if (!kind.isEvolving()) throw new IllegalArgumentException(kind + " is not evolving content");
            return new ShotEvent(kind, shot, 0, 0);
        }
    }

    /**
     * Events drawn from the seed: each shot independently gets a flash (1 or 2 frames), a fast pan
     * (6..16 frames), a fast crossing object (6..14 frames) and heavy grain with these probabilities.
     * Flash, pan and motion events of a shot do not overlap and keep {@value #EVENT_MARGIN_FRAMES}
     * pure frames from the shot's boundaries and from each other; those that do not fit are dropped.
     *
     * <p>The edit-suite kinds, drawn only when one of their probabilities is above 0 (a mix without
     * them draws exactly what it drew before they existed; set them with the {@code with...}
     * methods): a {@link EventKind#STROBE} (5..24 frames) and a zoom (8..20 frames, in or out with
     * equal odds) join the flash, pan and motion of the shot under the same rules; at most one light
     * or texture change per shot ({@code darken}, {@code brighten}, {@code textureChange} are the
     * shares of shots that get each; 10..30 frames for the light, 2..6 for the texture), which starts
     * 1..3 frames after the shot's first pure frame, right after the cut into it (the events after
     * it keep the margin); and evolving content ({@code evolving}: water, fire, snow or crowd, never
     * the same as the shot before's).
     */
    public record EventMix(double flash, double pan, double motion, double grain, double strobe, double zoom,
                           double darken, double brighten, double textureChange, double evolving) {
        public EventMix {
            for (double p : new double[] {flash, pan, motion, grain, strobe, zoom, darken, brighten, textureChange, evolving}) {
                if (p < 0 || p > 1) throw new IllegalArgumentException("event probabilities must be in [0, 1]");
            }
            if (darken + brighten + textureChange > 1 + 1e-9) {
                throw new IllegalArgumentException("darken + brighten + textureChange must be at most 1");
            }
        }

        /** Flashes, pans, motion and grain only. */
        public EventMix(double flash, double pan, double motion, double grain) { this(flash, pan, motion, grain, 0, 0, 0, 0, 0, 0); }

        public EventMix withStrobe(double p) { return new EventMix(flash, pan, motion, grain, p, zoom, darken, brighten, textureChange, evolving); }
        public EventMix withZoom(double p) { return new EventMix(flash, pan, motion, grain, strobe, p, darken, brighten, textureChange, evolving); }
        public EventMix withLightChange(double darkenP, double brightenP) {
            return new EventMix(flash, pan, motion, grain, strobe, zoom, darkenP, brightenP, textureChange, evolving);
        }
        public EventMix withTextureChange(double p) { return new EventMix(flash, pan, motion, grain, strobe, zoom, darken, brighten, p, evolving); }
        public EventMix withEvolving(double p) { return new EventMix(flash, pan, motion, grain, strobe, zoom, darken, brighten, textureChange, p); }

        /** Whether any edit-suite kind can be drawn. */
        public boolean hasEditKinds() { return strobe > 0 || zoom > 0 || darken > 0 || brighten > 0 || textureChange > 0 || evolving > 0; }
    }

    /** How a shot looks relative to the previous one. */
    public enum Look {
        /** An unrelated scene. */
        NEW,
        /** The previous shot's scene (gradient, texture, objects) with another hue; mean luma matched to the previous shot. */
        HUE_ONLY,
        /** The previous shot's colours and objects with another texture; mean luma matched to the previous shot. */
        TEXTURE_ONLY,
        /**
         * An unrelated scene at low key, like a night shot: the shot's whole picture (scene, objects,
         * evolving content) is scaled to a mean luma of 12..32 of 255 (about 0.05..0.13 of full scale),
         * keeping its layout, hue and texture (at least 35% strong), so its contrast is low but not
         * zero (a luma standard deviation of at least about 3.5 levels; the darkest parts may clip
         * to black). A cut between two
         * dark shots is a real change of scene at a similar low luma: a dark shot after a dark shot
         * gets another texture, a hue at least 30 of 180 away and a mean luma within 6 levels of
         * its. May be the first shot.
         */
        DARK
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
    private final double darkProbability;
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
        if (!(b.darkProbability >= 0 && b.darkProbability <= 1)) throw new IllegalArgumentException("dark-shot probability must be in [0, 1]: " + b.darkProbability);
        this.darkProbability = b.darkProbability;
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
            for (int i = 0; i < n; i++) {
                Look l = explicitLooks.get(i % explicitLooks.size());
                lk.add(i == 0 && l != Look.DARK ? Look.NEW : l);
            }
        } else if (hueOnlyProbability > 0 || textureOnlyProbability > 0) {
            Random r = new Random(seed * 0x2545F4914F6CDD1DL + 101);
            for (int i = 0; i < n; i++) {
                double x = r.nextDouble();
                lk.add(i == 0 ? Look.NEW : x < hueOnlyProbability ? Look.HUE_ONLY
                        : x < hueOnlyProbability + textureOnlyProbability ? Look.TEXTURE_ONLY : Look.NEW);
            }
        }
        if (explicitLooks == null && darkProbability > 0) {
            // drawn on their own stream: the hue/texture draw above is the same with or without dark shots
            if (lk.isEmpty()) for (int i = 0; i < n; i++) lk.add(Look.NEW);
            Random r = new Random(seed * 0x4F1BBCDCBFA53E0BL + 71);
            for (int i = 0; i < n; i++) if (r.nextDouble() < darkProbability && lk.get(i) == Look.NEW) lk.set(i, Look.DARK);
        }
        this.looks = List.copyOf(lk);
        if (bitrate <= 0) {
            // heavy grain and evolving content need bits to survive the encoder's P-frames
            boolean grain = events.stream().anyMatch(e -> e.kind().spansShot());
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
     * when a shot has {@link EventKind#GRAIN} or evolving content: at the plain rate the encoder's
     * P-frames drop the grain).
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
     * Each shot's look relative to the previous shot when {@link Builder#looks},
     * {@link Builder#similarNeighbours} or {@link Builder#darkShots} is used; empty otherwise (the default: the renderer draws its
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
        b.darkProbability = darkProbability;
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
        private double darkProbability = 0;
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
        /** Dissolves, wipes and slides (half of them pushes) and cuts, see {@link BoundaryMix}. */
        public Builder randomBoundaries(double dissolve, double wipe, double slide, int minFrames, int maxFrames) {
            return randomBoundaries(new BoundaryMix(dissolve, 0, 0, wipe, slide, minFrames, maxFrames, 0));
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
        /**
         * Explicit looks: shot {@code i} is {@code list.get(i % list.size())} (shot 0 is new, or
         * {@link Look#DARK}). Overrides {@link #similarNeighbours} and {@link #darkShots}.
         */
        public Builder looks(List<Look> list) {
            if (list.isEmpty()) throw new IllegalArgumentException("at least one look");
            this.looks = List.copyOf(list); this.hueOnlyProbability = 0; this.textureOnlyProbability = 0; this.darkProbability = 0; return this;
        }
        /**
         * Each shot that would be a new scene is a {@link Look#DARK} one with this probability, drawn
         * from the seed (on its own stream: combined with {@link #similarNeighbours}, the hue-only and
         * texture-only shots stay where they were). Default 0. Overrides {@link #looks}.
         */
        public Builder darkShots(double probability) { this.darkProbability = probability; this.looks = null; return this; }
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
