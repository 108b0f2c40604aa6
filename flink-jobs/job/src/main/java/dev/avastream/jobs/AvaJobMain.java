package dev.avastream.jobs;

import dev.avastream.jobs.kafka.KafkaSinks;
import dev.avastream.jobs.kafka.TopicAdmin;
import dev.avastream.jobs.kafka.Topics;
import dev.avastream.jobs.source.ChunkSourceOptions;
import dev.avastream.jobs.source.ChunkSource;
import dev.avastream.jobs.source.TitleInput;
import dev.avastream.operators.chunk.ChunkProcessor;
import dev.avastream.operators.title.TitleAssembly;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Entry point for a Flink cluster ({@code flink run}, or the Kubernetes operator's {@code entryClass}):
 * the same pipeline as {@code ava run}, with state backend, checkpoint storage and restart strategy
 * taken from the cluster's configuration.
 *
 * <pre>
 * --bootstrap-servers HOST:PORT   (required)
 * --video PATH_OR_URL --title ID  (repeatable; the path must be readable by FFmpeg on every TaskManager)
 * --chunk-seconds 10 --top-k 12 --pool-size 240 --analysis-width 320
 * --transactional-id-prefix ava   (keep it stable across upgrades: a restarted job aborts the
 *                                  transactions its predecessor left open only under the same prefix)
 * </pre>
 */
public final class AvaJobMain {
    private AvaJobMain() {}

    public static void main(String[] args) throws Exception {
        String bootstrap = null;
        List<String> videos = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        double chunkSeconds = 10;
        int topK = 12;
        int poolSize = 240;
        int analysisWidth = 320;
        String txPrefix = "ava";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) throw new IllegalArgumentException("missing value after " + a);
            String v = args[++i];
            switch (a) {
                case "--bootstrap-servers" -> bootstrap = v;
                case "--video" -> videos.add(v);
                case "--title" -> ids.add(v);
                case "--chunk-seconds" -> chunkSeconds = Double.parseDouble(v);
                case "--top-k" -> topK = Integer.parseInt(v);
                case "--pool-size" -> poolSize = Integer.parseInt(v);
                case "--analysis-width" -> analysisWidth = Integer.parseInt(v);
                case "--transactional-id-prefix" -> txPrefix = v;
                default -> throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        if (bootstrap == null) throw new IllegalArgumentException("--bootstrap-servers is required");
        if (videos.isEmpty()) throw new IllegalArgumentException("at least one --video is required");
        if (!ids.isEmpty() && ids.size() != videos.size()) {
            throw new IllegalArgumentException("give one --title per --video");
        }
        List<TitleInput> titles = new ArrayList<>();
        for (int i = 0; i < videos.size(); i++) {
            String id = ids.isEmpty() ? videos.get(i).replaceAll(".*/", "").replaceAll("\\.[^.]*$", "") : ids.get(i);
            titles.add(new TitleInput(id, videos.get(i)));
        }

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        PipelineOptions defaults = PipelineOptions.defaults().withParallelism(env.getParallelism());
        ChunkSourceOptions c = defaults.chunks();
        PipelineOptions options = defaults
                .withChunks(new ChunkSourceOptions(chunkSeconds, c.maxChunksPerSecond()))
                .withTitle(new TitleAssembly.Params(topK, defaults.title().poolPerShot(), poolSize));
        Topics topics = Topics.defaults();
        TopicAdmin.ensureTopics(bootstrap, topics, Math.max(1, env.getParallelism()));
        String runId = UUID.randomUUID().toString();
        new AvaPipeline(new ChunkSource(titles, runId, options.chunks(),
                        ChunkProcessor.Config.defaults().withAnalysisWidth(analysisWidth)),
                KafkaSinks.titleOutput(bootstrap, topics, txPrefix), options).build(env);
        env.execute("AVA Stream: " + titles.size() + " title(s)");
    }
}
