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
 * @param cellColours    mean Y, Cr, Cb of each cell of a {@link #GRID_COLUMNS} x {@link #GRID_ROWS} grid
 *                       over the quarter-size frame, row-major, three unsigned bytes per cell: where in
 *                       the picture the colour is, for the share of the frame a change covers
 * @param cellEdges      share of edge pixels in each cell of the same grid over the edge map, as
 *                       unsigned bytes 0..255 (255 = every pixel an edge): where the texture is
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
        float[] appearance,
        byte[] cellColours,
        byte[] cellEdges) {

    /** Columns of the cell grid: 16 x 9 cells, square on a 16:9 frame, 5 x 5 quarter-size pixels at 320x180. */
    public static final int GRID_COLUMNS = 16;
    /** Rows of the cell grid. */
    public static final int GRID_ROWS = 9;
    /** Cells of the grid. */
    public static final int GRID_CELLS = GRID_COLUMNS * GRID_ROWS;

    /** Height of {@link #lumaThumbnail()}. */
    public int thumbnailHeight() {
        return thumbnailWidth == 0 ? 0 : lumaThumbnail.length / thumbnailWidth;
    }
}
