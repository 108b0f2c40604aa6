package dev.avastream.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.avastream.k8s.ManifestsTest.Doc;
import dev.avastream.k8s.ManifestsTest.Loader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Validates every manifest under {@code k8s/} against the published, typed definition of its kind,
 * where {@link ManifestsTest} checks what ties the manifests to each other and to the code:
 * <ul>
 *   <li>FlinkDeployment: the Flink Kubernetes Operator's CRD schema, as shipped in its api jar;
 *   <li>Kafka, KafkaNodePool, KafkaTopic: Strimzi's Java model of its CRDs ({@code io.strimzi:api});
 *   <li>Namespace, ServiceAccount, Role, RoleBinding, and every resource's metadata: the fabric8 Kubernetes model.
 * </ul>
 * Each validator is also shown one broken manifest per kind of mistake, so none passes by accepting
 * everything.
 */
class TypedManifestsTest {

  /** The CRD the operator's api jar carries; its Helm chart installs the same file. */
  static final String FLINK_DEPLOYMENT_CRD = "META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml";

  /**
   * The newest operator api on Maven Central is 1.10.0, whose CRD lists Flink versions up to
   * {@code v1_20}. The operator the manifests need (k8s/README.md: 1.15.0) lists Flink 2 as
   * {@code v2_0}, {@code v2_1} and {@code v2_2}; those three values, and nothing else, are added to
   * the 1.10.0 schema. Every other field is checked as 1.10.0 declares it.
   */
  static final List<String> FLINK_VERSIONS_OF_NEWER_OPERATORS = List.of("v2_0", "v2_1", "v2_2");

  static CrdSchema flinkDeploymentSchema() {
    return CrdSchema.fromClassPath(FLINK_DEPLOYMENT_CRD, "v1beta1")
        .withEnumValues("spec.flinkVersion", FLINK_VERSIONS_OF_NEWER_OPERATORS);
  }

  /** Every problem with one document, by its kind's typed definition. */
  static List<String> validate(Doc doc) {
    List<String> problems = new ArrayList<>();
    if (doc.kind().equals("FlinkDeployment")) {
      problems.addAll(flinkDeploymentSchema().validate(doc.body()));
      problems.addAll(TypedModel.validateMetadata(doc.body().get("metadata")));
    } else {
      problems.addAll(TypedModel.validate(doc.body()));
    }
    return problems.stream().map(p -> doc.where() + p).toList();
  }

  @Test
  void everyManifestMatchesTheTypedDefinitionOfItsKind() throws IOException {
    List<Doc> docs = ManifestsTest.loadManifests();
    List<String> problems = new ArrayList<>();
    for (Doc d : docs) {
      problems.addAll(validate(d));
    }
    assertTrue(problems.isEmpty(), () -> "typed validation:\n  " + String.join("\n  ", problems));
    List<String> kinds = docs.stream().map(Doc::kind).distinct().sorted().toList();
    assertEquals(List.of("FlinkDeployment", "Kafka", "KafkaNodePool", "KafkaTopic", "Namespace", "Role", "RoleBinding",
        "ServiceAccount"), kinds, "kinds validated");
  }

  @Test
  void theOperatorSchemaIsTheOneOnMavenCentralWithOnlyFlinkTwoAdded() {
    List<String> published = CrdSchema.fromClassPath(FLINK_DEPLOYMENT_CRD, "v1beta1").enumAt("spec.flinkVersion");
    assertTrue(published.contains("v1_20") && FLINK_VERSIONS_OF_NEWER_OPERATORS.stream().noneMatch(published::contains),
        "1.10.0's CRD lists " + published + ": if it lists Flink 2 now, drop the amendment");
    assertEquals(published.size() + 3, flinkDeploymentSchema().enumAt("spec.flinkVersion").size());
  }

  @Test
  void strimziModelServesTheV1Api() {
    assertTrue(TypedModel.STRIMZI_VERSIONS.values().stream().allMatch(v -> v.contains("v1")),
        "Strimzi model versions " + TypedModel.STRIMZI_VERSIONS);
  }

  // ------------------------------------------------------------------------------------------
  // Broken manifests: one mistake each, and the words the problem must contain
  // ------------------------------------------------------------------------------------------

  /**
   * The linter's minimal manifest set ({@link ManifestsTest#MINIMAL}), which has no RBAC, plus a
   * ServiceAccount and a RoleBinding: every kind the typed validation knows.
   */
  static final String BASE = ManifestsTest.MINIMAL + """
      ---
      apiVersion: v1
      kind: ServiceAccount
      metadata:
        name: flink
        namespace: ava
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata:
        name: flink
        namespace: ava
      roleRef:
        apiGroup: rbac.authorization.k8s.io
        kind: Role
        name: flink
      subjects:
        - kind: ServiceAccount
          name: flink
          namespace: ava
      """;

  @Test
  void theBaseOfTheBrokenCasesIsValid() {
    List<String> problems = new ArrayList<>();
    for (Doc d : Loader.load("base", BASE)) {
      problems.addAll(validate(d));
    }
    assertEquals(List.of(), problems);
  }

