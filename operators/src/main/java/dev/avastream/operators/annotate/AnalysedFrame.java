package dev.avastream.operators.annotate;

import dev.avastream.schema.FrameAnnotation;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The frame under analysis as the annotators see it: the shared {@link FramePlanes}, the values the
 * annotators before have written ({@link FrameValue} keys), and, for a frame of the chunk's own
 * range, the {@link FrameAnnotation} that annotation fields are written into.
 *
 * <p>One instance is reused from frame to frame ({@link #begin}); values are forgotten between
 * frames. While an {@link AnnotatorPipeline} runs an annotator, reading a value it did not declare
 * in {@link FrameAnnotator#reads()} or writing one it did not declare in
 * {@link FrameAnnotator#writes()} fails, so the declared table stays true.
 */
public final class AnalysedFrame {

    private static final Schema SCHEMA = FrameAnnotation.getClassSchema();
    /** Each field's default (or a placeholder for the fields that have none), by position. */
    private static final Object[] DEFAULTS = defaults();

    private final FramePlanes planes;
    private Object[] values = new Object[0];
    private FrameAnnotation annotation;
    private ModelFrame modelFrame = ModelFrame.NONE;
    /** Declared reads and writes of the annotator running now, by key id; null outside a pipeline. */
    private boolean[] readable;
    private boolean[] writable;
    private String running;

    public AnalysedFrame(FramePlanes planes) {
        this.planes = planes;
    }

    /**
     * Starts the frame loaded in the planes: forgets the previous frame's values and, when
     * {@code annotated}, starts its annotation with the schema's defaults (frame index and time set).
     */
    public AnalysedFrame begin(boolean annotated) {
        return begin(annotated, ModelFrame.NONE);
    }

    /**
     * As {@link #begin(boolean)}, and whether the model annotators run on it ({@link ModelFrame};
     * only an annotated frame can be a model frame).
     */
    public AnalysedFrame begin(boolean annotated, ModelFrame models) {
        if (models.ran() && !annotated) throw new IllegalArgumentException("a context frame cannot be a model frame");
        clearValues();
        annotation = annotated ? blankAnnotation(planes.frameIndex(), planes.timeUs()) : null;
        setModelFrame(models);
        return this;
    }

    /**
     * Takes up a frame annotated earlier, whose pixels are loaded in the planes again, to run the
     * model annotators on it late ({@link AnnotatorPipeline#runModelAnnotators}); values of the
     * earlier run are gone, the annotation keeps what they wrote.
     */
    public AnalysedFrame resume(FrameAnnotation earlier, ModelFrame models) {
        if (earlier.getFrameIndex() != planes.frameIndex()) {
            throw new IllegalArgumentException("planes hold frame " + planes.frameIndex() + ", not " + earlier.getFrameIndex());
        }
        clearValues();
        annotation = earlier;
        setModelFrame(models);
        return this;
    }

    private void clearValues() {
        int keys = FrameValue.count();
        if (values.length < keys) values = new Object[keys];
        else Arrays.fill(values, null);
    }

    private void setModelFrame(ModelFrame models) {
        modelFrame = models;
        if (annotation != null) annotation.setModelFrame(models.name());
    }

    /** Whether (and why) the model annotators run on this frame. */
    public ModelFrame modelFrame() { return modelFrame; }

    /** The frame's planes (colour conversions shared by the annotators). */
    public FramePlanes planes() { return planes; }

    public long frameIndex() { return planes.frameIndex(); }

    public long timeUs() { return planes.timeUs(); }

    /** Whether this frame is annotated (one of the chunk's own frames), rather than pre-/post-roll context. */
    public boolean annotated() { return annotation != null; }

    /** The frame's annotation as written so far; null for a context frame. */
    public FrameAnnotation annotation() { return annotation; }

    /**
     * The value written for this frame.
     *
     * @throws IllegalStateException when nothing wrote it on this frame, or the running annotator did not declare it
     */
    @SuppressWarnings("unchecked")
    public <T> T get(FrameValue<T> key) {
        if (readable != null && (key.id() >= readable.length || !readable[key.id()])) {
            throw new IllegalStateException("annotator '" + running + "' reads " + key.describe()
                    + " without declaring it in reads()");
        }
        Object v = key.id() < values.length ? values[key.id()] : null;
        if (v == null) {
            throw new IllegalStateException("nothing wrote " + key.describe() + " for frame " + frameIndex());
        }
        return (T) v;
    }

    /**
     * Writes a value; for an annotation field of an annotated frame, the field too (a list becomes
     * the annotation's own: do not reuse it).
     */
    public <T> void set(FrameValue<T> key, T value) {
        if (writable != null && (key.id() >= writable.length || !writable[key.id()])) {
            throw new IllegalStateException("annotator '" + running + "' writes " + key.describe()
                    + " without declaring it in writes()");
        }
        if (value == null) throw new IllegalArgumentException("null value for " + key.describe());
        if (key.id() >= values.length) values = Arrays.copyOf(values, FrameValue.count());
        values[key.id()] = value;
        if (annotation != null && key.isAnnotationField()) annotation.put(key.fieldPosition(), value);
    }

    /** Restricts access to what {@code annotator} declared while it runs ({@code null}: no restriction). */
    void running(String annotator, boolean[] readable, boolean[] writable) {
        this.running = annotator;
        this.readable = readable;
        this.writable = writable;
    }

    /**
     * A new annotation carrying the schema's defaults, so a field no annotator writes reads as
     * "not measured" the way an older record read with this schema would.
     */
    public static FrameAnnotation blankAnnotation(long frameIndex, long timeUs) {
        FrameAnnotation a = new FrameAnnotation();
        for (int i = 0; i < DEFAULTS.length; i++) {
            Object d = DEFAULTS[i];
            // Lists are mutable: every annotation gets its own.
            a.put(i, d instanceof Collection<?> c ? new ArrayList<>(c) : d);
        }
        a.setFrameIndex(frameIndex);
        a.setTimeUs(timeUs);
        return a;
    }

    private static Object[] defaults() {
        List<Schema.Field> fields = SCHEMA.getFields();
        Object[] d = new Object[fields.size()];
        for (Schema.Field f : fields) {
            d[f.pos()] = f.hasDefaultValue() ? SpecificData.get().getDefaultValue(f) : placeholder(f.schema());
        }
        return d;
    }

    /** A value for a field without a default (frame index, time, and the measures the visual annotator always writes). */
    private static Object placeholder(Schema s) {
        return switch (s.getType()) {
            case DOUBLE -> 0.0;
            case FLOAT -> 0f;
            case INT -> 0;
            case LONG -> 0L;
            case BOOLEAN -> false;
            case ARRAY -> List.of();
            default -> null;
        };
    }
}
