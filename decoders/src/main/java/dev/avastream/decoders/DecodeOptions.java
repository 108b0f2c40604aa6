package dev.avastream.decoders;

import java.io.Serializable;

/**
 * How a {@link ChunkDecoder} decodes.
 *
 * <p>The pipeline's values are settings (analysis.width, analysis.decoder-threads in the operators'
 * Tunables, where their defaults are written); this library has no defaults of its own.
 *
 * @param analysisWidth       width of the frames handed to the sink; the height follows the display
 *                            aspect ratio (rotation and pixel aspect applied), rounded to an even
 *                            number; 0 = the stream's own size, rotated upright
 * @param decoderThreads      FFmpeg decoder threads (0: FFmpeg's choice)
 * @param failOnMissingFrames when true, a chunk whose own frames are not all decoded
 *                            (truncated or damaged file) ends with a {@link VideoDecodeException}
 *                            after the frames that could be decoded were emitted; when false,
 *                            {@code decode} returns normally and {@link ChunkDecodeStats#missingFrames()}
 *                            says how many are missing. Either way no frame is ever emitted under a
 *                            wrong index.
 * @param loopFilterSkip      frames decoded without their deblocking filter ({@link LoopFilterSkip})
 * @param scaler              how frames are reduced to {@code analysisWidth} ({@link AnalysisScaler})
 */
public record DecodeOptions(int analysisWidth, int decoderThreads, boolean failOnMissingFrames,
                            LoopFilterSkip loopFilterSkip, AnalysisScaler scaler) implements Serializable {
    public DecodeOptions {
        if (analysisWidth < 0 || analysisWidth == 1) throw new IllegalArgumentException("analysisWidth must be 0 or >= 2: " + analysisWidth);
        if (decoderThreads < 0) throw new IllegalArgumentException("decoderThreads must be >= 0 (0 = FFmpeg's choice): " + decoderThreads);
        java.util.Objects.requireNonNull(loopFilterSkip, "loopFilterSkip");
        java.util.Objects.requireNonNull(scaler, "scaler");
    }

    /** Every frame decoded exactly as encoded, reduced by swscale. */
    public DecodeOptions(int analysisWidth, int decoderThreads, boolean failOnMissingFrames) {
        this(analysisWidth, decoderThreads, failOnMissingFrames, LoopFilterSkip.NONE, AnalysisScaler.SWSCALE);
    }

    public DecodeOptions withAnalysisWidth(int w) { return new DecodeOptions(w, decoderThreads, failOnMissingFrames, loopFilterSkip, scaler); }

    public DecodeOptions withDecoderThreads(int t) { return new DecodeOptions(analysisWidth, t, failOnMissingFrames, loopFilterSkip, scaler); }

    public DecodeOptions withFailOnMissingFrames(boolean f) { return new DecodeOptions(analysisWidth, decoderThreads, f, loopFilterSkip, scaler); }

    public DecodeOptions withLoopFilterSkip(LoopFilterSkip s) { return new DecodeOptions(analysisWidth, decoderThreads, failOnMissingFrames, s, scaler); }

    public DecodeOptions withScaler(AnalysisScaler s) { return new DecodeOptions(analysisWidth, decoderThreads, failOnMissingFrames, loopFilterSkip, s); }
}
