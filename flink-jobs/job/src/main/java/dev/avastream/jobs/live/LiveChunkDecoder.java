package dev.avastream.jobs.live;

import dev.avastream.operators.chunk.ChunkProcessor;
import dev.avastream.schema.ChunkReady;
import dev.avastream.schema.DeadLetter;
import dev.avastream.schema.LiveChunkOutcome;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * ChunkReady records in, {@link LiveChunkOutcome}s out, decoded and analysed on a small pool of
 * threads of its own ({@link LiveChunkProcessor}, one per thread). Asynchronous so that the task
 * thread never waits for a chunk: a checkpoint barrier passes at once (the records in flight are
 * kept in the checkpoint and redone after a restore), and updates reach Kafka at the next commit
 * instead of after the chunk being decoded. Thin Flink wrapper: no pixel work here.
 */
public class LiveChunkDecoder extends RichAsyncFunction<RawRecord, LiveChunkOutcome> {
    private static final long serialVersionUID = 1L;

    private final String runId;
    private final ChunkProcessor.Config config;
    private final int threads;
    private transient ExecutorService pool;
    private transient ThreadLocal<LiveChunkProcessor> processors;
    private transient List<LiveChunkProcessor> all;
    private transient Counter rejected;

    public LiveChunkDecoder(String runId, ChunkProcessor.Config config, int threads) {
        this.runId = runId;
        this.config = config;
        this.threads = threads;
    }

    @Override
    public void open(OpenContext openContext) {
        all = new ArrayList<>();
        processors = ThreadLocal.withInitial(() -> {
            LiveChunkProcessor p = new LiveChunkProcessor(runId, config);
            synchronized (all) { all.add(p); }
            return p;
        });
        pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ava-live-decode");
            t.setDaemon(true);
            return t;
        });
        rejected = getRuntimeContext().getMetricGroup().counter("chunkEventsRejected");
    }

    @Override
    public void asyncInvoke(RawRecord record, ResultFuture<LiveChunkOutcome> result) {
        pool.execute(() -> {
            try {
                result.complete(List.of(handle(record)));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
    }

    @Override
    public void timeout(RawRecord record, ResultFuture<LiveChunkOutcome> result) {
        result.complete(List.of(LiveChunkOutcome.newBuilder()
                .setDeadLetter(deadLetter(record, null, record + ": decoding the chunk timed out")).build()));
    }

    LiveChunkOutcome handle(RawRecord record) {
        ChunkReady event;
        try {
            event = LiveChunkProcessor.decode(record.value);
        } catch (IllegalArgumentException e) {
            return LiveChunkOutcome.newBuilder().setDeadLetter(deadLetter(record, null, record + ": " + e.getMessage())).build();
        }
        LiveChunkProcessor.Outcome outcome;
        try {
            outcome = processors.get().process(event);
        } catch (RuntimeException e) {
            outcome = new LiveChunkProcessor.Outcome(null, "chunk " + event.getChunkIndex() + " of title '"
                    + event.getTitleId() + "' (" + event.getUri() + "): " + e);
        }
        return LiveChunkOutcome.newBuilder()
                .setChunk(outcome.result())
                .setDeadLetter(outcome.rejection() == null ? null : deadLetter(record, event, outcome.rejection()))
                .build();
    }

    private DeadLetter deadLetter(RawRecord r, ChunkReady event, String reason) {
        rejected.inc();
        return DeadLetter.newBuilder()
                .setTopic(r.topic).setPartition(r.partition).setOffset(r.offset)
                .setKey(r.key == null ? null : ByteBuffer.wrap(r.key))
                .setValue(r.value == null ? null : ByteBuffer.wrap(r.value))
                .setTitleId(event == null ? null : event.getTitleId().toString())
                .setChunkIndex(event == null ? -2 : event.getChunkIndex())
                .setReason(reason)
                .setRejectedAtMs(System.currentTimeMillis())
                .build();
    }

    @Override
    public void close() throws Exception {
        if (pool != null) {
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
        if (all != null) {
            synchronized (all) { for (LiveChunkProcessor p : all) p.close(); }
        }
    }
}
