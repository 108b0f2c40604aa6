package dev.avastream.cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;

/**
 * Any Avro record as JSON, field by field from its schema, so a field added to a schema shows up in
 * the page without code changes (the preview's candidate detail and frame annotation). Follows
 * {@link ResultJson}'s conventions: schema field names, times as the records store them, NaN and
 * infinite numbers as null; bytes become their length ({@code {"bytes": n}}).
 */
public final class AvroJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private AvroJson() { }

    public static ObjectNode record(IndexedRecord r) {
        ObjectNode o = F.objectNode();
        for (Schema.Field f : r.getSchema().getFields()) {
            o.set(f.name(), value(r.get(f.pos())));
        }
        return o;
    }

    public static JsonNode value(Object v) {
        if (v == null) return F.nullNode();
        if (v instanceof IndexedRecord r) return record(r);
        if (v instanceof CharSequence s) return F.textNode(s.toString());
        if (v instanceof Boolean b) return F.booleanNode(b);
        if (v instanceof Integer i) return F.numberNode(i);
        if (v instanceof Long l) return F.numberNode(l);
        if (v instanceof Float x) return Float.isFinite(x) ? F.numberNode(x) : ResultJson.number(x);
        if (v instanceof Double x) return ResultJson.number(x);
        if (v instanceof ByteBuffer b) return F.objectNode().put("bytes", b.remaining());
        if (v instanceof Enum<?> e) return F.textNode(e.name());
        if (v instanceof Collection<?> c) {
            ArrayNode a = F.arrayNode();
            for (Object x : c) a.add(value(x));
            return a;
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = F.objectNode();
            for (var e : m.entrySet()) o.set(String.valueOf(e.getKey()), value(e.getValue()));
            return o;
        }
        return F.textNode(v.toString()); // generic enum symbols, fixed
    }
}
