package dev.avastream.operators.annotate;

import dev.avastream.schema.FrameAnnotation;
import org.bytedeco.opencv.opencv_core.Mat;

import java.util.List;

/**
 * One annotator run as the chunk analyser runs it (shared planes, a checked pipeline), frame by
 * frame, for its unit test: {@code annotate(bgr)} returns the frame's annotation.
 */
final class AnnotatorRun implements AutoCloseable {
    private final FramePlanes planes = new FramePlanes();
    private final AnalysedFrame frame = new AnalysedFrame(planes);
    private final AnnotatorPipeline pipeline;
    private long next;

    /** Runs {@code annotators} in order (an annotator after those whose values it reads). */
    AnnotatorRun(FrameAnnotator... annotators) {
        this.pipeline = new AnnotatorPipeline(List.of(annotators));
    }

    /** Annotates {@code bgr} as the next frame of the sequence (frame indices count up from 0). */
    FrameAnnotation annotate(Mat bgr) {
        long index = next++;
        planes.load(index, index * 40_000, false, bgr);
        pipeline.run(frame.begin(true));
        return frame.annotation();
    }

    /** Starts a new, unrelated sequence (annotators forget the previous frame). */
    void reset() {
        pipeline.reset();
    }

    @Override
    public void close() {
        pipeline.close();
        planes.close();
    }
}
