package dev.avastream.cli.runtime;

import dev.avastream.jobs.source.TitleInput;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The directory of a resumable {@code ava run --checkpoint-dir DIR}: what a run that was killed needs
 * to go on where it stopped, and nothing once it has finished.
 *
 * <pre>
 * DIR/run.json      the run under way: its id, its titles, its broker, where its output begins on
 *                   each topic, and whether its job has finished
 * DIR/checkpoints/  Flink's checkpoints (JOB_ID/chk-N/_metadata, shared/, taskowned/)
 * DIR/kafka/        the embedded broker's data, when no --bootstrap-servers was given
 * </pre>
 *
 * <p>Why the run id and the start offsets are kept, not only the checkpoints: the id names the run in
 * every record it published and prefixes its Kafka transactional ids (so a resumed sink aborts what
 * the dead process left open and commits what its last checkpoint holds), and the offsets are where
 * reading back the whole run's output starts. Why the broker's data: with the embedded broker, the
 * updates and shots published before the kill live nowhere else.
 */
public final class RunDirectory {
    static final String RECORD = "run.json";
    private static final Pattern CHECKPOINT = Pattern.compile("chk-(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    private RunDirectory(Path dir) { this.dir = dir; }

    /** Opens (and creates) a run directory. A path that exists and is not a directory is a bad argument. */
    public static RunDirectory open(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new IllegalArgumentException("--checkpoint-dir " + abs + ": not a directory");
        }
        Files.createDirectories(abs);
        return new RunDirectory(abs);
    }

    public Path path() { return dir; }

    /** Whether a run that did not finish left its record here. */
    public boolean hasUnfinishedRun() { return Files.exists(dir.resolve(RECORD)); }

    /** Where Flink writes the checkpoints. */
    public Path checkpoints() { return dir.resolve("checkpoints"); }

    /** Where the embedded broker keeps its data. */
    public Path kafkaData() { return dir.resolve("kafka"); }

    /** The broker of a run on the embedded one (its data lives in {@link #kafkaData}). */
    public static final String EMBEDDED = "embedded";

    /**
     * A run of these titles: the one a killed process left here, or a new one.
     *
     * @param broker      where it publishes: {@link #EMBEDDED} or the bootstrap servers
     * @param jobFinished the job had finished when the process died (only reading back its output was
     *                    left): it is not run again, or every version would be published twice
     */
    public record Run(String runId, List<TitleInput> titles, String broker, RunOutcome.StartOffsets from,
                      Optional<Path> checkpoint, boolean jobFinished) {
        public boolean resumed() { return checkpoint.isPresent() || jobFinished; }
    }

    /**
     * The run a killed process left here, with its latest completed checkpoint (none if it died before
     * its first), or a new run with {@code newRunId} whose start offsets {@code currentOffsets} gives,
     * recorded before the job starts.
     *
     * @param broker {@link #EMBEDDED} or the bootstrap servers the run publishes to
     * @throws IllegalArgumentException if the run left here processed other titles (a resumed job must
     *                                  be the same job, or its state would be restored into another) or
     *                                  published to another broker (its offsets and output are there)
     */
    public Run resumeOrStart(List<TitleInput> titles, String broker, String newRunId,
                             Supplier<RunOutcome.StartOffsets> currentOffsets) throws IOException {
        Path record = dir.resolve(RECORD);
        if (Files.exists(record)) {
            Run left = read(record);
            if (!left.titles().equals(titles)) {
                throw new IllegalArgumentException("--checkpoint-dir " + dir + " holds the unfinished run "
                        + left.runId() + " of " + describe(left.titles()) + ", not of " + describe(titles)
                        + ": run the same titles to resume it, or give another directory");
            }
            if (!left.broker().equals(broker)) {
                throw new IllegalArgumentException("--checkpoint-dir " + dir + " holds the unfinished run "
                        + left.runId() + ", which published to " + describeBroker(left.broker())
                        + ": resume it with the same broker (" + (EMBEDDED.equals(left.broker())
                        ? "without --bootstrap-servers" : "--bootstrap-servers " + left.broker())
                        + "), or give another directory");
            }
            return new Run(left.runId(), left.titles(), left.broker(), left.from(),
                    left.jobFinished() ? Optional.empty() : latestCheckpoint(), left.jobFinished());
        }
        Run run = new Run(newRunId, titles, broker, currentOffsets.get(), Optional.empty(), false);
        write(record, run);
        return run;
    }

    /**
     * The run's job finished: recorded at once, so that a process killed while reading the output back
     * does not run the job again when resumed (Flink discards a finished job's checkpoints, so it would
     * start from scratch and publish every version a second time).
     */
    public void jobFinished(Run run) throws IOException {
        write(dir.resolve(RECORD), new Run(run.runId(), run.titles(), run.broker(), run.from(), Optional.empty(), true));
    }

    private static String describeBroker(String broker) {
        return EMBEDDED.equals(broker) ? "the embedded broker" : broker;
    }

