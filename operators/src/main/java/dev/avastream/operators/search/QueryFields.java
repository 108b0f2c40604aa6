package dev.avastream.operators.search;

import dev.avastream.schema.FaceAnnotation;
import dev.avastream.schema.FrameAnnotation;
import org.apache.avro.Schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The fields a comparison can read. Numeric fields are every int, long, float and double field of FrameAnnotation,
 * found from its Avro schema (so a new field works without a change here), plus the aliases faces, people and text
 * and the context's score. Word fields are every string field of FrameAnnotation plus the largest face's expression
 * and the context's character.
 */
final class QueryFields {

    private QueryFields() {}

    /** A numeric field: {@link #read} gives null where the frame does not measure it. */
    record NumericField(String name, String doc, boolean integral, BiFunction<FrameAnnotation, SearchContext, Number> reader) {
        Number read(FrameAnnotation a, SearchContext ctx) { return reader.apply(a, ctx); }
    }

    /** A word field: {@link #read} gives null where not measured; {@code values}: the known ones (empty: any word); upperSnake: values are written UPPER_SNAKE (else lower case). */
    record WordField(String name, String doc, List<String> values, boolean upperSnake,
                     BiFunction<FrameAnnotation, SearchContext, String> reader) {
        String read(FrameAnnotation a, SearchContext ctx) { return reader.apply(a, ctx); }
    }

    static final Map<String, NumericField> NUMERIC;
    static final Map<String, WordField> WORD;
    static final Map<String, String> ALIASES = Map.of("faces", "faceCount", "people", "personCount", "text", "textCoverage");

    /** Known values of FrameAnnotation's string fields (from their docs); other string fields accept any word. */
    private static final Map<String, List<String>> KNOWN_VALUES = Map.of(
            "shotType", List.of("EXTREME_CLOSE_UP", "CLOSE_UP", "MEDIUM", "LONG", "EXTREME_LONG", "NO_PEOPLE"),
            "cameraMotion", List.of("STATIC", "PAN", "TILT", "ZOOM", "SHAKE"),
            "modelFrame", List.of("STRIDE", "CANDIDATE", "NONE"),
            "subjectSource", List.of("FACE", "PERSON", "NONE"));

    static final List<String> EXPRESSIONS = List.of("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral");
    /** Words people write for the expression model's labels. */
    static final Map<String, String> EXPRESSION_SYNONYMS = Map.of("disgusted", "disgust", "fearful", "fear",
            "afraid", "fear", "smiling", "happy", "surprised", "surprise", "angered", "angry");

    static {
        Map<String, NumericField> numeric = new LinkedHashMap<>();
        Map<String, WordField> word = new LinkedHashMap<>();
        for (Schema.Field f : FrameAnnotation.getClassSchema().getFields()) {
            Schema.Type t = f.schema().getType();
            int pos = f.pos();
            String doc = f.doc() == null ? "" : f.doc();
            if (t == Schema.Type.INT || t == Schema.Type.LONG || t == Schema.Type.FLOAT || t == Schema.Type.DOUBLE) {
                // The schema's convention: a field whose default is -1 holds -1 exactly where it was not measured.
                Object d = f.hasDefaultValue() ? f.defaultVal() : null;
                boolean sentinel = d instanceof Number n && n.doubleValue() == -1;
                boolean integral = t == Schema.Type.INT || t == Schema.Type.LONG;
                numeric.put(f.name(), new NumericField(f.name(), doc, integral, (a, c) -> {
                    Number v = (Number) a.get(pos);
                    return v == null || (sentinel && v.doubleValue() == -1) ? null : v;
                }));
            } else if (t == Schema.Type.STRING) {
                List<String> known = KNOWN_VALUES.getOrDefault(f.name(), List.of());
                boolean camera = f.name().equals("cameraMotion");
                word.put(f.name(), new WordField(f.name(), doc, known, true, (a, c) -> {
                    Object v = a.get(pos);
                    String s = v == null ? "" : v.toString();
                    if (s.isEmpty() || s.equals("UNKNOWN")) return null;
                    // cameraMotion's doc: readers treat a value they do not know as UNKNOWN.
                    if (camera && !Requirement.CAMERA_MOTIONS.contains(s)) return null;
                    return s;
                }));
            }
        }
        numeric.put("score", new NumericField("score", "The frame's quality score from the ranking (the context's).",
                false, (a, c) -> {
                    double s = c.score(a);
                    return Double.isNaN(s) ? null : s;
                }));
        word.put("expression", new WordField("expression", "The largest face's most probable expression.",
                EXPRESSIONS, false, (a, c) -> {
                    FaceAnnotation f = Requirement.largestFace(a);
                    return f == null ? null : f.getExpression().toLowerCase(Locale.ROOT);
                }));
        word.put("character", new WordField("character", "The title character of the largest face (character-<n>).",
                List.of(), false, (a, c) -> {
                    if (Requirement.largestFace(a) == null) return null;
                    String ch = c.characterOf(a);
                    return ch == null || ch.isEmpty() ? null : ch.toLowerCase(Locale.ROOT);
                }));
        NUMERIC = Collections.unmodifiableMap(numeric);
        WORD = Collections.unmodifiableMap(word);
    }

    /** The numeric field so named (any case, aliases resolved), or null. */
    static NumericField numeric(String name) {
        String k = Suggestions.key(name);
        for (Map.Entry<String, String> e : ALIASES.entrySet()) if (e.getKey().equals(k)) return NUMERIC.get(e.getValue());
        for (NumericField f : NUMERIC.values()) if (Suggestions.key(f.name()).equals(k)) return f;
        return null;
    }

    /** The word field so named (any case), or null. */
    static WordField word(String name) {
        String k = Suggestions.key(name);
        for (WordField f : WORD.values()) if (Suggestions.key(f.name()).equals(k)) return f;
        return null;
    }

    /** Every field name and alias, for suggestions. */
    static List<String> allNames() {
        List<String> out = new ArrayList<>(NUMERIC.keySet());
        out.addAll(ALIASES.keySet());
        out.addAll(WORD.keySet());
        return out;
    }

    /** Whether the numeric field reads -1 as not measured (for help and describe). */
    static boolean hasSentinel(String name) {
        for (Schema.Field f : FrameAnnotation.getClassSchema().getFields())
            if (f.name().equals(name)) return f.hasDefaultValue() && f.defaultVal() instanceof Number n && n.doubleValue() == -1;
        return false;
    }
}
