package dev.avastream.cli;

import dev.avastream.cli.runtime.AvaRunner;
import dev.avastream.jobs.source.TitleInput;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** Lets tests in other packages drive {@code ava run}'s reporting with their own Kafka. */
public final class RunCommandAccess {
    private RunCommandAccess() {}

    public static int execute(List<TitleInput> titles, AvaRunner.Settings settings, Path summary, PrintStream out,
                              PrintStream err) throws Exception {
        return RunCommand.execute(titles, settings, summary, true, out, err);
    }
}
