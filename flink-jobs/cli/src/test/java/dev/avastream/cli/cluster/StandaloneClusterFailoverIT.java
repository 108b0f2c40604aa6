package dev.avastream.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avastream.cli.runtime.EmbeddedKafka;
import dev.avastream.cli.runtime.RunOutcome;
import dev.avastream.cli.runtime.TitleOutcome;
import dev.avastream.cli.runtime.TopicReader;
import dev.avastream.jobs.kafka.TopicAdmin;
import dev.avastream.jobs.kafka.Topics;
import dev.avastream.schema.Candidate;
import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.schema.Shot;
import dev.avastream.schema.Still;
import dev.avastream.testdata.SyntheticVideoGenerator;
import dev.avastream.testdata.SyntheticVideoSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cluster path as an operator runs it: a standalone session cluster of three JVMs (a JobManager
 * and two one-slot TaskManagers, Flink's own entry points, RocksDB with incremental checkpoints on a
 * local directory), {@code ava-cluster.jar} uploaded and run over REST with {@code AvaJobMain} at
 * parallelism 2, the embedded broker in this JVM. One TaskManager is killed with SIGKILL mid-title,
 * after a committed update and a checkpoint after it; a replacement starts (as a supervisor or
 * Kubernetes would). The job must restore that checkpoint and finish, a read-committed consumer must
 * see every update version exactly once, each still once, and the final shots and candidates must
 * equal those of an uninterrupted run on the same cluster.
 */
class StandaloneClusterFailoverIT {
    private static final String ENTRY = "dev.avastream.jobs.AvaJobMain";

    @TempDir
    static Path dir;
    private static EmbeddedKafka kafka;
    private static StandaloneFlinkCluster cluster;
    private static String jarId;
    private static Path video;
    private static final Topics TOPICS = Topics.defaults();

