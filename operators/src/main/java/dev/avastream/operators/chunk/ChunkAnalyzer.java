package dev.avastream.operators.chunk;

import dev.avastream.decoders.ChunkSpec;
import dev.avastream.decoders.DecodedFrame;
import dev.avastream.decoders.FrameSink;
import dev.avastream.operators.annotate.AppearanceVector;
import dev.avastream.operators.annotate.DominantColourExtractor;
import dev.avastream.operators.annotate.FrameFeatureExtractor;
import dev.avastream.operators.annotate.FrameFeatures;
import dev.avastream.operators.annotate.FramePlanes;
import dev.avastream.operators.annotate.TransitionSignalTracker;
import dev.avastream.operators.annotate.TransitionSignals;
import dev.avastream.operators.annotate.VisualAnnotator;
import dev.avastream.operators.annotate.VisualMeasures;
import dev.avastream.operators.rank.FrameQualityScorer;
import dev.avastream.operators.rank.QualityScore;
import dev.avastream.operators.shots.CutScore;
import dev.avastream.operators.shots.HardCutDetector;
import dev.avastream.schema.Candidate;
import dev.avastream.schema.ChunkResult;
import dev.avastream.schema.ColourShare;
import dev.avastream.schema.FrameAnnotation;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

/**
 * Analyses one chunk's decoded frames: visual annotation, shot cuts and the best frames of every
 * segment between cuts, and builds the chunk's {@link ChunkResult}.
 *
 * <p>Feed it (as the decoder's {@link FrameSink}) the pre-roll context frames, the chunk's own
 * frames and the post-roll context frames, in order; at least {@link #requiredPreRoll} and
 * {@link #requiredPostRoll} of them where the title has them. Then call {@link #finish} once and
 * {@link #close()}.
 *
 * <p>Per frame: {@link FramePlanes} (colour conversions, once), {@link VisualAnnotator},
 * {@link DominantColourExtractor},
 * {@link FrameFeatureExtractor}, {@link HardCutDetector}, {@link TransitionSignalTracker} (the
 * per-frame signals of the title-level gradual-transition detector; it sees the pre-roll too, so the
 * long-range change of the chunk's first frames reaches back into the previous chunk). Own frames are annotated (with their cut
 * score), and those that can still become candidates wait, with a pooled copy of their pixels, until
 * every cut within reach of them is decided; then they get their final score and compete for their
 * segment's top M. Pixels are kept only for waiting frames and the current top M of each segment;
 * JPEG thumbnails are encoded in {@link #finish}.
 *
 * <p>Not thread-safe; one instance per chunk.
 */
public final class ChunkAnalyzer implements FrameSink, AutoCloseable {

    private final String runId;
    private final ChunkSpec chunk;
    private final AnalysisConfig config;
    private final double fps;

    private final FramePlanes planes = new FramePlanes();
    private final VisualAnnotator visual = new VisualAnnotator();
    private final DominantColourExtractor colours = new DominantColourExtractor();
    private final FrameFeatureExtractor features;
    private final HardCutDetector detector;
    private final TransitionSignalTracker transitionSignals;
    private final FrameQualityScorer scorer;
    private final PixelBufferPool pixels = new PixelBufferPool();

    private final List<FrameAnnotation> annotations = new ArrayList<>();
    private final List<Long> ownCuts = new ArrayList<>();
    private final TreeSet<Long> allCuts = new TreeSet<>();
    private final ArrayDeque<PendingFrame> pending = new ArrayDeque<>();
    /** Indices of the most recent frames fed, to know up to which frame cuts are decided. */
    private final ArrayDeque<Long> recentFed = new ArrayDeque<>();
    private final TreeMap<Integer, SegmentCandidates> segments = new TreeMap<>();
    private final long minSpacingFrames;

