package dev.avastream.cli.runtime;

import dev.avastream.jobs.FailOnceAfterChunks;
import dev.avastream.jobs.PipelineOptions;

import dev.avastream.jobs.source.ChunkSourceOptions;
import dev.avastream.jobs.source.TitleInput;
import dev.avastream.schema.Candidate;
import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.schema.Shot;
import dev.avastream.testdata.SyntheticVideoGenerator;
import dev.avastream.testdata.SyntheticVideoSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The job fails after some chunks, restarts from its last checkpoint (RocksDB state, enumerator and
 * reader state) and finishes; a read-committed consumer sees every update version exactly once and
 * the same final candidates and shots as an uninterrupted run, and each still once.
 */
class RecoveryEndToEndTest {
    @TempDir
    Path dir;
    static String bootstrap;

    @RegisterExtension
    static final org.junit.jupiter.api.extension.BeforeAllCallback KAFKA = ctx -> bootstrap = EmbeddedKafkaExtension.bootstrap(ctx);

    @Test
    void aRestartFromCheckpointPublishesEachVersionOnceAndTheSameResult() throws Exception {
        Path video = dir.resolve("recovery.mp4");
        SyntheticVideoGenerator.generate(SyntheticVideoSpec.builder().size(320, 180).fps(30).seed(7).gopFrames(15)
                .shotLengths(25, 40, 35, 50, 30, 45, 40, 35, 60, 50, 40, 45).build(), video);
        List<TitleInput> titles = List.of(new TitleInput("recovery", video.toString()));

        RunOutcome clean = AvaRunner.run(titles, settings(0), null);
        RunOutcome recovered = AvaRunner.run(titles, settings(3), null);

        assertTrue(Files.exists(FailOnceAfterChunks.reportFile(recovered.runId())),
                "the injected failure happened (else this test proves nothing)");

        TitleOutcome a = clean.titles().get("recovery");
        TitleOutcome b = recovered.titles().get("recovery");
        assertTrue(a.complete());
        assertTrue(b.complete());
        List<Long> versions = b.updates().stream().map(CandidateSetUpdate::getVersion).toList();
        List<Long> oneToN = new ArrayList<>();
        for (long v = 1; v <= b.last().getChunkCount(); v++) oneToN.add(v);
        assertEquals(oneToN, versions, "each version exactly once, in order");

        assertEquals(frames(a.last().getCandidates()), frames(b.last().getCandidates()));
        assertEquals(scores(a.last().getCandidates()), scores(b.last().getCandidates()));
        assertEquals(shotRanges(a.shots()), shotRanges(b.shots()));
        // stills: each once across the restart (an aborted transaction's stills stay invisible), and every
        // candidate of every version finds its still. (Which frames ever made a top-K may differ from the
        // clean run: versions are published as chunks arrive, in an order the decoders decide.)
        assertEquals(new java.util.HashSet<>(stillFrames(b)).size(), stillFrames(b).size(), "a still sent twice: " + stillFrames(b));
        for (CandidateSetUpdate u : b.updates()) {
            for (Candidate c : u.getCandidates()) assertTrue(b.still(c.getFrameIndex()) != null, "no still of " + c.getStillKey());
        }
    }

    /**
     * A process killed after its job finished, while reading the output back: the run directory says
     * the job finished, so the same call reads the run's output back instead of running the job again
     * from scratch (Flink has discarded a finished job's checkpoints), which would publish every
     * version a second time.
     */
    @Test
    void aRunWhoseJobHadFinishedIsReadBackNotRunAgain() throws Exception {
        Path video = dir.resolve("finished.mp4");
        SyntheticVideoGenerator.generate(SyntheticVideoSpec.builder().size(320, 180).fps(30).seed(9).gopFrames(15)
                .shotLengths(30, 40, 35).build(), video);
        List<TitleInput> titles = List.of(new TitleInput("finished", video.toString()));
        RunOutcome first = AvaRunner.run(titles, settings(0), null);
        TitleOutcome done = first.titles().get("finished");
        assertTrue(done.complete());

        // what the killed process left: the record of its run, its job marked finished
        RunDirectory left = RunDirectory.open(dir.resolve("left"));
        RunDirectory.Run run = left.resumeOrStart(titles, bootstrap, first.runId(),
                () -> new RunOutcome.StartOffsets(java.util.Map.of(), java.util.Map.of(), java.util.Map.of(), java.util.Map.of()));
        left.jobFinished(run);

        RunOutcome again = AvaRunner.run(titles, settings(0).withCheckpointDir(left.path()), null);
        assertEquals(first.runId(), again.runId());
        assertEquals(left.path().resolve(RunDirectory.RECORD), again.resumedFrom());
        TitleOutcome read = again.titles().get("finished");
        assertEquals(done.updates().stream().map(CandidateSetUpdate::getVersion).toList(),
                read.updates().stream().map(CandidateSetUpdate::getVersion).toList(), "each version once: no second job");
        assertEquals(shotRanges(done.shots()), shotRanges(read.shots()));
        assertTrue(!java.nio.file.Files.exists(left.path().resolve(RunDirectory.RECORD)), "the run is finished now");
    }

    private static List<Long> stillFrames(TitleOutcome t) {
        return t.stills().stream().map(s -> s.getFrameIndex()).sorted().toList();
    }

    private AvaRunner.Settings settings(int failAfterChunks) throws Exception {
        PipelineOptions p = PipelineOptions.defaults()
                .withParallelism(2)
                // Half-second chunks paced at 4 a second per reader leave room for checkpoints between them.
                .withChunks(new ChunkSourceOptions(0.5, 4))
                .withCheckpointInterval(Duration.ofMillis(150))
                .withFailAfterChunks(failAfterChunks);
        return AvaRunner.Settings.defaults().withBootstrap(bootstrap).withPipeline(p)
                .withCheckpointDir(Files.createTempDirectory(dir, "cp-"))
                .withRestartAttempts(failAfterChunks > 0 ? 1 : 0);
    }

    private static List<Long> frames(List<Candidate> cs) { return cs.stream().map(Candidate::getFrameIndex).toList(); }

    private static List<Double> scores(List<Candidate> cs) { return cs.stream().map(Candidate::getScore).toList(); }

    private static List<String> shotRanges(List<Shot> shots) {
        return shots.stream().map(s -> s.getIndex() + ":" + s.getStartFrame() + "-" + s.getEndFrame()).toList();
    }
}