    @BeforeAll
    static void clusterBrokerAndJar() throws Exception {
        long t0 = System.nanoTime();
        video = dir.resolve("cluster.mp4");
        SyntheticVideoGenerator.generate(SyntheticVideoSpec.builder().size(320, 180).fps(30).seed(11).gopFrames(15)
                .shotLengths(40, 55, 35, 60, 45, 50, 40, 65, 35, 55).build(), video);
        kafka = EmbeddedKafka.start();
        TopicAdmin.ensureTopics(kafka.bootstrapServers(), TOPICS, 2);
        cluster = new StandaloneFlinkCluster(dir.resolve("flink"), Map.of(
                "state.backend.type", "rocksdb",
                "execution.checkpointing.incremental", "true",
                "execution.checkpointing.dir", dir.resolve("checkpoints").toUri().toString(),
                "restart-strategy.type", "fixed-delay",
                "restart-strategy.fixed-delay.attempts", "5",
                "restart-strategy.fixed-delay.delay", "1 s",
                // a killed TaskManager is noticed within seconds (its heartbeat RPCs fail), not 50 s
                "heartbeat.interval", "1000",
                "heartbeat.timeout", "10000"));
        cluster.startTaskManager("tm-1");
        cluster.startTaskManager("tm-2");
        cluster.awaitTaskManagers(2, Duration.ofMinutes(2));
        jarId = cluster.upload(dev.avastream.cli.BuiltJars.cluster());
        System.out.printf("cluster failover: broker, 3 JVMs and the jar uploaded in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) cluster.close();
        if (kafka != null) kafka.close();
    }

    @Test
    void aTaskManagerKilledMidTitleLosesNothingAndDuplicatesNothing() throws Exception {
        // the uninterrupted run, unpaced
        long t0 = System.nanoTime();
        RunOutcome.StartOffsets cleanFrom = RunOutcome.StartOffsets.current(kafka.bootstrapServers(), TOPICS);
        String clean = cluster.run(jarId, ENTRY, args("clean", 0), 2);
        long cleanJobMs = awaitFinished(clean).path("duration").asLong();
        long tRead = System.nanoTime();
        TitleOutcome uninterrupted = outcome(cleanFrom);
        System.out.printf("cluster failover: uninterrupted job %d ms, read back in %.1f s%n", cleanJobMs, (System.nanoTime() - tRead) / 1e9);
        assertTrue(uninterrupted.complete(), "the uninterrupted run completed: " + uninterrupted.errors());

        long t1 = System.nanoTime();
        // the same title, paced so that the kill lands mid-title with checkpoints behind it
        RunOutcome.StartOffsets from = RunOutcome.StartOffsets.current(kafka.bootstrapServers(), TOPICS);
        String job = cluster.run(jarId, ENTRY, args("failover", 2), 2);
        long checkpointAfterUpdate = awaitCommittedUpdateThenCheckpoint(job, from);
        assertEquals("RUNNING", cluster.get("/jobs/" + job).path("state").asText(),
                "the job was still running at the kill (else this test proves nothing)");
        assertEquals(137, cluster.kill("tm-1"), "tm-1 killed by SIGKILL");
        cluster.startTaskManager("tm-3");
        long killedAt = System.nanoTime();
        JsonNode finished = awaitFinished(job);
        long t2 = System.nanoTime();

        JsonNode checkpoints = cluster.get("/jobs/" + job + "/checkpoints");
        JsonNode restored = checkpoints.path("latest").path("restored");
        assertFalse(restored.isMissingNode() || restored.isNull(), "the job restored a checkpoint: " + checkpoints);
        assertFalse(restored.path("is_savepoint").asBoolean(), "from a checkpoint, not a savepoint");
        assertTrue(restored.path("id").asLong() >= checkpointAfterUpdate,
                "restored checkpoint " + restored.path("id") + ", taken after the first committed update ("
                        + checkpointAfterUpdate + ")");
        JsonNode exceptions = cluster.get("/jobs/" + job + "/exceptions");
        assertTrue(exceptions.path("exceptionHistory").path("entries").size() >= 1,
                "the kill was a failure the job recovered from: " + exceptions);

        TitleOutcome recovered = outcome(from);
        assertTrue(recovered.complete(), "the recovered run completed: " + recovered.errors());
        List<Long> versions = recovered.updates().stream().map(CandidateSetUpdate::getVersion).toList();
        List<Long> oneToN = new ArrayList<>();
        for (long v = 1; v <= recovered.last().getChunkCount(); v++) oneToN.add(v);
        assertEquals(oneToN, versions, "each update version exactly once, in order");
        List<Long> stills = recovered.stills().stream().map(Still::getFrameIndex).toList();
        assertEquals(new HashSet<>(stills).size(), stills.size(), "a still published twice: " + stills);
        for (CandidateSetUpdate u : recovered.updates()) {
            for (Candidate c : u.getCandidates()) {
                assertTrue(recovered.still(c.getFrameIndex()) != null, "no still of " + c.getStillKey());
            }
        }
        assertEquals(shots(uninterrupted), shots(recovered), "the same shots");
        assertEquals(candidates(uninterrupted), candidates(recovered), "the same final candidates");
        assertNotEquals(0, finished.path("duration").asLong());
        System.out.printf("cluster failover: uninterrupted run %.1f s; killed run %.1f s (%.1f s of it after the "
                        + "kill); restored checkpoint %d; %d updates (versions 1..%d), %d shots, %d stills, %d "
                        + "exception(s) in the job's history%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t2 - killedAt) / 1e9,
                restored.path("id").asLong(), versions.size(), recovered.last().getChunkCount(),
                recovered.shots().size(), stills.size(), exceptions.path("exceptionHistory").path("entries").size());
    }

    private static List<String> args(String title, int chunksPerSecond) {
        return List.of("--bootstrap-servers", kafka.bootstrapServers(), "--video", video.toString(),
                "--title", "cluster", "--transactional-id-prefix", "ava-" + title,
                "--parallelism", "2", "--chunk-seconds", "0.5", "--checkpoint-interval", "300ms",
                "--set", "chunking.max-chunks-per-second=" + chunksPerSecond, "--set", "models.enabled=false");
    }

    /**
     * Waits until a read-committed consumer sees an update of the job's run and a checkpoint has
     * completed after that; returns that checkpoint's id.
     */
    private static long awaitCommittedUpdateThenCheckpoint(String job, RunOutcome.StartOffsets from) throws Exception {
        AtomicReference<CandidateSetUpdate> first = new AtomicReference<>();
        try (TopicReader reader = new TopicReader(kafka.bootstrapServers(), TOPICS.candidates())) {
            reader.seek(from.candidates());
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (first.get() == null) {
                assertTrue(System.nanoTime() < deadline, "no committed update in 3 minutes\n" + cluster.logTails());
                reader.poll(Duration.ofMillis(200), r -> first.compareAndSet(null, RunOutcome.decodeUpdate(r.value())));
            }
        }
        assertFalse(first.get().getComplete(), "the title was complete before the kill");
        long seen = cluster.get("/jobs/" + job + "/checkpoints").path("latest").path("completed").path("id").asLong(0);
        JsonNode after = cluster.awaitJson("/jobs/" + job + "/checkpoints",
                j -> j.path("latest").path("completed").path("id").asLong(0) > seen, Duration.ofMinutes(2),
                "checkpoint after the first committed update");
        return after.path("latest").path("completed").path("id").asLong();
    }

    private static JsonNode awaitFinished(String job) throws Exception {
        JsonNode last = cluster.awaitJson("/jobs/" + job,
                j -> List.of("FINISHED", "FAILED", "CANCELED").contains(j.path("state").asText()),
                Duration.ofMinutes(5), "end of job " + job);
        assertEquals("FINISHED", last.path("state").asText(), "job " + job + " ended "
                + last.path("state").asText() + "\n" + cluster.get("/jobs/" + job + "/exceptions") + "\n"
                + cluster.logTails());
        return last;
    }

    /** The one run published after {@code from}: its id is the first update's. */
    private static TitleOutcome outcome(RunOutcome.StartOffsets from) {
        AtomicReference<String> runId = new AtomicReference<>();
        try (TopicReader reader = new TopicReader(kafka.bootstrapServers(), TOPICS.candidates())) {
            reader.seek(from.candidates());
            reader.drain(r -> runId.compareAndSet(null, RunOutcome.decodeUpdate(r.value()).getRunId().toString()));
        }
        assertTrue(runId.get() != null, "no update published");
        RunOutcome outcome = RunOutcome.read(kafka.bootstrapServers(), runId.get(), TOPICS, from);
        assertEquals(1, outcome.titles().size(), "one title: " + outcome.titles().keySet());
        return outcome.titles().values().iterator().next();
    }

    private static List<String> shots(TitleOutcome t) {
        return t.shots().stream().map((Shot s) -> s.getStartFrame() + "-" + s.getEndFrame()).sorted().toList();
    }

    private static List<String> candidates(TitleOutcome t) {
        return t.last().getCandidates().stream().map(c -> c.getFrameIndex() + "@" + c.getScore()).toList();
    }
}
