package dev.avastream.operators.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.avastream.operators.annotate.ColourPalette;

import static dev.avastream.operators.config.Check.aboveAtMost;
import static dev.avastream.operators.config.Check.atLeast;
import static dev.avastream.operators.config.Check.between;
import static dev.avastream.operators.config.Check.notNegative;
import static dev.avastream.operators.config.Check.positive;
import static dev.avastream.operators.config.Check.strictlyWithin;
import static dev.avastream.operators.config.Check.within;

/**
 * Every tunable of the pipeline, its default and its documentation: the one place each is written.
 * Parameter records ({@code HardCutDetector.Params}, {@code TitleAssembly.Params}, ...) build their
 * {@code defaults()} from {@link SettingValues#defaults()} and check their components against these
 * settings; the CLI and the cluster entry point generate their options from {@link #all()};
 * {@code ava config} and docs/configuration.md print it. Docs here never repeat a default: it is
 * printed next to them from the value (SettingDeclarationsTest fails otherwise).
 */
public final class Tunables {
    private Tunables() {}

    private static final List<Setting<?>> ALL = new ArrayList<>();

    // ---- chunking ----

    public static final Setting<Double> CHUNK_SECONDS = option(decimal(Section.CHUNKING, "chunking.chunk-seconds", 10.0,
            positive(), "Target chunk length in seconds; boundaries snap to nearby keyframes."), "--chunk-seconds", "S");
    public static final Setting<Double> MAX_CHUNKS_PER_SECOND = decimal(Section.CHUNKING,
            "chunking.max-chunks-per-second", 0.0, notNegative(),
            "Pace each reader to at most this many chunks a second (0: as fast as it can), e.g. to simulate "
                    + "a live ingest or to give checkpoints room in tests.");

    // ---- analysis ----

