package dev.avastream.operators.chunk;

import dev.avastream.decoders.ChunkDecodeStats;
import dev.avastream.decoders.ChunkDecoder;
import dev.avastream.decoders.ChunkSpec;
import dev.avastream.decoders.DecodeOptions;
import dev.avastream.decoders.AnalysisScaler;
import dev.avastream.decoders.LoopFilterSkip;
import dev.avastream.decoders.VideoDecodeException;
import dev.avastream.operators.config.Setting;
import dev.avastream.operators.config.SettingValues;
import dev.avastream.operators.config.Tunables;
import dev.avastream.schema.ChunkResult;

import java.io.Serializable;
import java.util.ArrayList;

/**
 * Decodes one chunk and analyses every frame while the decoder owns it: the unit of work of a
 * source reader. A damaged chunk never throws: its result carries an error naming the file and the
 * chunk, with whatever frames did decode, so the title goes on.
 */
public final class ChunkProcessor implements AutoCloseable {

    /**
     * @param analysisWidth  {@link Tunables#ANALYSIS_WIDTH}: width FFmpeg scales frames to for all per-frame work
     * @param decoderThreads {@link Tunables#DECODER_THREADS}: FFmpeg threads per chunk
     * @param analysis       annotators, detector and candidate selection
     * @param loopFilterSkip {@link Tunables#SKIP_LOOP_FILTER}: frames decoded without deblocking
     * @param scaler         {@link Tunables#SCALER}: how frames are reduced to the analysis width
     */
    public record Config(int analysisWidth, int decoderThreads, AnalysisConfig analysis, String loopFilterSkip,
                         String scaler)
            implements Serializable {
        public Config {
            Setting.check(Tunables.ANALYSIS_WIDTH, analysisWidth);
            Setting.check(Tunables.DECODER_THREADS, decoderThreads);
            Tunables.SKIP_LOOP_FILTER.check(loopFilterSkip);
            Tunables.SCALER.check(scaler);
        }

        public static Config defaults() {
            return from(SettingValues.defaults());
        }

        /** The processor's configuration as {@code values} set it. */
        public static Config from(SettingValues v) {
            return new Config(v.get(Tunables.ANALYSIS_WIDTH), v.get(Tunables.DECODER_THREADS), AnalysisConfig.from(v),
                    v.get(Tunables.SKIP_LOOP_FILTER), v.get(Tunables.SCALER));
        }

        public Config withAnalysisWidth(int width) { return new Config(width, decoderThreads, analysis, loopFilterSkip, scaler); }

        /** How chunks are decoded for analysis. */
        public DecodeOptions decodeOptions() {
            return new DecodeOptions(analysisWidth, decoderThreads, false, LoopFilterSkip.of(loopFilterSkip),
                    AnalysisScaler.of(scaler));
        }

        /** Frames to decode before each chunk of a title at {@code fps} so the detector sees across the edge. */
        public int preRollFrames(double fps) { return ChunkAnalyzer.requiredPreRoll(analysis, fps > 0 ? fps : 30); }

        /** Frames to decode after each chunk for the detector's look-ahead. */
        public int postRollFrames() { return ChunkAnalyzer.requiredPostRoll(analysis); }
    }

    private final Config config;
    private final ChunkDecoder decoder;

    static {
        // Chunks already decode and analyse in parallel, one per task slot: OpenCV's own thread pool
        // on top would oversubscribe the cores (a process-wide setting, right for a job's JVM).
        org.bytedeco.opencv.global.opencv_core.setNumThreads(1);
    }

    public ChunkProcessor(Config config) {
        this.config = config;
        // Missing frames are reported in the result, not thrown: partial chunks still count.
        this.decoder = new ChunkDecoder(config.decodeOptions());
    }

    /** A chunk's result and where its time went. */
    public record Processed(ChunkResult result, ChunkTimings timings) {}

    public ChunkResult process(String runId, ChunkSpec chunk) {
        return processTimed(runId, chunk).result();
    }

    /**
     * A chunk of a title scored with its own weight profile (a live title's, from its ingest event)
     * instead of the configuration's.
     *
     * @throws IllegalArgumentException for an unknown profile, naming the known ones
     */
    public ChunkResult process(String runId, ChunkSpec chunk, String profile) {
        return processTimed(runId, chunk, config.analysis().forProfile(profile)).result();
    }

    /** {@link #process}, with the chunk's decode and per-stage analysis times. */
    public Processed processTimed(String runId, ChunkSpec chunk) {
        return processTimed(runId, chunk, config.analysis());
    }

    private Processed processTimed(String runId, ChunkSpec chunk, AnalysisConfig analysis) {
        long t0 = System.nanoTime();
        int[] ownFrames = {0};
        try (ChunkAnalyzer analyzer = new ChunkAnalyzer(runId, chunk, analysis)) {
            String error = null;
            try {
                ChunkDecodeStats stats = decoder.decode(chunk, frame -> {
                    if (!frame.context()) ownFrames[0]++;
                    analyzer.accept(frame);
                });
                if (stats.missingFrames() > 0) {
                    error = chunk.source() + ": chunk " + chunk.chunkIndex() + ": " + stats.missingFrames() + " of "
                            + chunk.frameCount() + " frames could not be decoded, from frame "
                            + stats.firstMissingFrame() + " (damaged or truncated file)";
                }
            } catch (VideoDecodeException e) {
                error = withChunk(e.getMessage(), chunk);
            } catch (RuntimeException e) {
                error = chunk.source() + ": chunk " + chunk.chunkIndex() + ": " + e;
            }
            long decodeNanos = Math.max(0, System.nanoTime() - t0 - analyzer.analyseNanos());
            ChunkResult result = analyzer.finish(ownFrames[0], decodeNanos / 1_000_000, error);
            result.setProfile(analysis.profile());
            return new Processed(result, analyzer.timings(ownFrames[0], decodeNanos));
        }
    }

    private static String withChunk(String message, ChunkSpec chunk) {
        String m = message == null ? "decode failed" : message;
        if (!m.contains(chunk.source())) m = chunk.source() + ": " + m;
        return m.contains("chunk") ? m : m + " (chunk " + chunk.chunkIndex() + ")";
    }

    /** The single result of a title that could not be probed or planned: no frames, just the error. */
    public static ChunkResult failedTitle(String runId, ChunkSpec chunk, String error) {
        return failedTitle(runId, chunk, error, Tunables.QUALITY_PROFILE.defaultValue());
    }

    /** {@link #failedTitle}, for a title scored with {@code profile}. */
    public static ChunkResult failedTitle(String runId, ChunkSpec chunk, String error, String profile) {
        return ChunkResult.newBuilder().setProfile(profile)
                .setRunId(runId).setTitleId(chunk.titleId()).setSource(chunk.source())
                .setChunkIndex(0).setChunkCount(0).setStartFrame(0).setEndFrame(-1).setTitleFrameCount(0)
                .setFramesDecoded(0).setAnnotations(new ArrayList<>()).setCuts(new ArrayList<>())
                .setCandidates(new ArrayList<>()).setError(error).build();
    }

    @Override
    public void close() {
        decoder.close();
    }
}
