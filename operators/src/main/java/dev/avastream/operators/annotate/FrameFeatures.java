package dev.avastream.operators.annotate;

/**
 * Compact, pixel-free features of one frame, kept on the Java heap so the shot detector can hold a
 * few frames of history and look-ahead without holding pixels (about 20 KB per frame at 320x180).
 *
 * <p>The distributions are stored as cumulative histograms over the 256 8-bit levels, because the
 * distance the detector takes between them (earth mover's distance in one dimension) is the sum of
 * absolute differences of the cumulative histograms. Arrays are never modified after extraction;
 * do not modify them.
 *
 * @param frameIndex     0-based frame index over the title
 * @param timeUs         presentation time in microseconds
 * @param context        true for a pre-/post-roll frame outside the chunk's own range
 * @param lumaCdf        cumulative histogram of luma (Y) of the quarter-size frame, 256 levels, ending at 1
 * @param redChromaCdf   cumulative histogram of Cr (red-difference chroma, grey = 128), as above
 * @param blueChromaCdf  cumulative histogram of Cb (blue-difference chroma, grey = 128), as above
 * @param lumaThumbnail  luma of the quarter-size frame (area-averaged), row-major, 0..255 as unsigned bytes
 * @param thumbnailWidth width of {@code lumaThumbnail}
 * @param edgeMask       edge map of the half-size frame (see {@link FrameFeatureExtractor}),
 *                       row-major, one byte per pixel (1 = edge, 0 = not), eight bytes per long,
 *                       the last long zero-padded: popcounts of XOR / OR count pixels
 * @param edgePixels     pixels in the edge map (its width x height), edges or not
 * @param appearance     compact appearance vector for diversity, see {@link AppearanceVector}
 */
public record FrameFeatures(
        long frameIndex,
        long timeUs,
        boolean context,
        float[] lumaCdf,
        float[] redChromaCdf,
        float[] blueChromaCdf,
        byte[] lumaThumbnail,
        int thumbnailWidth,
        long[] edgeMask,
        int edgePixels,
        float[] appearance) {

    /** Height of {@link #lumaThumbnail()}. */
    public int thumbnailHeight() {
        return thumbnailWidth == 0 ? 0 : lumaThumbnail.length / thumbnailWidth;
    }
}