    public static final Setting<Integer> ANALYSIS_WIDTH = option(integer(Section.ANALYSIS, "analysis.width", 320,
            atLeast(64), "Width frames are scaled to for analysis and thumbnails; the height follows the display "
                    + "aspect ratio, up to twice the width (a taller frame is scaled to that height instead). The "
                    + "pixel thresholds of the analysis are tuned at this width."),
            "--analysis-width", "PX");
    public static final Setting<Integer> DECODER_THREADS = integer(Section.ANALYSIS, "analysis.decoder-threads", 1,
            atLeast(0), "FFmpeg decoder threads per chunk (0: FFmpeg's choice). Chunks already decode in parallel, "
                    + "one per task slot, so more threads per chunk oversubscribe the cores.");
    public static final Setting<String> SKIP_LOOP_FILTER = name(Section.ANALYSIS, "analysis.skip-loop-filter", "none",
            Check.oneOfLowerCase(dev.avastream.decoders.LoopFilterSkip.values()),
            "Which frames analysis decodes without H.264/HEVC's deblocking filter: B-frames (bidir), every "
                    + "frame but keyframes (nonkey), every frame (all), or no frame. Deblocking is a large share of decoding and smooths only "
                    + "block edges, which scaling to the analysis width averages out; exported stills are "
                    + "always decoded in full. What each saves and changes is measured in the benchmarks docs.");
    public static final Setting<String> SCALER = name(Section.ANALYSIS, "analysis.scaler", "halving",
            Check.oneOfLowerCase(dev.avastream.decoders.AnalysisScaler.values()),
            "How frames are reduced to the analysis width: each plane of a 4:2:0 frame first averaged 2x2 while "
                    + "it stays at least twice that size, FFmpeg's swscale doing the rest, or swscale alone (bilinear). "
                    + "Frames up to four times the width, and other pixel formats, go to swscale as they are. What "
                    + "each costs and changes is measured in the benchmarks docs.");
    public static final Setting<Boolean> SHOTS_ONLY = flag(Section.ANALYSIS, "analysis.shots-only", false,
            "Run only the annotators shot boundaries are found from (brightness and contrast, the detector's "
                    + "features, cuts, transition signals): the same shots, cuts and transitions for a fraction "
                    + "of the analysis, every other annotation left unmeasured, so stills rank on little. For "
                    + "measuring shots: eval-shots turns it on.");
    public static final Setting<Integer> EDGE_THRESHOLD = integer(Section.ANALYSIS, "analysis.edge-threshold", 40,
            between(1, 255), "Luma range (max - min) within a 3x3 neighbourhood of the half-size frame from which "
                    + "a pixel is an edge: well above the range heavy grain produces once halved, well below a "
                    + "visible outline.");
    public static final Setting<Integer> LONG_RANGE_FRAMES = integer(Section.ANALYSIS, "analysis.long-range-frames", 10,
            between(2, 64), "Span k, in frames, of the long-range change measured per frame and read by the "
                    + "gradual-transition detector: long enough that a dissolve's steady blend adds up to several "
                    + "times the change motion makes between neighbours, short enough that the hard-cut detector's "
                    + "chunk pre-roll already covers it at 25 fps and more.");
    public static final Setting<Integer> DOMINANT_COLOURS = integer(Section.ANALYSIS, "analysis.dominant-colours", 3,
            between(1, ColourPalette.CELLS), "Dominant colours reported per frame (the largest cells of a coarse "
                    + "RGB palette, each with its share of the picture).");
    public static final Setting<Double> CAMERA_STILL_SHIFT = decimal(Section.ANALYSIS, "analysis.camera-still-shift",
            0.002, positive(), "Global motion, as a share of the frame width per frame, below which the camera counts "
                    + "as still (averaged over the camera window).");
    public static final Setting<Double> CAMERA_SHAKE_JITTER = decimal(Section.ANALYSIS, "analysis.camera-shake-jitter",
            0.004, positive(), "Spread of the global motion around its mean over the camera window, as a share of the "
                    + "frame width per frame, from which the camera counts as shaking (handheld).");
    public static final Setting<Integer> CAMERA_WINDOW_FRAMES = integer(Section.ANALYSIS,
            "analysis.camera-window-frames", 8, between(2, 64),
            "Recent frames the camera motion class is judged over.");
    public static final Setting<Double> CAMERA_ZOOM_RATE = decimal(Section.ANALYSIS, "analysis.camera-zoom-rate",
            0.005, positive(), "Zoom, as a change of scale per frame (0.01: the picture grows or shrinks by 1% a frame), "
                    + "from which the camera counts as zooming (averaged over the camera window).");
    public static final Setting<Integer> CANDIDATES_PER_SEGMENT = integer(Section.ANALYSIS,
            "analysis.candidates-per-segment", 2, atLeast(0),
            "M, best frames kept as candidates per segment between cuts of a chunk (0: none).");
    public static final Setting<Integer> THUMBNAIL_JPEG_QUALITY = integer(Section.ANALYSIS,
            "analysis.thumbnail-jpeg-quality", 80, between(0, 100), "JPEG quality of candidate thumbnails.");
    public static final Setting<Double> MIN_CANDIDATE_SPACING_SECONDS = decimal(Section.ANALYSIS,
            "analysis.min-candidate-spacing-seconds", 1.0, notNegative(),
            "Two candidates of a segment are at least this many seconds apart, so M picks are M moments, not "
                    + "M neighbours.");
    public static final Setting<Integer> CUT_GUARD_FRAMES = integer(Section.ANALYSIS, "analysis.cut-guard-frames", 2,
            atLeast(0), "Frames within this many frames of a cut (|frame - cut| <= guard) never become candidates.");
    public static final Setting<Double> MIN_CANDIDATE_BRIGHTNESS = decimal(Section.ANALYSIS,
            "analysis.min-candidate-brightness", 0.08, within(0, 1),
            "Darker frames (mean luma, 0..1) never become candidates: near black.");
    public static final Setting<Double> MAX_CANDIDATE_BRIGHTNESS = decimal(Section.ANALYSIS,
            "analysis.max-candidate-brightness", 0.95, within(0, 1),
            "Brighter frames (mean luma, 0..1) never become candidates: near white.");
    public static final Setting<Double> FALLBACK_FPS = decimal(Section.ANALYSIS, "analysis.fallback-fps", 25.0,
            positive(), "Frame rate assumed when a chunk's timestamps cannot tell.");

    // ---- hard-cut detector ----

