package dev.avastream.cli;

import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;

/**
 * The {@code ava} command line: {@code java -jar flink-jobs/target/ava.jar <command> --help}.
 * Exit codes: 0 success; 2 bad arguments; 3 some title failed (others completed); 4 the job failed.
 */
@Command(name = "ava", mixinStandardHelpOptions = true, version = "AVA Stream 0.1.0",
        description = "Streaming frame annotation, shot detection and diverse top-K stills on Apache Flink.",
        footer = {"%nrun, demo, probe, bench, eval-shots and generate take -q/--quiet (no progress on stderr) "
                + "and --json (the result as one JSON document on stdout).",
                "'ava COMMAND --help' describes a command's options. Conventions and JSON shapes: docs/cli.md."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "2:bad arguments (the message names the option or file)",
                "3:a title failed (others completed; the message names the file)",
                "4:the job or the program failed (internal error)"},
        subcommands = {RunCommand.class, DemoCommand.class, GenerateCommand.class, ProbeCommand.class,
                BenchCommand.class, EvalShotsCommand.class, EvalStillsCommand.class, ExportCommand.class, SearchCommand.class, FeedbackCommand.class, CommandLine.HelpCommand.class,
                PreviewCommand.class, WatchCommand.class,
                IngestCommand.class, LiveCommand.class, BenchLatencyCommand.class, ConfigCommand.class, ModelsCommand.class})
public final class AvaCli implements Runnable {
    /** Help is laid out for an 80-column terminal, whatever the terminal (tests check every line fits). */
    public static final int USAGE_WIDTH = 80;

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
        return commandLine()
                .setParameterExceptionHandler((e, rejected) -> {
                    // The problem and where to look, not the whole usage: that is one --help away.
                    CommandLine cmd = e.getCommandLine();
                    String name = cmd.getCommandSpec().qualifiedName();
                    String unknown = unknownCommand(e);
                    if (unknown != null) {
                        cmd.getErr().println(name + ": unknown command '" + unknown + "'");
                        List<String> close = closeCommands(cmd, unknown);
                        if (!close.isEmpty()) {
                            cmd.getErr().println("Did you mean: "
                                    + String.join(" or ", close.stream().map(c -> name + " " + c).toList()) + "?");
                        }
                    } else {
                        cmd.getErr().println(name + ": " + e.getMessage());
                        CommandLine.UnmatchedArgumentException.printSuggestions(e, cmd.getErr());
                    }
                    cmd.getErr().println("Try '" + name + " --help'" + (unknown != null ? " for the list of commands." : "."));
                    return EXIT_USAGE;
                })
                .setExecutionStrategy(parsed -> {
                    // picocli lets a --help anywhere win over arguments it could not match, so that
                    // 'ava NOSUCHCOMMAND --help' would print the top usage and succeed: refuse them first.
                    for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
                        if (!p.unmatched().isEmpty()) {
                            throw new CommandLine.UnmatchedArgumentException(p.commandSpec().commandLine(), p.unmatched());
                        }
                    }
                    return new CommandLine.RunLast().execute(parsed);
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

    /** The command tree with its help laid out at {@link #USAGE_WIDTH} columns. */
    public static CommandLine commandLine() {
        return new CommandLine(new AvaCli()).setUsageHelpWidth(USAGE_WIDTH).setUsageHelpAutoWidth(false);
    }

    /**
     * The word taken for a command name that is none, or null: the first argument {@code ava} itself
     * could not match (it takes no positional arguments, so any such word was meant as a command).
     */
    private static String unknownCommand(CommandLine.ParameterException e) {
        if (!(e instanceof CommandLine.UnmatchedArgumentException u)) return null;
        if (e.getCommandLine().getParent() != null || u.getUnmatched().isEmpty()) return null;
        String first = u.getUnmatched().get(0);
        return first.startsWith("-") ? null : first;
    }

    /** Commands the word may have meant: a typo of one (two edits at most) or the start of its name. */
    static List<String> closeCommands(CommandLine cmd, String word) {
        String w = word.toLowerCase(Locale.ROOT);
        List<String> close = new ArrayList<>();
        for (String name : cmd.getSubcommands().keySet()) {
            boolean prefix = w.length() >= 2 && name.startsWith(w);
            if (prefix || editDistance(w, name) <= Math.min(2, name.length() / 3)) close.add(name);
        }
        return close;
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
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
