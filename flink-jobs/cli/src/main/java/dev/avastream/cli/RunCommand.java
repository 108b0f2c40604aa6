package dev.avastream.cli;

import dev.avastream.cli.runtime.AvaRunner;
import dev.avastream.cli.runtime.RunOutcome;
import dev.avastream.cli.json.ResultJson;
import dev.avastream.cli.json.SummaryJson;
import dev.avastream.cli.search.FrameStore;
import dev.avastream.cli.runtime.TitleOutcome;
import dev.avastream.jobs.source.TitleInput;
import dev.avastream.schema.Candidate;
import dev.avastream.schema.CandidateSetUpdate;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code ava run}: process video files to the end and exit. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Process one or more videos and exit when every title is done.",
                "Publishes the candidate updates (CandidateSetUpdate records) to ava.candidates and the shots "
                        + "(Shot records) to ava.shots, as Avro keyed by title."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every title completed", "2:bad arguments (the message names the option or file)",
                "3:a title failed (the others completed)", "4:the job failed"})
public final class RunCommand implements Callable<Integer> {
    @Option(names = "--video", required = true, paramLabel = "PATH",
            description = "A video file (repeat for several titles).")
    List<Path> videos;

    @Option(names = "--title", paramLabel = "ID",
            description = "Title id for each --video, in order. Default: the file name without extension.")
    List<String> titleIds = new ArrayList<>();

    @Option(names = "--summary-json", paramLabel = "FILE",
            description = "Write shots, transitions and final candidates (with score components) as JSON.")
    Path summaryJson;

    @Option(names = "--frames-out", paramLabel = "FILE",
            description = "Also keep every frame the run analysed in this Avro file, to search with ava "
                    + "search once an embedded broker has gone away.")
    Path framesOut;

    @Option(names = "--from-savepoint", paramLabel = "PATH",
            description = "Restore the unfinished run in --checkpoint-dir from this savepoint or retained "
                    + "checkpoint (a chk-N directory) instead of its latest checkpoint.")
    Path fromSavepoint;

    @Mixin
    OutputOptions output;

