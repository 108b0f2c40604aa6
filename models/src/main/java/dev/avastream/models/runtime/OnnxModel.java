package dev.avastream.models.runtime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One ONNX model file behind one {@link OrtSession}. A session is safe to call from several threads,
 * but the project keeps one per model per task slot so thread settings stay predictable.
 */
public final class OnnxModel implements AutoCloseable {
    private final String name;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final List<String> inputNames;
    private final List<String> outputNames;
    private final java.util.concurrent.atomic.AtomicLong calls = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong inferenceNanos = new java.util.concurrent.atomic.AtomicLong();

    private OnnxModel(String name, OrtEnvironment env, OrtSession session) throws OrtException {
        this.name = name;
        this.env = env;
        this.session = session;
        this.inputNames = List.copyOf(session.getInputNames());
        this.outputNames = List.copyOf(session.getOutputNames());
    }

    /** Opens {@code file} with all graph optimisations (they cancel the converter's transpose pairs). */
    public static OnnxModel open(String name, Path file, SessionSettings settings) {
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            return new OnnxModel(name, env, env.createSession(file.toString(), options(settings)));
        } catch (OrtException e) {
            throw new ModelException(name + ": cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens a model held in memory (e.g. read from the jar), as {@link #open(String, Path,
     * SessionSettings)} does a file; {@code origin} names where the bytes came from, for errors.
     */
    public static OnnxModel open(String name, byte[] model, String origin, SessionSettings settings) {
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            return new OnnxModel(name, env, env.createSession(model, options(settings)));
        } catch (OrtException e) {
            throw new ModelException(name + ": cannot open " + origin + ": " + e.getMessage(), e);
        }
    }

    private static OrtSession.SessionOptions options(SessionSettings settings) throws OrtException {
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        o.setIntraOpNumThreads(settings.intraOpThreads());
        o.setInterOpNumThreads(settings.interOpThreads());
        o.setExecutionMode(settings.interOpThreads() > 1 ? OrtSession.SessionOptions.ExecutionMode.PARALLEL
                : OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        return o;
    }

    public String name() {
        return name;
    }

    public List<String> inputNames() {
        return inputNames;
    }

    public List<String> outputNames() {
        return outputNames;
    }

    /** The declared input shape (-1 for free dimensions such as the batch). */
    public long[] inputShape(int i) {
        try {
            NodeInfo info = session.getInputInfo().get(inputNames.get(i));
            return ((TensorInfo) info.getInfo()).getShape();
        } catch (OrtException e) {
            throw new ModelException(name + ": " + e.getMessage(), e);
        }
    }

    /** Runs the model's single input; returns every output by name, in the model's output order. */
    public Map<String, Tensor> run(Tensor input) {
        return run(Map.of(inputNames.get(0), input));
    }

    /** Calls of {@link #run} so far (with {@link #inferenceNanos()}: the per-model latency a job exports). */
    public long calls() {
        return calls.get();
    }

    /** Wall time spent in {@link #run} so far, tensor conversion included, in nanoseconds. */
    public long inferenceNanos() {
        return inferenceNanos.get();
    }

    public Map<String, Tensor> run(Map<String, Tensor> inputs) {
        long start = System.nanoTime();
        try {
            return runTimed(inputs);
        } finally {
            inferenceNanos.addAndGet(System.nanoTime() - start);
            calls.incrementAndGet();
        }
    }

    private Map<String, Tensor> runTimed(Map<String, Tensor> inputs) {
        Map<String, OnnxTensor> feeds = new LinkedHashMap<>();
        try {
            for (var e : inputs.entrySet()) {
                feeds.put(e.getKey(), OnnxTensor.createTensor(env, FloatBuffer.wrap(e.getValue().data()), e.getValue().shape()));
            }
            try (OrtSession.Result result = session.run(feeds)) {
                Map<String, Tensor> out = new LinkedHashMap<>();
                for (var e : result) {
                    OnnxTensor t = (OnnxTensor) e.getValue();
                    long[] shape = t.getInfo().getShape();
                    FloatBuffer fb = t.getFloatBuffer();
                    float[] data = new float[fb.remaining()];
                    fb.get(data);
                    out.put(e.getKey(), new Tensor(data, shape));
                }
                return out;
            }
        } catch (OrtException e) {
            throw new ModelException(name + ": inference failed: " + e.getMessage(), e);
        } finally {
            for (OnnxTensor t : feeds.values()) t.close();
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new ModelException(name + ": close failed", e);
        }
    }

    @Override
    public String toString() {
        return name + " " + inputNames + " -> " + new ArrayList<>(outputNames);
    }
}
