package dev.avastream.operators.eval;

import dev.avastream.decoders.DecodedFrame;
import dev.avastream.decoders.FrameSink;
import dev.avastream.operators.annotate.FrameFeatureExtractor;
import dev.avastream.operators.annotate.FramePlanes;
import dev.avastream.operators.shots.HardCutDetector;

import java.util.ArrayList;
import java.util.List;

/**
 * Only what shot detection costs per frame: the shared colour planes, the detector's features and
 * the hard-cut detector, nothing else (no quality annotations, no thumbnails). Benchmarks run it on
 * the same decoded frames as a decode-only pass to report what detection adds to decoding.
 */
public final class ShotDetectionPass implements FrameSink, AutoCloseable {
    private final FramePlanes planes = new FramePlanes();
    private final FrameFeatureExtractor features;
    private final HardCutDetector detector;
    private final List<Long> cuts = new ArrayList<>();

    public ShotDetectionPass(FrameFeatureExtractor.Params featureParams, HardCutDetector.Params detectorParams, double fps) {
        this.features = new FrameFeatureExtractor(featureParams);
        this.detector = new HardCutDetector(detectorParams, fps);
    }

    @Override
    public void accept(DecodedFrame frame) {
        planes.load(frame);
        cuts.addAll(detector.accept(features.annotate(planes)));
    }

    /** Cuts found, once the input is over. */
    public List<Long> finish() {
        cuts.addAll(detector.flush());
        return cuts;
    }

    @Override
    public void close() {
        features.close();
        planes.close();
    }
}
