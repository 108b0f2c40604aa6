package dev.avastream.cli;

import dev.avastream.jobs.kafka.KafkaConfigOption;
import dev.avastream.operators.config.Tunables;
import dev.avastream.decoders.VideoDecodeException;
import dev.avastream.cli.live.LiveIngest;
import dev.avastream.jobs.live.LiveTopics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code ava ingest}: simulate a live ingest of a video file. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Simulate a live ingest: chunk a video and announce each chunk.",
                "Cuts the video into chunk files, keyframe-aligned packet copies with pre-roll and look-ahead context. A ChunkReady "
                        + "event per chunk is published on ava.chunks when its last frame would have been captured (see --rate), "
                        + "then an end-of-title event. A live job (ava live) analyses them."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every event published", "2:bad arguments", "3:the video cannot be read or cut",
                "4:publishing failed"})
public final class IngestCommand implements Callable<Integer> {
    @Option(names = "--video", required = true, paramLabel = "PATH", description = "The video to ingest.")
    Path video;

    @Option(names = "--title", paramLabel = "ID", description = "Title id. Default: the file name without extension.")
    String title;

    @Option(names = "--rate", defaultValue = "1.0", paramLabel = "X",
            description = "Speed: 1.0 publishes each chunk when its last frame would have been captured (real time), 2.0 twice as fast, 0 as fast as possible. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--chunk-seconds", defaultValue = "2", paramLabel = "S",
            description = "Target chunk length (snapped to keyframes). Default: ${DEFAULT-VALUE}.")
    double chunkSeconds;

    @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092", paramLabel = "HOST:PORT[,...]",
            description = "Kafka to publish to. Default: ${DEFAULT-VALUE}.")
    String bootstrapServers;

    @picocli.CommandLine.Mixin
    KafkaConfigOption kafkaConfig = new KafkaConfigOption();

    @Option(names = "--topic", defaultValue = LiveTopics.CHUNKS, description = "Default: ${DEFAULT-VALUE}.")
    String topic;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where the chunk files go (must be readable by the live job). Default: a temporary directory.")
    Path out;

    // The default is the pipeline's (hardcut.min-shot-seconds): picocli shows the initial value.
    @Option(names = "--min-shot-seconds", paramLabel = "S",
            description = "As given to the live job: sets the pre-roll each chunk carries. Default: ${DEFAULT-VALUE}.")
    double minShotSeconds = Tunables.MIN_SHOT_SECONDS.defaultValue();

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Weight profile the title is scored with: default, drama, kids or action (see the ranking docs). "
                    + "Default: the live job's (its --profile).")
    String profile;

    @Option(names = {"-q", "--quiet"}, description = "No line per published chunk.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        kafkaConfig.register(bootstrapServers);
        if (rate < 0) throw new IllegalArgumentException("--rate must not be negative");
        if (chunkSeconds <= 0) throw new IllegalArgumentException("--chunk-seconds must be positive");
        if (!Files.isRegularFile(video)) {
            System.err.println("ava ingest: " + video + ": no such file");
            return AvaCli.EXIT_USAGE;
        }
        if (profile != null) {
            try {
                profile = Tunables.QUALITY_PROFILE.parse(profile);
            } catch (IllegalArgumentException e) {
                System.err.println("ava ingest: " + e.getMessage().replace(Tunables.QUALITY_PROFILE.describe(), "--profile"));
                return AvaCli.EXIT_USAGE;
            }
        }
        String id = title != null ? title : stem(video);
        Path dir = out != null ? out : Files.createTempDirectory("ava-chunks-");
        LiveIngest.Plan cut;
        try {
            cut = LiveIngest.cut(video.toAbsolutePath(), id, chunkSeconds, dir.toAbsolutePath(),
                    JobOptions.processorConfig(minShotSeconds));
        } catch (VideoDecodeException e) {
            System.err.println("ava ingest: " + e.getMessage());
            return AvaCli.EXIT_TITLE_FAILED;
        }
        LiveIngest.Plan plan = profile != null ? cut.withProfile(profile) : cut;
        System.err.printf(Locale.ROOT, "%s: %d chunks of ~%.1f s in %s; publishing to %s at %s%n", id,
                plan.files().size(), chunkSeconds, dir, topic, rate == 0 ? "full speed" : rate + "x real time");
        try {
            LiveIngest.publish(plan, bootstrapServers, topic, rate, e -> {
                if (quiet) return;
                if (e.getEndOfTitle()) {
                    System.err.printf(Locale.ROOT, "%s: end of title, %d chunks%n", id, e.getChunkCount());
                } else {
                    System.err.printf(Locale.ROOT, "%s: chunk %d/%d published (frames %d..%d)%n", id, e.getChunkIndex() + 1,
                            plan.files().size(), e.getFirstFrame(), e.getFirstFrame() + e.getFrameCount() - 1);
                }
            });
        } catch (Exception e) {
            System.err.println("ava ingest: publishing to " + bootstrapServers + " failed: " + RunCommand.rootMessage(e));
            return AvaCli.EXIT_JOB_FAILED;
        }
        return AvaCli.EXIT_OK;
    }

    static String stem(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
