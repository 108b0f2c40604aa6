package dev.avastream.decoders;

/**
 * How decoded frames are reduced to the analysis width. Both end in swscale's bilinear scaler and
 * colour conversion; they differ in what it is given and in cost, which docs/benchmarks.md measures.
 */
public enum AnalysisScaler {
    /**
     * An 8-bit YUV 4:2:0 frame is first halved by 2x2 averaging of each plane while it stays at least
     * twice the analysis size ({@link PlaneHalver}); swscale does the rest. Frames up to four times
     * the analysis size, and other pixel formats, go to swscale as they are.
     */
    HALVING,
    /** FFmpeg's swscale alone, bilinear, scaling and converting colour in one pass. */
    SWSCALE;

    /** The value named {@code name}, case-insensitive ({@code halving}, {@code swscale}). */
    public static AnalysisScaler of(String name) {
        return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