    public static final Setting<Double> CUT_CHROMA_WEIGHT = decimal(Section.HARD_CUTS, "hardcut.chroma-weight", 1.0,
            notNegative(), "Weight of the chroma histogram distance in a frame's content score. The score is the "
                    + "weighted sum of five distances, each 0..1; on real footage it is typically 0.02..0.15 within "
                    + "a shot and 0.9..2.5 at a hard cut.");
    public static final Setting<Double> CUT_LUMA_HISTOGRAM_WEIGHT = decimal(Section.HARD_CUTS,
            "hardcut.luma-histogram-weight", 0.5, notNegative(), "Weight of the luma histogram distance.");
    public static final Setting<Double> CUT_LUMA_THUMBNAIL_WEIGHT = decimal(Section.HARD_CUTS,
            "hardcut.luma-thumbnail-weight", 2.0, notNegative(),
            "Weight of the luma thumbnail difference: the smallest of the distances at a cut, 0.1..0.3, but "
                    + "the most reliable one.");
    public static final Setting<Double> CUT_EDGE_WEIGHT = decimal(Section.HARD_CUTS, "hardcut.edge-weight", 0.25,
            notNegative(), "Weight of the edge map distance: it separates textures of the same palette, but it is "
                    + "also the component that rises most with camera motion and grain.");
    public static final Setting<Double> CUT_ADAPTIVE_RATIO = decimal(Section.HARD_CUTS, "hardcut.adaptive-ratio", 3.0,
            notNegative(), "Minimum ratio of a frame's score to the mean score of its neighbours (PySceneDetect's "
                    + "AdaptiveDetector default), so sustained change does not cut while a sudden spike does.");
    public static final Setting<Integer> CUT_WINDOW_FRAMES = integer(Section.HARD_CUTS, "hardcut.window-frames", 2,
            atLeast(1), "Neighbours on each side in that mean.");
    public static final Setting<Double> CUT_MIN_SCORE = decimal(Section.HARD_CUTS, "hardcut.min-score", 0.35,
            notNegative(), "Absolute floor on the content score of a cut.");
    public static final Setting<Integer> CUT_FLASH_MAX_FRAMES = integer(Section.HARD_CUTS, "hardcut.flash-max-frames",
            2, atLeast(0), "Longest flash, in frames, that is not a cut.");
    public static final Setting<Double> CUT_FLASH_RETURN_FRACTION = decimal(Section.HARD_CUTS,
            "hardcut.flash-return-fraction", 0.5, notNegative(),
            "A flash is recognised when the frames on either side of it differ by less than this fraction of "
                    + "the spike's score.");
    public static final Setting<Double> MIN_SHOT_SECONDS = option(decimal(Section.HARD_CUTS,
            "hardcut.min-shot-seconds", 0.4, notNegative(),
            "Shortest shot a hard cut may create, in seconds; of two cuts closer than this the earlier wins."),
            "--min-shot-seconds", "S");
    public static final Setting<Double> CUT_CHANGED_AREA_WEIGHT = decimal(Section.HARD_CUTS,
            "hardcut.changed-area-weight", 0.25, notNegative(),
            "Weight of the changed-area share: lifts a cut between look-alike shots, 0.3 on its own, over the "
                    + "floor, since such a cut still changes 70 % or more of the cells; within a shot the share "
                    + "is near 0, so the neighbours' mean barely moves.");
    public static final Setting<Integer> CUT_CELL_COLOUR_LEVELS = integer(Section.HARD_CUTS,
            "hardcut.cell-colour-levels", 12, atLeast(1),
            "Change of a grid cell's mean colour, |dY| + |dCr| + |dCb| in 8-bit levels, from which the cell "
                    + "counts as changed: a cell averages 400 analysis pixels, so grain moves its mean by a level "
                    + "or two.");
    public static final Setting<Double> CUT_CELL_EDGE_SHARE = decimal(Section.HARD_CUTS, "hardcut.cell-edge-share",
            0.25, aboveAtMost(0, 1), "Change of a grid cell's share of edge pixels from which it counts as changed.");
    public static final Setting<Double> CUT_MIN_CHANGED_AREA = decimal(Section.HARD_CUTS, "hardcut.min-changed-area",
            0.5, within(0, 1), "A cut must change at least this share of the grid cells (0 turns the rule off): cuts "
                    + "measured 0.72..1.0 on the generated suite and the real clips, fast objects inside a shot at "
                    + "most 0.31, so an object crossing the frame, however colourful, does not cut.");

    // ---- gradual-transition detector ----

