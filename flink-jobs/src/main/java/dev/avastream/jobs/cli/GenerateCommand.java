package dev.avastream.jobs.cli;

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
        description = {"Render a deterministic synthetic H.264 video with known cuts and write its ground truth JSON.",
                "Same seed and options, same video and truth."})
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

    @Override
    public Integer call() throws Exception {
        if (duration <= 0 || width < 16 || height < 16 || fps < 1 || minShot <= 0 || maxShot < minShot) {
            System.err.println("ava generate: need duration > 0, size >= 16, fps >= 1, 0 < min-shot <= max-shot");
            return AvaCli.EXIT_USAGE;
        }
        GroundTruth t = generate(out, duration, width, height, fps, seed, minShot, maxShot, vfr, startOffsetMs);
        Path truthFile = truth != null ? truth : Path.of(out.toString().replaceAll("\\.[^./]*$", "") + ".json");
        t.write(truthFile);
        System.out.printf(Locale.ROOT, "%s: %d frames, %d shots, %dx%d @ %d fps; truth in %s%n", out, t.frameCount(),
                t.shots().size(), t.width(), t.height(), fps, truthFile);
        return AvaCli.EXIT_OK;
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
