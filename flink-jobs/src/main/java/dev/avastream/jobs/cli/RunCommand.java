package dev.avastream.jobs.cli;

import dev.avastream.jobs.AvaRunner;
import dev.avastream.jobs.RunOutcome;
import dev.avastream.jobs.SummaryJson;
import dev.avastream.jobs.TitleOutcome;
import dev.avastream.jobs.source.TitleInput;
import dev.avastream.schema.Candidate;
import dev.avastream.schema.CandidateSetUpdate;
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
                "Publishes CandidateSetUpdate records to ava.candidates and Shot records to ava.shots (Avro, keyed by title)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every title completed", "2:bad arguments", "3:a title failed (the others completed)",
                "4:the job failed"})
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

    @Option(names = {"-q", "--quiet"}, description = "No progress lines.")
    boolean quiet;

    @Mixin
    JobOptions job;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<TitleInput> titles = titles(videos, titleIds, spec);
        return execute(titles, job.settings(), summaryJson, quiet, System.out, System.err);
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
        ProgressPrinter progress = quiet ? null : new ProgressPrinter(err);
        RunOutcome outcome;
        try {
            outcome = AvaRunner.run(titles, settings, progress);
        } catch (Exception e) {
            if (progress != null) progress.finish();
            err.println("ava: the job failed: " + rootMessage(e));
            return AvaCli.EXIT_JOB_FAILED;
        }
        if (progress != null) progress.finish();
        if (summaryJson != null) {
            if (summaryJson.toAbsolutePath().getParent() != null) Files.createDirectories(summaryJson.toAbsolutePath().getParent());
            SummaryJson.write(outcome, summaryJson);
        }
        int code = AvaCli.EXIT_OK;
        for (TitleInput t : titles) {
            TitleOutcome o = outcome.titles().get(t.titleId());
            if (o == null || !o.complete()) {
                err.println("ava: " + t.source() + ": no complete result was published for title " + t.titleId());
                code = AvaCli.EXIT_TITLE_FAILED;
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
        return code;
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
