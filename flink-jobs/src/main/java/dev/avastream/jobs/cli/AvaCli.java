package dev.avastream.jobs.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ava} command line: {@code java -jar flink-jobs/target/ava.jar <command> --help}.
 * Exit codes: 0 success; 2 bad arguments; 3 some title failed (others completed); 4 the job failed.
 */
@Command(name = "ava", mixinStandardHelpOptions = true, version = "AVA Stream 0.1.0",
        description = "Streaming frame annotation, shot detection and diverse top-K stills on Apache Flink.",
        subcommands = {RunCommand.class, DemoCommand.class, GenerateCommand.class, ProbeCommand.class,
                BenchCommand.class, EvalShotsCommand.class, CommandLine.HelpCommand.class,
                IngestCommand.class, LiveCommand.class, BenchLatencyCommand.class})
public final class AvaCli implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_TITLE_FAILED = 3;
    public static final int EXIT_JOB_FAILED = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static int execute(String... args) {
        // FFmpeg logs every encoder warning to stderr; the CLI reports its own errors, naming the file.
        org.bytedeco.ffmpeg.global.avutil.av_log_set_level(org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR);
        return new CommandLine(new AvaCli())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof IllegalArgumentException) {
                        // Option values that parse but make no sense (e.g. --top-k 0).
                        cmd.getErr().println("ava " + cmd.getCommandName() + ": " + e.getMessage());
                        cmd.getErr().println("Try 'ava " + cmd.getCommandName() + " --help'.");
                        return EXIT_USAGE;
                    }
                    cmd.getErr().println("ava " + cmd.getCommandName() + ": " + RunCommand.rootMessage(e));
                    return EXIT_JOB_FAILED;
                })
                .execute(args);
    }

    public static void main(String[] args) {
        // Kafka's jar ships a log4j2.yaml that log4j would pick before ours (YAML outranks XML):
        // name ours explicitly, before the first logger exists, unless the user chose one.
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "ava-log4j2.xml");
        }
        System.exit(execute(args));
    }
}
