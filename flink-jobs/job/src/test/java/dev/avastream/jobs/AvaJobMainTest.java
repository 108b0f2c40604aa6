package dev.avastream.jobs;

import dev.avastream.operators.config.Tunables;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cluster entry point checks its arguments like the CLI: a bad value never reaches the cluster. */
class AvaJobMainTest {

    private static final String[] REQUIRED = {"--bootstrap-servers", "kafka:9092", "--video", "https://v.example/t.mp4"};

    private record Run(int code, String out, String err) {}

    private static Run run(String... extra) {
        List<String> args = new ArrayList<>(List.of(REQUIRED));
        args.addAll(List.of(extra));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AvaJobMain.execute(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void topKZeroIsAUsageErrorThatNamesTheOptionAndTheRule() {
        Run r = run("--top-k", "0");
        assertEquals(AvaJobMain.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("--top-k"), r.err());
        assertTrue(r.err().contains("title.top-k (--top-k) must be at least 1, was 0"), r.err());
    }

    @Test
    void theGenericSetIsCheckedToo() {
        Run r = run("--set", "title.top-k=0");
        assertEquals(AvaJobMain.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("must be at least 1, was 0"), r.err());
        r = run("--set", "no.such-setting=1");
        assertEquals(AvaJobMain.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("no setting 'no.such-setting'"), r.err());
        r = run("--set", "hardcut.min-score");
        assertEquals(AvaJobMain.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("KEY=VALUE"), r.err());
    }

    @Test
    void rulesBetweenSettingsAreCheckedBeforeTheJobIsBuilt() {
        Run r = run("--top-k", "12", "--pool-size", "5");
        assertEquals(AvaJobMain.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("title.pool-size (--pool-size) must be at least title.top-k (--top-k)"), r.err());
    }

    @Test
    void missingAndMismatchedArgumentsAreUsageErrors() {
        StringWriter err = new StringWriter();
        int code = AvaJobMain.execute(new String[] {"--video", "a.mp4"}, new PrintWriter(new StringWriter()),
                new PrintWriter(err, true));
        assertEquals(AvaJobMain.EXIT_USAGE, code);
        assertTrue(err.toString().contains("--bootstrap-servers"), err.toString());
        Run r = run("--title", "a", "--title", "b");
        assertEquals(AvaJobMain.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("give one --title per --video"), r.err());
        assertEquals(AvaJobMain.EXIT_USAGE, run("--no-such-option", "1").code());
    }

    @Test
    void mainFailsOnBadArgumentsSoTheJvmExitsNonZero() {
        String[] args = {"--bootstrap-servers", "kafka:9092", "--video", "t.mp4", "--top-k", "0"};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AvaJobMain.main(args));
        assertTrue(e.getMessage().contains("exit code 2"), e.getMessage());
    }

    @Test
    void helpListsThePipelineOptionsWithTheirDefaultsIn80Columns() {
        StringWriter out = new StringWriter();
        int code = AvaJobMain.execute(new String[] {"--help"}, new PrintWriter(out, true), new PrintWriter(new StringWriter()));
        assertEquals(0, code);
        String help = out.toString();
        assertTrue(help.contains("--top-k=K"), help);
        assertTrue(help.contains("--set=KEY=VALUE"), help);
        assertTrue(help.contains("--transactional-id-prefix"), help);
        assertTrue(help.replaceAll("\\s+", " ").contains("Default: " + Tunables.TOP_K.defaultText() + "."), help);
        for (String line : help.split("\n")) assertTrue(line.length() <= 80, "over 80 columns: " + line);
    }

    @Test
    void parsedValuesBuildTheRunsOptions() {
        AvaJobMain main = new AvaJobMain();
        new CommandLine(main).parseArgs("--bootstrap-servers", "k:9092", "--video", "a.mp4", "--top-k", "5",
                "--chunk-seconds", "4", "--set", "hardcut.min-score=0.5", "--idle-timeout", "90s");
        PipelineOptions p = main.pipeline.pipeline(3);
        assertEquals(5, p.title().topK());
        assertEquals(4.0, p.chunks().chunkSeconds());
        assertEquals(java.time.Duration.ofSeconds(90), p.idleTimeout());
        assertEquals(3, p.parallelism());
        assertEquals(0.5, main.pipeline.processor().analysis().detector().minScore());
        assertEquals("a", main.titles().get(0).titleId());
    }
}
