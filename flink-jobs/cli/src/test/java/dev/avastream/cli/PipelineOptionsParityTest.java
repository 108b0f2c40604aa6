package dev.avastream.cli;

import dev.avastream.jobs.AvaJobMain;
import dev.avastream.jobs.PipelineOptionSet;
import dev.avastream.operators.config.Setting;
import dev.avastream.operators.config.SettingValues;
import dev.avastream.operators.config.Tunables;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CLI's commands that run the pipeline and the cluster entry point accept the same pipeline
 * options, with the same defaults, help and checks, because both mix in the one {@link PipelineOptionSet}
 * generated from {@link Tunables}; the same arguments give the same values.
 */
class PipelineOptionsParityTest {

    private static final String[] SETTINGS_ARGS = {"--top-k", "5", "--chunk-seconds", "4", "--analysis-width", "256",
            "--min-shot-seconds", "0.8", "--pool-size", "60", "--parallelism", "2", "--checkpoint-interval", "500ms",
            "--idle-timeout", "5m", "--set", "hardcut.min-score=0.5", "--set", "gradual.min-dissolve-change=0.03"};

    /** Pipeline options by name, as help describes them: description, label, type, whether required. */
    private static Map<String, String> pipelineOptions(CommandSpec spec) {
        Map<String, String> m = new TreeMap<>();
        for (OptionSpec o : spec.options()) {
            if (o.longestName().equals(PipelineOptionSet.SET_OPTION) || isSettingOption(o.longestName())) {
                m.put(o.longestName(), String.join(" ", o.description()) + " | " + o.paramLabel() + " | "
                        + o.type().getSimpleName() + " | required=" + o.required() + " | default=" + o.defaultValue());
            }
        }
        return m;
    }

    private static boolean isSettingOption(String name) {
        return Tunables.all().stream().anyMatch(s -> name.equals(s.option()));
    }

    private static PipelineOptionSet find(CommandSpec spec) {
        for (CommandSpec m : spec.mixins().values()) {
            if (m.userObject() instanceof PipelineOptionSet p) return p;
            PipelineOptionSet nested = find(m);
            if (nested != null) return nested;
        }
        return null;
    }

    @ParameterizedTest(name = "ava {0} and AvaJobMain")
    @ValueSource(strings = {"run", "demo", "bench", "live", "bench-latency"})
    void sameOptionsWithTheSameDefaultsAndHelp(String command) {
        CommandSpec cli = AvaCli.commandLine().getSubcommands().get(command).getCommandSpec();
        CommandSpec job = AvaJobMain.commandLine().getCommandSpec();
        Map<String, String> jobOptions = pipelineOptions(job);
        assertEquals(jobOptions, pipelineOptions(cli));
        // Every setting with an option of its own, and --set for the rest.
        List<String> expected = new ArrayList<>();
        for (Setting<?> s : Tunables.all()) if (s.option() != null) expected.add(s.option());
        expected.add(PipelineOptionSet.SET_OPTION);
        assertEquals(new java.util.TreeSet<>(expected), jobOptions.keySet());
        for (Setting<?> s : Tunables.all()) {
            if (s.option() != null) {
                assertTrue(jobOptions.get(s.option()).contains("Default: " + s.defaultText() + "."),
                        s.option() + ": " + jobOptions.get(s.option()));
            }
        }
        // One class, not two copies.
        assertSame(PipelineOptionSet.class, find(cli).getClass());
        assertSame(PipelineOptionSet.class, find(job).getClass());
    }

    @ParameterizedTest(name = "ava {0} and AvaJobMain parse alike")
    @ValueSource(strings = {"run", "demo", "bench", "live", "bench-latency"})
    void theSameArgumentsGiveTheSameValues(String command) {
        CommandLine top = AvaCli.commandLine();
        List<String> cliArgs = new ArrayList<>(List.of(command));
        if (command.equals("run") || command.equals("bench")) cliArgs.addAll(List.of("--video", "a.mp4"));
        cliArgs.addAll(List.of(SETTINGS_ARGS));
        top.parseArgs(cliArgs.toArray(String[]::new));
        CommandLine cli = top.getSubcommands().get(command);
        CommandLine job = AvaJobMain.commandLine();
        List<String> jobArgs = new ArrayList<>(List.of("--bootstrap-servers", "k:9092", "--video", "a.mp4"));
        jobArgs.addAll(List.of(SETTINGS_ARGS));
        job.parseArgs(jobArgs.toArray(String[]::new));
        SettingValues fromCli = find(cli.getCommandSpec()).values();
        SettingValues fromJob = find(job.getCommandSpec()).values();
        assertEquals(fromJob, fromCli);
        assertEquals(10, fromCli.chosen().size(), fromCli.toString());
        assertEquals(find(job.getCommandSpec()).pipeline(1), find(cli.getCommandSpec()).pipeline(1));
        assertEquals(find(job.getCommandSpec()).processor(), find(cli.getCommandSpec()).processor());
    }

    @Test
    void withoutArgumentsBothUseTheSettingsDefaults() {
        CommandLine top = AvaCli.commandLine();
        top.parseArgs("run", "--video", "a.mp4");
        CommandLine cli = top.getSubcommands().get("run");
        PipelineOptionSet set = find(cli.getCommandSpec());
        assertNotNull(set);
        assertEquals(SettingValues.defaults(), set.values());
        assertEquals(Tunables.TOP_K.defaultValue(), set.pipeline(1).title().topK());
        assertEquals(Tunables.ANALYSIS_WIDTH.defaultValue(), set.processor().analysisWidth());
    }

    @Test
    void aLaterOptionWinsOverAnEarlierSet() {
        CommandLine job = AvaJobMain.commandLine();
        job.parseArgs("--bootstrap-servers", "k:9092", "--video", "a.mp4", "--set", "title.top-k=3", "--top-k", "5",
                "--set", "hardcut.min-score=0.5");
        SettingValues v = find(job.getCommandSpec()).values();
        assertEquals(5, v.get(Tunables.TOP_K));
        assertEquals(0.5, v.get(Tunables.CUT_MIN_SCORE));
    }

    @Test
    void topKZeroIsAUsageErrorInTheCliToo() {
        CliRun r = CliRun.of("run", "--video", "a.mp4", "--top-k", "0");
        assertEquals(AvaCli.EXIT_USAGE, r.code(), r.err());
        assertTrue(r.err().contains("title.top-k (--top-k) must be at least 1, was 0"), r.err());
        r = CliRun.of("live", "--set", "title.top-k=0");
        assertEquals(AvaCli.EXIT_USAGE, r.code(), r.err());
        assertTrue(r.err().contains("must be at least 1, was 0"), r.err());
    }

    @Test
    void avaConfigPrintsEverySetting() {
        CliRun r = CliRun.of("config");
        assertEquals(0, r.code(), r.err());
        for (Setting<?> s : Tunables.all()) {
            assertTrue(r.out().contains(s.key() + " = " + s.defaultText()), s.key() + " missing:\n" + r.out());
        }
        CliRun json = CliRun.of("config", "--json");
        assertEquals(0, json.code(), json.err());
        assertTrue(json.out().trim().startsWith("[") && json.out().contains("\"key\": \"title.top-k\""), json.out());
        CliRun md = CliRun.of("config", "--markdown");
        assertEquals(dev.avastream.operators.config.ConfigurationReference.markdown(), md.out());
        for (String line : r.out().lines().toList()) assertTrue(line.length() <= 80, "over 80 columns: " + line);
    }
}
