package dev.avastream.operators.chunk;

import dev.avastream.decoders.ChunkSpec;
import dev.avastream.decoders.DecodedFrame;
import dev.avastream.decoders.FrameSink;
import dev.avastream.operators.annotate.AnalysedFrame;
import dev.avastream.operators.annotate.AnnotatorCost;
import dev.avastream.operators.annotate.AnnotatorPipeline;
import dev.avastream.operators.annotate.AppearanceVector;
import dev.avastream.operators.annotate.FaceAnnotator;
import dev.avastream.operators.annotate.FaceTracker;
import dev.avastream.operators.annotate.FrameAnnotator;
import dev.avastream.operators.annotate.FrameFeatureExtractor;
import dev.avastream.operators.annotate.FramePlanes;
import dev.avastream.operators.annotate.FrameValue;
import dev.avastream.operators.annotate.ModelFrame;
import dev.avastream.operators.annotate.VisualAnnotator;
import dev.avastream.operators.rank.ContentScorer;
import dev.avastream.operators.rank.FrameQualityScorer;
import dev.avastream.operators.rank.QualityScore;
import dev.avastream.operators.shots.CutAnnotator;
import dev.avastream.operators.shots.HardCutDetector;
import dev.avastream.operators.shots.ShotBoundaryDetector;
import dev.avastream.schema.Candidate;
import dev.avastream.schema.ChunkResult;
import dev.avastream.schema.FrameAnnotation;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.apache.avro.Schema;
import org.bytedeco.opencv.opencv_core.Mat;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * <p>Per frame: {@link FramePlanes} (colour conversions, once), then the annotators registered in
 * {@link ChunkAnnotators}, run as an {@link AnnotatorPipeline} (visual measures, features, the hard
 * cut detector, the per-frame signals of the title-level gradual-transition detector, dominant
 * colours, ...). Annotators that carry state from frame to frame also see the pre- and post-roll
 * (so e.g. the long-range change of the chunk's first frames reaches back into the previous chunk).
 * What stays here is the candidate machinery, which is not per frame: own frames are annotated, and
 * those that can still become candidates wait, with a pooled copy of their pixels, until every cut
 * within reach of them is decided; then they get their final score and compete for their segment's
 * top M. Pixels are kept only for waiting frames and the current top M of each segment; JPEG
 * thumbnails are encoded in {@link #finish}.
 *
 * <p>Timings ({@link #timings}) and the source's metrics follow the annotator list:
 * {@value ChunkTimings#PLANES}, each annotator by name, {@value ChunkTimings#CANDIDATES}.
 *
 * <p>Not thread-safe; one instance per chunk.
 */
public final class ChunkAnalyzer implements FrameSink, AutoCloseable {

    private final String runId;
    private final ChunkSpec chunk;
    private final AnalysisConfig config;
    private final double fps;

    /**
     * What this class reads from the annotators besides the cut detector: brightness (which frames
     * can be candidates), the quality scorer's inputs and the appearance features (diversity).
     */
    private static final List<FrameValue<?>> READS = List.of(VisualAnnotator.BRIGHTNESS, VisualAnnotator.CONTRAST,
            VisualAnnotator.COLOURFULNESS, VisualAnnotator.SHARPNESS, VisualAnnotator.MOTION,
            FrameFeatureExtractor.FEATURES);

    private final FramePlanes planes = new FramePlanes();
    private final AnalysedFrame current = new AnalysedFrame(planes);
    private final AnnotatorPipeline annotators;
    private final ShotBoundaryDetector detector;
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
    /** Model frames on the stride are those whose index is a multiple of this; 0: none. */
    private final long modelStrideFrames;
    private final FaceTracker faceTracker;

    private int contextCutsSeen;
    private long analyseNanos;
    private long planesNanos;
    private long candidatesNanos;
    private long framesFed;
    private boolean finished;
    private boolean closed;

    /** Analyses with the registered annotators ({@link ChunkAnnotators}). */
    public ChunkAnalyzer(String runId, ChunkSpec chunk, AnalysisConfig config) {
        this(runId, chunk, config, fps -> ChunkAnnotators.create(config, fps));
    }

    /**
     * Analyses with the given annotators.
     *
     * @param annotators makes the annotator list for the chunk's frame rate; it must include a
     *                   {@link CutAnnotator} and write the values this class reads
     * @throws IllegalArgumentException when the list is inconsistent (see {@link AnnotatorPipeline})
     */
    public ChunkAnalyzer(String runId, ChunkSpec chunk, AnalysisConfig config,
                         java.util.function.DoubleFunction<List<FrameAnnotator>> annotators) {
        this.runId = runId;
        this.chunk = chunk;
        this.config = config;
        this.fps = frameRate(chunk, config.fallbackFps());
        this.annotators = pipeline(annotators.apply(fps));
        this.detector = this.annotators.require(CutAnnotator.class, "ChunkAnalyzer").detector();
        this.scorer = new FrameQualityScorer(config.quality(), new ContentScorer(config.content()));
        this.minSpacingFrames = Math.round(config.minCandidateSpacingSeconds() * fps);
        this.modelStrideFrames = modelStrideFrames(config, fps, this.annotators.hasModelAnnotators());
        this.faceTracker = this.annotators.annotators().stream().filter(FaceAnnotator.class::isInstance)
                .map(a -> new FaceTracker(((FaceAnnotator) a).params().trackSimilarity())).findFirst().orElse(null);
    }

    /**
     * The stride of the model frames in frames: {@code models.stride-seconds} at this frame rate, at
     * least 1; 0 when there is no stride or no model annotator.
     */
    static long modelStrideFrames(AnalysisConfig config, double fps, boolean hasModelAnnotators) {
        double seconds = config.modelStrideSeconds();
        if (!hasModelAnnotators || seconds <= 0) return 0;
        return Math.max(1, Math.round(seconds * fps));
    }

    /** The annotators as a checked pipeline that writes what this class and the schema need. */
    private static AnnotatorPipeline pipeline(List<FrameAnnotator> list) {
        AnnotatorPipeline p = new AnnotatorPipeline(list);
        try {
            p.requireWritten("ChunkAnalyzer", READS);
            p.requireWrittenOnEveryFrame("ChunkAnalyzer (cut decisions)", CutAnnotator.DECIDED_CUTS);
            p.requireWritten("FrameAnnotation (fields without a default)", fieldsWithoutDefault());
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
        return p;
    }

    /** Fields an annotator must write: without a default they would carry an invented value. */
    private static List<FrameValue<?>> fieldsWithoutDefault() {
        List<FrameValue<?>> fields = new ArrayList<>();
        for (Schema.Field f : FrameAnnotation.getClassSchema().getFields()) {
            if (f.hasDefaultValue() || f.name().equals("frameIndex") || f.name().equals("timeUs")) continue;
            fields.add(FrameValue.field(f.name(), Double.class));
        }
        return fields;
    }

    /**
     * The analysis stages of a chunk with this configuration, in order: the names its
     * {@link ChunkTimings} and the source's per-stage metrics use. Builds the annotator list once
     * to read its names (cheap: annotators allocate their scratch memory lazily or small).
     */
    public static List<String> stageNames(AnalysisConfig config) {
        try (AnnotatorPipeline p = new AnnotatorPipeline(ChunkAnnotators.create(config, config.fallbackFps()))) {
            List<String> names = new ArrayList<>();
            names.add(ChunkTimings.PLANES);
            names.addAll(p.names());
            names.add(ChunkTimings.CANDIDATES);
            return List.copyOf(names);
        }
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
        long index = frame.index();
        boolean own = !frame.context() && index >= chunk.startFrame() && index <= chunk.endFrame();
        boolean onStride = own && modelStrideFrames > 0 && index % modelStrideFrames == 0;
        current.begin(own, onStride ? ModelFrame.STRIDE : ModelFrame.NONE);
        long t2 = System.nanoTime();
        long t3 = annotators.run(current, t2);
        planesNanos += t1 - start;
        framesFed++;

        // Candidate bookkeeping (annotation record, cuts, pixel copy, placement) from here.
        recordCuts(current.get(CutAnnotator.DECIDED_CUTS));
        if (own) {
            FrameAnnotation annotation = current.annotation();
            annotations.add(annotation);
            Mat copy = canStillCompete(annotation) ? pixels.copyOf(frame.bgr()) : null;
            pending.addLast(new PendingFrame(annotation,
                    current.get(FrameFeatureExtractor.FEATURES).appearance(), copy));
        }
        recentFed.addLast(index);
        if (recentFed.size() > detector.lookAheadFrames() + 1) recentFed.removeFirst();
        // Cuts are decided for every frame fed except the last lookAheadFrames().
        if (recentFed.size() == detector.lookAheadFrames() + 1) {
            finalizeThrough(recentFed.peekFirst() - config.cutReachFrames());
        }
        long end = System.nanoTime();
        candidatesNanos += (t2 - t1) + (end - t3);
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
        // charged to the planes and the model annotators by name, not to the candidate stage
        long lateModels = annotateKeptFrames();
        if (faceTracker != null) faceTracker.track(annotations, allCuts, chunk.chunkIndex() * FaceTracker.IDS_PER_CHUNK);
        List<Candidate> candidates = new ArrayList<>();
        try (IntPointer jpegParams = new IntPointer(new int[] {IMWRITE_JPEG_QUALITY, config.thumbnailJpegQuality()});
             BytePointer jpeg = new BytePointer()) {
            for (SegmentCandidates segment : segments.values()) {
                List<Candidate> ofSegment = new ArrayList<>();
                for (SegmentCandidates.Kept k : segment.kept()) {
                    // a title card or explicit content is no candidate, however it scores
                    if (scorer.exclusion(k.annotation()) != null) continue;
                    ofSegment.add(candidate(k, jpeg, jpegParams));
                }
                // every kept frame fell to an exclusion the models found late: the best frame known clean
                if (ofSegment.isEmpty() && segment.reserve() != null) ofSegment.add(candidate(segment.reserve(), jpeg, jpegParams));
                // re-ranked on the final score, which sees what the models saw (the kept order did not)
                ofSegment.sort(java.util.Comparator.comparingDouble(Candidate::getScore).reversed()
                        .thenComparingLong(Candidate::getFrameIndex));
                candidates.addAll(ofSegment);
                segment.releaseAll();
            }
        }
        long elapsed = System.nanoTime() - start;
        analyseNanos += elapsed;
        candidatesNanos += elapsed - lateModels;
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

    /**
     * Runs the model annotators, late, on the kept frames (each segment's candidates, its key frames)
     * that were not model frames on the stride: their pixels are still here.
     *
     * @return the time it charged to the planes and the annotators
     */
    private long annotateKeptFrames() {
        if (!annotators.hasModelAnnotators()) return 0;
        long charged = 0;
        for (SegmentCandidates segment : segments.values()) {
            for (SegmentCandidates.Kept k : segment.kept()) {
                FrameAnnotation a = k.annotation();
                if (!ModelFrame.NONE.name().equals(a.getModelFrame())) continue;
                long start = System.nanoTime();
                planes.load(a.getFrameIndex(), a.getTimeUs(), false, k.pixels());
                long loaded = System.nanoTime();
                planesNanos += loaded - start;
                long end = annotators.runModelAnnotators(current.resume(a, ModelFrame.CANDIDATE), loaded);
                charged += end - start;
            }
        }
        return charged;
    }

    /** Pixel buffers allocated so far: bounded by the frames waiting plus the kept ones, not by the chunk's length. */
    int pixelBuffersAllocated() { return pixels.allocated(); }

    /** Time spent analysing so far, in nanoseconds (excludes decoding). */
    public long analyseNanos() { return analyseNanos; }

    /**
     * Where the time went so far, by stage ({@link ChunkTimings}: {@value ChunkTimings#PLANES}, each
     * annotator by name, {@value ChunkTimings#CANDIDATES}, as {@link #stageNames}); call after
     * {@link #finish} for the whole chunk.
     *
     * @param ownFrames   frames of the chunk's own range that decoded
     * @param decodeNanos time spent decoding
     */
    public ChunkTimings timings(long ownFrames, long decodeNanos) {
        Map<String, Long> stages = new LinkedHashMap<>();
        stages.put(ChunkTimings.PLANES, planesNanos);
        stages.putAll(annotators.nanosByName());
        stages.put(ChunkTimings.CANDIDATES, candidatesNanos);
        Map<String, Long> models = new LinkedHashMap<>();
        for (String name : annotators.namesOf(AnnotatorCost.NEURAL)) models.put(name, stages.get(name));
        Map<String, Long> frames = new LinkedHashMap<>();
        frames.put(ChunkTimings.PLANES, framesFed);
        frames.putAll(annotators.framesByName());
        frames.put(ChunkTimings.CANDIDATES, framesFed);
        return new ChunkTimings(framesFed, ownFrames, decodeNanos, analyseNanos, stages, models, frames);
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
        annotators.close();
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
                            s -> new SegmentCandidates(config.candidatesPerSegment(), minSpacingFrames, pixels,
                                    this::knownEligible))
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

    /** Whether the models already ran on the frame and no exclusion rule rejects it. */
    private boolean knownEligible(FrameAnnotation a) {
        return annotators.hasModelAnnotators() && !ModelFrame.NONE.name().equals(a.getModelFrame())
                && scorer.exclusion(a) == null;
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
                .setPerceptualHash(k.annotation().getPerceptualHash())
                .setAnnotation(FrameAnnotation.newBuilder(k.annotation()).build())
                .setThumbnailJpeg(ByteBuffer.wrap(bytes))
                .setThumbnailWidth(image.cols())
                .setThumbnailHeight(image.rows())
                .build();
    }
}
