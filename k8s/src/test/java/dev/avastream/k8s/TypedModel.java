package dev.avastream.k8s;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a manifest into the published Java model of its kind: Strimzi's own model of its CRDs
 * ({@code io.strimzi:api}) for Kafka, KafkaNodePool and KafkaTopic, and the fabric8 Kubernetes
 * model (which Strimzi's is built on) for core kinds and for every resource's metadata.
 *
 * <p>Those models keep fields they do not know in an "additional properties" map, as the operators
 * do when they read a resource: a typo'd key is carried along and ignored. Here it is a problem
 * instead, with its path. So is a value of the wrong type (a quoted number where the model has an
 * integer, a number where it has a string), an enum value the model does not have (which the
 * models would read as null), and a Strimzi
 * API version the model does not serve.
 */
final class TypedModel {

  /** The model class for each kind this project's manifests use. */
  static final Map<String, Class<?>> MODELS = Map.of(
      "Kafka", Kafka.class,
      "KafkaNodePool", KafkaNodePool.class,
      "KafkaTopic", KafkaTopic.class,
      "Namespace", Namespace.class,
      "ServiceAccount", ServiceAccount.class,
      "Role", Role.class,
      "RoleBinding", RoleBinding.class);

  /** The Strimzi API versions the model serves, e.g. {@code kafka.strimzi.io/v1}. */
  static final Map<String, List<String>> STRIMZI_VERSIONS = Map.of(
      "Kafka", Kafka.VERSIONS, "KafkaNodePool", KafkaNodePool.VERSIONS, "KafkaTopic", KafkaTopic.VERSIONS);

  private TypedModel() {}

  /** Every problem with a whole resource of a kind in {@link #MODELS}. */
  static List<String> validate(Map<String, Object> document) {
    String kind = String.valueOf(document.get("kind"));
    Class<?> model = MODELS.get(kind);
    if (model == null) {
      return List.of("(root): no typed model for kind " + kind);
    }
    List<String> problems = new ArrayList<>();
    if (STRIMZI_VERSIONS.containsKey(kind)) {
      String group = Kafka.RESOURCE_GROUP;
      List<String> served = STRIMZI_VERSIONS.get(kind).stream().map(v -> group + "/" + v).toList();
      if (!served.contains(document.get("apiVersion"))) {
        problems.add("apiVersion: " + document.get("apiVersion") + " is not served by Strimzi's " + kind + " model "
            + served);
      }
    }
    read(document, model, problems);
    return problems;
  }

  /** Every problem with a resource's {@code metadata} (an ObjectMeta). */
  static List<String> validateMetadata(Object metadata) {
    List<String> problems = new ArrayList<>();
    read(metadata, ObjectMeta.class, problems);
    return problems.stream().map(p -> p.startsWith("(root)") ? "metadata" + p.substring(6) : "metadata." + p).toList();
  }

  private static void read(Object value, Class<?> model, List<String> problems) {
    ObjectMapper mapper = strictMapper(problems);
    try {
      Object typed = mapper.readValue(mapper.writeValueAsString(value), model);
      if (problems.isEmpty()) {
        lost(mapper.valueToTree(value), mapper.valueToTree(typed), "", problems);
      }
    } catch (JsonMappingException e) {
      String message = e.getOriginalMessage().lines().findFirst().orElse("");
      problems.add(path(e) + ": " + message.replaceAll(" \\(but might if coercion .*\\)", ""));
    } catch (IOException e) {
      problems.add("(root): " + e.getMessage());
    }
  }

  /**
   * A mapper that does not let the models' catch-all setters swallow unknown fields, and that does
   * not coerce between strings, numbers and booleans as Jackson would by default: the API server
   * does not either.
   */
  private static ObjectMapper strictMapper(List<String> problems) {
    ObjectMapper mapper = JsonMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .build();
    mapper.setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
      @Override
      public Boolean hasAnySetter(Annotated a) {
        return Boolean.FALSE;
      }

      @Override
      public JsonInclude.Value findPropertyInclusion(Annotated a) {
        // Write back every property, defaults included, so only a value the model lost reads as missing.
        return JsonInclude.Value.construct(JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS);
      }

      @Override
      public JsonIgnoreProperties.Value findPropertyIgnoralByName(MapperConfig<?> config, Annotated a) {
        return super.findPropertyIgnoralByName(config, a).withoutIgnoreUnknown();
      }
    });
    for (LogicalType t : List.of(LogicalType.Textual, LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
      for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
          CoercionInputShape.Boolean, CoercionInputShape.String)) {
        mapper.coercionConfigFor(t).setCoercion(shape, CoercionAction.Fail);
      }
    }
    mapper.addHandler(new DeserializationProblemHandler() {
      @Override
      public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
          Object bean, String property) throws IOException {
        String parent = pointerToPath(p.getParsingContext().pathAsPointer().toString());
        String at = parent.isEmpty() ? property : parent;
        problems.add(at + ": unknown field in " + bean.getClass().getSimpleName()
            + ", which the operator would ignore without a word");
        p.skipChildren();
        return true;
      }
    });
    return mapper;
  }

  /**
   * What the typed object no longer holds of what was written: the models read an enum value they
   * do not know (a listener type, a node role) as null rather than refusing it, so a typo'd value
   * would vanish. Values the model adds (defaults) are not a problem.
   */
  private static void lost(JsonNode written, JsonNode read, String path, List<String> problems) {
    String at = path.isEmpty() ? "(root)" : path;
    if (read == null || read.isNull() || read.isMissingNode()) {
      if (!written.isNull()) {
        problems.add(at + ": " + written + " is not a value the model knows; it reads as nothing");
      }
    } else if (written.isObject()) {
      for (Map.Entry<String, JsonNode> e : written.properties()) {
        if (path.isEmpty() && e.getKey().equals("apiVersion")) {
          continue; // some Strimzi classes always write their storage version; checked against VERSIONS above
        }
        lost(e.getValue(), read.get(e.getKey()), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), problems);
      }
    } else if (written.isArray()) {
      for (int i = 0; i < written.size(); i++) {
        lost(written.get(i), read.get(i), path + "[" + i + "]", problems);
      }
    } else if (written.isNumber() && read.isNumber() ? written.decimalValue().compareTo(read.decimalValue()) != 0
        : !written.asText().equals(read.asText())) {
      problems.add(at + ": " + written + " reads as " + read + " in the model");
    }
  }

  private static String path(JsonMappingException e) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        b.append(b.isEmpty() ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      }
    }
    return b.isEmpty() ? "(root)" : b.toString();
  }

  /** {@code /spec/kafka/listeners/0/foo} to {@code spec.kafka.listeners[0].foo}. */
  private static String pointerToPath(String pointer) {
    StringBuilder b = new StringBuilder();
    for (String part : pointer.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      if (part.chars().allMatch(Character::isDigit)) {
        b.append('[').append(part).append(']');
      } else {
        b.append(b.isEmpty() ? "" : ".").append(part.replace("~1", "/").replace("~0", "~"));
      }
    }
    return b.toString();
  }
}
