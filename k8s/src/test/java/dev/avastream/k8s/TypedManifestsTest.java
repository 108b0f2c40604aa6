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

  static final String FLINK = """
      apiVersion: flink.apache.org/v1beta1
      kind: FlinkDeployment
      metadata:
        name: ava-stream
        namespace: ava
      spec:
        image: registry.example.com/ava-stream:0.1.0
        imagePullPolicy: IfNotPresent
        flinkVersion: v2_2
        serviceAccount: flink
        flinkConfiguration:
          taskmanager.numberOfTaskSlots: "2"
        jobManager:
          replicas: 1
          resource:
            memory: 2048m
            cpu: 1
        taskManager:
          resource:
            memory: 4096m
            cpu: 2
        podTemplate:
          spec:
            containers:
              - name: flink-main-container
                env:
                  - name: AVA_BOOTSTRAP
                    value: ava-kafka-kafka-bootstrap.ava.svc:9092
                ports:
                  - containerPort: 9249
                    name: metrics
        job:
          jarURI: local:///opt/flink/usrlib/ava-cluster.jar
          entryClass: dev.avastream.jobs.AvaJobMain
          parallelism: 2
          upgradeMode: last-state
      """;

  static final String STRIMZI = """
      apiVersion: kafka.strimzi.io/v1
      kind: KafkaNodePool
      metadata:
        name: dual-role
        namespace: ava
        labels:
          strimzi.io/cluster: ava-kafka
      spec:
        replicas: 3
        roles: [controller, broker]
        storage:
          type: jbod
          volumes:
            - id: 0
              type: persistent-claim
              size: 100Gi
              kraftMetadata: shared
      ---
      apiVersion: kafka.strimzi.io/v1
      kind: Kafka
      metadata:
        name: ava-kafka
        namespace: ava
      spec:
        kafka:
          version: 4.2.0
          listeners:
            - name: plain
              port: 9092
              type: internal
              tls: false
          config:
            min.insync.replicas: 2
        entityOperator:
          topicOperator: {}
      ---
      apiVersion: kafka.strimzi.io/v1
      kind: KafkaTopic
      metadata:
        name: ava-candidates
        namespace: ava
        labels:
          strimzi.io/cluster: ava-kafka
      spec:
        topicName: ava.candidates
        partitions: 6
        replicas: 3
        config:
          retention.ms: 604800000
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
    for (Doc d : Loader.load("flink", FLINK)) {
      problems.addAll(validate(d));
    }
    for (Doc d : Loader.load("strimzi", STRIMZI)) {
      problems.addAll(validate(d));
    }
    assertEquals(List.of(), problems);
  }

  static Stream<Arguments> brokenManifests() {
    return Stream.of(
        // FlinkDeployment, against the operator's CRD schema
        broken(FLINK, "  flinkVersion: v2_2", "  flinkVersion: v2_9", "spec.flinkVersion", "\"v2_9\" is not one of"),
        broken(FLINK, "    upgradeMode: last-state", "    upgradeMode: lastState", "spec.job.upgradeMode", "is not one of"),
        broken(FLINK, "  serviceAccount: flink", "  serviceAcount: flink", "spec.serviceAcount", "unknown field"),
        broken(FLINK, "    entryClass:", "    entryclass:", "spec.job.entryclass", "unknown field"),
        broken(FLINK, "    taskmanager.numberOfTaskSlots: \"2\"", "    taskmanager.numberOfTaskSlots: 2",
            "spec.flinkConfiguration.taskmanager.numberOfTaskSlots", "expected a string"),
        broken(FLINK, "    parallelism: 2", "    parallelism: \"2\"", "spec.job.parallelism", "expected an integer"),
        broken(FLINK, "      cpu: 2", "      cpu: two", "spec.taskManager.resource.cpu", "expected a number"),
        broken(FLINK, "    replicas: 1", "    replicas: [1]", "spec.jobManager.replicas", "expected an integer"),
        broken(FLINK, "  flinkConfiguration:\n", "  flinkConfiguration: [a]\n  unused:\n",
            "spec.flinkConfiguration", "expected a mapping"),
        broken(FLINK, "            - containerPort: 9249", "            - containerPort: 9249\n              hostPorts: 1",
            "spec.podTemplate.spec.containers[0].ports[0].hostPorts", "unknown field"),
        broken(FLINK, "            - containerPort: 9249", "            - containerPort: true",
            "spec.podTemplate.spec.containers[0].ports[0].containerPort", "expected an integer"),
        broken(FLINK, "          env:\n", "          env: {}\n          unused:\n",
            "spec.podTemplate.spec.containers[0].env", "expected a list"),
        broken(FLINK, "  image: registry", "  image: null\n  unused: registry", "spec.image", "null"),
        broken(FLINK, "  namespace: ava\n", "  namespace: ava\n  label:\n    a: b\n", "metadata.label", "unknown field"),
        broken(FLINK, "apiVersion: flink.apache.org/v1beta1", "apiVersion: flink.apache.org/v1", "apiVersion",
            "serves flink.apache.org/v1beta1"),
        broken(FLINK, "kind: FlinkDeployment", "kind: FlinkDeployment\nstatus: {jobStatus: {state: RUNNING}}\nspecs: {}",
            "specs", "unknown field"),
        // Strimzi, against its model
        broken(STRIMZI, "kind: Kafka\n", "kind: Kafka\nstatus2: {}\n", "status2", "unknown field"),
        broken(STRIMZI, "apiVersion: kafka.strimzi.io/v1\nkind: KafkaTopic", "apiVersion: kafka.strimzi.io/v2\nkind: KafkaTopic",
            "apiVersion", "not served by Strimzi's KafkaTopic model"),
        broken(STRIMZI, "  replicas: 3\n  roles", "  replica: 3\n  roles", "spec.replica", "unknown field"),
        broken(STRIMZI, "  roles: [controller, broker]", "  roles: [controller, borker]", "spec.roles[1]", "\"borker\" is not a value the model knows"),
        broken(STRIMZI, "    type: jbod", "    type: jbods", "spec.storage", "jbods"),
        broken(STRIMZI, "        kraftMetadata: shared", "        kraftMetadata: sharing", "spec.storage.volumes[0].kraftMetadata", "\"sharing\" is not"),
        broken(STRIMZI, "        type: internal", "        type: intern", "spec.kafka.listeners[0].type", "\"intern\" is not"),
        broken(STRIMZI, "        port: 9092", "        port: \"9092\"", "spec.kafka.listeners[0].port", "String"),
        broken(STRIMZI, "        tls: false", "        tls: \"no\"", "spec.kafka.listeners[0].tls", "String"),
        broken(STRIMZI, "        tls: false", "        tls: false\n        authentification: {type: scram-sha-512}",
            "spec.kafka.listeners[0].authentification", "unknown field"),
        broken(STRIMZI, "    topicOperator: {}", "    topicOperater: {}", "spec.entityOperator.topicOperater", "unknown field"),
        broken(STRIMZI, "  partitions: 6", "  partitions: six", "spec.partitions", "String"),
        broken(STRIMZI, "  topicName: ava.candidates", "  topic: ava.candidates", "spec.topic", "unknown field"),
        broken(STRIMZI, "roleRef:\n", "roleRefs:\n", "roleRefs", "unknown field"),
        broken(STRIMZI, "    name: flink\n    namespace: ava\n", "    name: flink\n    namespaces: ava\n",
            "subjects[0].namespaces", "unknown field"),
        broken(STRIMZI, "  name: dual-role", "  name: dual-role\n  annotation: {}", "metadata.annotation", "unknown field"));
  }

  private static Arguments broken(String base, String from, String to, String path, String words) {
    assertTrue(base.contains(from), "broken case does not apply: " + from);
    return Arguments.of(from.strip() + " -> " + to.strip(), base.replaceFirst(java.util.regex.Pattern.quote(from),
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
