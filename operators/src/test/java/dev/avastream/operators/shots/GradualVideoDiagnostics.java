package dev.avastream.operators.shots;

import dev.avastream.decoders.ChunkPlanner;
import dev.avastream.decoders.ChunkSpec;
import dev.avastream.decoders.VideoProbe;
import dev.avastream.decoders.VideoProber;
import dev.avastream.operators.chunk.ChunkProcessor;
import dev.avastream.schema.ChunkResult;
import dev.avastream.schema.FrameAnnotation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A tool, not a test: the gradual-transition detector on a video file, analysed in 2-second chunks as
 * the pipeline does; prints each transition it finds with its score components, and with a second
 * argument {@code dump} every frame's signals (docs/shot-detection.md, "Diagnostics").
 */
public final class GradualVideoDiagnostics {
    private GradualVideoDiagnostics() {}

    static List<FrameAnnotation> annotateVideo(String path, double chunkSeconds) throws Exception {
        VideoProbe probe = VideoProber.probe(path);
        ChunkProcessor.Config config = ChunkProcessor.Config.defaults();
        List<ChunkSpec> chunks = ChunkPlanner.plan("t", probe, chunkSeconds, config.preRollFrames(probe.averageFps()),
                config.postRollFrames());
        List<FrameAnnotation> out = new ArrayList<>();
        try (ChunkProcessor p = new ChunkProcessor(config)) {
            for (ChunkSpec c : chunks) {
                ChunkResult r = p.process("diag", c);
                out.addAll(r.getAnnotations());
            }
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: GradualVideoDiagnostics VIDEO [dump]");
            return;
        }
        List<FrameAnnotation> a = annotateVideo(args[0], 2.0);
        if (args.length > 1 && args[1].equals("dump")) {
            for (FrameAnnotation f : a) {
                System.out.printf(Locale.ROOT, "%4d b=%.3f c=%.3f e=%.3f dk=%.2f br=%.2f a=%.4f L=%.4f cut=%.2f slide x=%.3f y=%.3f share=%.2f gain=%.1f%n", f.getFrameIndex(),
                        f.getBrightness(), f.getContrast(), f.getEdgeDensity(), f.getDarkFraction(), f.getBrightFraction(),
                        f.getAdjacentChange(), f.getLongRangeChange(), f.getCutScore(),
                        f.getSlideStepX(), f.getSlideStepY(), f.getSlideShare(), f.getSlideGain());
            }
        }
        for (GradualTransition t : TransitionScenes.detect(a)) {
            System.out.printf(Locale.ROOT, "%s %d..%d score %.2f %s%n", t.type(), t.startFrame(), t.endFrame(), t.score(),
                    t.components().stream().map(c -> c.getName() + "=" + String.format(Locale.ROOT, "%.2f", c.getValue())).toList());
        }
    }
}