  static Stream<Arguments> brokenManifests() {
    return Stream.of(
        // FlinkDeployment, against the operator's CRD schema
        broken("  flinkVersion: v2_2", "  flinkVersion: v2_9", "spec.flinkVersion", "\"v2_9\" is not one of"),
        broken("    upgradeMode: savepoint", "    upgradeMode: lastState", "spec.job.upgradeMode", "is not one of"),
        broken("  serviceAccount: flink", "  serviceAcount: flink", "spec.serviceAcount", "unknown field"),
        broken("    entryClass:", "    entryclass:", "spec.job.entryclass", "unknown field"),
        broken("    taskmanager.numberOfTaskSlots: \"2\"", "    taskmanager.numberOfTaskSlots: 2",
            "spec.flinkConfiguration.taskmanager.numberOfTaskSlots", "expected a string"),
        broken("    parallelism: 2", "    parallelism: \"2\"", "spec.job.parallelism", "expected an integer"),
        broken("      cpu: 2", "      cpu: two", "spec.taskManager.resource.cpu", "expected a number"),
        broken("      memory: 2048m", "      memory: [2048m]", "spec.jobManager.resource.memory", "expected a string"),
        broken("  flinkConfiguration:\n", "  flinkConfiguration: [a]\n  unused:\n",
            "spec.flinkConfiguration", "expected a mapping"),
        broken("              value: flink-s3", "              valu: flink-s3",
            "spec.podTemplate.spec.containers[0].env[0].valu", "unknown field"),
        broken("emptyDir: {}", "emptyDir: {medium: 1}",
            "spec.taskManager.podTemplate.spec.volumes[0].emptyDir.medium", "expected a string"),
        broken("          env:\n", "          env: {}\n          unused:\n",
            "spec.podTemplate.spec.containers[0].env", "expected a list"),
        broken("  image: example", "  image: null\n  unused: example", "spec.image", "null"),
        broken("  namespace: ava\n", "  namespace: ava\n  label:\n    a: b\n", "metadata.label", "unknown field"),
        broken("apiVersion: flink.apache.org/v1beta1", "apiVersion: flink.apache.org/v1", "apiVersion",
            "serves flink.apache.org/v1beta1"),
        broken("kind: FlinkDeployment", "kind: FlinkDeployment\nstatus: {jobStatus: {state: RUNNING}}\nspecs: {}",
            "specs", "unknown field"),
        // Strimzi, against its model
        broken("kind: Kafka\n", "kind: Kafka\nstatus2: {}\n", "status2", "unknown field"),
        broken("apiVersion: kafka.strimzi.io/v1\nkind: KafkaTopic", "apiVersion: kafka.strimzi.io/v2\nkind: KafkaTopic",
            "apiVersion", "not served by Strimzi's KafkaTopic model"),
        broken("  replicas: 3\n  roles", "  replica: 3\n  roles", "spec.replica", "unknown field"),
        broken("  roles: [controller, broker]", "  roles: [controller, borker]", "spec.roles[1]",
            "\"borker\" is not a value the model knows"),
        broken("    type: jbod", "    type: jbods", "spec.storage", "jbods"),
        broken("        size: 10Gi", "        size: 10Gi\n        kraftMetadata: sharing",
            "spec.storage.volumes[0].kraftMetadata", "\"sharing\" is not"),
        broken("port: 9092, type: internal", "port: 9092, type: intern", "spec.kafka.listeners[0].type",
            "\"intern\" is not"),
        broken("port: 9092, type", "port: \"9092\", type", "spec.kafka.listeners[0].port", "String"),
        broken("tls: false}", "tls: \"no\"}", "spec.kafka.listeners[0].tls", "String"),
        broken("tls: false}", "tls: false, authentification: {type: scram-sha-512}}",
            "spec.kafka.listeners[0].authentification", "unknown field"),
        broken("    topicOperator: {}", "    topicOperater: {}", "spec.entityOperator.topicOperater", "unknown field"),
        broken("  partitions: 6", "  partitions: six", "spec.partitions", "String"),
        broken("  topicName: ava.candidates", "  topic: ava.candidates", "spec.topic", "unknown field"),
        broken("roleRef:\n", "roleRefs:\n", "roleRefs", "unknown field"),
        broken("    name: flink\n    namespace: ava\n", "    name: flink\n    namespaces: ava\n",
            "subjects[0].namespaces", "unknown field"),
        broken("  name: dual-role", "  name: dual-role\n  annotation: {}", "metadata.annotation", "unknown field"));
  }

  private static Arguments broken(String from, String to, String path, String words) {
    assertTrue(BASE.contains(from), "broken case does not apply: " + from);
    return Arguments.of(from.strip() + " -> " + to.strip(), BASE.replaceFirst(java.util.regex.Pattern.quote(from),
        java.util.regex.Matcher.quoteReplacement(to)), path, words);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenManifests")
  void eachMistakeIsFoundWhereItIs(String change, String manifests, String path, String words) {
    List<String> problems = new ArrayList<>();
    for (Doc d : Loader.load("broken", manifests)) {
      problems.addAll(validate(d));
    }
    assertTrue(problems.stream().anyMatch(p -> p.contains(path) && p.contains(words)),
        () -> change + ": expected a problem at " + path + " saying '" + words + "', got " + problems);
  }

  @Test
  void aKindWithoutTypedModelIsAProblemNotAPass() {
    List<String> problems = TypedModel.validate(Map.of("apiVersion", "v1", "kind", "ConfigMap"));
    assertEquals(List.of("(root): no typed model for kind ConfigMap"), problems);
  }
}