    public static final Setting<Integer> MIN_DISSOLVE_FRAMES = integer(Section.GRADUAL, "gradual.min-dissolve-frames",
            4, atLeast(2), "Shortest dissolve, in frames; shorter ones are soft cuts. Changes below are in the "
                    + "units of FrameAnnotation.adjacentChange: two unrelated shots are typically 0.15..0.35 "
                    + "apart, frames of a steady shot 0.002..0.01.");
    public static final Setting<Integer> MIN_FADE_FRAMES = integer(Section.GRADUAL, "gradual.min-fade-frames", 3,
            atLeast(2), "Shortest fade, in frames.");
    public static final Setting<Integer> MAX_TRANSITION_FRAMES = integer(Section.GRADUAL,
            "gradual.max-transition-frames", 60, between(2, 1000),
            "Longest transition, in frames (at 25 fps, 25 frames are 1 s); bounds the detector's window and so "
                    + "the title state. At least the shortest dissolve and fade.");
    public static final Setting<Integer> MAX_HOLD_FRAMES = integer(Section.GRADUAL, "gradual.max-hold-frames", 90,
            between(0, 1000), "Longest stretch of solid black (white) frames between a fade out and a fade in that "
                    + "still makes them one transition, FADE_THROUGH_BLACK (WHITE), rather than two with a shot of "
                    + "black between; a longer hold is a shot of its own. A title holds its frames back while it "
                    + "waits for the fade in, so this also bounds that wait; 0 joins only fades that touch.");
    public static final Setting<Double> MIN_LONG_RANGE_CHANGE = decimal(Section.GRADUAL,
            "gradual.min-long-range-change", 0.02, notNegative(),
            "Smallest excess of a frame's long-range change over the shot's floor (its minimum over the "
                    + "preceding longest transition) that makes the frame active.");
    public static final Setting<Double> MIN_RELATIVE_EXCESS = decimal(Section.GRADUAL, "gradual.min-relative-excess",
            0.25, notNegative(), "The excess must also be at least this share of the floor: a shot with much "
                    + "motion needs a larger bump.");
    public static final Setting<Double> MIN_ADDITIVITY = decimal(Section.GRADUAL, "gradual.min-additivity", 0.5,
            within(0, 1), "Smallest ratio of a dissolve's total change D to the sum of its adjacent changes beyond "
                    + "the shots' own, capped at 1: a blend gives about 1, or more under heavy grain; a pan or "
                    + "motion that starts and stops well under one half.");
    public static final Setting<Double> JUMP_SHARE = decimal(Section.GRADUAL, "gradual.jump-share", 0.5, positive(),
            "A frame is a jump when its adjacent change is at least this share of its long-range change; also "
                    + "the largest share of a fade's depth one step may take.");
    public static final Setting<Double> MIN_JUMP = decimal(Section.GRADUAL, "gradual.min-jump", 0.02, notNegative(),
            "Smallest adjacent change that can be a jump.");
    public static final Setting<Double> MIN_DISSOLVE_CHANGE = decimal(Section.GRADUAL, "gradual.min-dissolve-change",
            0.025, notNegative(), "Smallest total change D of a dissolve.");
    public static final Setting<Double> MIN_DISSOLVE_FIT = decimal(Section.GRADUAL, "gradual.min-dissolve-fit", 0.7,
            Check.within(-1, 1), "Smallest R^2 of the trapezoid fit of a dissolve.");
    public static final Setting<Double> MIN_DIP = decimal(Section.GRADUAL, "gradual.min-dip", 0.15, notNegative(),
            "Smallest dip of luma variance or edge density mid-dissolve, as a share of the straight line "
                    + "between the shots: a blend of unrelated pictures gives about one half.");
    public static final Setting<Integer> MIN_FRAMES_FROM_CUT = integer(Section.GRADUAL, "gradual.min-frames-from-cut",
            6, between(0, 60), "Fewest frames between a hard cut and a gradual transition's start (or its end and "
                    + "the next cut): a change over the first frames after a cut is the new shot settling (its "
                    + "exposure or light changing), not a transition; no editor dissolves out of a shot of a "
                    + "fifth of a second. A transition closer to a cut than this is dropped "
                    + "(unless the cut is between two solid black or white frames: grain in a fade's hold). 0 keeps all.");
    public static final Setting<Double> DIP_FREE_CHANGE = decimal(Section.GRADUAL, "gradual.dip-free-change", 0.1,
            notNegative(), "A dissolve of at least this total change D whose trapezoid fit has R^2 of 0.99 or more "
                    + "and additivity of 0.8 or more needs no dip, if its whole trapezoid is seen (no jump "
                    + "hides the fall back to the new shot's level) or it touches a nearly black or white "
                    + "frame: a blend between shots that differ in colour only (same layout, matched luma) "
                    + "has none, and motion is neither that clean nor that additive. 0 turns the exemption off.");
    public static final Setting<Double> MIN_COVERAGE = decimal(Section.GRADUAL, "gradual.min-coverage", 0.6,
            within(0, 1), "Smallest median coverage (how evenly the long-range change spreads over a 4x4 grid, "
                    + "1/16..1) across a dissolve: a blend of two pictures changes the whole frame, an object "
                    + "crossing a still scene a part of it.");
    public static final Setting<Double> MIN_FADE_DEPTH = decimal(Section.GRADUAL, "gradual.min-fade-depth", 0.1,
            notNegative(), "Smallest change of the distance from flat over a fade.");
    public static final Setting<Double> MIN_FADE_FIT = decimal(Section.GRADUAL, "gradual.min-fade-fit", 0.85,
            Check.within(-1, 1), "Smallest R^2 of the ramp fit of a fade.");
    public static final Setting<Double> MAX_FADE_REVERSAL = decimal(Section.GRADUAL, "gradual.max-fade-reversal", 0.25,
            within(0, 1), "Largest share of a fade's steps that go the other way.");
    public static final Setting<Double> FLAT_MARGIN = decimal(Section.GRADUAL, "gradual.flat-margin", 0.06,
            within(0, 1), "A frame is flat black only if at most this bright (flat white: this far from white), "
                    + "and then with contrast at most gradual.flat-contrast or gradual.flat-share of its pixels "
                    + "near black (white): a picture dimmed to a fifth of its light is not black.");
    public static final Setting<Double> FLAT_CONTRAST = decimal(Section.GRADUAL, "gradual.flat-contrast", 0.03,
            within(0, 1), "See gradual.flat-margin.");
    public static final Setting<Double> FLAT_SHARE = decimal(Section.GRADUAL, "gradual.flat-share", 0.95,
            within(0, 1), "A frame within gradual.flat-margin of black (white) with at least this share of "
                    + "near-black (near-white) pixels is flat black (white).");

    // ---- quality scorer ----

