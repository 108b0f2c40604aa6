package dev.avastream.jobs.title;

import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.schema.TitleProgress;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The title operator's metrics, registered in its operator metric group (one set per subtask):
 * <ul>
 *   <li>{@value #CANDIDATE_CHURN} (counter) and {@value #CHURN_PER_UPDATE} (histogram): top-K entries added
 *       plus removed by each update, what a subscriber sees change;</li>
 *   <li>{@value #POOL_EDITS} (counter): candidate-pool entries added plus evicted;</li>
 *   <li>gauges over the titles open on this subtask: {@value #OPEN_TITLES}, {@value #POOL_SIZE},
 *       {@value #PENDING_CHUNKS} (chunks buffered ahead of a missing one), {@value #UNSETTLED_FRAMES}
 *       (annotations waiting for the gradual-transition detector), {@value #PROGRESS_BYTES} (serialized
 *       size of the titles' progress records, the bulk of the keyed state besides the pool).</li>
 *   <li>{@value #STATE_READS} (histogram): keyed-state entries read per element (the progress value,
 *       waiting chunks folded from state, full pool entries of the top-K), which stays small whatever
 *       the pool's or the reorder buffer's size.</li>
 * </ul>
 * The gauges are kept per title in memory and summed when read; after a restore a title counts again
 * from its next chunk. Flink's own checkpoint metrics ({@code lastCheckpointSize},
 * {@code lastCheckpointDuration}) give the whole state's size.
 */
public final class TitleMetrics {
    public static final String CANDIDATE_CHURN = "candidateChurn";
    public static final String CHURN_PER_UPDATE = "candidateChurnPerUpdate";
    public static final String POOL_EDITS = "poolEdits";
    public static final String OPEN_TITLES = "openTitles";
    public static final String POOL_SIZE = "poolSize";
    public static final String PENDING_CHUNKS = "pendingChunks";
    public static final String UNSETTLED_FRAMES = "unsettledFrames";
    public static final String PROGRESS_BYTES = "progressStateBytes";
    public static final String STATE_READS = "stateEntriesReadPerElement";

    private record TitleSize(long pool, long pending, long unsettled, long progressBytes) {}

    private final Map<String, TitleSize> open = new ConcurrentHashMap<>();
    private final Counter churn;
    private final Histogram churnPerUpdate;
    private final Counter poolEdits;
    private final Histogram stateReads;

    public TitleMetrics(MetricGroup group) {
        churn = group.counter(CANDIDATE_CHURN);
        churnPerUpdate = group.histogram(CHURN_PER_UPDATE, new DescriptiveStatisticsHistogram(512));
        poolEdits = group.counter(POOL_EDITS);
        stateReads = group.histogram(STATE_READS, new DescriptiveStatisticsHistogram(512));
        group.gauge(OPEN_TITLES, (Gauge<Integer>) open::size);
        group.gauge(POOL_SIZE, (Gauge<Long>) () -> sum(TitleSize::pool));
        group.gauge(PENDING_CHUNKS, (Gauge<Long>) () -> sum(TitleSize::pending));
        group.gauge(UNSETTLED_FRAMES, (Gauge<Long>) () -> sum(TitleSize::unsettled));
        group.gauge(PROGRESS_BYTES, (Gauge<Long>) () -> sum(TitleSize::progressBytes));
    }

    /** Records one published update: its top-K churn (the update's own added/removed lists) and pool edits. */
    public void onUpdate(CandidateSetUpdate update, int poolAdded, int poolRemoved) {
        int c = update.getAdded().size() + update.getRemoved().size();
        churn.inc(c);
        churnPerUpdate.update(c);
        poolEdits.inc(poolAdded + poolRemoved);
    }

    /** Records the keyed-state entries one element read. */
    public void onStateRead(int entries) {
        stateReads.update(entries);
    }

    /** The title's sizes after a step; {@code progress} null when the title completed. */
    public void onTitle(String titleId, TitleProgress progress, long pool, long pending) {
        if (progress == null) {
            open.remove(titleId);
            return;
        }
        long bytes;
        try {
            bytes = progress.toByteBuffer().remaining();
        } catch (java.io.IOException e) {
            bytes = -1;
        }
        open.put(titleId, new TitleSize(pool, pending, progress.getSettling().getUnsettledFrames().size(), bytes));
    }

    private long sum(java.util.function.ToLongFunction<TitleSize> f) {
        long s = 0;
        for (TitleSize t : open.values()) s += Math.max(0, f.applyAsLong(t));
        return s;
    }
}
