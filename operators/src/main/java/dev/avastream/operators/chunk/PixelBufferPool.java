package dev.avastream.operators.chunk;

import org.bytedeco.opencv.opencv_core.Mat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Reusable native buffers for the pixels a chunk keeps past a decoder callback (frames awaiting a
 * decision, kept candidates): after the first few frames, keeping a frame is a copy into memory
 * already allocated, never an allocation.
 */
final class PixelBufferPool implements AutoCloseable {

    private final ArrayDeque<Mat> free = new ArrayDeque<>();
    private final List<Mat> owned = new ArrayList<>();

    /** A pooled copy of {@code source}; give it back with {@link #release}. */
    Mat copyOf(Mat source) {
        Mat buffer = free.poll();
        if (buffer == null) {
            buffer = new Mat();
            owned.add(buffer);
        }
        source.copyTo(buffer);
        return buffer;
    }

    /** Returns a buffer for reuse; {@code null} is ignored. */
    void release(Mat buffer) {
        if (buffer != null) free.push(buffer);
    }

    /** Buffers free for reuse. */
    int available() {
        return free.size();
    }

    /** Buffers allocated so far (in use or free). */
    int allocated() {
        return owned.size();
    }

    @Override
    public void close() {
        for (Mat m : owned) m.close();
        owned.clear();
        free.clear();
    }
}