    private int contextCutsSeen;
    private long analyseNanos;
    /** Analysis time by stage, indexed as {@link ChunkTimings#STAGES}. */
    private final long[] stageNanos = new long[ChunkTimings.STAGES.size()];
    private static final int PLANES = 0, VISUAL = 1, FEATURES = 2, CUTS = 3, TRANSITIONS = 4, COLOURS = 5,
            CANDIDATES = 6;
    private long framesFed;
    private boolean finished;
    private boolean closed;

    public ChunkAnalyzer(String runId, ChunkSpec chunk, AnalysisConfig config) {
        this.runId = runId;
        this.chunk = chunk;
        this.config = config;
        this.fps = frameRate(chunk, config.fallbackFps());
        this.features = new FrameFeatureExtractor(config.features());
        this.detector = new HardCutDetector(config.detector(), fps);
        this.transitionSignals = new TransitionSignalTracker(config.transitions());
        this.scorer = new FrameQualityScorer(config.quality());
        this.minSpacingFrames = Math.round(config.minCandidateSpacingSeconds() * fps);
    }

    /**
     * Context frames needed before a chunk: the detector's pre-roll, enough to decide a cut just
     * before the chunk that is close enough to penalise its first frames, and the span of the
     * long-range change (so that the chunk's first frame has one).
     */
    public static int requiredPreRoll(AnalysisConfig config, double fps) {
        HardCutDetector.Params d = config.detector();
        int decisionReach = Math.max(d.windowFrames(), d.flashMaxFrames() + 1);
        int cuts = Math.max(HardCutDetector.requiredPreRoll(d, fps), config.cutReachFrames() + decisionReach);
        return Math.max(cuts, config.transitions().longRangeFrames());
    }

    /** Context frames needed after a chunk: the detector's look-ahead beyond a cut close enough to matter. */
    public static int requiredPostRoll(AnalysisConfig config) {
        return HardCutDetector.requiredPostRoll(config.detector()) + config.cutReachFrames();
    }

    /**
     * The chunk's frame rate from its presentation times (median frame duration, robust to a
     * dropped or repeated timestamp), or {@code fallbackFps} when it has fewer than two frames.
     */
    public static double frameRate(ChunkSpec chunk, double fallbackFps) {
        long[] pts = chunk.contextPtsUs();
        if (pts == null || pts.length < 2) return fallbackFps;
        long[] deltas = new long[pts.length - 1];
        int n = 0;
        for (int i = 1; i < pts.length; i++) {
            long d = pts[i] - pts[i - 1];
            if (d > 0) deltas[n++] = d;
        }
        if (n == 0) return fallbackFps;
        Arrays.sort(deltas, 0, n);
        return 1_000_000.0 / deltas[n / 2];
    }

    /** The frame rate this analyzer uses (from the chunk's timestamps). */
    public double fps() { return fps; }

    @Override
    public void accept(DecodedFrame frame) {
        if (finished) throw new IllegalStateException("chunk " + chunk.chunkIndex() + " already finished");
        long start = System.nanoTime();
        planes.load(frame);
        long t1 = System.nanoTime();
        VisualMeasures measures = visual.annotate(planes);
        long t2 = System.nanoTime();
        FrameFeatures frameFeatures = features.annotate(planes);
        long t3 = System.nanoTime();
        List<Long> cuts = detector.accept(frameFeatures);
        recordCuts(cuts);
        CutScore cutScore = detector.lastScore();
        long t4 = System.nanoTime();
        TransitionSignals signals = transitionSignals.measure(planes, frameFeatures);
        long t5 = System.nanoTime();
        stageNanos[PLANES] += t1 - start;
        stageNanos[VISUAL] += t2 - t1;
        stageNanos[FEATURES] += t3 - t2;
        stageNanos[CUTS] += t4 - t3;
        stageNanos[TRANSITIONS] += t5 - t4;
        framesFed++;

        long index = frame.index();
        long s0 = t5; // candidate bookkeeping (annotation record, pixel copy, placement) from here
        if (!frame.context() && index >= chunk.startFrame() && index <= chunk.endFrame()) {
            long c0 = t5;
            List<ColourShare> palette = colours.annotate(planes);
            long c1 = System.nanoTime();
            stageNanos[COLOURS] += c1 - c0;
            s0 = c1;
            FrameAnnotation annotation = measures.toAnnotation(index, frame.timeUs(), cutScore.score(),
                    cutScore.components(), signals, palette);
            annotations.add(annotation);
            Mat copy = canStillCompete(annotation) ? pixels.copyOf(frame.bgr()) : null;
            pending.addLast(new PendingFrame(annotation, frameFeatures.appearance(), copy));
        }
        recentFed.addLast(index);
        if (recentFed.size() > detector.lookAheadFrames() + 1) recentFed.removeFirst();
        // Cuts are decided for every frame fed except the last lookAheadFrames().
        if (recentFed.size() == detector.lookAheadFrames() + 1) {
            finalizeThrough(recentFed.peekFirst() - config.cutReachFrames());
        }
        long end = System.nanoTime();
        stageNanos[CANDIDATES] += end - s0;
        analyseNanos += end - start;
    }

