package dev.avastream.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * One version of a CustomResourceDefinition's {@code openAPIV3Schema}, checked the way the
 * Kubernetes API server treats a structural schema: a value of the wrong type, a value outside an
 * enum or a null is refused; a field the schema does not declare is <em>pruned</em>, silently, which
 * for a manifest means a typo'd key does nothing at all. Both are reported here.
 *
 * <p>The keywords covered are the ones the Flink operator's generated CRDs use: {@code type},
 * {@code properties}, {@code additionalProperties}, {@code items}, {@code enum}, {@code anyOf},
 * {@code x-kubernetes-int-or-string}, {@code x-kubernetes-preserve-unknown-fields}, and
 * {@code required}, {@code nullable}, {@code minimum}, {@code maximum} where present. A keyword this
 * class does not know fails the load, so a newer schema cannot be checked only in part. The
 * resource's apiVersion and kind are checked against the CRD's group, version and kind; its
 * metadata is the API server's ObjectMeta, which the schema leaves out ({@link TypedModel} checks it).
 */
final class CrdSchema {

  private static final Set<String> KNOWN_KEYWORDS = Set.of("type", "properties", "additionalProperties", "items",
      "enum", "anyOf", "x-kubernetes-int-or-string", "x-kubernetes-preserve-unknown-fields", "required", "nullable",
      "minimum", "maximum", "description", "format");

  private final String name; // e.g. flinkdeployments.flink.apache.org v1beta1
  private final String apiVersion; // e.g. flink.apache.org/v1beta1
  private final String kind; // e.g. FlinkDeployment
  private final Map<String, Object> root;

  private CrdSchema(String name, String apiVersion, String kind, Map<String, Object> root) {
    this.name = name;
    this.apiVersion = apiVersion;
    this.kind = kind;
    this.root = root;
    checkKeywords(root, "");
  }

