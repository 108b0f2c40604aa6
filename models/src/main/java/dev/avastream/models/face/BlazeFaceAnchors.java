package dev.avastream.models.face;

/**
 * The 896 anchor centres of the 256-px BlazeFace ("back") model, in input pixels: a 16x16 grid with
 * 2 anchors per cell (stride 16), then an 8x8 grid with 6 per cell (stride 32), row by row, the same
 * order as the model's outputs (MediaPipe's SSD anchor options, as Human generates them).
 */
final class BlazeFaceAnchors {
    static final int INPUT = 256;

    private BlazeFaceAnchors() {}

    /** {x0, y0, x1, y1, ...}. */
    static float[] centres() {
        int[] strides = {16, 32};
        int[] perCell = {2, 6};
        float[] a = new float[896 * 2];
        int k = 0;
        for (int s = 0; s < strides.length; s++) {
            int grid = (INPUT + strides[s] - 1) / strides[s];
            for (int gy = 0; gy < grid; gy++) {
                for (int gx = 0; gx < grid; gx++) {
                    for (int n = 0; n < perCell[s]; n++) {
                        a[k++] = strides[s] * (gx + 0.5f);
                        a[k++] = strides[s] * (gy + 0.5f);
                    }
                }
            }
        }
        return a;
    }
}
