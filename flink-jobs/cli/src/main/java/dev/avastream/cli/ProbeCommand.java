package dev.avastream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avastream.decoders.ChunkPlanner;
import dev.avastream.decoders.ChunkSpec;
import dev.avastream.decoders.VideoDecodeException;
import dev.avastream.decoders.VideoProbe;
import dev.avastream.decoders.VideoProber;
import dev.avastream.operators.chunk.ChunkProcessor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ava probe}: what the decoder sees in a file, and how it would be chunked. */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Print a video's facts and its chunk plan as JSON.",
                "Facts: duration, fps, frame count, size, rotation and whether the frame rate is variable."})
public final class ProbeCommand implements Callable<Integer> {
    @Option(names = "--video", required = true, paramLabel = "PATH", description = "The video file.")
    Path video;

    // The default is the pipeline's (chunking.chunk-seconds): picocli shows the initial value.
    @Option(names = "--chunk-seconds", paramLabel = "S",
            description = "Chunk length to plan with. Default: ${DEFAULT-VALUE}.")
    double chunkSeconds = dev.avastream.operators.config.Tunables.CHUNK_SECONDS.defaultValue();

    @picocli.CommandLine.Mixin
    OutputOptions output; // probe's result is always JSON; the options are accepted for uniform scripts

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!(chunkSeconds > 0)) throw new IllegalArgumentException("--chunk-seconds must be a positive number of seconds, was " + chunkSeconds);
        RunCommand.requireFiles(spec, "--video", List.of(video));
        VideoProbe probe;
        try {
            probe = VideoProber.probe(video.toAbsolutePath().toString());
        } catch (VideoDecodeException e) {
            System.err.println("ava: " + e.getMessage());
            return AvaCli.EXIT_TITLE_FAILED;
        }
        ChunkProcessor.Config config = ChunkProcessor.Config.defaults();
        List<ChunkSpec> chunks = ChunkPlanner.plan("probe", probe, chunkSeconds, config.preRollFrames(probe.averageFps()),
                config.postRollFrames());
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode o = json.createObjectNode();
        o.put("source", probe.source());
        o.put("codec", probe.codec());
        o.put("profile", probe.profile());
        o.put("width", probe.width());
        o.put("height", probe.height());
        o.put("rotationDegrees", probe.rotationDegrees());
        o.put("durationMs", probe.durationUs() / 1000.0);
        o.put("startTimeMs", probe.startTimeUs() / 1000.0);
        o.put("averageFps", probe.averageFps());
        o.put("frameCount", probe.frameCount());
        o.put("variableFrameRate", probe.variableFrameRate());
        o.put("keyframes", probe.keyframeIndices().length);
        var plan = o.putArray("chunks");
        for (ChunkSpec c : chunks) {
            var j = plan.addObject();
            j.put("index", c.chunkIndex());
            j.put("startFrame", c.startFrame());
            j.put("endFrame", c.endFrame());
            j.put("startMs", c.startPtsUs() / 1000.0);
            j.put("endMs", c.endPtsUs() / 1000.0);
        }
        System.out.println(json.writeValueAsString(o));
        return AvaCli.EXIT_OK;
    }
}