    public static final Setting<String> QUALITY_PROFILE = option(name(Section.QUALITY, "quality.profile", "default",
            Check.oneOf(WeightProfile.names()), "Named set of quality weights titles are scored with (WeightProfile; the "
                    + "ranking docs and ava config list what each moves and why). A weight set explicitly still "
                    + "wins over the profile. A live title can name its own (ava ingest --profile), which wins over "
                    + "this one."), "--profile", "NAME");

    public static final Setting<Double> EXPOSURE_WEIGHT = decimal(Section.QUALITY, "quality.exposure-weight", 1.0,
            notNegative(), "Weight of exposure (distance of the mean luma from the target).");
    public static final Setting<Double> TARGET_BRIGHTNESS = decimal(Section.QUALITY, "quality.target-brightness",
            0.45, within(0, 1), "Mean luma (0..1) of a well-exposed still.");
    public static final Setting<Double> EXPOSURE_TOLERANCE = decimal(Section.QUALITY, "quality.exposure-tolerance",
            0.35, positive(), "Distance from the target brightness at which exposure scores 0.");
    public static final Setting<Double> CONTRAST_WEIGHT = decimal(Section.QUALITY, "quality.contrast-weight", 1.0,
            notNegative(), "Weight of contrast.");
    public static final Setting<Double> GOOD_CONTRAST = decimal(Section.QUALITY, "quality.good-contrast", 0.22,
            positive(), "Luma standard deviation (0..1) that scores full contrast.");
    public static final Setting<Double> COLOURFULNESS_WEIGHT = decimal(Section.QUALITY, "quality.colourfulness-weight",
            0.5, notNegative(), "Weight of colourfulness, lower than the others: a monochrome film is not a bad film.");
    public static final Setting<Double> GOOD_COLOURFULNESS = decimal(Section.QUALITY, "quality.good-colourfulness",
            0.5, positive(), "Colourfulness that scores full marks (\"quite colourful\" on Hasler and "
                    + "Suesstrunk's scale).");
    public static final Setting<Double> SHARPNESS_WEIGHT = decimal(Section.QUALITY, "quality.sharpness-weight", 1.5,
            notNegative(), "Weight of sharpness, the highest: blur is the commonest reason a frame is unusable.");
    public static final Setting<Double> STILLNESS_WEIGHT = decimal(Section.QUALITY, "quality.stillness-weight", 1.0,
            notNegative(), "Weight of stillness (little motion against the previous frame).");
    public static final Setting<Double> FULL_MOTION = decimal(Section.QUALITY, "quality.full-motion", 0.08,
            positive(), "Motion (mean luma change, 0..1) at which stillness scores 0.");
    public static final Setting<Double> NEAR_BLACK_WEIGHT = decimal(Section.QUALITY, "quality.near-black-weight", 3.0,
            notNegative(), "Weight of the near-black penalty.");
    public static final Setting<Double> NEAR_BLACK_BRIGHTNESS = decimal(Section.QUALITY,
            "quality.near-black-brightness", 0.12, aboveAtMost(0, 1), "Brightness below which the near-black "
                    + "penalty starts.");
    public static final Setting<Double> NEAR_WHITE_WEIGHT = decimal(Section.QUALITY, "quality.near-white-weight", 3.0,
            notNegative(), "Weight of the near-white penalty.");
    public static final Setting<Double> NEAR_WHITE_BRIGHTNESS = decimal(Section.QUALITY,
            "quality.near-white-brightness", 0.90, strictlyWithin(0, 1), "Brightness above which the near-white "
                    + "penalty starts.");
    public static final Setting<Double> TRANSITION_WEIGHT = decimal(Section.QUALITY, "quality.transition-weight", 1.5,
            notNegative(), "Weight of the penalty on frames next to a cut.");
    public static final Setting<Integer> TRANSITION_FRAMES = integer(Section.QUALITY, "quality.transition-frames", 6,
            atLeast(0), "N, frames on either side of a cut that are penalised.");

    // ---- content of model frames (ContentScorer) ----

