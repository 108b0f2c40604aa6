package dev.avastream.operators.chunk;

import dev.avastream.operators.annotate.FrameFeatureExtractor;
import dev.avastream.operators.annotate.TransitionSignalTracker;
import dev.avastream.operators.rank.ContentScorer;
import dev.avastream.operators.rank.FrameQualityScorer;
import dev.avastream.operators.shots.HardCutDetector;

import dev.avastream.operators.config.Setting;
import dev.avastream.operators.config.SettingValues;
import dev.avastream.operators.config.Tunables;

import java.io.Serializable;

/**
 * Everything a {@link ChunkAnalyzer} needs to know besides the chunk. Each plain component is the
 * {@link Tunables} setting named after it ({@code analysis.*}), where its default, meaning and valid
 * range are written once; {@link #defaults()} and {@link #from} take them from there. Serializable so
 * a Flink job can ship it to its tasks.
 *
 * @param features                   feature extraction
 * @param detector                   shot boundary detection
 * @param quality                    still quality scoring
 * @param candidatesPerSegment       {@link Tunables#CANDIDATES_PER_SEGMENT}
 * @param thumbnailJpegQuality       {@link Tunables#THUMBNAIL_JPEG_QUALITY}
 * @param minCandidateSpacingSeconds {@link Tunables#MIN_CANDIDATE_SPACING_SECONDS}
 * @param cutGuardFrames             {@link Tunables#CUT_GUARD_FRAMES}
 * @param minCandidateBrightness     {@link Tunables#MIN_CANDIDATE_BRIGHTNESS}
 * @param maxCandidateBrightness     {@link Tunables#MAX_CANDIDATE_BRIGHTNESS}
 * @param fallbackFps                {@link Tunables#FALLBACK_FPS}
 * @param transitions                per-frame signals for gradual-transition detection (the span of
 *                                   the long-range change)
 * @param modelStrideSeconds         {@link Tunables#MODEL_STRIDE_SECONDS}: which frames are model frames
 *                                   ({@code ModelFrame}), a choice of the analyser, not of an annotator
 * @param content                    what model frames' content adds to or takes from a candidate's score
 *                                   ({@link ContentScorer}), and what excludes it
 * @param values                     the setting values this configuration was built from; an annotator
 *                                   reads its own settings from them when it is registered
 *                                   ({@link ChunkAnnotators}), so a new annotator's tunable needs no new
 *                                   component here
 */
