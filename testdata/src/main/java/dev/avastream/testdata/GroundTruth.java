package dev.avastream.testdata;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Exact facts about a synthetic video, known by construction.
 *
 * <h2>JSON format (version 2; readers ignore unknown fields and read version 1 files)</h2>
 * <pre>{@code
 * {
 *   "formatVersion": 2,
 *   "frameCount": 300,            // frames in the file, all decodable
 *   "fps": 30.0,                  // nominal frame rate the video was rendered at
 *   "width": 640, "height": 360,  // display size (after rotation)
 *   "rotationDegrees": 0,         // clockwise rotation a player applies (display matrix)
 *   "startOffsetUs": 0,           // presentation time of frame 0
 *   "variableFrameRate": false,   // true when frame durations are irregular
 *   "durationUs": 10000000,       // last frame's pts + its duration - first frame's pts, as written
 *                                 // (an mp4 with a start offset reads back with a shorter last frame)
 *   "cuts": [60],                 // hard cuts only: the first frame of the shot after each one
 *   "shots": [{"startFrame":0,"endFrame":59}, {"startFrame":60,"endFrame":109},
 *             {"startFrame":130,"endFrame":179}, {"startFrame":196,"endFrame":299}],
 *                                 // inclusive ranges of PURE content, in order; transition frames
 *                                 // belong to no shot
 *   "shotLooks": ["new", "hue-only", "new", "texture-only"],  // one per shot, or empty
 *   "transitions": [{"type":"dissolve","startFrame":110,"endFrame":129},
 *                   {"type":"fade-out","startFrame":180,"endFrame":189},
 *                   {"type":"fade-in","startFrame":190,"endFrame":195}],
 *   "events": [{"type":"flash","startFrame":70,"endFrame":71},
 *              {"type":"pan","startFrame":220,"endFrame":233}],
 *   "framePtsUs": [0, 33333, ...],// presentation time of every frame, in presentation order, as a
 *                                 // decoder reports it: floor(1e6 * pts * tb.num / tb.den)
 *   "keyframeIndices": [0, 60, ...], // frames the encoder made IDR (seekable) frames
 *   "seed": 1
 * }
 * }</pre>
 *
 * <h2>Conventions</h2>
 * Frame indices are 0-based, in presentation order; every range is inclusive.
 * <ul>
 * <li>{@code cuts}: only hard cuts, each the index of the first frame of the new shot. A gradual
 *     transition is never a cut.</li>
 * <li>{@code transitions}: every gradual transition, whose frames are blends: neither pure content of
 *     the shot before nor of the shot after. Types: {@value #DISSOLVE} (a cross-fade
 *     {@code (1-a)·A + a·B}, {@code a = j/(N+1)}, {@code j = 1..N}, both scenes moving);
 *     {@value #FADE_OUT} / {@value #FADE_IN} (to / from black) and {@value #FADE_OUT_WHITE} /
 *     {@value #FADE_IN_WHITE} (to / from white). A fade between two shots is always a fade-out
 *     immediately followed by a fade-in ({@code in.startFrame == out.endFrame + 1}); the solid
 *     black (white) frames between them, if any, are the <em>last</em> frames of the fade-out. An
 *     evaluator that scores one gradual transition per boundary merges the pair
 *     ({@link #boundaries()} does). {@value #WIPE}: a straight hard edge moves across the frame in
 *     one of eight directions (left, right, up, down or from a corner) and uncovers B behind it;
 *     {@value #SLIDE}: B slides in from one side (left, right, top or bottom), over A or pushing A
 *     out ahead of it. On frame {@code j = 1..N} of both, B has come {@code a = j/(N+1)} of the way in
 *     (for a slide, of the width or height), as a dissolve's weight.</li>
 * <li>{@code shots}: the pure frames of every shot, in order. With hard cuts only they are
 *     contiguous and cover every frame (as in version 1); otherwise a shot ends on the frame before
 *     a transition and the next starts on the frame after it. Shots and transitions partition the
 *     frames: every frame is in exactly one shot or exactly one transition ({@link #shotOf} is -1
 *     for transition frames, {@link #transitionAt} null for shot frames).</li>
 * <li>{@code events} (version 2): things inside a shot's pure frames that are <em>not</em>
 *     boundaries and must not be detected as cuts: {@value #FLASH} (frames blended strongly toward
 *     white), {@value #PAN} (frames on which the scene moved by a large step, about 1/8 of the
 *     width, since the previous frame), {@value #MOTION} (frames on which a big object crossing the
 *     frame fast is visible), {@value #GRAIN} (a shot rendered with heavy temporal noise; the
 *     range is the shot's pure frames, the grain continues through its transitions).
 *     Since the edit suite: {@value #STROBE} (3..8 flashes of 1..2 frames, 1..3 frames apart; the
 *     range runs from the first flash to the end of the last, and each flash is also listed as a
 *     {@value #FLASH} event); {@value #ZOOM_IN} / {@value #ZOOM_OUT} (frames on which the picture was
 *     scaled about its centre since the previous frame, by 1.5..3 in all); {@value #DARKEN} /
 *     {@value #BRIGHTEN} (frames on which the picture's brightness fell or rose since the previous
 *     frame, by a factor of about 3 to 5 in all, starting 1..3 frames after a shot's first frame in the
 *     edit suite); {@value #TEXTURE_CHANGE} (frames on which the background's pattern changed into
 *     another); {@value #WATER}, {@value #FIRE}, {@value #SNOW}, {@value #CROWD} (evolving content,
 *     {@link #EVOLVING}: the whole texture changes every frame; the range is the shot's pure frames,
 *     as for grain).</li>
 * <li>{@code shotLooks} (version 2): per shot, how it relates to the previous one:
 *     {@value #LOOK_NEW}; {@value #LOOK_HUE_ONLY} / {@value #LOOK_TEXTURE_ONLY} (deliberately similar
 *     neighbours: the same scene with only the hue, or only the texture, changed and the mean luma
 *     matched); or, for specs that do not ask for similar neighbours, the renderer's own relations
 *     {@value #LOOK_HUE_OF_PREVIOUS} (same HSV value and saturation, other hue; luma not matched)
 *     and {@value #LOOK_TEXTURE_OF_PREVIOUS} (same colours, other texture); {@value #LOOK_DARK} (an
 *     unrelated scene at low key, mean luma about 0.05..0.13 of full scale). Empty in version 1.</li>
 * </ul>
 * Version 1 files have no {@code events} and {@code shotLooks} (read as empty lists), always have
 * contiguous shots and an empty {@code transitions}. The edit-suite types and looks are new values
 * of existing fields, not new fields: the format stays version 2, and a reader that does not know a
 * type can still treat any transition as gradual and any event as not a boundary.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record GroundTruth(
        int formatVersion,
        int frameCount,
        double fps,
        int width,
        int height,
        int rotationDegrees,
        long startOffsetUs,
        boolean variableFrameRate,
        long durationUs,
        int[] cuts,
        List<Shot> shots,
        List<String> shotLooks,
        List<Transition> transitions,
        List<Event> events,
        long[] framePtsUs,
        int[] keyframeIndices,
        long seed) {

    public static final int FORMAT_VERSION = 2;
    // transition types
    public static final String DISSOLVE = "dissolve";
    public static final String FADE_OUT = "fade-out";
    public static final String FADE_IN = "fade-in";
    public static final String FADE_OUT_WHITE = "fade-out-white";
    public static final String FADE_IN_WHITE = "fade-in-white";
    public static final String WIPE = "wipe";
    public static final String SLIDE = "slide";
    // event types
    public static final String FLASH = "flash";
    public static final String PAN = "pan";
    public static final String MOTION = "motion";
    public static final String GRAIN = "grain";
    public static final String STROBE = "strobe";
    public static final String ZOOM_IN = "zoom-in";
    public static final String ZOOM_OUT = "zoom-out";
    public static final String DARKEN = "darken";
    public static final String BRIGHTEN = "brighten";
    public static final String TEXTURE_CHANGE = "texture-change";
    public static final String WATER = "water";
    public static final String FIRE = "fire";
    public static final String SNOW = "snow";
    public static final String CROWD = "crowd";
    /** The event types that are evolving content: a whole shot whose texture changes every frame. */
    public static final java.util.Set<String> EVOLVING = java.util.Set.of(WATER, FIRE, SNOW, CROWD);
    // shot looks
    public static final String LOOK_NEW = "new";
    public static final String LOOK_HUE_ONLY = "hue-only";
    public static final String LOOK_TEXTURE_ONLY = "texture-only";
    public static final String LOOK_HUE_OF_PREVIOUS = "hue-of-previous";
    public static final String LOOK_TEXTURE_OF_PREVIOUS = "texture-of-previous";
    public static final String LOOK_DARK = "dark";
    // boundary types of boundaries()
    public static final String CUT = "cut";
    public static final String FADE_BLACK = "fade-black";
    public static final String FADE_WHITE = "fade-white";

    /** One shot: frames {@code [startFrame, endFrame]}, inclusive. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Shot(int startFrame, int endFrame) {
        public int length() { return endFrame - startFrame + 1; }
    }

    /** A gradual transition of the given {@code type}: frames {@code [startFrame, endFrame]}, inclusive. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Transition(String type, int startFrame, int endFrame) {
        public int length() { return endFrame - startFrame + 1; }
    }

    /** An in-shot event that is not a boundary ({@value #FLASH}, {@value #PAN}, {@value #MOTION}, {@value #GRAIN}, and the edit-suite types): frames {@code [startFrame, endFrame]}, inclusive. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Event(String type, int startFrame, int endFrame) {
        public int length() { return endFrame - startFrame + 1; }
    }

    /**
     * The boundary between shot {@code index} and shot {@code index + 1}: {@code type} is {@value #CUT},
     * {@value #DISSOLVE}, {@value #FADE_BLACK}, {@value #FADE_WHITE}, {@value #WIPE} or {@value #SLIDE}; {@code startFrame..endFrame}
     * are the frames between the two shots' pure frames (for a cut, {@code startFrame} is the cut and
     * {@code endFrame = startFrame - 1}: no frames). Not part of the JSON: derived from
     * {@code shots} and {@code transitions}.
     */
    public record ShotBoundary(int index, String type, int startFrame, int endFrame) {
        public int length() { return endFrame - startFrame + 1; }
        public boolean isCut() { return CUT.equals(type); }
    }

    public GroundTruth {
        Objects.requireNonNull(cuts, "cuts");
        Objects.requireNonNull(framePtsUs, "framePtsUs");
        shots = shots == null ? List.of() : List.copyOf(shots);
        shotLooks = shotLooks == null ? List.of() : List.copyOf(shotLooks);
        transitions = transitions == null ? List.of() : List.copyOf(transitions);
        events = events == null ? List.of() : List.copyOf(events);
        keyframeIndices = keyframeIndices == null ? new int[0] : keyframeIndices;
    }

    /** The version 1 constructor: no shot looks, no events. */
    public GroundTruth(int formatVersion, int frameCount, double fps, int width, int height, int rotationDegrees,
                       long startOffsetUs, boolean variableFrameRate, long durationUs, int[] cuts, List<Shot> shots,
                       List<Transition> transitions, long[] framePtsUs, int[] keyframeIndices, long seed) {
        this(formatVersion, frameCount, fps, width, height, rotationDegrees, startOffsetUs, variableFrameRate, durationUs,
                cuts, shots, List.of(), transitions, List.of(), framePtsUs, keyframeIndices, seed);
    }

    /**
     * Every boundary between consecutive shots, in order ({@code shots().size() - 1} of them): cuts
     * and gradual transitions alike, a fade-out and fade-in pair merged into one.
     */
    public List<ShotBoundary> boundaries() {
        List<ShotBoundary> out = new ArrayList<>();
        for (int i = 0; i + 1 < shots.size(); i++) {
            int from = shots.get(i).endFrame() + 1, to = shots.get(i + 1).startFrame() - 1;
            String type = CUT;
            for (Transition t : transitions) {
                if (t.startFrame() < from || t.endFrame() > to) continue;
                type = switch (t.type()) {
                    case FADE_OUT, FADE_IN -> FADE_BLACK;
                    case FADE_OUT_WHITE, FADE_IN_WHITE -> FADE_WHITE;
                    default -> t.type(); // dissolve, wipe, slide
                };
                break;
            }
            out.add(new ShotBoundary(i, type, from, to));
        }
        return out;
    }

    /** The transition containing {@code frame}, or null when the frame belongs to a shot. */
    public Transition transitionAt(int frame) {
        for (Transition t : transitions) if (frame >= t.startFrame() && frame <= t.endFrame()) return t;
        return null;
    }

    /** Index of the shot containing {@code frame}, or -1 when the frame is part of a transition. */
    public int shotOf(int frame) {
        for (int i = 0; i < shots.size(); i++) {
            if (frame <= shots.get(i).endFrame()) return frame >= shots.get(i).startFrame() ? i : -1;
        }
        throw new IndexOutOfBoundsException("frame " + frame + " of " + frameCount);
    }

    /** Average frame rate over the file: {@code frameCount / duration}. */
    public double averageFps() { return durationUs <= 0 ? fps : frameCount * 1e6 / durationUs; }

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.INDENT_OUTPUT);

    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static GroundTruth fromJson(String json) {
        try {
            return MAPPER.readValue(json, GroundTruth.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(Path file) throws IOException { MAPPER.writeValue(file.toFile(), this); }

    public static GroundTruth read(Path file) throws IOException { return MAPPER.readValue(file.toFile(), GroundTruth.class); }

    @Override
    public boolean equals(Object o) {
        return o instanceof GroundTruth g && g.formatVersion == formatVersion && g.frameCount == frameCount
                && Double.compare(g.fps, fps) == 0 && g.width == width && g.height == height
                && g.rotationDegrees == rotationDegrees && g.startOffsetUs == startOffsetUs
                && g.variableFrameRate == variableFrameRate && g.durationUs == durationUs
                && Arrays.equals(g.cuts, cuts) && g.shots.equals(shots) && g.shotLooks.equals(shotLooks)
                && g.transitions.equals(transitions) && g.events.equals(events)
                && Arrays.equals(g.framePtsUs, framePtsUs) && Arrays.equals(g.keyframeIndices, keyframeIndices)
                && g.seed == seed;
    }

    @Override
    public int hashCode() { return Objects.hash(frameCount, width, height, seed, Arrays.hashCode(framePtsUs)); }

    @Override
    public String toString() {
        return "GroundTruth[" + frameCount + " frames " + width + "x" + height + "@" + fps + " rot=" + rotationDegrees
                + " offsetUs=" + startOffsetUs + " vfr=" + variableFrameRate + " durationUs=" + durationUs
                + " cuts=" + Arrays.toString(cuts) + (transitions.isEmpty() ? "" : " transitions=" + transitions)
                + (events.isEmpty() ? "" : " events=" + events) + " keyframes=" + Arrays.toString(keyframeIndices) + "]";
    }
}
