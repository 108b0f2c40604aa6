package dev.avastream.jobs.title;

import dev.avastream.operators.title.StillPublication;
import dev.avastream.operators.title.TitleAssembly;
import dev.avastream.schema.Candidate;
import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.schema.ChunkResult;
import dev.avastream.schema.FrameRecord;
import dev.avastream.schema.Shot;
import dev.avastream.schema.Still;
import dev.avastream.schema.TitleProgress;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.FlinkRuntimeException;
import org.apache.flink.util.OutputTag;

import java.util.ArrayList;

/**
 * Keyed by title: buffers chunks until they are contiguous, folds them into shots and the candidate
 * pool ({@link TitleAssembly}), and emits a {@link CandidateSetUpdate} after every chunk. Closed shots
 * go to the {@link #SHOTS} side output; the picture of each frame new to the published top-K goes,
 * once, to the {@link #STILLS} side output ({@link StillPublication}), before the update that names it.
 * With {@code title.publish-frames} on, every frame goes, once and in frame order, to the {@link
 * #FRAMES} side output as the fold settles it (off: nothing, and no state is added either way).
 *
 * <p>State (all Avro-typed, so RocksDB never falls back to Kryo; schemas frozen for savepoints in
 * {@code schemas/src/test/resources/avro-state-v1}):
 * <ul>
 *   <li>{@code title-progress}: {@link TitleProgress}, one nested record per part of the fold (chunk
 *       order, shots, frames waiting for the gradual-transition detector, the pool's light index and
 *       the last published top-K), read and written once per element;</li>
 *   <li>{@code pending-chunks}: chunks that arrived ahead of a missing one, read by key only when
 *       their turn comes (a chunk folded on arrival never enters it);</li>
 *   <li>{@code candidate-pool}: full pool entries by frame index, written when they enter the pool,
 *       read by key only for frames shown in the top-K (an entry whose still is published keeps the
 *       still's key instead of its JPEG).</li>
 *   <li>{@code idle-event-time} (live titles only, {@link IdlePolicy#eventTime}): the event-time idle
 *       timer's time and the watermark when the clock's fallback timer was last set.</li>
 * </ul>
 * So an element reads at most the progress, the chunks it folds from state and K pool entries
 * ({@link TitleMetrics#STATE_READS}), however large the pool or the buffer. Everything is cleared
 * when the title completes, or when it goes idle ({@link IdlePolicy}: then the title closes with the
 * chunks it has, the missing ones reported as errors).
 *
 * <p>Time is the timer service's: updates are stamped with the processing time of the element (or
 * the idle timer's time), and live idleness follows the watermark, so tests drive both through the
 * harness.
 *
 * <p>Live titles: chunks carry {@code chunkCount = -1} while the title is open; an end-of-title
 * marker ({@link ChunkResult#getEndOfTitle()}, no frames) announces the final count, and the title
 * completes once every chunk before it is folded. The histogram metric
 * {@value #LATENCY_METRIC} records, per update a live event triggers (a chunk or the end of title),
 * the time from its ChunkReady event being published to the update being emitted.
 */
