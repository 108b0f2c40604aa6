package dev.avastream.cli.preview;

import dev.avastream.schema.Still;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stills read for one title, by run and frame, for the preview's thumbnails. A run's stills may
 * arrive before its first update (they are in other partitions), so the few most recent runs are
 * kept, not just the one on show. Bounded: {@value #RUNS} runs, {@value #PER_RUN} stills per run
 * (least recently used go first). Not thread-safe: {@link PreviewState} guards it.
 */
final class TitleStills {
    /** Runs kept per title: the one on show and a few whose stills came first. */
    static final int RUNS = 4;
    /** Stills kept per run; a title's top-K rarely sees more frames than this in a run. */
    static final int PER_RUN = 512;

    private final LinkedHashMap<String, LinkedHashMap<Long, Still>> byRun = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, LinkedHashMap<Long, Still>> e) { return size() > RUNS; }
    };

    void put(Still s) {
        byRun.computeIfAbsent(s.getRunId(), r -> new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Still> e) { return size() > PER_RUN; }
        }).put(s.getFrameIndex(), s);
    }

    /** The still of a frame in a run, or null if it has not arrived (or was forgotten). */
    Still get(String runId, long frameIndex) {
        LinkedHashMap<Long, Still> run = byRun.get(runId);
        return run == null ? null : run.get(frameIndex);
    }
}
