package dev.avastream.cli.live;

import dev.avastream.cli.runtime.AvaRunner;
import dev.avastream.cli.runtime.EmbeddedKafkaAccess;
import dev.avastream.cli.runtime.LiveDirectory;
import dev.avastream.cli.runtime.LiveRuntime;
import dev.avastream.cli.runtime.RunOutcome;
import dev.avastream.cli.runtime.TitleOutcome;
import dev.avastream.decoders.ChunkCutter;
import dev.avastream.jobs.PipelineOptions;
import dev.avastream.jobs.live.LiveTopics;
import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.schema.Still;
import dev.avastream.testdata.SyntheticVideoGenerator;
import dev.avastream.testdata.SyntheticVideoSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The live job stopped with a savepoint mid-title ({@code ava live --checkpoint-dir DIR} and Ctrl-C)
 * and started again on the same directory: it goes on from the savepoint under the same run id, reads
 * the events published while it was down, and the title's updates, read committed across both jobs,
 * carry every version once, in order, with the same final shots and candidates as a job that ran
 * through.
 */
class LiveSavepointEndToEndTest {
    static String bootstrap;

    @RegisterExtension
    static final org.junit.jupiter.api.extension.BeforeAllCallback KAFKA = ctx -> bootstrap = EmbeddedKafkaAccess.bootstrap(ctx);

    @Test
    void aLiveJobStoppedWithASavepointGoesOnWhereItStopped(@TempDir Path dir) throws Exception {
        Path video = dir.resolve("live-sp.mp4");
        SyntheticVideoGenerator.generate(SyntheticVideoSpec.builder().size(320, 180).fps(30).seed(23).gopFrames(30)
                .shotLengths(30, 40, 50, 20, 40, 45, 35).build(), video);
        AvaRunner.Settings base = AvaRunner.Settings.defaults().withBootstrap(bootstrap).withRestartAttempts(0);
        // the title is closed by its end event: no idle timeout may close it while the job is down
        PipelineOptions p = base.pipeline().withParallelism(2).withCheckpointInterval(Duration.ofMillis(300))
                .withIdleTimeout(Duration.ofMinutes(10));

        // a job that runs through
        LiveTopics cleanTopics = LiveTopics.of("test.sp.clean");
        CandidateSetUpdate through;
        TitleOutcome uninterrupted;
        try (LiveRuntime clean = LiveRuntime.start(new LiveRuntime.Options(base.withPipeline(p), cleanTopics, "sp-clean"))) {
            LiveIngest.Plan plan = LiveIngest.cut(video, "sp", 1.0, dir.resolve("chunks"), clean.processor());
            publish(plan, cleanTopics, 0, plan.files().size(), true);
            through = awaitComplete(clean);
            uninterrupted = clean.outcome().titles().get("sp");
        }

        // the same title, the job stopped with a savepoint after 4 of its chunks and started again
        LiveTopics topics = LiveTopics.of("test.sp.stopped");
        Path liveDir = dir.resolve("live");
        LiveRuntime.Options options = new LiveRuntime.Options(base.withPipeline(p).withCheckpointDir(liveDir), topics, "sp-stopped");
        LiveIngest.Plan plan;
        String runId;
        RunOutcome.StartOffsets from;
        Path savepoint;
        try (LiveRuntime first = LiveRuntime.start(options)) {
            assertNull(first.restoredFrom(), "a new directory starts afresh");
            plan = LiveIngest.cut(video, "sp", 1.0, dir.resolve("chunks-2"), first.processor());
            assertTrue(plan.files().size() >= 7, "several chunks: " + plan.files().size());
            publish(plan, topics, 0, 4, false);
            first.follow(Duration.ofMinutes(2), null, u -> u.getVersion() >= 4);
            runId = first.runId();
            from = first.from();
            savepoint = first.stopWithSavepoint(Duration.ofMinutes(2));
        }
        assertTrue(Files.isRegularFile(savepoint.resolve("_metadata")), "a savepoint at " + savepoint);
        assertTrue(savepoint.startsWith(liveDir.resolve("savepoints")), "in the directory's savepoints/: " + savepoint);
        publish(plan, topics, 4, plan.files().size(), true); // what arrives while the job is down

        try (LiveRuntime second = LiveRuntime.start(options)) {
            assertEquals(savepoint, second.restoredFrom(), "went on from the savepoint");
            assertEquals(runId, second.runId(), "under the same run id");
            awaitComplete(second);
        }
        TitleOutcome resumed = RunOutcome.read(bootstrap, runId, base.topics(), from).titles().get("sp");
        List<Long> versions = resumed.updates().stream().map(CandidateSetUpdate::getVersion).toList();
        List<Long> oneToN = new ArrayList<>();
        // one version per chunk, and the end-of-title event's
        for (long v = 1; v <= resumed.last().getVersion(); v++) oneToN.add(v);
        assertEquals(oneToN, versions, "each version once, in order, across the stop");
        assertEquals(through.getVersion(), resumed.last().getVersion(), "as many versions as the job that ran through");
        assertEquals(through.getChunkCount(), resumed.last().getChunkCount());
        assertTrue(resumed.complete());
        assertEquals(shots(uninterrupted), shots(resumed), "the same shots");
        assertEquals(candidates(through), candidates(resumed.last()), "the same final candidates");
        List<Long> stills = resumed.stills().stream().map(Still::getFrameIndex).toList();
        assertEquals(new HashSet<>(stills).size(), stills.size(), "a still published twice: " + stills);

        // another broker on the same directory is refused: the state and offsets belong to the first
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LiveDirectory.open(liveDir).resumeOrStart("elsewhere:9092", topics.chunks(), "sp-stopped", "x"));
        assertTrue(e.getMessage().contains("elsewhere:9092"), e.getMessage());
        assertFalse(Files.exists(liveDir.resolve("kafka")), "no embedded broker data with a given broker");
    }

    private static void publish(LiveIngest.Plan plan, LiveTopics topics, int from, int to, boolean end) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = LiveIngest.producer(bootstrap)) {
            for (ChunkCutter.ChunkFile f : plan.files().subList(from, to)) {
                LiveIngest.send(producer, topics.chunks(), LiveIngest.event(plan, f, System.currentTimeMillis()));
            }
            if (end) LiveIngest.send(producer, topics.chunks(), LiveIngest.endOfTitle(plan, System.currentTimeMillis()));
        }
    }

    private static CandidateSetUpdate awaitComplete(LiveRuntime live) throws Exception {
        CandidateSetUpdate[] last = {null};
        live.follow(Duration.ofMinutes(3), (u, at) -> last[0] = u, CandidateSetUpdate::getComplete);
        return last[0];
    }

    private static List<String> shots(TitleOutcome t) {
        return t.shots().stream().map(s -> s.getStartFrame() + "-" + s.getEndFrame()).sorted().toList();
    }

    private static List<String> candidates(CandidateSetUpdate u) {
        return u.getCandidates().stream().map(c -> c.getFrameIndex() + "@" + c.getScore()).toList();
    }
}