    /**
     * The newest completed checkpoint under {@link #checkpoints()}: a {@code chk-N} directory with its
     * {@code _metadata} (Flink writes that last, so a checkpoint cut short by the kill has none). Newest
     * by the metadata's time, then by N: a resumed job's checkpoints go to a new job directory whose
     * numbers go on from the restored one's.
     */
    public Optional<Path> latestCheckpoint() throws IOException {
        return completedCheckpoints(checkpoints()).stream().max(Comparator.comparing(RunDirectory::metadataTime)
                .thenComparingLong(RunDirectory::checkpointNumber));
    }

    /** Every completed checkpoint ({@code JOB/chk-N} with its {@code _metadata}) under {@code root}. */
    static List<Path> completedCheckpoints(Path root) throws IOException {
        if (!Files.isDirectory(root)) return List.of();
        List<Path> found = new ArrayList<>();
        try (Stream<Path> jobs = Files.list(root)) {
            for (Path job : jobs.filter(Files::isDirectory).toList()) {
                try (Stream<Path> chks = Files.list(job)) {
                    chks.filter(c -> CHECKPOINT.matcher(c.getFileName().toString()).matches())
                            .filter(c -> Files.isRegularFile(c.resolve("_metadata")))
                            .forEach(found::add);
                }
            }
        }
        return found;
    }

    /**
     * The run finished and its output was read: nothing here is needed any more. Removes the record
     * and the checkpoints (the embedded broker's data goes with {@link #discardBrokerData} once the
     * broker has stopped), so the same command starts a new run next time.
     */
    public void finished() throws IOException {
        Files.deleteIfExists(dir.resolve(RECORD));
        deleteTree(checkpoints());
    }

    /** Removes the embedded broker's data (after it stopped, and only after {@link #finished}). */
    public void discardBrokerData() throws IOException {
        deleteTree(kafkaData());
    }

    /** When a checkpoint's or savepoint's {@code _metadata} was written: when it completed. */
    static FileTime metadataTime(Path chk) {
        try {
            return Files.getLastModifiedTime(chk.resolve("_metadata"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long checkpointNumber(Path chk) {
        Matcher m = CHECKPOINT.matcher(chk.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    private static String describe(List<TitleInput> titles) {
        return titles.stream().map(t -> t.titleId() + " (" + t.source() + ")").toList().toString();
    }

    private static void write(Path record, Run run) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("runId", run.runId());
        root.put("broker", run.broker());
        root.put("jobFinished", run.jobFinished());
        ArrayNode titles = root.putArray("titles");
        for (TitleInput t : run.titles()) titles.addObject().put("titleId", t.titleId()).put("source", t.source());
        ObjectNode from = root.putObject("from");
        put(from, "candidates", run.from().candidates());
        put(from, "shots", run.from().shots());
        put(from, "stills", run.from().stills());
        put(from, "frames", run.from().frames());
        // Written whole or not at all: a process killed mid-write must not leave a record it cannot read.
        Path tmp = record.resolveSibling(record.getFileName() + ".tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
        try {
            Files.move(tmp, record, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, record, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Run read(Path record) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(record.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(record + ": not a run record AVA Stream can read (" + e.getMessage()
                    + "); remove it to start a new run there");
        }
        List<TitleInput> titles = new ArrayList<>();
        for (JsonNode t : root.path("titles")) titles.add(new TitleInput(t.path("titleId").asText(), t.path("source").asText()));
        JsonNode from = root.path("from");
        String runId = root.path("runId").asText("");
        if (runId.isEmpty() || titles.isEmpty()) {
            throw new IllegalArgumentException(record + ": a run record without a run id or titles; remove it to "
                    + "start a new run there");
        }
        return new Run(runId, List.copyOf(titles), root.path("broker").asText(EMBEDDED),
                new RunOutcome.StartOffsets(get(from, "candidates"), get(from, "shots"), get(from, "stills"),
                        get(from, "frames")), Optional.empty(), root.path("jobFinished").asBoolean(false));
    }

    private static void put(ObjectNode from, String name, Map<TopicPartition, Long> offsets) {
        ObjectNode o = from.putObject(name);
        offsets.forEach((tp, offset) -> o.put(tp.topic() + ":" + tp.partition(), offset));
    }

    private static Map<TopicPartition, Long> get(JsonNode from, String name) {
        Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = from.path(name).fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int colon = e.getKey().lastIndexOf(':');
            offsets.put(new TopicPartition(e.getKey().substring(0, colon), Integer.parseInt(e.getKey().substring(colon + 1))),
                    e.getValue().asLong());
        }
        return offsets;
    }

    /** Deletes a directory tree; one that is not there is fine. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                try {
                    Files.delete(file);
                } catch (NoSuchFileException gone) {
                    // removed meanwhile (Flink's own cleanup): fine
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                // listed, then removed before it was visited (a cancelled job's checkpoint cleanup
                // still running): fine
                if (e instanceof NoSuchFileException) return FileVisitResult.CONTINUE;
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) throw e;
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