    public static final Setting<Double> FACE_WEIGHT = decimal(Section.QUALITY, "quality.face-weight", 2.0,
            notNegative(), "Weight of the face component: how good a still the largest face makes (open eyes, "
                    + "frontal to three-quarter pose, a clear expression, a sharp face, a visible size; halved when "
                    + "the frame cuts the face off). Frames without a face get no face score.");
    public static final Setting<Double> GOOD_FACE_SHARE = decimal(Section.QUALITY, "quality.good-face-share", 0.03,
            strictlyWithin(0, 1), "Share of the frame from which a face is big enough to count in full; a "
                    + "smaller face (an extra in the background) counts in proportion.");
    public static final Setting<Double> FRONTAL_YAW = decimal(Section.QUALITY, "quality.frontal-yaw", 30.0,
            strictlyWithin(0, 90), "Head yaw in degrees up to which a face counts as frontal or three-quarter; "
                    + "the pose part falls to 0 at twice this (a profile).");
    public static final Setting<Double> MAIN_CHARACTER_WEIGHT = decimal(Section.QUALITY,
            "quality.main-character-weight", 1.5, notNegative(), "Weight of the mainCharacter component, added by "
                    + "the title operator: the screen presence of the candidate's character (its model frames over "
                    + "the lead's, as far as the title has been seen), so the lead's stills outrank an extra's.");
    public static final Setting<Double> PLACEMENT_WEIGHT = decimal(Section.QUALITY, "quality.placement-weight", 0.5,
            notNegative(), "Weight of the subject's rule-of-thirds placement (subjectThirdsScore).");
    public static final Setting<Double> SUBJECT_BLUR_WEIGHT = decimal(Section.QUALITY, "quality.subject-blur-weight",
            1.0, notNegative(), "Weight of the penalty on a smeared subject (motionBlur), which rises from "
                    + "quality.subject-blur-start to full at 0.4 above it.");
    public static final Setting<Double> SUBJECT_BLUR_START = decimal(Section.QUALITY, "quality.subject-blur-start",
            0.3, within(0, 1), "motionBlur below which the subject counts as sharp: sharp texture and a defocused "
                    + "background read up to about 0.15, a ten-pixel smear 0.4 and more.");
    public static final Setting<Double> TEXT_WEIGHT = decimal(Section.QUALITY, "quality.text-weight", 2.0,
            notNegative(), "Weight of the penalty on burnt-in text, title cards and logos: full when text covers "
                    + "a tenth of the frame.");
    public static final Setting<Double> MAX_TEXT_COVERAGE = decimal(Section.QUALITY, "quality.max-text-coverage",
            0.15, within(0, 1), "Share of the frame under text from which a candidate is excluded (a title card).");
    public static final Setting<Double> NUDITY_WEIGHT = decimal(Section.QUALITY, "quality.nudity-weight", 3.0,
            notNegative(), "Weight of the penalty on explicit content, rising from quality.nudity-start to full at "
                    + "0.5 above it.");
    public static final Setting<Double> NUDITY_START = decimal(Section.QUALITY, "quality.nudity-start", 0.3,
            within(0, 1), "nudityExplicit from which the nudity penalty starts. Where no person is in view (no "
                    + "face, no person box) the probability is discounted fivefold: the classifier reads some "
                    + "cartoon skies and ships as explicit, and there is no nudity without a body.");
    public static final Setting<Double> MAX_NUDITY = decimal(Section.QUALITY, "quality.max-nudity", 0.8,
            within(0, 1), "nudityExplicit (after the discount) from which a candidate is excluded.");

    // ---- title and pool ----

    public static final Setting<Integer> TOP_K = option(integer(Section.TITLE, "title.top-k", 12, atLeast(1),
            "Stills in each published candidate set (K)."), "--top-k", "K");
    public static final Setting<Integer> POOL_PER_SHOT = integer(Section.TITLE, "title.pool-per-shot", 2, atLeast(1),
            "Best frames of each shot kept in the candidate pool.");
    public static final Setting<Integer> POOL_SIZE = option(integer(Section.TITLE, "title.pool-size", 240, atLeast(1),
            "Candidate pool entries kept per title in all (at least K): bounds the state whatever the title's "
                    + "length."), "--pool-size", "N");
    public static final Setting<Double> NEAR_DUPLICATE_DISTANCE = decimal(Section.TITLE,
            "title.near-duplicate-distance", 0.12, notNegative(),
            "Appearance distance below which two frames count as the same picture and only one is picked: above "
                    + "the spread of a static shot, below the distance between different set-ups.");
    public static final Setting<Integer> NEAR_DUPLICATE_HAMMING = integer(Section.TITLE, "title.near-duplicate-hamming", 10,
            atLeast(-1),
            "Perceptual-hash distance (bits of 64 that differ) at or below which two frames count as the same picture, "
                    + "in one shot or across shots, besides the appearance rule (title.near-duplicate-distance): the "
                    + "same frame re-encoded or slightly blurred stays under it, different scenes differ in about 32 "
                    + "bits (-1: the hash rule is off).");
    public static final Setting<Double> DIVERSITY_WEIGHT = decimal(Section.TITLE, "title.diversity-weight", 1.0, notNegative(),
            "Weight of variety against score in the top-K's greedy selection (MMR): each pick maximises its score "
                    + "relative to the pool's best minus this weight times its similarity to the stills already "
                    + "picked (0: pure score order).");
    public static final Setting<Double> FILL_MIN_SCORE_SHARE = decimal(Section.TITLE, "title.fill-min-score-share", 0.5,
            within(0, 1), "When the title has fewer shots than K and the top-K takes further frames of shots already "
                    + "picked, the least share of the score of its shot's pick such a frame must reach: a second still "
                    + "of a shot is at least this good or the set stays shorter (0: no floor).");
    public static final Setting<Double> KEEP_MARGIN = decimal(Section.TITLE, "title.keep-margin", 0.15, notNegative(),
            "Hysteresis of the published set: a still already published ranks as if it scored this much more, so "
                    + "a challenger must beat it by more than the margin to take its place, and stills do not flip "
                    + "in and out between updates over small differences (0: no hysteresis). A title's final set "
                    + "is picked without it, so it does not depend on how chunks were grouped into updates.");
    // ---- canvas crops ----

