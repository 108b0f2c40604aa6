package dev.avastream.cli.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The directory a live job keeps what it needs to go on after it stopped ({@code ava live
 * --checkpoint-dir DIR}): {@code live.json} (the job's run id, which its restored title state
 * publishes under and which prefixes its Kafka transactional ids, with the broker, chunk topic and
 * consumer group it reads), {@code checkpoints/} (retained when the process dies),
 * {@code savepoints/} (taken when it is stopped: Ctrl-C or SIGTERM), and for the embedded broker its
 * data ({@code kafka/}). A live job never finishes, so nothing here is removed by the job: the same
 * command goes on from the newest savepoint or checkpoint; removing the directory starts afresh.
 */
public final class LiveDirectory {
    public static final String RECORD = "live.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    private LiveDirectory(Path dir) { this.dir = dir; }

    public static LiveDirectory open(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--checkpoint-dir " + dir + ": not a directory");
        }
        return new LiveDirectory(Files.createDirectories(dir));
    }

    public Path path() { return dir; }

    public Path checkpoints() { return dir.resolve("checkpoints"); }

    public Path savepoints() { return dir.resolve("savepoints"); }

    public Path kafkaData() { return dir.resolve("kafka"); }

    /** The job this directory belongs to, and where it goes on from (empty: from the start). */
    public record Job(String runId, Optional<Path> restoreFrom) {}

    /**
     * The live job recorded here, with its newest savepoint or completed checkpoint; or a new record
     * for {@code newRunId}. Refused: another broker, chunk topic or consumer group than the recorded
     * job's (its state and its consumed offsets belong to those), or a record that cannot be read.
     */
    public Job resumeOrStart(String broker, String chunkTopic, String groupId, String newRunId) throws IOException {
        Path record = dir.resolve(RECORD);
        if (Files.exists(record)) {
            JsonNode r;
            try {
                r = JSON.readTree(record.toFile());
            } catch (IOException e) {
                throw new IllegalArgumentException(record + ": not a live job record (" + e.getMessage() + ")");
            }
            String runId = r.path("runId").asText("");
            if (runId.isEmpty()) throw new IllegalArgumentException(record + ": not a live job record (no runId)");
            check(record, "broker", r.path("broker").asText(), broker);
            check(record, "chunk topic", r.path("chunkTopic").asText(), chunkTopic);
            check(record, "consumer group", r.path("groupId").asText(), groupId);
            return new Job(runId, newestRestorePoint());
        }
        ObjectNode o = JSON.createObjectNode();
        o.put("runId", newRunId);
        o.put("broker", broker);
        o.put("chunkTopic", chunkTopic);
        o.put("groupId", groupId);
        Path tmp = dir.resolve(RECORD + ".tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), o);
        Files.move(tmp, record, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Job(newRunId, Optional.empty());
    }

    private static void check(Path record, String what, String recorded, String given) {
        if (!recorded.equals(given)) {
            throw new IllegalArgumentException(record.getParent() + " holds the live job of " + what + " '" + recorded
                    + "', not '" + given + "': its state and consumed offsets belong there (another directory "
                    + "starts another job)");
        }
    }

    /**
     * Removes all savepoints but the newest {@code keep} (by their metadata's time): every stop of a
     * live job leaves one, and only the newest is gone on from. Returns how many were removed.
     */
    public int pruneSavepoints(int keep) throws IOException {
        List<Path> all = completedSavepoints();
        all.sort(Comparator.comparing(RunDirectory::metadataTime).reversed());
        int removed = 0;
        for (Path old : all.subList(Math.min(keep, all.size()), all.size())) {
            RunDirectory.deleteTree(old);
            removed++;
        }
        return removed;
    }

    /**
     * The newest place to go on from: a savepoint under {@code savepoints/} or a completed checkpoint
     * ({@code chk-N} with its {@code _metadata}) under {@code checkpoints/}, whichever was written last.
     */
    public Optional<Path> newestRestorePoint() throws IOException {
        List<Path> found = completedSavepoints();
        found.addAll(RunDirectory.completedCheckpoints(checkpoints()));
        return found.stream().max(Comparator.comparing(RunDirectory::metadataTime));
    }

    /** The savepoints under {@code savepoints/} that Flink finished writing (their {@code _metadata} is there). */
    private List<Path> completedSavepoints() throws IOException {
        if (!Files.isDirectory(savepoints())) return new ArrayList<>();
        try (Stream<Path> s = Files.list(savepoints())) {
            return new ArrayList<>(s.filter(p -> Files.isRegularFile(p.resolve("_metadata"))).toList());
        }
    }
}
