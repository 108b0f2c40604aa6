package dev.avastream.cli;

import dev.avastream.jobs.kafka.KafkaConfigOption;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avastream.jobs.kafka.Topics;
import dev.avastream.cli.json.ResultJson;
import dev.avastream.cli.preview.LiveFeed;
import dev.avastream.schema.Candidate;
import dev.avastream.schema.CandidateSetUpdate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/** {@code ava watch}: candidate updates as they arrive, one line (or one JSON object) each. */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Print candidate updates from ava.candidates as they arrive.",
                "One readable line per update (title, version, progress, top-3 frames with scores, frames "
                        + "added/removed), or with --json one JSON object per line (its fields: docs/cli.md). "
                        + "Starts at the current end of the topic unless --from-beginning.",
                "Runs until interrupted (Ctrl-C) or --limit updates were printed."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped or --limit reached", "2:bad arguments", "4:reading from Kafka failed"})
public final class WatchCommand implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092", paramLabel = "HOST:PORT[,...]",
            description = "Kafka to read from. Default: ${DEFAULT-VALUE}.")
    String bootstrapServers;

    @picocli.CommandLine.Mixin
    KafkaConfigOption kafkaConfig = new KafkaConfigOption();

    @Option(names = "--title", paramLabel = "ID", description = "Only this title's updates. Default: every title.")
    String title;

    @Option(names = "--json", description = "One JSON object per update and line (no thumbnails or feature vectors).")
    boolean json;

    @Option(names = "--from-beginning", description = "Start at the beginning of the topic, not at its end.")
    boolean fromBeginning;

    @Option(names = "--limit", defaultValue = "0", paramLabel = "N",
            description = "Exit after N updates (0: never). Default: ${DEFAULT-VALUE}.")
    long limit;

    @Override
    public Integer call() {
        if (limit < 0) throw new IllegalArgumentException("--limit must not be negative");
        kafkaConfig.register(bootstrapServers);
        return watch(bootstrapServers, Topics.CANDIDATES, title, json, fromBeginning, limit, System.out, System.err);
    }

    public static int watch(String bootstrap, String topic, String title, boolean json, boolean fromBeginning, long limit,
                     PrintStream out, PrintStream err) {
        AtomicReference<LiveFeed> feedRef = new AtomicReference<>();
        long[] printed = {0};
        LiveFeed feed = new LiveFeed(bootstrap, topic, null, fromBeginning, new LiveFeed.Listener() {
            @Override
            public void update(CandidateSetUpdate u) {
                if (limit > 0 && printed[0] >= limit) return;
                if (title != null && !title.equals(u.getTitleId())) return;
                out.println(json ? json(u).toString() : line(u));
                out.flush();
                if (limit > 0 && ++printed[0] >= limit) feedRef.get().close();
            }
        }, err);
        feedRef.set(feed);
        Thread hook = new Thread(feed::close, "ava-watch-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            feed.loop();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already
            }
        }
        return feed.failed() ? AvaCli.EXIT_JOB_FAILED : AvaCli.EXIT_OK;
    }

    /** e.g. {@code sample v3  chunks 3/6  frames 540/1800 (30%)  top 41 0.712, 310 0.690, 122 0.655  +2 -1}. */
    public static String line(CandidateSetUpdate u) {
        StringBuilder sb = new StringBuilder();
        sb.append(u.getTitleId()).append(" v").append(u.getVersion());
        // A live title's chunk count is -1 until its end-of-title event.
        sb.append(String.format(Locale.ROOT, "  chunks %d/%s", u.getChunksAssembled(),
                u.getChunkCount() >= 0 ? String.valueOf(u.getChunkCount()) : "?"));
        long total = u.getTitleFrameCount();
        if (total > 0) {
            sb.append(String.format(Locale.ROOT, "  frames %d/%d (%.0f%%)", u.getFramesProcessed(), total,
                    100.0 * u.getFramesProcessed() / total));
        } else {
            sb.append("  frames ").append(u.getFramesProcessed());
        }
        List<Candidate> cs = u.getCandidates();
        sb.append("  top");
        if (cs.isEmpty()) sb.append(" -");
        for (int i = 0; i < Math.min(3, cs.size()); i++) {
            sb.append(i == 0 ? " " : ", ").append(String.format(Locale.ROOT, "%d %.3f", cs.get(i).getFrameIndex(), cs.get(i).getScore()));
        }
        sb.append("  +").append(u.getAdded().size()).append(" -").append(u.getRemoved().size());
        if (!u.getErrors().isEmpty()) sb.append("  ").append(u.getErrors().size()).append(" error(s)");
        if (u.getComplete()) sb.append("  complete");
        return sb.toString();
    }

    /** One update as {@code --json} prints it: {@link ResultJson#update}, on one line. */
    static ObjectNode json(CandidateSetUpdate u) {
        return ResultJson.update(u);
    }
}
