package dev.avastream.cli;

import picocli.CommandLine.Option;

import java.io.OutputStream;
import java.io.PrintStream;

/**
 * {@code -q/--quiet} and {@code --json}, the same on every command meant for scripts (run, demo, probe,
 * bench, eval-shots, generate). Results go to stdout, progress and notes to stderr, errors always to
 * stderr; see docs/cli.md, "CLI conventions".
 */
final class OutputOptions {
    @Option(names = {"-q", "--quiet"},
            description = "No progress or informational lines on stderr (errors still print).")
    boolean quiet;

    @Option(names = "--json",
            description = "Print the result as one JSON document on stdout (progress, if any, stays on stderr).")
    boolean json;

    /** Where progress and notes go: stderr, or nowhere with --quiet. */
    PrintStream notes() {
        return quiet ? NOWHERE : System.err;
    }

    /** A progress printer on stderr, or null with --quiet. */
    ProgressPrinter progress() {
        return quiet ? null : new ProgressPrinter(System.err);
    }

    static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());
}
