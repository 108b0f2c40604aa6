package dev.avastream.jobs;

import dev.avastream.schema.ChunkResult;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Fault injection for recovery tests and drills: in the job's first attempt only, throws once it has
 * passed on {@code afterChunks} chunks and seen a checkpoint complete, so the restart really resumes
 * from a checkpoint rather than from scratch. Later attempts pass everything through.
 */
public final class FailOnceAfterChunks extends RichMapFunction<ChunkResult, ChunkResult> implements CheckpointListener {
    private static final long serialVersionUID = 1L;

    private final int afterChunks;
    private transient int seen;
    private transient boolean checkpointed;
    private transient boolean armed;

    public FailOnceAfterChunks(int afterChunks) { this.afterChunks = afterChunks; }

    @Override
    public void open(OpenContext ctx) {
        armed = getRuntimeContext().getTaskInfo().getAttemptNumber() == 0;
    }

    @Override
    public ChunkResult map(ChunkResult chunk) {
        seen++;
        if (armed && checkpointed && seen > afterChunks) {
            String message = "injected failure after " + (seen - 1) + " chunks (test of recovery)";
            record(chunk.getRunId(), message);
            throw new InjectedFailure(message);
        }
        return chunk;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        if (seen >= afterChunks) checkpointed = true;
    }

    /** Where the injector notes each failure it caused, so a drill can prove the job did fail. */
    public static Path reportFile(String runId) {
        return Path.of(System.getProperty("java.io.tmpdir"), "ava-injected-failures", runId + ".log");
    }

    private static void record(String runId, String message) {
        try {
            Path file = reportFile(runId);
            Files.createDirectories(file.getParent());
            Files.writeString(file, message + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // The failure itself is what matters; the note is a courtesy.
        }
    }

    /** Thrown by the injector, so logs and tests can tell it from a real failure. */
    public static final class InjectedFailure extends RuntimeException {
        public InjectedFailure(String message) { super(message); }
    }
}
