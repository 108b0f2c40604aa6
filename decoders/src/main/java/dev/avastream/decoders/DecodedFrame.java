package dev.avastream.decoders;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One decoded frame at analysis size, handed to a {@link FrameSink} while the decoder still owns
 * its pixels.
 *
 * <p>The {@link #bgr()} matrix wraps the decoder's own buffer (no copy) and is only valid during
 * the {@code accept} call: a consumer that needs the pixels later must {@code clone()} them. Its
 * rows may be padded ({@code step() > 3 * cols()}): use OpenCV operations or honour the step.
 *
 * @param index   0-based frame index over the whole title, in presentation order
 * @param timeUs  presentation time in microseconds, as stored in the container (not rebased to 0)
 * @param context true for pre-roll/post-roll frames outside the chunk's own range: decoded only so
 *                that detectors see the frames around a chunk edge; they belong to another chunk
 * @param bgr     8-bit 3-channel BGR pixels at analysis size, already rotated upright
 */
public record DecodedFrame(long index, long timeUs, boolean context, Mat bgr) {
    public int width() { return bgr.cols(); }
    public int height() { return bgr.rows(); }
}
