package dev.avastream.cli;

import dev.avastream.jobs.kafka.KafkaConfigOption;
import dev.avastream.jobs.kafka.Topics;
import dev.avastream.cli.preview.PreviewAccess;
import dev.avastream.cli.preview.PreviewServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code ava preview}: the live preview page over ava.candidates and ava.shots. */
@Command(name = "preview", mixinStandardHelpOptions = true,
        description = {"Serve a live web page of every title's top-K stills and shots.",
                "Shows each still with its score, reasons and main character, the shot timeline with the "
                        + "candidates on it, and the ingest progress. Follows ava.candidates and ava.shots from the "
                        + "beginning; the page updates through server-sent events without reloading.",
                "Clicking a still shows the frame at full resolution (decoded from the title's source file, which "
                        + "must be readable here) and all its annotations. Runs until interrupted (Ctrl-C)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped", "2:bad arguments (e.g. the port is in use)"})
public final class PreviewCommand implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092", paramLabel = "HOST:PORT[,...]",
            description = "Kafka to read from. Default: ${DEFAULT-VALUE}.")
    String bootstrapServers;

    @picocli.CommandLine.Mixin
    KafkaConfigOption kafkaConfig = new KafkaConfigOption();

    @Option(names = "--port", defaultValue = "8088", paramLabel = "PORT",
            description = "HTTP port (0: any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on (0.0.0.0: every interface; anything but loopback needs a "
                    + "token and --source-root). Default: ${DEFAULT-VALUE}.")
    String bind;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "A file holding the token every request must carry (at least 16 characters; a "
                    + "browser opens the page once with ?token=TOKEN). Default: the AVA_PREVIEW_TOKEN "
                    + "environment variable; none on loopback.")
    Path tokenFile;

    @Option(names = "--source-root", paramLabel = "DIR",
            description = "Decode stills only from videos under this directory (repeat for several). "
                    + "Default: any local file (loopback only).")
    List<Path> sourceRoots = new ArrayList<>();

    @Option(names = "--title", paramLabel = "ID", description = "Show only this title. Default: every title.")
    String title;

    @Override
    public Integer call() throws Exception {
        kafkaConfig.register(bootstrapServers);
        if (port < 0 || port > 65535) throw new IllegalArgumentException("--port must be 0..65535");
        PreviewAccess access = PreviewAccess.of(bind, token(), sourceRoots);
        PreviewServer server;
        try {
            server = PreviewServer.start(bootstrapServers, Topics.defaults(), title, bind, port, 0, access, System.err);
        } catch (IOException e) {
            System.err.println("ava preview: cannot listen on " + bind + ":" + port + ": " + e.getMessage()
                    + " (choose another --port)");
            return AvaCli.EXIT_USAGE;
        }
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stop.countDown();
        }, "ava-preview-stop"));
        System.out.println("Preview of " + Topics.CANDIDATES + " at " + bootstrapServers + ": " + server.url()
                + (access.tokenRequired() ? "?token=... (your token)" : "") + "  (Ctrl-C to stop)");
        System.out.flush();
        stop.await();
        return AvaCli.EXIT_OK;
    }

    /** The token from --token-file, else the environment, else none. Never printed. */
    private String token() throws IOException {
        if (tokenFile != null) {
            if (!Files.isReadable(tokenFile)) {
                throw new IllegalArgumentException("--token-file " + tokenFile.toAbsolutePath() + ": not a readable file");
            }
            String t = Files.readString(tokenFile).strip();
            if (t.isEmpty()) throw new IllegalArgumentException("--token-file " + tokenFile.toAbsolutePath() + ": empty");
            return t;
        }
        return System.getenv("AVA_PREVIEW_TOKEN");
    }
}
