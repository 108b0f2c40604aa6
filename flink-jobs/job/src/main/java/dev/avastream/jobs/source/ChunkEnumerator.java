package dev.avastream.jobs.source;

import dev.avastream.decoders.ChunkPlanner;
import dev.avastream.decoders.ChunkSpec;
import dev.avastream.decoders.VideoProbe;
import dev.avastream.decoders.VideoProber;
import dev.avastream.operators.chunk.ChunkProcessor;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Probes each title (off the coordinator thread), plans it into chunks and hands chunks out one at a
 * time to whichever reader asks, so a title's chunks decode on all task slots at once and a slow
 * chunk never holds up the others.
 */
final class ChunkEnumerator implements SplitEnumerator<ChunkSplit, ChunkEnumeratorState> {
    private static final Logger LOG = LoggerFactory.getLogger(ChunkEnumerator.class);

    private final SplitEnumeratorContext<ChunkSplit> context;
    private final ChunkSourceOptions options;
    private final ChunkProcessor.Config processor;
    private final String runId;
    private final Deque<TitleInput> unplanned;
    private final Deque<ChunkSplit> unassigned;
    private final Set<Integer> waitingReaders = new LinkedHashSet<>();
    private boolean planning;

    ChunkEnumerator(SplitEnumeratorContext<ChunkSplit> context, ChunkSourceOptions options,
                    ChunkProcessor.Config processor, String runId, ChunkEnumeratorState restored) {
        this.context = context;
        this.options = options;
        this.processor = processor;
        this.runId = runId;
        this.unplanned = new ArrayDeque<>(restored.unplanned());
        this.unassigned = new ArrayDeque<>(restored.unassigned());
    }

    @Override
    public void start() {
        planNext();
    }

    /** Plans titles one after another, in order, so the first title's chunks go out first. */
    private void planNext() {
        if (planning || unplanned.isEmpty()) return;
        planning = true;
        TitleInput title = unplanned.peekFirst();
        context.callAsync(() -> plan(title), (splits, error) -> {
            planning = false;
            unplanned.pollFirst();
            if (error != null) {
                splits = List.of(ChunkSplit.failedTitle(runId, title, title.source() + ": " + error));
            }
            unassigned.addAll(splits);
            assignToWaiting();
            planNext();
        });
    }

    private List<ChunkSplit> plan(TitleInput title) {
        List<ChunkSplit> splits = new ArrayList<>();
        try {
            VideoProbe probe = VideoProber.probe(title.source());
            List<ChunkSpec> chunks = ChunkPlanner.plan(title.titleId(), probe, options.chunkSeconds(),
                    processor.preRollFrames(probe.averageFps()), processor.postRollFrames());
            if (chunks.isEmpty()) {
                return List.of(ChunkSplit.failedTitle(runId, title, title.source() + ": no video frames to decode"));
            }
            for (ChunkSpec c : chunks) splits.add(ChunkSplit.of(runId, c));
            LOG.info("Planned {} ({}): {} frames, {} chunks", title.titleId(), title.source(), probe.frameCount(),
                    chunks.size());
        } catch (Exception e) {
            LOG.warn("Cannot plan {}: {}", title.source(), e.getMessage());
            splits.add(ChunkSplit.failedTitle(runId, title, e.getMessage()));
        }
        return splits;
    }

    private void assignToWaiting() {
        for (Integer reader : new ArrayList<>(waitingReaders)) {
            if (!context.registeredReaders().containsKey(reader)) {
                waitingReaders.remove(reader);
                continue;
            }
            if (unassigned.isEmpty()) {
                if (unplanned.isEmpty()) {
                    context.signalNoMoreSplits(reader);
                    waitingReaders.remove(reader);
                }
                continue;
            }
            context.assignSplit(unassigned.pollFirst(), reader);
            waitingReaders.remove(reader);
        }
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        waitingReaders.add(subtaskId);
        assignToWaiting();
    }

    @Override
    public void addSplitsBack(List<ChunkSplit> splits, int subtaskId) {
        // A reader failed before checkpointing these: they go out again first.
        for (int i = splits.size() - 1; i >= 0; i--) unassigned.addFirst(splits.get(i));
        assignToWaiting();
    }

    @Override
    public void addReader(int subtaskId) {
        // Readers ask for work themselves (ChunkSourceReader#start).
    }

    @Override
    public ChunkEnumeratorState snapshotState(long checkpointId) {
        return new ChunkEnumeratorState(new ArrayList<>(unplanned), new ArrayList<>(unassigned));
    }

    @Override
    public void close() {}
}