  /** The schema of {@code version} in the CRD stored as a class-path resource. */
  static CrdSchema fromClassPath(String resource, String version) {
    Map<String, Object> crd;
    try (InputStream in = CrdSchema.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("CRD " + resource + " is not on the class path");
      }
      crd = map(new Yaml(new SafeConstructor(new LoaderOptions())).load(in), resource);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read CRD " + resource + ": " + e.getMessage(), e);
    }
    Map<String, Object> spec = map(crd.get("spec"), resource + " spec");
    String crdName = String.valueOf(map(crd.get("metadata"), resource + " metadata").get("name"));
    for (Object v : (List<?>) spec.get("versions")) {
      Map<String, Object> ver = map(v, resource + " version");
      if (version.equals(ver.get("name"))) {
        Map<String, Object> schema = map(map(ver.get("schema"), resource + " schema").get("openAPIV3Schema"),
            resource + " openAPIV3Schema");
        String group = String.valueOf(spec.get("group"));
        String kind = String.valueOf(map(spec.get("names"), resource + " names").get("kind"));
        return new CrdSchema(crdName + " " + version, group + "/" + version, kind, schema);
      }
    }
    throw new IllegalArgumentException("CRD " + crdName + " (" + resource + ") serves no version " + version);
  }

  /** The enum values the schema allows at a dotted path of properties, e.g. {@code spec.flinkVersion}. */
  List<String> enumAt(String dottedPath) {
    Map<String, Object> node = nodeAt(dottedPath);
    return node.get("enum") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
  }

  /**
   * Adds values to the enum at a dotted path: for a schema older than the operator a manifest
   * needs, where the newer operator's CRD lists more values (see the caller for which and why).
   */
  CrdSchema withEnumValues(String dottedPath, List<String> values) {
    Map<String, Object> node = nodeAt(dottedPath);
    Set<Object> all = new LinkedHashSet<>((List<?>) node.get("enum"));
    all.addAll(values);
    node.put("enum", new ArrayList<>(all));
    return this;
  }

  /** Every problem with {@code document} (a whole resource, apiVersion and kind included). */
  List<String> validate(Map<String, Object> document) {
    List<String> problems = new ArrayList<>();
    // apiVersion, kind and metadata are the API server's, not the CRD schema's.
    if (!apiVersion.equals(document.get("apiVersion"))) {
      problems.add("apiVersion: " + document.get("apiVersion") + ", but this schema serves " + apiVersion);
    }
    if (!kind.equals(document.get("kind"))) {
      problems.add("kind: " + document.get("kind") + ", but this schema is for " + kind);
    }
    Map<String, Object> rest = new LinkedHashMap<>(document);
    rest.keySet().removeAll(List.of("apiVersion", "kind", "metadata"));
    validate(rest, root, "", problems);
    return problems;
  }

  private void validate(Object value, Map<String, Object> schema, String path, List<String> problems) {
    String at = path.isEmpty() ? "(root)" : path;
    if (value == null) {
      if (!Boolean.TRUE.equals(schema.get("nullable"))) {
        problems.add(at + ": null, which " + name + " does not allow here");
      }
      return;
    }
    if (schema.get("anyOf") instanceof List<?> alternatives && !Boolean.TRUE.equals(schema.get("x-kubernetes-int-or-string"))) {
      for (Object alt : alternatives) {
        List<String> sub = new ArrayList<>();
        validate(value, map(alt, "anyOf"), path, sub);
        if (sub.isEmpty()) {
          return;
        }
      }
      problems.add(at + ": " + describe(value) + " matches none of the alternatives " + name + " allows");
      return;
    }
    if (Boolean.TRUE.equals(schema.get("x-kubernetes-int-or-string"))) {
      if (!(isInteger(value) || value instanceof String)) {
        problems.add(at + ": " + describe(value) + ", expected an integer or a string");
      }
      return;
    }
    Object type = schema.get("type");
    if (type == null) {
      return; // no type and no alternatives: any value (x-kubernetes-preserve-unknown-fields)
    }
    switch (String.valueOf(type)) {
      case "object" -> validateObject(value, schema, path, problems);
      case "array" -> {
        if (!(value instanceof List<?> list)) {
          problems.add(at + ": " + describe(value) + ", expected a list");
          return;
        }
        Map<String, Object> items = schema.get("items") instanceof Map<?, ?> m ? map(m, "items") : Map.of();
        for (int i = 0; i < list.size(); i++) {
          validate(list.get(i), items, path + "[" + i + "]", problems);
        }
      }
      case "string" -> {
        if (!(value instanceof String)) {
          // The API server refuses a number or boolean where a string is declared: it must be quoted.
          problems.add(at + ": " + describe(value) + ", expected a string (quote it)");
        }
      }
      case "integer" -> {
        if (!isInteger(value)) {
          problems.add(at + ": " + describe(value) + ", expected an integer");
        }
      }
      case "number" -> {
        if (!(value instanceof Number)) {
          problems.add(at + ": " + describe(value) + ", expected a number");
        }
      }
      case "boolean" -> {
        if (!(value instanceof Boolean)) {
          problems.add(at + ": " + describe(value) + ", expected true or false");
        }
      }
      default -> throw new IllegalStateException(name + ": unknown type " + type + " at " + at);
    }
    if (schema.get("enum") instanceof List<?> allowed && !allowed.contains(value)) {
      problems.add(at + ": " + describe(value) + " is not one of " + allowed + " (" + name + ")");
    }
    if (value instanceof Number n) {
      if (schema.get("minimum") instanceof Number min && n.doubleValue() < min.doubleValue()) {
        problems.add(at + ": " + n + " is below the minimum " + min);
      }
      if (schema.get("maximum") instanceof Number max && n.doubleValue() > max.doubleValue()) {
        problems.add(at + ": " + n + " is above the maximum " + max);
      }
    }
  }

  private void validateObject(Object value, Map<String, Object> schema, String path, List<String> problems) {
    String at = path.isEmpty() ? "(root)" : path;
    if (!(value instanceof Map<?, ?> object)) {
      problems.add(at + ": " + describe(value) + ", expected a mapping");
      return;
    }
    boolean preserveUnknown = Boolean.TRUE.equals(schema.get("x-kubernetes-preserve-unknown-fields"));
    Map<String, Object> properties = schema.get("properties") instanceof Map<?, ?> p ? map(p, "properties") : Map.of();
    Object additional = schema.get("additionalProperties");
    if (schema.get("required") instanceof List<?> required) {
      for (Object r : required) {
        if (!object.containsKey(r)) {
          problems.add(at + ": required field " + r + " missing");
        }
      }
    }
    for (Map.Entry<?, ?> e : object.entrySet()) {
      String key = String.valueOf(e.getKey());
      String child = path.isEmpty() ? key : path + "." + key;
      if (properties.containsKey(key)) {
        validate(e.getValue(), map(properties.get(key), key), child, problems);
      } else if (additional instanceof Map<?, ?> m) {
        validate(e.getValue(), map(m, "additionalProperties"), child, problems);
      } else if (!(preserveUnknown || Boolean.TRUE.equals(additional))) {
        problems.add(child + ": unknown field, which the API server would drop without a word (" + name + " has no "
            + key + " here" + (properties.isEmpty() ? "" : "; it has " + properties.keySet()) + ")");
      }
    }
  }

  private Map<String, Object> nodeAt(String dottedPath) {
    Map<String, Object> node = root;
    for (String part : dottedPath.split("\\.")) {
      node = map(map(node.get("properties"), dottedPath).get(part), dottedPath);
    }
    return node;
  }

  private void checkKeywords(Object schema, String path) {
    if (!(schema instanceof Map<?, ?> m)) {
      return;
    }
    for (Map.Entry<?, ?> e : m.entrySet()) {
      String key = String.valueOf(e.getKey());
      if (!KNOWN_KEYWORDS.contains(key)) {
        throw new IllegalStateException(name + ": schema keyword " + key + " at " + path + " is not checked by CrdSchema");
      }
      switch (key) {
        case "properties" -> {
          for (Map.Entry<?, ?> p : ((Map<?, ?>) e.getValue()).entrySet()) {
            checkKeywords(p.getValue(), path + "." + p.getKey());
          }
        }
        case "items", "additionalProperties" -> checkKeywords(e.getValue(), path + "/" + key);
        case "anyOf" -> {
          for (Object alt : (List<?>) e.getValue()) {
            checkKeywords(alt, path + "/anyOf");
          }
        }
        default -> { }
      }
    }
  }

  private static boolean isInteger(Object v) {
    return v instanceof Integer || v instanceof Long || v instanceof java.math.BigInteger;
  }

  private static String describe(Object v) {
    String kind = v instanceof String ? "the string" : v instanceof Boolean ? "the boolean"
        : v instanceof Number ? "the number" : v instanceof Map ? "a mapping" : v instanceof List ? "a list" : "the value";
    return v instanceof Map || v instanceof List ? kind : kind + " " + (v instanceof String ? "\"" + v + "\"" : v);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o, String what) {
    if (!(o instanceof Map<?, ?>)) {
      throw new IllegalStateException(what + " is not a mapping");
    }
    return (Map<String, Object>) o;
  }
}
