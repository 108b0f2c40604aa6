package dev.avastream.cli;

import dev.avastream.jobs.kafka.Topics;
import dev.avastream.cli.preview.PreviewServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
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

    @Option(names = "--port", defaultValue = "8088", paramLabel = "PORT",
            description = "HTTP port (0: any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on (0.0.0.0: every interface). Default: ${DEFAULT-VALUE}.")
    String bind;

    @Option(names = "--title", paramLabel = "ID", description = "Show only this title. Default: every title.")
    String title;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("--port must be 0..65535");
        PreviewServer server;
        try {
            server = PreviewServer.start(bootstrapServers, Topics.defaults(), title, bind, port, 0, System.err);
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
                + "  (Ctrl-C to stop)");
        System.out.flush();
        stop.await();
        return AvaCli.EXIT_OK;
    }
}
