package dev.avastream.decoders;

import dev.avastream.testdata.BarcodeReader;
import dev.avastream.testdata.GroundTruth;
import dev.avastream.testdata.SyntheticVideoGenerator;
import dev.avastream.testdata.SyntheticVideoSpec;
import org.bytedeco.ffmpeg.global.avutil;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: generated videos and a recording sink. */
final class Videos {
    /** How these tests decode: the analysis size the pipeline uses by default, one thread, missing frames fail. */
    static final DecodeOptions OPTIONS = new DecodeOptions(320, 1, true);

    private Videos() { }

    static void quietFFmpeg() { avutil.av_log_set_level(avutil.AV_LOG_FATAL); }

    record Video(Path path, GroundTruth truth) {
        String source() { return path.toString(); }
    }

    static Video generate(Path dir, String name, SyntheticVideoSpec spec) throws IOException {
        Path p = dir.resolve(name);
        return new Video(p, SyntheticVideoGenerator.generate(spec, p));
    }

    /** One emitted frame, with the barcode read from its pixels during {@code accept}. */
    record Seen(long index, long timeUs, boolean context, int barcode, int width, int height) { }

    static final class Recorder implements FrameSink {
        final List<Seen> frames = new ArrayList<>();

        @Override
        public void accept(DecodedFrame f) {
            frames.add(new Seen(f.index(), f.timeUs(), f.context(), BarcodeReader.read(f.bgr()), f.width(), f.height()));
        }

        List<Seen> own() { return frames.stream().filter(s -> !s.context()).toList(); }
    }

    /** Decodes every chunk of a plan with one decoder; returns all frames (own and context) in order. */
    static List<Seen> decodeAll(List<ChunkSpec> plan, DecodeOptions options, List<ChunkDecodeStats> stats) throws VideoDecodeException {
        Recorder r = new Recorder();
        try (ChunkDecoder d = new ChunkDecoder(options)) {
            for (ChunkSpec c : plan) {
                ChunkDecodeStats s = d.decode(c, r);
                if (stats != null) stats.add(s);
            }
        }
        return r.frames;
    }
}
