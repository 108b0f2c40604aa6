package dev.avastream.operators.chunk;

import dev.avastream.schema.FrameAnnotation;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A frame of the chunk's own range waiting until every cut near it is decided, so that its
 * distance to the nearest cut, and with it its score, is final.
 *
 * @param annotation its annotation
 * @param appearance its appearance vector
 * @param pixels     a pooled copy of its pixels, or null when it can never become a candidate
 */
record PendingFrame(FrameAnnotation annotation, float[] appearance, Mat pixels) {

    long frameIndex() {
        return annotation.getFrameIndex();
    }
}
