package dev.avastream.operators.shots;

import dev.avastream.decoders.ChunkPlanner;
import dev.avastream.decoders.ChunkSpec;
import dev.avastream.decoders.VideoProbe;
import dev.avastream.decoders.VideoProber;
import dev.avastream.operators.chunk.ChunkProcessor;
import dev.avastream.schema.ChunkResult;
import dev.avastream.schema.FrameAnnotation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

class GradualVideoDiagTest {

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

    @Test
    void video() throws Exception {
        String path = System.getProperty("video");
        if (path == null) return;
        List<FrameAnnotation> a = annotateVideo(path, 2.0);
        if (Boolean.getBoolean("dump")) {
            for (FrameAnnotation f : a) {
                System.out.printf(Locale.ROOT, "%4d b=%.3f c=%.3f e=%.3f dk=%.2f br=%.2f a=%.4f L=%.4f cut=%.2f%n", f.getFrameIndex(),
                        f.getBrightness(), f.getContrast(), f.getEdgeDensity(), f.getDarkFraction(), f.getBrightFraction(),
                        f.getAdjacentChange(), f.getLongRangeChange(), f.getCutScore());
            }
        }
        for (GradualTransition t : TransitionScenes.detect(a)) {
            System.out.printf(Locale.ROOT, "%s %d..%d score %.2f %s%n", t.type(), t.startFrame(), t.endFrame(), t.score(),
                    t.components().stream().map(c -> c.getName() + "=" + String.format(Locale.ROOT, "%.2f", c.getValue())).toList());
        }
    }
}