    /**
     * Decides what is left and builds the chunk's result. Call once, after the last frame.
     *
     * @param framesDecoded frames of the chunk's own range that decoded
     * @param decodeMillis  time spent decoding, for the record
     * @param errorOrNull   why decoding stopped early, naming the file; null if it did not
     */
    public ChunkResult finish(int framesDecoded, long decodeMillis, String errorOrNull) {
        if (finished) throw new IllegalStateException("chunk " + chunk.chunkIndex() + " already finished");
        if (closed) throw new IllegalStateException("chunk analyzer closed");
        long start = System.nanoTime();
        finished = true;
        recordCuts(detector.flush());
        finalizeThrough(Long.MAX_VALUE);
        List<Candidate> candidates = new ArrayList<>();
        try (IntPointer jpegParams = new IntPointer(new int[] {IMWRITE_JPEG_QUALITY, config.thumbnailJpegQuality()});
             BytePointer jpeg = new BytePointer()) {
            for (SegmentCandidates segment : segments.values()) {
                for (SegmentCandidates.Kept k : segment.kept()) {
                    candidates.add(candidate(k, jpeg, jpegParams));
                }
                segment.releaseAll();
            }
        }
        long elapsed = System.nanoTime() - start;
        analyseNanos += elapsed;
        stageNanos[CANDIDATES] += elapsed;
        return ChunkResult.newBuilder()
                .setRunId(runId)
                .setTitleId(chunk.titleId())
                .setSource(chunk.source())
                .setChunkIndex(chunk.chunkIndex())
                .setChunkCount(chunk.chunkCount())
                .setStartFrame(chunk.startFrame())
                .setEndFrame(chunk.endFrame())
                .setTitleFrameCount(chunk.titleFrameCount())
                .setFramesDecoded(framesDecoded)
                .setAnnotations(new ArrayList<>(annotations))
                .setCuts(new ArrayList<>(ownCuts))
                .setCandidates(candidates)
                .setDecodeMillis(decodeMillis)
                .setAnalyseMillis(analyseNanos / 1_000_000)
                .setError(errorOrNull)
                .build();
    }

    /** Pixel buffers allocated so far: bounded by the frames waiting plus the kept ones, not by the chunk's length. */
    int pixelBuffersAllocated() { return pixels.allocated(); }

    /** Time spent analysing so far, in nanoseconds (excludes decoding). */
    public long analyseNanos() { return analyseNanos; }

