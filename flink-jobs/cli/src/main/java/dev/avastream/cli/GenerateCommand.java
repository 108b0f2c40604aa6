package dev.avastream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avastream.testdata.GroundTruth;
import dev.avastream.testdata.SyntheticVideoGenerator;
import dev.avastream.testdata.SyntheticVideoSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code ava generate}: a synthetic test video with exact ground truth. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Render a synthetic video with known cuts and its ground truth.",
                "The same seed and options give the same video and truth."})
public final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "FILE.mp4", description = "The video to write.")
    Path out;

    @Option(names = "--truth", paramLabel = "FILE.json", description = "Ground truth file. Default: next to the video, .json.")
    Path truth;

    @Option(names = "--duration", defaultValue = "60", paramLabel = "S", description = "Seconds of video. Default: ${DEFAULT-VALUE}.")
    double duration;

    @Option(names = "--width", defaultValue = "1280", description = "Default: ${DEFAULT-VALUE}.")
    int width;

    @Option(names = "--height", defaultValue = "720", description = "Default: ${DEFAULT-VALUE}.")
    int height;

    @Option(names = "--fps", defaultValue = "30", description = "Default: ${DEFAULT-VALUE}.")
    int fps;

    @Option(names = "--seed", defaultValue = "1", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--min-shot", defaultValue = "1.0", paramLabel = "S", description = "Shortest shot in seconds. Default: ${DEFAULT-VALUE}.")
    double minShot;

    @Option(names = "--max-shot", defaultValue = "5.0", paramLabel = "S", description = "Longest shot in seconds. Default: ${DEFAULT-VALUE}.")
    double maxShot;

    @Option(names = "--vfr", description = "Variable frame rate timestamps.")
    boolean vfr;

    @Option(names = "--start-offset-ms", defaultValue = "0", description = "First presentation time. Default: ${DEFAULT-VALUE}.")
    long startOffsetMs;

    @picocli.CommandLine.Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        check(duration, width, height, fps, minShot, maxShot);
        if (startOffsetMs < 0) throw new IllegalArgumentException("--start-offset-ms must not be negative, was " + startOffsetMs);
        GroundTruth t = generate(out, duration, width, height, fps, seed, minShot, maxShot, vfr, startOffsetMs);
        Path truthFile = truth != null ? truth : Path.of(out.toString().replaceAll("\\.[^./]*$", "") + ".json");
        t.write(truthFile);
        if (output.json) {
            ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode o = m.createObjectNode();
            o.put("video", out.toAbsolutePath().toString());
            o.put("truth", truthFile.toAbsolutePath().toString());
            o.put("frames", t.frameCount());
            o.put("shots", t.shots().size());
            o.put("width", t.width());
            o.put("height", t.height());
            o.put("fps", fps);
            System.out.println(m.writeValueAsString(o));
            return AvaCli.EXIT_OK;
        }
        System.out.printf(Locale.ROOT, "%s: %d frames, %d shots, %dx%d @ %d fps; truth in %s%n", out, t.frameCount(),
                t.shots().size(), t.width(), t.height(), fps, truthFile);
        return AvaCli.EXIT_OK;
    }

    /** Bad sizes and durations name the option and what it needs (exit 2 through the CLI's handler). */
    static void check(double duration, int width, int height, int fps, double minShot, double maxShot) {
        if (!(duration > 0)) throw new IllegalArgumentException("--duration must be a positive number of seconds, was " + duration);
        if (width < 16) throw new IllegalArgumentException("--width must be at least 16 pixels, was " + width);
        if (height < 16) throw new IllegalArgumentException("--height must be at least 16 pixels, was " + height);
        if (fps < 1) throw new IllegalArgumentException("--fps must be at least 1, was " + fps);
        if (!(minShot > 0)) throw new IllegalArgumentException("--min-shot must be a positive number of seconds, was " + minShot);
        if (maxShot < minShot) {
            throw new IllegalArgumentException("--max-shot must be at least --min-shot (" + minShot + "), was " + maxShot);
        }
    }

    static GroundTruth generate(Path out, double duration, int width, int height, int fps, long seed, double minShot,
                                double maxShot, boolean vfr, long startOffsetMs) throws Exception {
        if (out.toAbsolutePath().getParent() != null) Files.createDirectories(out.toAbsolutePath().getParent());
        SyntheticVideoSpec spec = SyntheticVideoSpec.builder()
                .size(width, height).fps(fps).seed(seed)
                .durationSeconds(duration, (int) Math.round(minShot * fps), (int) Math.round(maxShot * fps))
                .variableFrameRate(vfr).startOffsetUs(startOffsetMs * 1000)
                .build();
        return SyntheticVideoGenerator.generate(spec, out);
    }
}
