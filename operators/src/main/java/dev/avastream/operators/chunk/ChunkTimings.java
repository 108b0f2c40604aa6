package dev.avastream.operators.chunk;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where one chunk's time went: decoding, analysis, and analysis split by annotator. Plain Java, for
 * whoever reports it (the Flink source exports it as histograms; {@code ava bench} could print it).
 *
 * <p>Stage names are stable, lower-case identifiers (they become metric names): {@value #PLANES}
 * (colour conversions shared by the annotators), then each annotator of the chunk's list by its
 * {@code name()} ({@link ChunkAnnotators}, docs/annotators.md), then {@value #CANDIDATES} (candidate
 * selection and thumbnail encoding); {@link ChunkAnalyzer#stageNames} lists them for a configuration.
 *
 * @param framesFed      frames analysed, context frames included (each costs the same analysis)
 * @param ownFrames      frames of the chunk's own range that decoded
 * @param decodeNanos    time decoding (the chunk's wall time minus analysis)
 * @param analyseNanos   time analysing, all stages together
 * @param stageNanos     analysis time by stage, in the order above
 * @param modelNanos     time of the neural annotators (model inference and its pre- and post-processing)
 *                       by annotator name, also counted in {@code stageNanos}
 * @param stageFrames    frames each stage ran on: every frame fed for most, the chunk's own frames for
 *                       annotators that skip context frames, the model frames for model annotators
 */
public record ChunkTimings(long framesFed, long ownFrames, long decodeNanos, long analyseNanos,
                           Map<String, Long> stageNanos, Map<String, Long> modelNanos, Map<String, Long> stageFrames) {

    /** The analyser's first stage: loading the frame and the colour conversions every annotator shares. */
    public static final String PLANES = "planes";
    /** The analyser's last stage: candidate bookkeeping, selection and thumbnail encoding. */
    public static final String CANDIDATES = "candidates";

    public ChunkTimings {
        stageNanos = Collections.unmodifiableMap(new LinkedHashMap<>(stageNanos));
        modelNanos = Collections.unmodifiableMap(new LinkedHashMap<>(modelNanos));
        stageFrames = Collections.unmodifiableMap(new LinkedHashMap<>(stageFrames));
    }

    /** Timings of a chunk that did no work (a title that could not be planned). */
    public static ChunkTimings none() {
        return new ChunkTimings(0, 0, 0, 0, Map.of(), Map.of(), Map.of());
    }

    /** Decode plus analysis: the chunk's processing latency on its reader. */
    public long totalNanos() { return decodeNanos + analyseNanos; }

    /** A stage's mean time per frame it ran on, in microseconds (0 when it ran on none). */
    public double stageMicrosPerRun(String stage) {
        Long n = stageNanos.get(stage), f = stageFrames.get(stage);
        return n == null || f == null || f == 0 ? 0 : n / 1000.0 / f;
    }

    /** A stage's mean time per analysed frame, in microseconds (0 when no frame was analysed). */
    public double stageMicrosPerFrame(String stage) {
        Long n = stageNanos.get(stage);
        return n == null || framesFed == 0 ? 0 : n / 1000.0 / framesFed;
    }
}
