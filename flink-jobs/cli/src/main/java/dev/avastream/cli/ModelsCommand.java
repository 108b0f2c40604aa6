package dev.avastream.cli;

import dev.avastream.models.ModelManifest;
import dev.avastream.models.ModelStore;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Lists the neural models this build carries and checks each file against the manifest's SHA-256:
 * what an operator runs to see that a jar (the CLI's or the cluster's) holds the models it needs.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = {"List the neural models and check each file against its manifest checksum.",
                "Prints where the models come from (the copy bundled in the jar, or the directory in "
                        + "-Dava.models.dir or models/), then each model's task, source package and version, "
                        + "licence and size. Exits 4 if a file is missing or differs from the manifest."})
public final class ModelsCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        ModelStore store = ModelStore.locate();
        PrintStream out = System.out;
        out.println("models: " + store.origin());
        for (ModelManifest.Entry e : store.manifest().models()) {
            out.printf(Locale.ROOT, "  %-10s %-20s %.1f MB%n", e.name(), e.task(), bytes(e) / 1e6);
            for (String line : wrap("source: " + e.sourcePackage() + " " + e.sourceVersion(), 72)) out.println("      " + line);
            for (String line : wrap("licence: " + e.licence(), 72)) out.println("      " + line);
        }
        List<String> problems = store.verify();
        for (String p : problems) System.err.println("ava models: " + p);
        out.println(problems.isEmpty() ? store.manifest().models().size() + " models, every checksum matches the manifest"
                : problems.size() + " problem(s)");
        out.flush();
        return problems.isEmpty() ? AvaCli.EXIT_OK : AvaCli.EXIT_JOB_FAILED;
    }

    /** Words of {@code text} in lines of at most {@code width} columns (a longer word gets a line of its own). */
    static List<String> wrap(String text, int width) {
        List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) line.append(' ');
            line.append(word);
        }
        if (line.length() > 0) lines.add(line.toString());
        return lines;
    }

    private static long bytes(ModelManifest.Entry e) {
        return e.bytes() == null ? 0 : e.bytes();
    }
}