    @Mixin
    JobOptions job;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<TitleInput> titles = titles(videos, titleIds, spec);
        AvaRunner.Settings settings = job.settings().withFromSavepoint(fromSavepoint);
        requireFiles(spec, "--video", videos);
        if (fromSavepoint != null && job.checkpointDir == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--from-savepoint needs the "
                    + "--checkpoint-dir of the unfinished run it was taken from (its run id is recorded there)");
        }
        if (fromSavepoint != null && !Files.exists(fromSavepoint)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--from-savepoint " + fromSavepoint.toAbsolutePath() + ": no such file or directory");
        }
        job.announce(output.notes());
        if (framesOut != null && !settings.pipeline().title().publishFrames()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--frames-out needs the frames: it cannot go with title.publish-frames=false");
        }
        return execute(titles, settings, summaryJson, framesOut, output.quiet, output.json, System.out, System.err);
    }

    /** A path that is not a readable file is a bad argument: say which option and which path, before any work. */
    static void requireFiles(CommandLine.Model.CommandSpec spec, String option, List<Path> paths) {
        for (Path p : paths) {
            String problem = !Files.exists(p) ? "no such file" : Files.isDirectory(p) ? "is a directory"
                    : !Files.isReadable(p) ? "not readable" : null;
            if (problem != null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        option + " " + p.toAbsolutePath() + ": " + problem);
            }
        }
    }

    static List<TitleInput> titles(List<Path> videos, List<String> ids, CommandLine.Model.CommandSpec spec) {
        if (!ids.isEmpty() && ids.size() != videos.size()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give one --title per --video (" + videos.size() + " videos, " + ids.size() + " titles)");
        }
        List<TitleInput> titles = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < videos.size(); i++) {
            Path v = videos.get(i).toAbsolutePath();
            String id = ids.isEmpty() ? stem(v) : ids.get(i);
            if (!seen.add(id)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "title id '" + id
                        + "' is used twice; give distinct --title values");
            }
            titles.add(new TitleInput(id, v.toString()));
        }
        return titles;
    }

    static int execute(List<TitleInput> titles, AvaRunner.Settings settings, Path summaryJson, boolean quiet,
                       PrintStream out, PrintStream err) throws Exception {
        return execute(titles, settings, summaryJson, quiet, false, out, err);
    }

    /** Runs the titles and reports: readable lines, or with {@code json} one JSON document on {@code out}. */
    static int execute(List<TitleInput> titles, AvaRunner.Settings settings, Path summaryJson, boolean quiet,
                       boolean json, PrintStream out, PrintStream err) throws Exception {
        return execute(titles, settings, summaryJson, null, quiet, json, out, err);
    }

    /** As above, and with {@code framesOut} the run's frames copied into that Avro file (FrameStore). */
    static int execute(List<TitleInput> titles, AvaRunner.Settings settings, Path summaryJson, Path framesOut, boolean quiet,
                       boolean json, PrintStream out, PrintStream err) throws Exception {
        ProgressPrinter progress = quiet ? null : new ProgressPrinter(err);
        RunOutcome outcome;
        AvaRunner.AfterRun keepFrames = framesOut == null ? null : (bootstrap, topics, from, o) -> {
            if (framesOut.toAbsolutePath().getParent() != null) Files.createDirectories(framesOut.toAbsolutePath().getParent());
            long n = FrameStore.copyRun(bootstrap, topics.frames(), from.frames(), o.runId(), java.time.Duration.ofSeconds(30), framesOut);
            if (!quiet) err.printf(java.util.Locale.ROOT, "%d analysed frames kept in %s (ava search --frames %s)%n", n, framesOut, framesOut);
        };
        try {
            outcome = AvaRunner.run(titles, settings, progress, keepFrames);
        } catch (IllegalArgumentException e) {
            // the run directory holds another run, or the savepoint is not there: nothing ran
            if (progress != null) progress.finish();
            err.println("ava: " + e.getMessage());
            return AvaCli.EXIT_USAGE;
        } catch (Exception e) {
            if (progress != null) progress.finish();
            err.println("ava: the job failed: " + rootMessage(e));
            return AvaCli.EXIT_JOB_FAILED;
        }
        if (progress != null) progress.finish();
        if (outcome.resumedFrom() != null && !quiet && !json) {
            err.println("ava: run " + outcome.runId() + " resumed from " + outcome.resumedFrom());
        }
        if (summaryJson != null) {
            if (summaryJson.toAbsolutePath().getParent() != null) Files.createDirectories(summaryJson.toAbsolutePath().getParent());
            SummaryJson.write(outcome, summaryJson);
        }
        int code = AvaCli.EXIT_OK;
        ObjectNode report = JSON.createObjectNode();
        ArrayNode titleReports = report.putArray("titles");
        for (TitleInput t : titles) {
            TitleOutcome o = outcome.titles().get(t.titleId());
            if (o == null || !o.complete()) {
                err.println("ava: " + t.source() + ": no complete result was published for title " + t.titleId());
                code = AvaCli.EXIT_TITLE_FAILED;
                titleReports.add(titleJson(t, o));
                continue;
            }
            if (json) {
                titleReports.add(titleJson(t, o));
                for (String e : o.last().getErrors()) err.println("ava: " + e);
                if (!o.last().getErrors().isEmpty()) code = AvaCli.EXIT_TITLE_FAILED;
                continue;
            }
            CandidateSetUpdate last = o.last();
            out.printf(Locale.ROOT, "%s: %d frames, %d shots, %d candidates (version %d) in %.1f s%n", t.titleId(),
                    last.getFramesProcessed(), o.shots().size(), last.getCandidates().size(), last.getVersion(),
                    outcome.elapsedMillis() / 1000.0);
            for (Candidate c : last.getCandidates()) {
                out.printf(Locale.ROOT, "  frame %6d  %9.3f s  shot %4d  score %.3f%n", c.getFrameIndex(),
                        c.getTimeUs() / 1e6, c.getShotIndex(), c.getScore());
            }
            for (String e : last.getErrors()) err.println("ava: " + e);
            if (!last.getErrors().isEmpty()) code = AvaCli.EXIT_TITLE_FAILED;
        }
        if (json) {
            report.put("runId", outcome.runId());
            if (outcome.resumedFrom() != null) report.put("resumedFrom", outcome.resumedFrom().toString());
            report.put("elapsedMs", outcome.elapsedMillis());
            report.put("exitCode", code);
            out.println(JSON.writeValueAsString(report));
        }
        return code;
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One title of {@code run --json}: its last update as {@link ResultJson#update} writes it (the object
     * {@code watch --json} prints for that update); a title that did not complete says so in its errors.
     */
    static ObjectNode titleJson(TitleInput t, TitleOutcome o) {
        if (o == null || o.last() == null) return ResultJson.withoutUpdate(t.titleId(), t.source());
        ObjectNode j = ResultJson.update(o.last());
        if (!o.complete()) ((ArrayNode) j.get("errors")).add("no complete result was published");
        return j;
    }

    static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) c = c.getCause();
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }

    private static String stem(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