    public static final Setting<Double> CROP_FACE_MARGIN = decimal(Section.CROPS, "crop.face-margin", 0.2, within(0, 1),
            "Share of a face box's width (or height) added on each side as the head around it: a face counts as "
                    + "inside a crop only with that margin in it (dropped where no placement keeps every margin).");
    public static final Setting<Double> CROP_FACES_KEPT_WEIGHT = decimal(Section.CROPS, "crop.faces-kept-weight", 3.0,
            notNegative(), "Weight of the facesKept component: the share of the face area a crop keeps whole, the "
                    + "largest face counted twice.");
    public static final Setting<Double> CROP_PLACEMENT_WEIGHT = decimal(Section.CROPS, "crop.placement-weight", 1.0,
            notNegative(), "Weight of the crop's subjectPlacement component: full with the subject on its target line (a "
                    + "third with room where a face looks, or the centre), none half a crop away.");
    public static final Setting<Double> CROP_PERSON_WEIGHT = decimal(Section.CROPS, "crop.person-weight", 1.0,
            notNegative(), "Weight of the personKept component: the share of the tallest person box a crop keeps.");
    public static final Setting<Double> CROP_SALIENCY_WEIGHT = decimal(Section.CROPS, "crop.saliency-weight", 0.5,
            notNegative(), "Weight of the saliencyKept component: whether the salient region's centroid is in the crop.");
    public static final Setting<Double> CROP_CENTRE_WEIGHT = decimal(Section.CROPS, "crop.centre-weight", 0.1,
            notNegative(), "Weight of the centred component, a tie-break towards the frame's centre.");

    public static final Setting<Boolean> PUBLISH_FRAMES = flag(Section.TITLE, "title.publish-frames", true,
            "Publish every analysed frame's annotation (FrameRecord) on ava.frames, in frame order, as the title "
                    + "fold settles it: what ava search and the preview's query box search. One record per frame, "
                    + "far more than the other topics carry (about 1 KB a frame); turn it off where nothing "
                    + "searches the frames.");

    // ---- checkpointing and runtime ----

    public static final Setting<Integer> PARALLELISM = option(new Setting<>("runtime.parallelism", Section.RUNTIME,
            Integer.class, null, "number of cores",
            "Task slots for decoding and ranking (AvaJobMain: the cluster's default parallelism when not given).",
            atLeast(1), null, null), "--parallelism", "N");
    public static final Setting<Duration> CHECKPOINT_INTERVAL = option(duration(Section.RUNTIME,
            "runtime.checkpoint-interval", Duration.ofSeconds(2),
            "How often state is checkpointed and Kafka transactions commit: the latency floor of an update seen "
                    + "by a read-committed consumer."), "--checkpoint-interval", "DURATION");
    public static final Setting<Duration> IDLE_TIMEOUT = option(duration(Section.RUNTIME, "runtime.idle-timeout",
            Duration.ofMinutes(30), "A title that receives no chunk for this long is closed with what it has. "
                    + "Live, this counts the chunk events' publish times (their Kafka record times): the title closes "
                    + "once events published this long after its last chunk have been read, so chunks still waiting "
                    + "in Kafka behind a backlog, or published while the job was down, are never taken as missing."),
            "--idle-timeout", "DURATION");
    public static final Setting<Duration> QUIET_TIMEOUT = option(duration(Section.RUNTIME, "runtime.quiet-timeout",
            Duration.ofHours(2), "Live: when no newer chunk event at all is read for this long (the whole stream "
                    + "is quiet, so its publish times stand still), an open title closes anyway, this long after "
                    + "its last chunk by the clock; never sooner than runtime.idle-timeout."),
            "--quiet-timeout", "DURATION");

    // ---- model annotators ----

