package dev.avastream.jobs;

import dev.avastream.jobs.kafka.KafkaConfigOption;
import dev.avastream.jobs.kafka.KafkaSinks;
import dev.avastream.jobs.kafka.TopicAdmin;
import dev.avastream.jobs.kafka.Topics;
import dev.avastream.jobs.source.ChunkSource;
import dev.avastream.jobs.source.TitleInput;
import dev.avastream.operators.chunk.ChunkProcessor;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * Entry point for a Flink cluster ({@code flink run}, or the Kubernetes operator's {@code entryClass}):
 * the same pipeline as {@code ava run}, with state backend, checkpoint storage and restart strategy
 * taken from the cluster's configuration. Its pipeline options are the CLI's ({@link PipelineOptionSet}):
 * same names, defaults and checks; {@code --help} lists them.
 */
@Command(name = "AvaJobMain", mixinStandardHelpOptions = true, usageHelpWidth = 80,
        description = "Runs the AVA Stream pipeline on a Flink cluster: chunks the titles, analyses them on the "
                + "task managers and publishes candidate sets, shots and stills to Kafka.")
public final class AvaJobMain implements Callable<Integer> {

    /** Exit code of a usage error (picocli's, as the CLI's). */
    public static final int EXIT_USAGE = 2;

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT[,...]",
            description = "Kafka to publish to.")
    String bootstrapServers;

    @Option(names = "--video", required = true, paramLabel = "PATH_OR_URL",
            description = "A title to process (repeatable); FFmpeg on every TaskManager must be able to read it.")
    List<String> videos = new ArrayList<>();

    @Option(names = "--title", paramLabel = "ID",
            description = "Title id, one per --video in the same order. Default: the file name without extension.")
    List<String> ids = new ArrayList<>();

    @Option(names = "--transactional-id-prefix", defaultValue = "ava", paramLabel = "PREFIX",
            description = "Kafka transactional id prefix. Keep it stable across upgrades: a restarted job aborts "
                    + "the transactions its predecessor left open only under the same prefix. Default: ${DEFAULT-VALUE}.")
    String transactionalIdPrefix;

    @Mixin
    PipelineOptionSet pipeline;

    @Mixin
    KafkaConfigOption kafkaConfig;

    public static void main(String[] args) throws Exception {
        int code = execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        // Not System.exit: in application mode this main runs inside the JobManager. An exception fails
        // the deployment (and a plain JVM exits non-zero) with the message already printed.
        if (code != 0) throw new IllegalArgumentException("AvaJobMain: invalid arguments (exit code " + code + ")");
    }

    /** Parses, checks and runs; returns the exit code (2: bad arguments, with the reason on {@code err}). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cmd = commandLine();
        cmd.setOut(out).setErr(err);
        cmd.setParameterExceptionHandler((e, rejected) -> {
            e.getCommandLine().getErr().println("AvaJobMain: " + e.getMessage());
            e.getCommandLine().getErr().println("AvaJobMain --help lists the options.");
            return EXIT_USAGE;
        });
        cmd.setExecutionExceptionHandler((e, c, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                c.getErr().println("AvaJobMain: " + e.getMessage());
                return EXIT_USAGE;
            }
            throw e;
        });
        return cmd.execute(args);
    }

    /** The command line of the entry point, for parsing and for comparing its options with the CLI's. */
    public static CommandLine commandLine() {
        return new CommandLine(new AvaJobMain());
    }

    /** The titles the arguments name (ids from --title, or the file names). */
    List<TitleInput> titles() {
        if (!ids.isEmpty() && ids.size() != videos.size()) {
            throw new IllegalArgumentException("give one --title per --video (" + ids.size() + " for "
                    + videos.size() + ")");
        }
        List<TitleInput> titles = new ArrayList<>();
        for (int i = 0; i < videos.size(); i++) {
            String id = ids.isEmpty() ? videos.get(i).replaceAll(".*/", "").replaceAll("\\.[^.]*$", "") : ids.get(i);
            titles.add(new TitleInput(id, videos.get(i)));
        }
        return titles;
    }

    @Option(names = "--ignore-feedback",
            description = "Score with the profiles' own weights, not with those learned from the curators' "
                    + "verdicts when the job starts.")
    boolean ignoreFeedback;

    @Override
    public Integer call() throws Exception {
        // Everything is checked before the job is built: a bad value fails here, naming the option.
        List<TitleInput> titles = titles();
        kafkaConfig.register(bootstrapServers);
        pipeline.processor();
        pipeline.pipeline(1); // the rules between settings (pool size at least top-K), before any cluster work
        if (!ignoreFeedback) {
            // the weights learned from the curators' verdicts, before the job is built from the values
            LearnedProfiles.apply(pipeline, bootstrapServers, Topics.defaults(), System.err);
        }
        ChunkProcessor.Config processor = pipeline.processor();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        PipelineOptions options = pipeline.pipeline(Math.max(1, env.getParallelism()));
        if (pipeline.values().chosen(dev.avastream.operators.config.Tunables.PARALLELISM) != null) {
            env.setParallelism(options.parallelism());
        }
        if (pipeline.values().chosen(dev.avastream.operators.config.Tunables.CHECKPOINT_INTERVAL) != null) {
            // Given on the command line: it wins over the cluster's execution.checkpointing.interval.
            env.enableCheckpointing(options.checkpointInterval().toMillis());
        }
        Topics topics = Topics.defaults();
        TopicAdmin.ensureTopics(bootstrapServers, topics, Math.max(1, env.getParallelism()));
        String runId = UUID.randomUUID().toString();
        new AvaPipeline(new ChunkSource(titles, runId, options.chunks(), processor),
                KafkaSinks.titleOutput(bootstrapServers, topics, transactionalIdPrefix), options).build(env);
        env.execute("AVA Stream: " + titles.size() + " title(s)");
        return 0;
    }
}
