package dev.avastream.operators.eval;

import dev.avastream.decoders.DecodedFrame;
import dev.avastream.decoders.FrameSink;
import dev.avastream.operators.annotate.AnalysedFrame;
import dev.avastream.operators.annotate.AnnotatorPipeline;
import dev.avastream.operators.annotate.FrameFeatureExtractor;
import dev.avastream.operators.annotate.FramePlanes;
import dev.avastream.operators.annotate.TransitionSignalTracker;
import dev.avastream.operators.chunk.AnalysisConfig;
import dev.avastream.operators.shots.CutAnnotator;
import dev.avastream.operators.shots.GradualTransition;
import dev.avastream.operators.shots.GradualTransitionDetector;
import dev.avastream.operators.shots.HardCutDetector;
import dev.avastream.schema.FrameAnnotation;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * Only what shot detection costs per frame, nothing else (no quality annotations, colours,
 * candidates or thumbnails): the shared colour planes, the detector's features, the hard-cut
 * detector, the gradual-transition signals and the gradual-transition detector over them.
 * Benchmarks run it on the same decoded frames as a decode-only pass to report what detection
 * adds to decoding.
 */
public final class ShotDetectionPass implements FrameSink, AutoCloseable {
    private final FramePlanes planes = new FramePlanes();
    private final AnalysedFrame current = new AnalysedFrame(planes);
    /** The shot-detection annotators of the chunk analysis, and only those. */
    private final AnnotatorPipeline annotators;
    private final CutAnnotator detector;
    private final GradualTransitionDetector gradual;
    private final List<Long> cuts = new ArrayList<>();
    private final List<GradualTransition> transitions = new ArrayList<>();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long cpuNanos;

    public ShotDetectionPass(AnalysisConfig analysis, GradualTransitionDetector.Params gradualParams, double fps) {
        // As in ChunkProcessor: one OpenCV thread per decoding thread; on a 320-pixel frame OpenCV's
        // own thread pool costs more in hand-offs than it saves, and it would steal the decoders' cores.
        org.bytedeco.opencv.global.opencv_core.setNumThreads(1);
        this.detector = new CutAnnotator(new HardCutDetector(analysis.detector(), fps));
        this.annotators = new AnnotatorPipeline(List.of(new FrameFeatureExtractor(analysis.features()), detector,
                new TransitionSignalTracker(analysis.transitions())));
        this.gradual = new GradualTransitionDetector(gradualParams);
    }

    @Override
    public void accept(DecodedFrame frame) {
        long cpu0 = threads.getCurrentThreadCpuTime();
        detect(frame);
        cpuNanos += threads.getCurrentThreadCpuTime() - cpu0;
    }

    /**
     * CPU time this pass has spent detecting (its calling thread's, read around each frame): measured
     * on the same frames and at the same moments as the decoding around it, so the two compare
     * fairly even when other programs load the machine.
     */
    public long cpuNanos() {
        return cpuNanos;
    }

    private void detect(DecodedFrame frame) {
        planes.load(frame);
        annotators.run(current.begin(true));
        cuts.addAll(current.get(CutAnnotator.DECIDED_CUTS));
        // The gradual detector reads brightness and contrast (shared planes) and the signals; the
        // other visual measures are not part of shot detection and stay zero here.
        FrameAnnotation a = current.annotation();
        a.setBrightness(planes.lumaMean());
        a.setContrast(planes.lumaStd());
        transitions.addAll(gradual.accept(a));
    }

    /** Cuts found, once the input is over. */
    public List<Long> finish() {
        cuts.addAll(detector.detector().flush());
        transitions.addAll(gradual.flush());
        return cuts;
    }

    /** Gradual transitions found (complete once {@link #finish()} ran). */
    public List<GradualTransition> transitions() {
        return transitions;
    }

    @Override
    public void close() {
        annotators.close();
        planes.close();
    }
}
