package dev.avastream.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --help} of {@code ava} and of every command, as printed: it fits 80 columns, and every
 * description (of the command, of each option, of the footer) appears whole, not cut short nor
 * broken inside a word such as {@code ava.candidates}; each paragraph of a command's description is
 * complete sentences, and the command list shows each command's first one whole.
 */
class HelpLayoutTest {
    private static final int WIDTH = 80;

    static Stream<String> commands() {
        List<String> names = new ArrayList<>();
        names.add(""); // ava itself
        names.addAll(AvaCli.commandLine().getSubcommands().keySet());
        return names.stream();
    }

    @ParameterizedTest(name = "ava {0} --help")
    @MethodSource("commands")
    void helpFitsEightyColumnsAndCutsNoDescription(String command) {
        CliRun r = command.isEmpty() ? CliRun.of("--help") : CliRun.of(command, "--help");
        assertEquals(0, r.code(), r.err());
        String help = r.out();
        assertFalse(help.isBlank());
        for (String line : help.lines().toList()) {
            assertTrue(line.length() <= WIDTH, "a line of " + line.length() + " columns in 'ava " + command
                    + " --help':\n" + line);
        }
        CommandSpec spec = command.isEmpty() ? AvaCli.commandLine().getCommandSpec()
                : AvaCli.commandLine().getSubcommands().get(command).getCommandSpec();
        String printed = flat(help);
        for (String paragraph : spec.usageMessage().description()) {
            assertTrue(printed.contains(flat(paragraph)), "description cut or broken in 'ava " + command
                    + " --help':\n  " + paragraph + "\nprinted:\n" + help);
            if (!(spec.userObject() instanceof CommandLine.HelpCommand)) { // picocli's own wording
                assertTrue(endsASentence(paragraph), "a description paragraph of 'ava " + command
                        + "' stops mid-sentence (one paragraph per description element):\n  " + paragraph);
            }
        }
        for (OptionSpec option : spec.options()) {
            if (option.hidden()) continue;
            for (String text : option.description()) {
                assertTrue(printed.contains(flat(text)), "description of " + option.longestName()
                        + " cut or broken in 'ava " + command + " --help':\n  " + text + "\nprinted:\n" + help);
            }
        }
        for (String text : spec.usageMessage().footer()) {
            assertTrue(printed.contains(flat(text)), "footer cut or broken:\n  " + text + "\nprinted:\n" + help);
        }
    }

    @Test
    void theCommandListShowsEachCommandsFirstSentenceWhole() {
        CliRun top = CliRun.of("--help");
        String printed = flat(top.out());
        for (var e : AvaCli.commandLine().getSubcommands().entrySet()) {
            // picocli lists a command by its header, or else by the first paragraph of its description
            CommandLine.Model.UsageMessageSpec usage = e.getValue().getCommandSpec().usageMessage();
            String[] first = usage.header().length > 0 ? usage.header() : usage.description();
            assertTrue(first.length > 0, e.getKey() + " has no description");
            String summary = first[0];
            assertTrue(endsASentence(summary), e.getKey() + ": the summary is not a whole sentence: " + summary);
            assertTrue(printed.contains(flat(e.getKey() + " " + summary)),
                    "'ava --help' lists " + e.getKey() + " without its whole first sentence:\n" + top.out());
        }
        // today's complaint: the demo's description ended at "and write"
        assertFalse(top.out().lines().anyMatch(l -> l.stripTrailing().endsWith(" and write")), top.out());
    }

    @Test
    void anUnknownCommandIsAnErrorEvenWithHelp() {
        CliRun unknown = CliRun.of("NOSUCHCOMMAND", "--help");
        assertEquals(AvaCli.EXIT_USAGE, unknown.code(), unknown.out() + unknown.err());
        assertTrue(unknown.err().contains("unknown command 'NOSUCHCOMMAND'"), unknown.err());
        assertFalse(unknown.err().contains("Did you mean"), "nothing is close to it:\n" + unknown.err());
        assertTrue(unknown.out().isEmpty(), "no usage on stdout:\n" + unknown.out());

        CliRun typo = CliRun.of("runn", "--help");
        assertEquals(AvaCli.EXIT_USAGE, typo.code());
        assertTrue(typo.err().contains("unknown command 'runn'") && typo.err().contains("Did you mean: ava run?"),
                typo.err());

        CliRun start = CliRun.of("bench-lat");
        assertEquals(AvaCli.EXIT_USAGE, start.code());
        assertTrue(start.err().contains("Did you mean: ava bench-latency?"), start.err());

        CliRun extra = CliRun.of("run", "--help", "extra");
        assertEquals(AvaCli.EXIT_USAGE, extra.code(), "a stray argument beside --help is refused too");
        assertTrue(extra.err().contains("'extra'"), extra.err());

        assertEquals(0, CliRun.of("--help").code());
        assertEquals(0, CliRun.of("help", "run").code());
    }

    /** The text as a reader sees it once the line breaks are gone: single spaces, format codes applied. */
    private static String flat(String s) {
        return s.replace("%n", " ").replace("%%", "%").replaceAll("\\s+", " ").trim();
    }

    private static boolean endsASentence(String paragraph) {
        String p = paragraph.strip().replaceAll("[)\"'*]+$", "");
        return p.endsWith(".") || p.endsWith("?") || p.endsWith("!");
    }
}
