package dev.avastream.cli;

import dev.avastream.cli.runtime.AvaRunner;
import dev.avastream.cli.runtime.RunOutcome;
import dev.avastream.cli.json.SummaryJson;
import dev.avastream.cli.runtime.EmbeddedKafka;
import dev.avastream.cli.preview.PreviewServer;
import dev.avastream.jobs.source.TitleInput;
import dev.avastream.schema.Candidate;
import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.testdata.GroundTruth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code ava demo}: make a sample video with testdata/ and run the whole pipeline on it. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Generate a sample video, run it and write the results.",
                "Runs on an embedded Kafka broker and a Flink mini cluster, and writes the summary, the video's "
                        + "ground truth and the candidate stills to --out.",
                "While the job runs, the Flink dashboard is served on http://localhost:8081 and the live preview "
                        + "page (see 'ava preview') on http://localhost:8088 (or the next free ports)."})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "ava-demo", paramLabel = "DIR", description = "Output folder. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--duration", defaultValue = "60", paramLabel = "S", description = "Seconds of sample video. Default: ${DEFAULT-VALUE}.")
    double duration;

    @Option(names = "--width", defaultValue = "1280", description = "Default: ${DEFAULT-VALUE}.")
    int width;

    @Option(names = "--height", defaultValue = "720", description = "Default: ${DEFAULT-VALUE}.")
    int height;

    @Option(names = "--seed", defaultValue = "2026", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @picocli.CommandLine.Mixin
    OutputOptions output;

    @Option(names = "--preview-port", defaultValue = "8088", paramLabel = "PORT",
            description = "Serve the live preview page on this port (or the next free one) while the job runs; 0: any free port, -1: off. Default: ${DEFAULT-VALUE}.")
    int previewPort;

    @Option(names = "--keep-preview", description = "Keep serving the preview page after the run, until interrupted (Ctrl-C).")
    boolean keepPreview;

    @Mixin
    JobOptions job;

    @Override
    public Integer call() throws Exception {
        GenerateCommand.check(duration, width, height, 30, 1.0, 5.0);
        if (previewPort < -1 || previewPort > 65535) throw new IllegalArgumentException("--preview-port must be -1..65535");
        Files.createDirectories(out);
        Path video = out.resolve("sample.mp4");
        PrintStream notes = output.notes();
        notes.printf(Locale.ROOT, "Generating %.0f s of %dx%d sample video in %s ...%n", duration, width, height, video);
        GroundTruth truth = GenerateCommand.generate(video, duration, width, height, 30, seed, 1.0, 5.0, false, 0);
        truth.write(out.resolve("sample.truth.json"));
        notes.printf(Locale.ROOT, "  %d frames, %d shots (cuts at %s)%n", truth.frameCount(), truth.shots().size(),
                preview(truth.cuts()));
        if (job.webUiPort < 0) job.webUiPort = 8081;
        job.announce(notes);
        notes.println("Running the pipeline ...");
        Path summary = out.resolve("summary.json");
        AvaRunner.Settings settings = job.settings();
        EmbeddedKafka kafka = null;
        PreviewServer preview = null;
        try {
            if (previewPort >= 0) {
                // the page needs the broker's address: start the embedded one here rather than in the runner
                if (settings.bootstrapServers() == null || settings.bootstrapServers().isBlank()) {
                    kafka = EmbeddedKafka.start();
                    settings = settings.withBootstrap(kafka.bootstrapServers());
                    notes.println("Embedded Kafka: " + kafka.bootstrapServers()
                            + " (e.g. ava watch --bootstrap-servers " + kafka.bootstrapServers() + " --from-beginning)");
                }
                preview = PreviewServer.start(settings.bootstrapServers(), settings.topics(), null, "127.0.0.1",
                        previewPort, previewPort == 0 ? 0 : 20, System.err);
                notes.println("Live preview: " + preview.url());
            }
            ProgressPrinter progress = output.progress();
            RunOutcome outcome = AvaRunner.run(List.of(new TitleInput("sample", video.toAbsolutePath().toString())),
                    settings, progress);
            if (progress != null) progress.finish();
            int code = report(outcome, truth, summary, video);
            if (preview != null && keepPreview) {
                notes.println("The run is over; still serving " + preview.url() + " (Ctrl-C to stop)");
                CountDownLatch stop = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "ava-demo-stop"));
                stop.await();
            }
            return code;
        } finally {
            if (preview != null) preview.close();
            if (kafka != null) kafka.close();
        }
    }

    private int report(RunOutcome outcome, GroundTruth truth, Path summary, Path video) throws java.io.IOException {
        SummaryJson.write(outcome, summary);
        var title = outcome.titles().get("sample");
        if (title == null || !title.complete()) {
            System.err.println("ava demo: the sample title did not complete");
            return AvaCli.EXIT_TITLE_FAILED;
        }
        CandidateSetUpdate last = title.last();
        Path stills = out.resolve("candidates");
        Files.createDirectories(stills);
        int rank = 0;
        for (Candidate c : last.getCandidates()) {
            // the picture is the frame's still on the stills topic, committed with the first update that had it
            byte[] jpeg = title.jpeg(c.getFrameIndex());
            if (jpeg == null) {
                System.err.println("ava demo: no still of frame " + c.getFrameIndex() + " (" + c.getStillKey() + ") was read");
                return AvaCli.EXIT_TITLE_FAILED;
            }
            Files.write(stills.resolve(String.format(Locale.ROOT, "%02d-frame-%06d.jpg", ++rank, c.getFrameIndex())), jpeg);
        }
        int detected = title.shots().size() - 1;
        if (output.json) {
            ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode o = m.createObjectNode();
            o.put("frames", last.getFramesProcessed());
            o.put("shotsFound", title.shots().size());
            o.put("cutsGenerated", truth.cuts().length);
            o.put("candidates", last.getCandidates().size());
            o.put("elapsedMs", outcome.elapsedMillis());
            o.put("video", video.toAbsolutePath().toString());
            o.put("summary", summary.toAbsolutePath().toString());
            o.put("thumbnails", stills.toAbsolutePath().toString());
            o.put("truth", out.resolve("sample.truth.json").toAbsolutePath().toString());
            System.out.println(m.writeValueAsString(o));
            return detected >= 0 ? AvaCli.EXIT_OK : AvaCli.EXIT_TITLE_FAILED;
        }
        System.out.printf(Locale.ROOT, "sample: %d frames, %d shots found (%d cuts generated), %d candidates in %.1f s%n",
                last.getFramesProcessed(), title.shots().size(), truth.cuts().length, last.getCandidates().size(),
                outcome.elapsedMillis() / 1000.0);
        System.out.println("  summary:    " + summary);
        System.out.println("  thumbnails: " + stills);
        System.out.println("  truth:      " + out.resolve("sample.truth.json"));
        return detected >= 0 ? AvaCli.EXIT_OK : AvaCli.EXIT_TITLE_FAILED;
    }

    private static String preview(int[] cuts) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(8, cuts.length); i++) sb.append(i == 0 ? "" : ", ").append(cuts[i]);
        if (cuts.length > 8) sb.append(", ...");
        return sb.toString();
    }
}