    public static final Setting<Boolean> MODELS_ENABLED = flag(Section.MODELS, "models.enabled", true,
            "Run the model annotators (faces, objects, text, nudity, shot type). Off, frames get only the pixel "
                    + "annotators, and the model fields keep their 'not measured' defaults.");
    public static final Setting<Double> MODEL_STRIDE_SECONDS = decimal(Section.MODELS, "models.stride-seconds", 1.0,
            notNegative(), "Run the models on one frame every this many seconds of the title (frames whose index is "
                    + "a multiple of the stride in frames, so the choice does not depend on chunking), besides the "
                    + "frames kept as candidates and shot key frames, which always get them. 0: on those only.");
    public static final Setting<Integer> MAX_FACES = integer(Section.MODELS, "models.max-faces", 8, between(1, 32),
            "Faces analysed per frame, largest first (each costs a mesh, an expression and an identity run).");
    public static final Setting<Double> MIN_MESH_SCORE = decimal(Section.MODELS, "models.min-mesh-score", 0.5,
            within(0, 1), "A detected face is kept when the mesh model's face probability reaches this: the "
                    + "detector's false positives rarely pass the mesh.");
    public static final Setting<Double> MIN_OBJECT_SCORE = decimal(Section.MODELS, "models.min-object-score", 0.3,
            within(0, 1), "Objects below this detection confidence are dropped.");
    public static final Setting<Double> FACE_TRACK_SIMILARITY = decimal(Section.MODELS,
            "models.face-track-similarity", 0.7, within(-1, 1),
            "Cosine similarity of identity embeddings from which a face continues a track of the same shot: "
                    + "faceres embeddings of one person score above it even blurred, of two people below (the "
                    + "test photos' different people reach 0.61; a box in the same place helps, see docs).");
    public static final Setting<Double> SHOT_EXTREME_CLOSE_UP = decimal(Section.MODELS,
            "models.shot-extreme-close-up", 0.55, strictlyWithin(0, 1),
            "Face height (share of the frame height) from which a frame is an extreme close-up.");
    public static final Setting<Double> SHOT_CLOSE_UP = decimal(Section.MODELS, "models.shot-close-up", 0.22,
            strictlyWithin(0, 1), "Face height from which a frame is a close-up (head and shoulders).");
    public static final Setting<Double> SHOT_MEDIUM = decimal(Section.MODELS, "models.shot-medium", 0.09,
            strictlyWithin(0, 1), "Face height from which a frame is a medium shot (waist up); a smaller face, "
                    + "or none, leaves the shot type to the tallest person.");
    public static final Setting<Double> SHOT_MEDIUM_PERSON = decimal(Section.MODELS, "models.shot-medium-person",
            0.85, strictlyWithin(0, 1), "Person height from which a frame without a usable face is a medium shot "
                    + "(the person fills the frame's height: cut off by it).");
    public static final Setting<Double> SHOT_LONG_PERSON = decimal(Section.MODELS, "models.shot-long-person", 0.3,
            strictlyWithin(0, 1), "Person height from which a frame is a long shot (the whole figure); a smaller "
                    + "person makes an extreme long shot.");

    // ---- defaults of the live job ----

    /**
     * Defaults that differ in the live job ({@code ava live}, {@code ava bench-latency}), under what the
     * command line sets.
     */
    public static final List<ProfileDefault<?>> LIVE_DEFAULTS = List.of(
            new ProfileDefault<>(DECODER_THREADS, 2, "A live chunk is decoded while few others are (chunks "
                    + "arrive as they are ingested), so FFmpeg threads per chunk use cores that would idle."));

    private static final Map<String, Setting<?>> BY_KEY = index();

    /** Every setting, by section, in declaration order. */
    public static List<Setting<?>> all() {
        return Collections.unmodifiableList(ALL);
    }

    /** The setting with this key, or an error that lists where to look. */
    public static Setting<?> byKey(String key) {
        Setting<?> s = BY_KEY.get(key);
        if (s == null) throw new IllegalArgumentException("no setting '" + key + "' (ava config lists them all)");
        return s;
    }

    private static Map<String, Setting<?>> index() {
        Map<String, Setting<?>> m = new LinkedHashMap<>();
        for (Setting<?> s : ALL) {
            if (m.put(s.key(), s) != null) throw new IllegalStateException("duplicate setting " + s.key());
        }
        return m;
    }

    private static Setting<Integer> integer(Section section, String key, int def, Check<Integer> check, String doc) {
        return register(new Setting<>(key, section, Integer.class, def, null, doc, check, null, null));
    }

    private static Setting<Double> decimal(Section section, String key, double def, Check<Double> check, String doc) {
        return register(new Setting<>(key, section, Double.class, def, null, doc, check, null, null));
    }

    private static Setting<Boolean> flag(Section section, String key, boolean def, String doc) {
        return register(new Setting<>(key, section, Boolean.class, def, null, doc, Check.trueOrFalse(), null, null));
    }

    private static Setting<String> name(Section section, String key, String def, Check<String> check, String doc) {
        return register(new Setting<>(key, section, String.class, def, null, doc, check, null, null));
    }

    private static Setting<Duration> duration(Section section, String key, Duration def, String doc) {
        return register(new Setting<>(key, section, Duration.class, def, null, doc, Check.positiveDuration(), null,
                null));
    }

    /** The setting, registered with a dedicated command-line option (replacing its plain registration). */
    private static <T> Setting<T> option(Setting<T> s, String option, String paramLabel) {
        ALL.remove(s);
        return register(new Setting<>(s.key(), s.section(), s.type(), s.hasFixedDefault() ? s.defaultValue() : null,
                s.defaultText(), s.doc(), s.check(), option, paramLabel));
    }

    private static <T> Setting<T> register(Setting<T> s) {
        ALL.add(s);
        return s;
    }
}
