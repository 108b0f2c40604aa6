package dev.avastream.operators.title;

import dev.avastream.decoders.ChunkPlanner;
import dev.avastream.decoders.ChunkSpec;
import dev.avastream.decoders.VideoDecodeException;
import dev.avastream.decoders.VideoProbe;
import dev.avastream.decoders.VideoProber;
import dev.avastream.operators.chunk.ChunkProcessor;
import dev.avastream.schema.Candidate;
import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.schema.ChunkResult;
import dev.avastream.schema.FrameAnnotation;
import dev.avastream.schema.Shot;
import dev.avastream.schema.TitleProgress;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

/**
 * The pipeline's per-title computation without Flink: the same chunk plan, the same
 * {@link ChunkProcessor} on a thread pool, the same in-order {@link TitleAssembly} fold. For tools
 * that judge the analysis itself (shot evaluation, benchmarks) and should not pay for a cluster.
 */
public final class InProcessTitleAnalysis {

    /** What the title produced. {@code annotations} is empty unless asked for. */
    public record Result(VideoProbe probe, List<Shot> shots, CandidateSetUpdate last, List<FrameAnnotation> annotations,
                         List<String> errors, long wallNanos) {
        public double framesPerSecond() { return last == null ? 0 : last.getFramesProcessed() * 1e9 / wallNanos; }
    }

    private InProcessTitleAnalysis() {}

    /** {@link #analyse(String, String, double, int, ChunkProcessor.Config, TitleAssembly.Params, boolean, LongSupplier)} on the wall clock. */
    public static Result analyse(String titleId, String source, double chunkSeconds, int threads,
                                 ChunkProcessor.Config config, TitleAssembly.Params params, boolean keepAnnotations)
            throws VideoDecodeException, InterruptedException {
        return analyse(titleId, source, chunkSeconds, threads, config, params, keepAnnotations, System::currentTimeMillis);
    }

    /**
     * Analyses one title.
     *
     * @param clock the time each update is stamped with ({@link CandidateSetUpdate#getEmittedAtMs()}), in ms
     */
    public static Result analyse(String titleId, String source, double chunkSeconds, int threads,
                                 ChunkProcessor.Config config, TitleAssembly.Params params, boolean keepAnnotations,
                                 LongSupplier clock)
            throws VideoDecodeException, InterruptedException {
        return analyse(titleId, source, chunkSeconds, threads, config, params, keepAnnotations, clock, u -> { });
    }

    /** As above, handing every update to {@code onUpdate} in order (tools that judge the whole sequence). */
    public static Result analyse(String titleId, String source, double chunkSeconds, int threads,
                                 ChunkProcessor.Config config, TitleAssembly.Params params, boolean keepAnnotations,
                                 LongSupplier clock, java.util.function.Consumer<CandidateSetUpdate> onUpdate)
            throws VideoDecodeException, InterruptedException {
        long t0 = System.nanoTime();
        VideoProbe probe = VideoProber.probe(source);
        List<ChunkSpec> chunks = ChunkPlanner.plan(titleId, probe, chunkSeconds,
                config.preRollFrames(probe.averageFps()), config.postRollFrames());
        String runId = "in-process";
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "analysis");
            t.setDaemon(true);
            return t;
        });
        ThreadLocal<ChunkProcessor> processors = ThreadLocal.withInitial(() -> new ChunkProcessor(config));
        List<ChunkProcessor> all = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<ChunkResult>> results = new ArrayList<>();
            for (ChunkSpec c : chunks) {
                results.add(pool.submit(() -> {
                    ChunkProcessor p = processors.get();
                    if (!all.contains(p)) all.add(p);
                    return p.process(runId, c);
                }));
            }
            TitleAssembly assembly = new TitleAssembly(params);
            TitleProgress progress = null;
            Map<Integer, ChunkResult> pending = new HashMap<>();
            Map<Long, Candidate> candidatePool = new HashMap<>();
            List<Shot> shots = new ArrayList<>();
            List<FrameAnnotation> annotations = new ArrayList<>();
            CandidateSetUpdate last = null;
            for (Future<ChunkResult> f : results) {
                ChunkResult r;
                try {
                    r = f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("chunk analysis failed for " + source, e.getCause());
                }
                if (progress == null) progress = TitleAssembly.start(r);
                TitleAssembly.receive(progress, r);
                if (keepAnnotations) annotations.addAll(r.getAnnotations());
                pending.put(r.getChunkIndex(), r);
                TitleAssembly.Step step = assembly.onChunk(progress, pending::get, candidatePool::get,
                        clock.getAsLong(), false);
                for (Integer folded : step.chunksFolded()) pending.remove(folded);
                for (Long removed : step.poolRemoved()) candidatePool.remove(removed);
                for (Candidate c : step.poolAdded()) candidatePool.put(c.getFrameIndex(), c);
                shots.addAll(step.closedShots());
                last = step.update();
                onUpdate.accept(last);
            }
            return new Result(probe, shots, last, annotations, last == null ? List.of() : last.getErrors(),
                    System.nanoTime() - t0);
        } finally {
            pool.shutdownNow();
            for (ChunkProcessor p : all) p.close();
        }
    }
}
