package dev.avastream.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ava} command line: {@code java -jar flink-jobs/target/ava.jar <command> --help}.
 * Exit codes: 0 success; 2 bad arguments; 3 some title failed (others completed); 4 the job failed.
 */
@Command(name = "ava", mixinStandardHelpOptions = true, version = "AVA Stream 0.1.0",
        description = "Streaming frame annotation, shot detection and diverse top-K stills on Apache Flink.",
        footer = {"%nrun, demo, probe, bench, eval-shots and generate take -q/--quiet (no progress",
                "on stderr) and --json (the result as one JSON document on stdout).",
                "See README.md, 'CLI conventions'."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "2:bad arguments (the message names the option or file)",
                "3:a title failed (others completed; the message names the file)",
                "4:the job or the program failed (internal error)"},
        subcommands = {RunCommand.class, DemoCommand.class, GenerateCommand.class, ProbeCommand.class,
                BenchCommand.class, EvalShotsCommand.class, CommandLine.HelpCommand.class,
                PreviewCommand.class, WatchCommand.class,
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
                .setParameterExceptionHandler((e, rejected) -> {
                    // The problem and where to look, not the whole usage: that is one --help away.
                    CommandLine cmd = e.getCommandLine();
                    String name = cmd.getCommandSpec().qualifiedName();
                    cmd.getErr().println(name + ": " + e.getMessage());
                    CommandLine.UnmatchedArgumentException.printSuggestions(e, cmd.getErr());
                    cmd.getErr().println("Try '" + name + " --help'.");
                    return EXIT_USAGE;
                })
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
