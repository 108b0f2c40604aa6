package dev.avastream.operators.annotate;

import dev.avastream.schema.FrameAnnotation;
import org.apache.avro.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A typed key of one per-frame value that a {@link FrameAnnotator} writes and later annotators (or
 * the chunk analyser) read. Two kinds:
 * <ul>
 *   <li>{@link #field}: a field of {@link FrameAnnotation}, by its schema name; writing it on a frame
 *       that is annotated sets the field. Checked against the schema when the key is made (the field
 *       exists and its Avro type matches the Java type), so a typo fails at class loading, not in
 *       the output;</li>
 *   <li>{@link #of}: an in-memory value passed between annotators and never published (e.g. the
 *       {@link FrameFeatures} the cut detector and the transition signals compare).</li>
 * </ul>
 * Keys are interned by name: {@code field("brightness", Double.class)} anywhere is the same key, so a
 * reader can name a value without depending on the class that writes it. The same name with another
 * kind or type is an error.
 *
 * @param <T> the value's Java type
 */
public final class FrameValue<T> {

    private static final Map<String, FrameValue<?>> BY_NAME = new ConcurrentHashMap<>();
    private static final List<FrameValue<?>> BY_ID = new ArrayList<>();

    private final String name;
    private final Class<?> type;
    private final int id;
    private final int fieldPosition;

    private FrameValue(String name, Class<?> type, int id, int fieldPosition) {
        this.name = name;
        this.type = type;
        this.id = id;
        this.fieldPosition = fieldPosition;
    }

    /** The key of an in-memory value (not published). */
    public static <T> FrameValue<T> of(String name, Class<T> type) {
        return intern(name, type, -1);
    }

    /**
     * The key of a {@link FrameAnnotation} field: {@code Double} for a {@code double}, {@code Integer}
     * for an {@code int}, {@code Long}, {@code Float}, {@code Boolean} likewise.
     *
     * @throws IllegalArgumentException when the schema has no such field or its type differs
     */
    public static <T> FrameValue<T> field(String name, Class<T> type) {
        Schema.Field field = FrameAnnotation.getClassSchema().getField(name);
        if (field == null) {
            throw new IllegalArgumentException("FrameAnnotation has no field '" + name
                    + "' (add it to schemas/avro/FrameAnnotation.avsc, with a default)");
        }
        if (!matches(field.schema(), type)) {
            throw new IllegalArgumentException("FrameAnnotation." + name + " is " + field.schema() + ", not a "
                    + type.getSimpleName());
        }
        return intern(name, type, field.pos());
    }

    /** The key of a {@link FrameAnnotation} field that is an Avro array (a Java list of its items). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <E> FrameValue<List<E>> listField(String name) {
        return (FrameValue<List<E>>) (FrameValue) field(name, List.class);
    }

    /** The key of a {@link FrameAnnotation} field that is an Avro map (a Java map from string keys). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <V> FrameValue<java.util.Map<String, V>> mapField(String name) {
        return (FrameValue<java.util.Map<String, V>>) (FrameValue) field(name, java.util.Map.class);
    }

    @SuppressWarnings("unchecked")
    private static synchronized <T> FrameValue<T> intern(String name, Class<?> type, int fieldPosition) {
        FrameValue<?> known = BY_NAME.get(name);
        if (known != null) {
            if (known.type != type || known.fieldPosition != fieldPosition) {
                throw new IllegalArgumentException("frame value '" + name + "' already exists as " + known.describe()
                        + ", not as a " + (fieldPosition >= 0 ? "field" : "value") + " of " + type.getSimpleName());
            }
            return (FrameValue<T>) known;
        }
        FrameValue<T> key = new FrameValue<>(name, type, BY_ID.size(), fieldPosition);
        BY_ID.add(key);
        BY_NAME.put(name, key);
        return key;
    }

    private static boolean matches(Schema schema, Class<?> type) {
        return switch (schema.getType()) {
            case DOUBLE -> type == Double.class;
            case FLOAT -> type == Float.class;
            case INT -> type == Integer.class;
            case LONG -> type == Long.class;
            case BOOLEAN -> type == Boolean.class;
            case STRING -> type == CharSequence.class || type == String.class;
            case ARRAY -> type == List.class;
            case MAP -> type == java.util.Map.class;
            case UNION -> schema.getTypes().stream().anyMatch(s -> matches(s, type));
            default -> false;
        };
    }

    /** Keys made so far (ids are 0 .. count - 1). */
    static synchronized int count() { return BY_ID.size(); }

    public String name() { return name; }

    public Class<?> type() { return type; }

    /** Whether this is a {@link FrameAnnotation} field (published) rather than an in-memory value. */
    public boolean isAnnotationField() { return fieldPosition >= 0; }

    int id() { return id; }

    int fieldPosition() { return fieldPosition; }

    /** "field brightness (Double)" or "value features (FrameFeatures)", for messages and docs. */
    public String describe() {
        return (isAnnotationField() ? "field " : "value ") + name + " (" + type.getSimpleName() + ")";
    }

    @Override
    public String toString() { return name; }
}
