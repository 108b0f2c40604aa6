package dev.avastream.operators.chunk;

import dev.avastream.operators.annotate.FrameFeatureExtractor;
import dev.avastream.operators.annotate.TransitionSignalTracker;
import dev.avastream.operators.rank.FrameQualityScorer;
import dev.avastream.operators.shots.HardCutDetector;

import java.io.Serializable;

/**
 * Everything a {@link ChunkAnalyzer} needs to know besides the chunk, with defaults in
 * {@link #defaults()}. Serializable so a Flink job can ship it to its tasks.
 *
 * @param features                   feature extraction (histogram bins, thumbnail and edge settings)
 * @param detector                   shot boundary detection
 * @param quality                    still quality scoring
 * @param candidatesPerSegment       M, best frames kept per segment between cuts (default 2)
 * @param thumbnailJpegQuality       JPEG quality of candidate thumbnails, 0..100 (default 80)
 * @param minCandidateSpacingSeconds two candidates of a segment are at least this far apart
 *                                   (default 1.0 s), so M picks are M moments, not M neighbours
 * @param cutGuardFrames             frames within this many frames of a cut (|frame - cut| <= guard)
 *                                   never become candidates (default 2)
 * @param minCandidateBrightness     darker frames never become candidates (default 0.08: near black)
 * @param maxCandidateBrightness     brighter frames never become candidates (default 0.95: near white)
 * @param fallbackFps                frame rate assumed when the chunk's timestamps cannot tell
 *                                   (default 25)
 * @param transitions                per-frame signals for gradual-transition detection (the span of
 *                                   the long-range change)
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
        TransitionSignalTracker.Params transitions) implements Serializable {

    public AnalysisConfig {
        if (candidatesPerSegment < 0 || thumbnailJpegQuality < 0 || thumbnailJpegQuality > 100
                || minCandidateSpacingSeconds < 0 || cutGuardFrames < 0 || !(fallbackFps > 0)) {
            throw new IllegalArgumentException("invalid analysis configuration " + this);
        }
        if (transitions == null) transitions = TransitionSignalTracker.Params.defaults();
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
        return new AnalysisConfig(FrameFeatureExtractor.Params.defaults(), HardCutDetector.Params.defaults(),
                FrameQualityScorer.Params.defaults(), 2, 80, 1.0, 2, 0.08, 0.95, 25.0,
                TransitionSignalTracker.Params.defaults());
    }

    public AnalysisConfig withDetector(HardCutDetector.Params detector) {
        return new AnalysisConfig(features, detector, quality, candidatesPerSegment, thumbnailJpegQuality,
                minCandidateSpacingSeconds, cutGuardFrames, minCandidateBrightness, maxCandidateBrightness, fallbackFps, transitions);
    }

    public AnalysisConfig withQuality(FrameQualityScorer.Params quality) {
        return new AnalysisConfig(features, detector, quality, candidatesPerSegment, thumbnailJpegQuality,
                minCandidateSpacingSeconds, cutGuardFrames, minCandidateBrightness, maxCandidateBrightness, fallbackFps, transitions);
    }

    public AnalysisConfig withCandidates(int perSegment, double minSpacingSeconds) {
        return new AnalysisConfig(features, detector, quality, perSegment, thumbnailJpegQuality,
                minSpacingSeconds, cutGuardFrames, minCandidateBrightness, maxCandidateBrightness, fallbackFps, transitions);
    }

    public AnalysisConfig withTransitions(TransitionSignalTracker.Params transitions) {
        return new AnalysisConfig(features, detector, quality, candidatesPerSegment, thumbnailJpegQuality,
                minCandidateSpacingSeconds, cutGuardFrames, minCandidateBrightness, maxCandidateBrightness, fallbackFps,
                transitions);
    }

    /** Frames around a cut that a decision about a candidate must see: guard and penalty reach. */
    int cutReachFrames() {
        return Math.max(cutGuardFrames, quality.transitionFrames());
    }
}