    /**
     * Where the time went so far, by stage ({@link ChunkTimings}); call after {@link #finish} for the
     * whole chunk.
     *
     * @param ownFrames   frames of the chunk's own range that decoded
     * @param decodeNanos time spent decoding
     */
    public ChunkTimings timings(long ownFrames, long decodeNanos) {
        java.util.Map<String, Long> stages = new java.util.LinkedHashMap<>();
        for (int i = 0; i < stageNanos.length; i++) stages.put(ChunkTimings.STAGES.get(i), stageNanos[i]);
        return new ChunkTimings(framesFed, ownFrames, decodeNanos, analyseNanos, stages, java.util.Map.of());
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (PendingFrame p : pending) pixels.release(p.pixels());
        pending.clear();
        segments.clear();
        pixels.close();
        planes.close();
        visual.close();
        colours.close();
        features.close();
        transitionSignals.close();
    }

    private void recordCuts(List<Long> cuts) {
        for (Long c : cuts) {
            if (c >= chunk.startFrame() && c <= chunk.endFrame()) ownCuts.add(c);
            allCuts.add(c);
        }
        List<Long> context = detector.contextCuts();
        while (contextCutsSeen < context.size()) allCuts.add(context.get(contextCutsSeen++));
    }

    /** Whether a frame can still become a candidate, given the cuts known now (cuts found later can only exclude it). */
    private boolean canStillCompete(FrameAnnotation a) {
        if (config.candidatesPerSegment() == 0) return false;
        double b = a.getBrightness();
        if (b < config.minCandidateBrightness() || b > config.maxCandidateBrightness()) return false;
        return distanceToNearestCut(a.getFrameIndex()) > config.cutGuardFrames();
    }

    /** Scores and places every waiting frame up to {@code lastFrame}: all cuts that can affect it are known. */
    private void finalizeThrough(long lastFrame) {
        while (!pending.isEmpty() && pending.peekFirst().frameIndex() <= lastFrame) {
            PendingFrame p = pending.removeFirst();
            if (p.pixels() == null) continue;
            long t = p.frameIndex();
            long distance = distanceToNearestCut(t);
            if (distance <= config.cutGuardFrames()) {
                pixels.release(p.pixels());
                continue;
            }
            // The score alone here; its components are built only for the frames that end up kept.
            double score = scorer.value(p.annotation(), distance);
            segments.computeIfAbsent(segmentOf(t),
                            s -> new SegmentCandidates(config.candidatesPerSegment(), minSpacingFrames, pixels))
                    .offer(new SegmentCandidates.Kept(p.annotation(), score, distance, p.appearance(), p.pixels()));
        }
    }

    /** Segments are numbered from 0 at the chunk's first frame; each own cut starts the next one. */
    private int segmentOf(long frame) {
        int s = 0;
        for (long c : ownCuts) if (c <= frame) s++;
        return s;
    }

    private long distanceToNearestCut(long frame) {
        Long below = allCuts.floor(frame);
        Long above = allCuts.ceiling(frame);
        long d = FrameQualityScorer.NO_CUT;
        if (below != null) d = Math.min(d, frame - below);
        if (above != null) d = Math.min(d, above - frame);
        return d;
    }

    private Candidate candidate(SegmentCandidates.Kept k, BytePointer jpeg, IntPointer jpegParams) {
        Mat image = k.pixels();
        if (!imencode(".jpg", image, jpeg, jpegParams)) {
            throw new IllegalStateException("JPEG encoding failed for frame " + k.frameIndex());
        }
        byte[] bytes = new byte[(int) jpeg.limit()];
        jpeg.get(bytes);
        QualityScore quality = scorer.score(k.annotation(), k.framesToNearestCut());
        return Candidate.newBuilder()
                .setFrameIndex(k.frameIndex())
                .setTimeUs(k.annotation().getTimeUs())
                .setShotIndex(-1)
                .setScore(quality.score())
                .setComponents(new ArrayList<>(quality.components()))
                .setFeature(AppearanceVector.toList(k.appearance()))
                .setAnnotation(FrameAnnotation.newBuilder(k.annotation()).build())
                .setThumbnailJpeg(ByteBuffer.wrap(bytes))
                .setThumbnailWidth(image.cols())
                .setThumbnailHeight(image.rows())
                .build();
    }
}
