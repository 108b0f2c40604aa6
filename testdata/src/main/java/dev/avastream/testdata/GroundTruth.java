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
 * <h2>JSON format (version 1, kept stable; readers ignore unknown fields)</h2>
 * <pre>{@code
 * {
 *   "formatVersion": 1,
 *   "frameCount": 240,            // frames in the file, all decodable
 *   "fps": 30.0,                  // nominal frame rate the video was rendered at
 *   "width": 640, "height": 360,  // display size (after rotation)
 *   "rotationDegrees": 0,         // clockwise rotation a player applies (display matrix)
 *   "startOffsetUs": 0,           // presentation time of frame 0
 *   "variableFrameRate": false,   // true when frame durations are irregular
 *   "durationUs": 8000000,        // last frame's pts + its duration - first frame's pts, as written
 *                                 // (an mp4 with a start offset reads back with a shorter last frame)
 *   "cuts": [60, 130],            // first frame index of every shot after the first (hard cuts)
 *   "shots": [{"startFrame":0,"endFrame":59}, ...],          // inclusive, contiguous, cover all frames
 *   "transitions": [{"type":"dissolve","startFrame":118,"endFrame":129}, ...],
 *   "framePtsUs": [0, 33333, ...],// presentation time of every frame, in presentation order, as a
 *                                 // decoder reports it: floor(1e6 * pts * tb.num / tb.den)
 *   "keyframeIndices": [0, 60, ...], // frames the encoder made IDR (seekable) frames
 *   "seed": 1
 * }
 * }</pre>
 * Frame indices are 0-based, in presentation order. {@code transitions} is empty for videos with only
 * hard cuts; gradual transitions (types {@value #DISSOLVE}, {@value #FADE_OUT}, {@value #FADE_IN},
 * {@value #FLASH}) list the frames that belong to the transition, and {@code cuts} then holds only the
 * hard cuts.
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
        List<Transition> transitions,
        long[] framePtsUs,
        int[] keyframeIndices,
        long seed) {

    public static final int FORMAT_VERSION = 1;
    public static final String DISSOLVE = "dissolve";
    public static final String FADE_OUT = "fade-out";
    public static final String FADE_IN = "fade-in";
    public static final String FLASH = "flash";

    /** One shot: frames {@code [startFrame, endFrame]}, inclusive. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Shot(int startFrame, int endFrame) {
        public int length() { return endFrame - startFrame + 1; }
    }

    /** A gradual transition of the given {@code type}: frames {@code [startFrame, endFrame]}, inclusive. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Transition(String type, int startFrame, int endFrame) { }

    public GroundTruth {
        Objects.requireNonNull(cuts, "cuts");
        Objects.requireNonNull(framePtsUs, "framePtsUs");
        shots = shots == null ? List.of() : List.copyOf(shots);
        transitions = transitions == null ? List.of() : List.copyOf(transitions);
        keyframeIndices = keyframeIndices == null ? new int[0] : keyframeIndices;
    }

    /** Shots and cuts from shot lengths; frame {@code i}'s shot starts at the sum of the lengths before it. */
    static List<Shot> shotsOf(List<Integer> lengths) {
        List<Shot> shots = new ArrayList<>();
        int start = 0;
        for (int len : lengths) {
            shots.add(new Shot(start, start + len - 1));
            start += len;
        }
        return shots;
    }

    /** Index of the shot containing {@code frame}. */
    public int shotOf(int frame) {
        for (int i = 0; i < shots.size(); i++) {
            if (frame <= shots.get(i).endFrame()) return i;
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
                && Arrays.equals(g.cuts, cuts) && g.shots.equals(shots) && g.transitions.equals(transitions)
                && Arrays.equals(g.framePtsUs, framePtsUs) && Arrays.equals(g.keyframeIndices, keyframeIndices)
                && g.seed == seed;
    }

    @Override
    public int hashCode() { return Objects.hash(frameCount, width, height, seed, Arrays.hashCode(framePtsUs)); }

    @Override
    public String toString() {
        return "GroundTruth[" + frameCount + " frames " + width + "x" + height + "@" + fps + " rot=" + rotationDegrees
                + " offsetUs=" + startOffsetUs + " vfr=" + variableFrameRate + " durationUs=" + durationUs
                + " cuts=" + Arrays.toString(cuts) + " keyframes=" + Arrays.toString(keyframeIndices) + "]";
    }
}
