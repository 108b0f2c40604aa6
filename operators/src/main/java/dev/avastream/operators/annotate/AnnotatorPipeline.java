package dev.avastream.operators.annotate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An ordered list of {@link FrameAnnotator}s, checked when it is built and timed per annotator when
 * it runs. The checks turn a wrong list into a clear error at start-up rather than a wrong output:
 * <ul>
 *   <li>names are unique, lower-case identifiers (they name timing stages and metrics);</li>
 *   <li>every value an annotator reads is written by an annotator before it, and, if the reader
 *       also sees context frames, by one that does too (otherwise it would be missing there);</li>
 *   <li>no value is written by two annotators;</li>
 *   <li>an annotator on model frames only ({@link FrameAnnotator#modelFramesOnly()}) does not see
 *       context frames and reads only values of other model-frame annotators, and nothing that runs
 *       on every frame reads its values (they are missing on most frames);</li>
 *   <li>{@link #requireWritten} lets the caller check what it reads afterwards.</li>
 * </ul>
 * Owns the annotators: {@link #close()} closes them.
 */
public final class AnnotatorPipeline implements AutoCloseable {

    private final List<FrameAnnotator> annotators;
    private final List<String> names;
    private final boolean[] onContext;
    private final boolean[] modelOnly;
    private final boolean[][] readable;
    private final boolean[][] writable;
    private final long[] nanos;
    /** Frames each annotator ran on. */
    private final long[] runs;
    /** Which annotator writes each value. */
    private final Map<FrameValue<?>, FrameAnnotator> writers = new HashMap<>();

    /**
     * @throws IllegalArgumentException when the list breaks a rule above (the annotators are closed then)
     */
    public AnnotatorPipeline(List<? extends FrameAnnotator> annotators) {
        this.annotators = List.copyOf(annotators);
        try {
            validate();
        } catch (RuntimeException e) {
            this.annotators.forEach(FrameAnnotator::close);
            throw e;
        }
        int n = this.annotators.size();
        int keys = FrameValue.count();
        this.names = this.annotators.stream().map(FrameAnnotator::name).toList();
        this.onContext = new boolean[n];
        this.modelOnly = new boolean[n];
        this.readable = new boolean[n][keys];
        this.writable = new boolean[n][keys];
        this.nanos = new long[n];
        this.runs = new long[n];
        for (int i = 0; i < n; i++) {
            FrameAnnotator a = this.annotators.get(i);
            onContext[i] = a.seesContextFrames();
            modelOnly[i] = a.modelFramesOnly();
            for (FrameValue<?> k : a.reads()) readable[i][k.id()] = true;
            for (FrameValue<?> k : a.writes()) writable[i][k.id()] = true;
        }
    }

    private void validate() {
        Set<String> seen = new HashSet<>();
        for (FrameAnnotator a : annotators) {
            String name = a.name();
            if (name == null || !name.matches("[a-z][a-z0-9-]*")) {
                throw new IllegalArgumentException("annotator " + a.getClass().getName() + " has name '" + name
                        + "': expected a lower-case identifier (it becomes a metric name)");
            }
            if (!seen.add(name)) throw new IllegalArgumentException("two annotators are named '" + name + "'");
            if (a.modelFramesOnly() && a.seesContextFrames()) {
                throw new IllegalArgumentException("annotator '" + name + "' runs on model frames only, which are "
                        + "never context frames, yet asks to see context frames");
            }
            for (FrameValue<?> key : a.reads()) {
                FrameAnnotator writer = writers.get(key);
                if (writer == null) {
                    throw new IllegalArgumentException("annotator '" + name + "' reads " + key.describe()
                            + ", which no annotator before it writes");
                }
                if (a.modelFramesOnly() != writer.modelFramesOnly()) {
                    throw new IllegalArgumentException("annotator '" + name + "' reads " + key.describe() + ", which '"
                            + writer.name() + "' writes, but only one of them runs on model frames only: "
                            + (a.modelFramesOnly() ? "on a late (candidate) run the value is missing"
                            : "the value is missing on the frames between model frames"));
                }
                if (a.seesContextFrames() && !writer.seesContextFrames()) {
                    throw new IllegalArgumentException("annotator '" + name + "' sees context frames and reads "
                            + key.describe() + ", which '" + writer.name() + "' writes on annotated frames only");
                }
            }
            for (FrameValue<?> key : a.writes()) {
                FrameAnnotator other = writers.putIfAbsent(key, a);
                if (other != null) {
                    throw new IllegalArgumentException("annotators '" + other.name() + "' and '" + name
                            + "' both write " + key.describe());
                }
            }
        }
    }

    /**
     * Checks that the annotators write what the caller reads from every annotated frame after {@link #run}.
     *
     * @param reader who reads, for the message
     * @throws IllegalArgumentException naming the first value nobody writes
     */
    public void requireWritten(String reader, List<FrameValue<?>> values) {
        for (FrameValue<?> v : values) {
            if (!writers.containsKey(v)) {
                throw new IllegalArgumentException(reader + " reads " + v.describe() + ", which no annotator in "
                        + names + " writes");
            }
        }
    }

    /** Checks that a value is written on every frame, context frames included. */
    public void requireWrittenOnEveryFrame(String reader, FrameValue<?> value) {
        requireWritten(reader, List.of(value));
        if (!writers.get(value).seesContextFrames()) {
            throw new IllegalArgumentException(reader + " reads " + value.describe() + " on every frame, but '"
                    + writers.get(value).name() + "' writes it on annotated frames only");
        }
    }

    /** The annotator of this type in the list, for a caller that needs more than its values (e.g. a detector's flush). */
    public <A extends FrameAnnotator> A require(Class<A> type, String reader) {
        for (FrameAnnotator a : annotators) if (type.isInstance(a)) return type.cast(a);
        throw new IllegalArgumentException(reader + " needs a " + type.getSimpleName() + " among the annotators " + names);
    }

    /** Runs every annotator on the frame begun in {@code frame} (context frames: only those that see them). */
    public void run(AnalysedFrame frame) {
        run(frame, System.nanoTime());
    }

    /**
     * Runs the annotators, charging each the time from the previous one's end (from {@code since}
     * for the first), so that the caller's own timings and these add up without a gap.
     *
     * @return {@link System#nanoTime()} when the last annotator finished
     */
    public long run(AnalysedFrame frame, long since) {
        return runWhere(frame, since, !frame.annotated(), frame.modelFrame().ran(), false);
    }

    /**
     * Runs only the model-frame annotators, on a frame that already went through {@link #run} without
     * them ({@link AnalysedFrame#resume}), e.g. a frame that became a candidate; charges each the time
     * from the previous one's end (from {@code since} for the first), as {@link #run(AnalysedFrame, long)}.
     *
     * @return {@link System#nanoTime()} when the last annotator finished
     */
    public long runModelAnnotators(AnalysedFrame frame, long since) {
        if (!frame.modelFrame().ran()) throw new IllegalArgumentException("frame " + frame.frameIndex() + " is no model frame");
        return runWhere(frame, since, false, true, true);
    }

    /**
     * The annotators that apply: not those that skip context frames on a {@code context} frame, not
     * the model-frame ones unless {@code models}, and only those with {@code modelsOnly}. Each is
     * charged the time since the previous one ended.
     */
    private long runWhere(AnalysedFrame frame, long since, boolean context, boolean models, boolean modelsOnly) {
        long t = since;
        try {
            for (int i = 0; i < annotators.size(); i++) {
                if (context && !onContext[i]) continue;
                if (modelOnly[i] ? !models : modelsOnly) continue;
                frame.running(names.get(i), readable[i], writable[i]);
                annotators.get(i).annotate(frame);
                long now = System.nanoTime();
                nanos[i] += now - t;
                runs[i]++;
                t = now;
            }
        } finally {
            frame.running(null, null, null);
        }
        return t;
    }

    /** Whether any annotator runs on model frames only (whether model frames are worth choosing). */
    public boolean hasModelAnnotators() {
        for (boolean m : modelOnly) if (m) return true;
        return false;
    }

    /** The annotators' names, in order. */
    public List<String> names() { return names; }

    public List<FrameAnnotator> annotators() { return annotators; }

    /** Time spent in each annotator so far, by name, in order. */
    public Map<String, Long> nanosByName() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) m.put(names.get(i), nanos[i]);
        return m;
    }

    /** Frames each annotator ran on so far, by name, in order (fewer than fed for model-frame and own-frame annotators). */
    public Map<String, Long> framesByName() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) m.put(names.get(i), runs[i]);
        return m;
    }

    /** The names of the annotators of this cost class, in order. */
    public List<String> namesOf(AnnotatorCost cost) {
        return annotators.stream().filter(a -> a.cost() == cost).map(FrameAnnotator::name).toList();
    }

    /** Forgets every annotator's state carried from earlier frames. */
    public void reset() {
        annotators.forEach(FrameAnnotator::reset);
    }

    /** One row per annotator (name, cost, context frames, reads, writes), e.g. for docs/annotators.md. */
    public List<List<String>> table() {
        List<List<String>> rows = new ArrayList<>();
        for (FrameAnnotator a : annotators) {
            rows.add(List.of(a.name(), a.cost().name(), a.modelFramesOnly() ? "model frames"
                            : a.seesContextFrames() ? "every frame" : "annotated frames",
                    String.join(", ", a.reads().stream().map(FrameValue::name).toList()),
                    String.join(", ", a.writes().stream().map(FrameValue::name).toList())));
        }
        return rows;
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (FrameAnnotator a : annotators) {
            try {
                a.close();
            } catch (RuntimeException e) {
                if (first == null) first = e;
            }
        }
        if (first != null) throw first;
    }
}