public class TitleAssemblerFunction extends KeyedProcessFunction<String, ChunkResult, CandidateSetUpdate> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<Shot> SHOTS = new OutputTag<>("shots", new AvroTypeInfo<>(Shot.class));
    public static final OutputTag<Still> STILLS = new OutputTag<>("stills", new AvroTypeInfo<>(Still.class));
    public static final OutputTag<FrameRecord> FRAMES = new OutputTag<>("frames", new AvroTypeInfo<>(FrameRecord.class));

    public static final ValueStateDescriptor<TitleProgress> PROGRESS =
            new ValueStateDescriptor<>("title-progress", new AvroTypeInfo<>(TitleProgress.class));
    public static final MapStateDescriptor<Integer, ChunkResult> PENDING =
            new MapStateDescriptor<>("pending-chunks", Types.INT, new AvroTypeInfo<>(ChunkResult.class));
    public static final MapStateDescriptor<Long, Candidate> POOL =
            new MapStateDescriptor<>("candidate-pool", Types.LONG, new AvroTypeInfo<>(Candidate.class));
    /**
     * f0: when the event-time idle timer fires ({@link #NO_EVENT_TIMER}: none set yet); f1: the
     * watermark when the clock's fallback timer was set.
     */
    public static final ValueStateDescriptor<Tuple2<Long, Long>> IDLE_EVENT_TIME =
            new ValueStateDescriptor<>("idle-event-time", Types.TUPLE(Types.LONG, Types.LONG));

    /** In {@link #IDLE_EVENT_TIME}: no event-time timer is set (no watermark was known yet). */
    private static final long NO_EVENT_TIMER = Long.MAX_VALUE;

    /** Chunk-ready event published -> candidate update emitted, in ms (live chunks only). */
    public static final String LATENCY_METRIC = "chunkEventToUpdateLatencyMs";

    private final TitleAssembly.Params params;
    private final IdlePolicy idle;

    private transient TitleAssembly assembly;
    private transient ValueState<TitleProgress> progressState;
    private transient MapState<Integer, ChunkResult> pendingState;
    private transient MapState<Long, Candidate> poolState;
    private transient ValueState<Tuple2<Long, Long>> idleEventTimeState;
    private transient Counter updates;
    private transient Counter titlesCompleted;
    private transient Histogram chunkLatency;
    private transient TitleMetrics metrics;
    private transient long stateEntriesRead;

    public TitleAssemblerFunction(TitleAssembly.Params params, IdlePolicy idle) {
        this.params = params;
        this.idle = idle;
    }

    @Override
    public void open(OpenContext openContext) {
        assembly = new TitleAssembly(params);
        progressState = getRuntimeContext().getState(PROGRESS);
        pendingState = getRuntimeContext().getMapState(PENDING);
        poolState = getRuntimeContext().getMapState(POOL);
        idleEventTimeState = getRuntimeContext().getState(IDLE_EVENT_TIME);
        updates = getRuntimeContext().getMetricGroup().counter("candidateUpdates");
        titlesCompleted = getRuntimeContext().getMetricGroup().counter("titlesCompleted");
        chunkLatency = getRuntimeContext().getMetricGroup()
                .histogram(LATENCY_METRIC, new DescriptiveStatisticsHistogram(1000));
        metrics = new TitleMetrics(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(ChunkResult chunk, Context ctx, Collector<CandidateSetUpdate> out) throws Exception {
        TitleProgress progress = progressState.value();
        int reads = 1;
        if (progress == null) {
            progress = TitleAssembly.start(chunk);
        }
        long now = ctx.timerService().currentProcessingTime();
        if (chunk.getEndOfTitle()) {
            // Live: the title's length is known now; it completes once chunks [0, chunkCount) are folded.
            if (progress.getChunkCount() == chunk.getChunkCount() && progress.getVersion() > 0) return; // repeated
            progress.setChunkCount(chunk.getChunkCount());
            step(progress, null, reads, now, false, chunk.getPublishedAtMs(), ctx, out);
            return;
        }
        if (progress.getChunkCount() < 0 && chunk.getChunkCount() > 0) progress.setChunkCount(chunk.getChunkCount());
        if (TitleAssembly.isDuplicate(progress, chunk)) {
            return; // already counted: a replayed or repeated chunk must not bump the version
        }
        TitleAssembly.receive(progress, chunk);
        step(progress, chunk, reads, now, false, chunk.getPublishedAtMs(), ctx, out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CandidateSetUpdate> out) throws Exception {
        TitleProgress progress = progressState.value();
        if (progress == null) return;
        String closing;
        long now;
        if (ctx.timeDomain() == TimeDomain.EVENT_TIME) {
            Tuple2<Long, Long> eventTime = idleEventTimeState.value();
            if (eventTime == null || eventTime.f0 != timestamp) return;
            closing = "no chunk was published for " + idle.idleMs() + " ms of stream time (events published "
                    + "that much later have been read)";
            now = ctx.timerService().currentProcessingTime();
        } else {
            if (progress.getIdleTimerAt() != timestamp) return;
            if (idle.eventTime()) {
                Tuple2<Long, Long> eventTime = idleEventTimeState.value();
                long watermark = ctx.timerService().currentWatermark();
                if (eventTime == null || eventTime.f1 != watermark) {
                    // Newer events were read since the fallback was set (or the job restarted, and
                    // the watermark starts over): the stream is not known to be quiet, so the
                    // event-time timer decides; look again a round from now (not from the timer's
                    // time, which after a long downtime is itself long past). No event-time state:
                    // the title comes from a savepoint taken before live titles went idle in event
                    // time, so it gets its event-time timer now, the timeout after the watermark.
                    long eventAt = eventTime != null ? eventTime.f0 : NO_EVENT_TIMER;
                    if (eventAt == NO_EVENT_TIMER && watermark != Long.MIN_VALUE) {
                        eventAt = watermark + idle.idleMs();
                        ctx.timerService().registerEventTimeTimer(eventAt);
                    }
                    long at = ctx.timerService().currentProcessingTime() + idle.quietMs();
                    ctx.timerService().registerProcessingTimeTimer(at);
                    progress.setIdleTimerAt(at);
                    progressState.update(progress);
                    idleEventTimeState.update(Tuple2.of(eventAt, watermark));
                    return;
                }
                closing = "no newer chunk event at all was read for " + idle.quietMs() + " ms (the stream is quiet)";
            } else {
                closing = "no chunk arrived for " + idle.idleMs() + " ms";
            }
            now = timestamp;
            progress.setIdleTimerAt(-1L); // fired; an event-time close leaves it for step() to delete
        }
        progress.setErrors(new ArrayList<>(progress.getErrors()));
        progress.getErrors().add(progress.getSource() + ": " + closing + "; closing the title with "
                + progress.getChunks().getChunksReceived() + " of "
                + (progress.getChunkCount() < 0 ? "an unannounced number of" : progress.getChunkCount()) + " chunks");
        step(progress, null, 1, now, true, 0L, ctx, out);
    }

    /**
     * One fold step. {@code arrived} (null for a timeout or an end-of-title marker) is handed to the
     * fold from memory: it enters the pending-chunks state only if it has to wait for a missing chunk.
     * The fold asks for waiting chunks and pool entries by key; {@code reads} counts state entries
     * read for this element.
     */
    private void step(TitleProgress progress, ChunkResult arrived, int reads, long now, boolean forceClose,
                      long chunkPublishedAtMs, Context ctx, Collector<CandidateSetUpdate> out) throws Exception {
        int arrivedIndex = arrived == null ? Integer.MIN_VALUE : arrived.getChunkIndex();
        int[] read = {reads};
        TitleAssembly.Step step = assembly.onChunk(progress,
                index -> {
                    if (index == arrivedIndex) return arrived;
                    read[0]++;
                    return get(pendingState, index);
                },
                frame -> {
                    read[0]++;
                    return get(poolState, frame);
                },
                now, forceClose);

        for (Integer index : step.chunksFolded()) {
            if (index != arrivedIndex) pendingState.remove(index);
        }
        if (arrived != null && !step.chunksFolded().contains(arrivedIndex)) pendingState.put(arrivedIndex, arrived);
        for (Long f : step.poolRemoved()) poolState.remove(f);
        for (Candidate c : step.poolAdded()) poolState.put(c.getFrameIndex(), c);

        for (FrameRecord f : step.frames()) ctx.output(FRAMES, f);
        for (Shot s : step.closedShots()) ctx.output(SHOTS, s);
        CandidateSetUpdate update = publishStills(step.update(), ctx);
        if (chunkPublishedAtMs > 0) {
            update.setChunkPublishedAtMs(chunkPublishedAtMs);
            chunkLatency.update(Math.max(0, update.getEmittedAtMs() - chunkPublishedAtMs));
        }
        out.collect(update);
        updates.inc();
        metrics.onUpdate(step.update(), step.poolAdded().size(), step.poolRemoved().size());
        metrics.onStateRead(read[0]);
        stateEntriesRead += read[0];

        deleteIdleTimers(progress, ctx);
        if (step.complete()) {
            progressState.clear();
            pendingState.clear();
            poolState.clear();
            idleEventTimeState.clear();
            titlesCompleted.inc();
            metrics.onTitle(progress.getTitleId(), null, 0, 0);
        } else {
            setIdleTimers(progress, now, ctx);
            progressState.update(progress);
            metrics.onTitle(progress.getTitleId(), progress, step.update().getPoolSize(),
                    progress.getChunks().getBuffered().size());
        }
    }

    private void deleteIdleTimers(TitleProgress progress, Context ctx) throws Exception {
        if (progress.getIdleTimerAt() > 0) {
            ctx.timerService().deleteProcessingTimeTimer(progress.getIdleTimerAt());
            progress.setIdleTimerAt(-1L);
        }
        Tuple2<Long, Long> eventTime = idleEventTimeState.value();
        if (eventTime != null) {
            if (eventTime.f0 != NO_EVENT_TIMER) ctx.timerService().deleteEventTimeTimer(eventTime.f0);
            idleEventTimeState.clear();
        }
    }

    /**
     * Processing time: one timer, idle timeout after now. Event time: a timer at the idle timeout
     * after the later of this element's publish time and the watermark (a chunk from a partition
     * that lagged behind still gets the whole timeout), and the clock's fallback.
     */
    private void setIdleTimers(TitleProgress progress, long now, Context ctx) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        Long published = ctx.timestamp();
        long streamTime = Math.max(published == null ? Long.MIN_VALUE : published, watermark);
        if (!idle.eventTime() || streamTime == Long.MIN_VALUE) {
            // files, or a live element without a publish time before any watermark: the clock only
            long at = now + idle.idleMs();
            ctx.timerService().registerProcessingTimeTimer(at);
            progress.setIdleTimerAt(at);
            return;
        }
        long eventAt = streamTime + idle.idleMs();
        ctx.timerService().registerEventTimeTimer(eventAt);
        long fallbackAt = now + idle.quietMs();
        ctx.timerService().registerProcessingTimeTimer(fallbackAt);
        progress.setIdleTimerAt(fallbackAt);
        idleEventTimeState.update(Tuple2.of(eventAt, watermark));
    }

    /**
     * State entries (the progress value, waiting chunks, pool entries) read by this instance so far:
     * what {@link TitleMetrics#STATE_READS} records per element, for tests.
     */
    long stateEntriesRead() {
        return stateEntriesRead;
    }

    /** A map state entry by key; the fold's lookups cannot throw checked exceptions. */
    private static <K, V> V get(MapState<K, V> state, K key) {
        try {
            return state.get(key);
        } catch (Exception e) {
            throw new FlinkRuntimeException("reading title state", e);
        }
    }

    /**
     * Sends the stills of frames new to the top-K and returns the update that names them instead of
     * carrying their JPEGs; their pool entries drop the JPEG and keep the still key, which is how a
     * frame that comes back is known to be out already.
     */
    private CandidateSetUpdate publishStills(CandidateSetUpdate update, Context ctx) throws Exception {
        StillPublication.Result r = StillPublication.of(update);
        for (Candidate c : r.poolEntries()) poolState.put(c.getFrameIndex(), c);
        for (Still s : r.stills()) ctx.output(STILLS, s);
        return r.update();
    }
}
