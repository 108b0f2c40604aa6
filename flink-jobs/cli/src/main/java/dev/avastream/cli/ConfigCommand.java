package dev.avastream.cli;

import dev.avastream.operators.config.ConfigurationReference;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** Prints every pipeline setting with its default, valid range and meaning: the same text as docs/configuration.md. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Print every pipeline setting: its key, default, valid values, option and meaning.",
                "Any of them can be set with --set KEY=VALUE on run, demo, bench, live, bench-latency "
                        + "and the cluster entry point AvaJobMain."})
public final class ConfigCommand implements Callable<Integer> {

    static final class Format {
        @Option(names = "--json", description = "As one JSON array (key, section, type, default, valid, option, doc).")
        boolean json;

        @Option(names = "--markdown", description = "As Markdown: the text of docs/configuration.md.")
        boolean markdown;
    }

    @ArgGroup(exclusive = true)
    Format format;

    @Override
    public Integer call() {
        String out;
        if (format != null && format.json) out = ConfigurationReference.json();
        else if (format != null && format.markdown) out = ConfigurationReference.markdown();
        else out = ConfigurationReference.text();
        System.out.print(out);
        System.out.flush();
        return AvaCli.EXIT_OK;
    }
}
