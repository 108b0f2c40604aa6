package dev.avastream.cli;

import dev.avastream.cli.runtime.AvaRunner;
import dev.avastream.cli.live.LiveIngest;
import dev.avastream.cli.runtime.LiveRuntime;
import dev.avastream.cli.preview.PreviewServer;
import dev.avastream.jobs.live.LiveTopics;
import dev.avastream.schema.CandidateSetUpdate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code ava live}: the live job, reading ChunkReady events from Kafka. */
@Command(name = "live", mixinStandardHelpOptions = true,
        description = {"Run the live job: analyse each chunk as its event arrives.",
                "Reads ChunkReady events from ava.chunks; chunks may arrive in any order. A candidate update is published per chunk; a title closes at its "
                        + "end-of-title event or after the idle timeout. Unusable events go to ava.chunks.dlq with "
                        + "the reason.",
                "Runs until interrupted. With --checkpoint-dir, Ctrl-C or SIGTERM stops the job with a savepoint "
                        + "there and the same command goes on from it (titles, offsets and run id).",
                "With --video it also ingests that file (Kafka, job and ingest in one process) and exits when "
                        + "the title completes."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped, or the --video title completed", "2:bad arguments",
                "3:the --video title completed with errors", "4:the job failed"})
public final class LiveCommand implements Callable<Integer> {
    @Option(names = "--topic", defaultValue = LiveTopics.CHUNKS, paramLabel = "TOPIC",
            description = "The topic of ChunkReady events; rejected ones go to TOPIC.dlq. Default: ${DEFAULT-VALUE}.")
    String topic;

    @Option(names = "--group-id", defaultValue = "ava-live", description = "Kafka consumer group. Default: ${DEFAULT-VALUE}.")
    String groupId;

    @Option(names = "--video", paramLabel = "PATH", description = "Also ingest this file (see ava ingest) and exit when it completes.")
    Path video;

    @Option(names = "--title", paramLabel = "ID", description = "Title id for --video. Default: the file name.")
    String title;

    @Option(names = "--rate", defaultValue = "1.0", paramLabel = "X", description = "Ingest speed for --video. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--ingest-chunk-seconds", defaultValue = "2", paramLabel = "S",
            description = "Chunk length for --video. Default: ${DEFAULT-VALUE}.")
    double ingestChunkSeconds;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines.")
    boolean quiet;

    @Option(names = "--decoder-threads", paramLabel = "N", description = JobOptions.LIVE_DECODER_THREADS_HELP)
    Integer decoderThreads;

    @Option(names = "--preview-port", defaultValue = "8088", paramLabel = "PORT",
            description = {"Serve the live preview page (see ava preview) on this port, or the next free one;",
                    "0 any free port, -1 off. Default: ${DEFAULT-VALUE}."})
    int previewPort;

    @Option(names = "--from-savepoint", paramLabel = "PATH",
            description = "Go on from this savepoint or retained checkpoint of the live job in "
                    + "--checkpoint-dir instead of the newest one there.")
    Path fromSavepoint;

    @Mixin
    JobOptions job;

    @Override
    public Integer call() throws Exception {
        AvaRunner.Settings settings = job.liveSettings(decoderThreads).withFromSavepoint(fromSavepoint);
        if (rate < 0) throw new IllegalArgumentException("--rate must not be negative");
        if (video != null && !Files.isRegularFile(video)) {
            System.err.println("ava live: " + video + ": no such file");
            return AvaCli.EXIT_USAGE;
        }
        if (previewPort < -1 || previewPort > 65535) throw new IllegalArgumentException("--preview-port must be -1..65535");
        LiveRuntime.Options options = new LiveRuntime.Options(settings, LiveTopics.of(topic), groupId);
        ProgressPrinter progress = quiet ? null : new ProgressPrinter(System.err);
        PreviewServer preview = null;
        try (LiveRuntime live = LiveRuntime.start(options)) {
            if (previewPort >= 0) {
                preview = PreviewServer.start(live.bootstrapServers(), settings.topics(), null, "127.0.0.1",
                        previewPort, previewPort == 0 ? 0 : 20, System.err);
                System.err.println("Live preview: " + preview.url());
            }
            java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stopping.set(true);
                try { live.close(); } catch (Exception ignored) { }
            }));
            if (live.restoredFrom() != null) System.err.println("ava: live job " + live.runId() + " goes on from " + live.restoredFrom());
            System.err.printf(Locale.ROOT, "live job running: Kafka %s, events from %s, rejects to %s%n",
                    live.bootstrapServers(), live.topics().chunks(), live.topics().deadLetters());
            if (video == null) {
                java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
                if (job.checkpointDir != null) {
                    // Ctrl-C and SIGTERM (Kubernetes, systemd) stop the job with a savepoint instead of
                    // ending the JVM: the main thread takes it, with the mini cluster still up.
                    for (String signal : new String[] {"INT", "TERM"}) {
                        sun.misc.Signal.handle(new sun.misc.Signal(signal), sig -> stop.set(true));
                    }
                }
                try {
                    live.follow(Duration.ofDays(36_500), (u, at) -> { if (progress != null) progress.accept(u); }, u -> false,
                            stop::get);
                } catch (Exception e) {
                    if (stopping.get()) return AvaCli.EXIT_OK; // interrupted (Ctrl-C): the job was cancelled on purpose
                    throw e;
                }
                if (stop.get()) {
                    System.err.println("ava: stopping the live job with a savepoint ...");
                    Path savepoint = live.stopWithSavepoint(Duration.ofMinutes(5));
                    System.err.println("ava: live job " + live.runId() + " stopped with savepoint " + savepoint
                            + "; the same command goes on from it");
                }
                return AvaCli.EXIT_OK;
            }
            String id = title != null ? title : IngestCommand.stem(video);
            Path dir = Files.createTempDirectory("ava-chunks-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> LiveIngest.deleteRecursively(dir)));
            LiveIngest.Plan plan = LiveIngest.cut(video.toAbsolutePath(), id, ingestChunkSeconds, dir, live.processor());
            Thread ingest = new Thread(() -> {
                try {
                    LiveIngest.publish(plan, live.bootstrapServers(), live.topics().chunks(), rate, null);
                } catch (Exception e) {
                    System.err.println("ava live: ingest failed: " + RunCommand.rootMessage(e));
                }
            }, "ava-ingest");
            ingest.setDaemon(true);
            ingest.start();
            CandidateSetUpdate[] last = {null};
            live.follow(Duration.ofDays(365), (u, at) -> {
                if (progress != null) progress.accept(u);
                if (u.getTitleId().toString().equals(id)) last[0] = u;
            }, u -> u.getComplete() && u.getTitleId().toString().equals(id));
            if (progress != null) progress.finish();
            CandidateSetUpdate u = last[0];
            System.out.printf(Locale.ROOT, "%s: %d frames, %d shots, %d candidates (version %d)%n", id,
                    u.getFramesProcessed(), u.getShotsClosed(), u.getCandidates().size(), u.getVersion());
            for (String e : u.getErrors()) System.err.println("ava: " + e);
            return u.getErrors().isEmpty() ? AvaCli.EXIT_OK : AvaCli.EXIT_TITLE_FAILED;
        } catch (IllegalStateException e) {
            System.err.println("ava live: " + RunCommand.rootMessage(e));
            return AvaCli.EXIT_JOB_FAILED;
        } finally {
            if (preview != null) preview.close();
        }
    }
}