public record AnalysisConfig(
        FrameFeatureExtractor.Params features,
        HardCutDetector.Params detector,
        FrameQualityScorer.Params quality,
        int candidatesPerSegment,
        int thumbnailJpegQuality,
        double minCandidateSpacingSeconds,
        int cutGuardFrames,
        double minCandidateBrightness,
        double maxCandidateBrightness,
        double fallbackFps,
        TransitionSignalTracker.Params transitions,
        double modelStrideSeconds,
        ContentScorer.Params content,
        SettingValues values) implements Serializable {

    public AnalysisConfig {
        Setting.check(Tunables.CANDIDATES_PER_SEGMENT, candidatesPerSegment);
        Setting.check(Tunables.THUMBNAIL_JPEG_QUALITY, thumbnailJpegQuality);
        Setting.check(Tunables.MIN_CANDIDATE_SPACING_SECONDS, minCandidateSpacingSeconds);
        Setting.check(Tunables.CUT_GUARD_FRAMES, cutGuardFrames);
        Setting.check(Tunables.MIN_CANDIDATE_BRIGHTNESS, minCandidateBrightness);
        Setting.check(Tunables.MAX_CANDIDATE_BRIGHTNESS, maxCandidateBrightness);
        Setting.check(Tunables.FALLBACK_FPS, fallbackFps);
        Setting.check(Tunables.MODEL_STRIDE_SECONDS, modelStrideSeconds);
        if (transitions == null) transitions = TransitionSignalTracker.Params.defaults();
        if (content == null) content = ContentScorer.Params.defaults();
        if (values == null) values = SettingValues.defaults();
    }

    /** The configuration with these components and every annotator's own settings at their defaults. */
    public AnalysisConfig(FrameFeatureExtractor.Params features, HardCutDetector.Params detector,
                          FrameQualityScorer.Params quality, int candidatesPerSegment, int thumbnailJpegQuality,
                          double minCandidateSpacingSeconds, int cutGuardFrames, double minCandidateBrightness,
                          double maxCandidateBrightness, double fallbackFps, TransitionSignalTracker.Params transitions) {
        this(features, detector, quality, candidatesPerSegment, thumbnailJpegQuality, minCandidateSpacingSeconds,
                cutGuardFrames, minCandidateBrightness, maxCandidateBrightness, fallbackFps, transitions,
                Tunables.MODEL_STRIDE_SECONDS.defaultValue(), ContentScorer.Params.defaults(), SettingValues.defaults());
    }

    /** The configuration with the default transition signals (the components before they existed). */
    public AnalysisConfig(FrameFeatureExtractor.Params features, HardCutDetector.Params detector,
                          FrameQualityScorer.Params quality, int candidatesPerSegment, int thumbnailJpegQuality,
                          double minCandidateSpacingSeconds, int cutGuardFrames, double minCandidateBrightness,
                          double maxCandidateBrightness, double fallbackFps) {
        this(features, detector, quality, candidatesPerSegment, thumbnailJpegQuality, minCandidateSpacingSeconds,
                cutGuardFrames, minCandidateBrightness, maxCandidateBrightness, fallbackFps,
                TransitionSignalTracker.Params.defaults());
    }

    public static AnalysisConfig defaults() {
        return from(SettingValues.defaults());
    }

    /** The analysis configuration as {@code values} set it. */
    public static AnalysisConfig from(SettingValues v) {
        return new AnalysisConfig(FrameFeatureExtractor.Params.from(v), HardCutDetector.Params.from(v),
                FrameQualityScorer.Params.from(v), v.get(Tunables.CANDIDATES_PER_SEGMENT),
                v.get(Tunables.THUMBNAIL_JPEG_QUALITY), v.get(Tunables.MIN_CANDIDATE_SPACING_SECONDS),
                v.get(Tunables.CUT_GUARD_FRAMES), v.get(Tunables.MIN_CANDIDATE_BRIGHTNESS),
                v.get(Tunables.MAX_CANDIDATE_BRIGHTNESS), v.get(Tunables.FALLBACK_FPS),
                TransitionSignalTracker.Params.from(v), v.get(Tunables.MODEL_STRIDE_SECONDS), ContentScorer.Params.from(v), v);
    }

    public AnalysisConfig withDetector(HardCutDetector.Params detector) {
        return new AnalysisConfig(features, detector, quality, candidatesPerSegment, thumbnailJpegQuality,
                minCandidateSpacingSeconds, cutGuardFrames, minCandidateBrightness, maxCandidateBrightness, fallbackFps, transitions, modelStrideSeconds, content, values);
    }

    public AnalysisConfig withQuality(FrameQualityScorer.Params quality) {
        return new AnalysisConfig(features, detector, quality, candidatesPerSegment, thumbnailJpegQuality,
                minCandidateSpacingSeconds, cutGuardFrames, minCandidateBrightness, maxCandidateBrightness, fallbackFps, transitions, modelStrideSeconds, content, values);
    }

    public AnalysisConfig withCandidates(int perSegment, double minSpacingSeconds) {
        return new AnalysisConfig(features, detector, quality, perSegment, thumbnailJpegQuality,
                minSpacingSeconds, cutGuardFrames, minCandidateBrightness, maxCandidateBrightness, fallbackFps, transitions, modelStrideSeconds, content, values);
    }

    public AnalysisConfig withTransitions(TransitionSignalTracker.Params transitions) {
        return new AnalysisConfig(features, detector, quality, candidatesPerSegment, thumbnailJpegQuality,
                minCandidateSpacingSeconds, cutGuardFrames, minCandidateBrightness, maxCandidateBrightness, fallbackFps,
                transitions, modelStrideSeconds, content, values);
    }

    /** The weight profile the scorers were built with ({@link Tunables#QUALITY_PROFILE}). */
    public String profile() {
        return values.get(Tunables.QUALITY_PROFILE);
    }

    /**
     * This configuration for a title scored with another weight profile: the quality and content
     * scorers rebuilt from {@link #values()} with {@code profile} (what the values set explicitly still
     * wins); this one when the profile is already its own.
     *
     * @throws IllegalArgumentException for a profile that does not exist, naming the known ones
     */
    public AnalysisConfig forProfile(String profile) {
        if (profile.equals(profile())) return this;
        if (!dev.avastream.operators.config.WeightProfile.known(profile)) {
            dev.avastream.operators.config.WeightProfile.named(profile); // throws, naming the known ones
        }
        SettingValues v = values.with(Tunables.QUALITY_PROFILE, profile);
        return new AnalysisConfig(features, detector, FrameQualityScorer.Params.from(v), candidatesPerSegment,
                thumbnailJpegQuality, minCandidateSpacingSeconds, cutGuardFrames, minCandidateBrightness,
                maxCandidateBrightness, fallbackFps, transitions, modelStrideSeconds, ContentScorer.Params.from(v), v);
    }

    /** Frames around a cut that a decision about a candidate must see: guard and penalty reach. */
    int cutReachFrames() {
        return Math.max(cutGuardFrames, quality.transitionFrames());
    }
}
