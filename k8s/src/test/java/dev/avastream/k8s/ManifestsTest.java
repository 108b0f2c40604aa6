package dev.avastream.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.avastream.jobs.JobTopics;
import dev.avastream.jobs.kafka.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.TreeSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Parses every YAML document under {@code k8s/flink} and {@code k8s/kafka} and checks what ties
 * them to each other and to the code, and the settings whose mistakes would only show up at deploy
 * time: the project's Flink version, unquoted numbers in flinkConfiguration, Flink 1.x keys, non-durable checkpoint paths, a bootstrap address
 * that names no Strimzi service, topics that name no cluster or ask for more replicas than brokers,
 * and topic names that differ from the ones the job's code reads and writes ({@link JobTopics}).
 * Each resource's shape (field names, types, enum values) is checked against the operators'
 * published definitions by {@link TypedManifestsTest}.
 *
 * <p>Every check is also run against a small in-memory manifest set with one typo at a time (see
 * {@link #brokenVariants()}), so a check that can never fail is noticed.
 */
class ManifestsTest {

  // ------------------------------------------------------------------------------------------
  // The real manifests
  // ------------------------------------------------------------------------------------------

  @Test
  void everyManifestParsesAndPassesTheChecks() throws IOException {
    List<Doc> docs = loadManifests();
    List<String> problems = checker(JobTopics.defaults()).check(docs);
    assertTrue(problems.isEmpty(), () -> "manifest problems:\n  " + String.join("\n  ", problems));
  }

  @Test
  void theManifestsDeclareExactlyTheTopicsTheCodeUses() throws IOException {
    assertEquals(new TreeSet<>(JobTopics.defaults()), new TreeSet<>(declaredTopics(loadManifests())),
        "KafkaTopics in k8s/kafka versus the topics the job reads and writes (JobTopics)");
  }

  static List<String> declaredTopics(List<Doc> docs) {
    return docs.stream().filter(d -> d.kind().equals("KafkaTopic"))
        .map(d -> String.valueOf(Checker.at(d.body(), "spec", "topicName"))).toList();
  }

  @Test
  void aTopicTheCodeUsesButNoManifestDeclaresIsCaught() {
    List<String> codeTopics = new ArrayList<>(MINIMAL_TOPICS);
    codeTopics.add("ava.extra");
    List<String> problems = checker(codeTopics).check(Loader.load("minimal", MINIMAL));
    assertTrue(problems.stream().anyMatch(p -> p.contains("no KafkaTopic for ava.extra")), problems::toString);
  }

  @Test
  void aTopicNoCodeUsesIsCaught() {
    List<String> problems = checker(List.of(Topics.CANDIDATES)).check(Loader.load("minimal", MINIMAL));
    assertTrue(problems.stream().anyMatch(p -> p.contains("ava.shots") && p.contains("the job does not use")),
        problems::toString);
  }

  @Test
  void theManifestsDeclareWhatTheJobNeeds() throws IOException {
    Map<String, Long> kinds =
        loadManifests().stream().collect(Collectors.groupingBy(Doc::kind, Collectors.counting()));
    assertEquals(1L, kinds.get("FlinkDeployment"), "kinds: " + kinds);
    assertEquals(1L, kinds.get("Kafka"), "kinds: " + kinds);
    assertTrue(kinds.getOrDefault("KafkaNodePool", 0L) >= 1, "kinds: " + kinds);
    assertTrue(kinds.getOrDefault("KafkaTopic", 0L) >= 4, "kinds: " + kinds);
    assertEquals(1L, kinds.get("ServiceAccount"), "kinds: " + kinds);
  }

  @Test
  void theDockerfileBuildsTheImageTheDeploymentRuns() throws IOException {
    Path dockerfile = k8sDir().resolve("flink/Dockerfile");
    String text = Files.readString(dockerfile, StandardCharsets.UTF_8);
    List<String> problems = checker(List.of()).checkDockerfile(text, "/opt/flink/usrlib/ava-cluster.jar");
    assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    // ... and the FlinkDeployment runs the jar from where the Dockerfile puts it.
    Doc deployment =
        loadManifests().stream().filter(d -> d.kind().equals("FlinkDeployment")).findFirst().orElseThrow();
    assertEquals("local:///opt/flink/usrlib/ava-cluster.jar", Checker.at(deployment.body(), "spec", "job", "jarURI"));
  }

  // ------------------------------------------------------------------------------------------
  // The checker itself: a valid minimal set passes, each single typo is caught
  // ------------------------------------------------------------------------------------------

  /** Small but complete: every check has something to look at. */
  static final String MINIMAL =
      """
      apiVersion: flink.apache.org/v1beta1
      kind: FlinkDeployment
      metadata:
        name: ava-stream
        namespace: ava
      spec:
        image: example/ava:1
        flinkVersion: v2_2
        serviceAccount: flink
        flinkConfiguration:
          state.backend.type: rocksdb
          state.backend.rocksdb.localdir: /opt/flink/rocksdb
          execution.checkpointing.incremental: "true"
          execution.checkpointing.dir: s3://b/cp
          execution.checkpointing.savepoint-dir: s3://b/sp
          execution.checkpointing.interval: 30 s
          execution.checkpointing.mode: EXACTLY_ONCE
          high-availability.type: kubernetes
          high-availability.storageDir: s3://b/ha
          restart-strategy.type: exponential-delay
          restart-strategy.exponential-delay.max-backoff: 2 min
          taskmanager.numberOfTaskSlots: "2"
          taskmanager.memory.task.off-heap.size: 1024m
          metrics.reporter.prom.factory.class: org.apache.flink.metrics.prometheus.PrometheusReporterFactory
          metrics.reporter.prom.port: "9249"
        podTemplate:
          metadata:
            annotations:
              prometheus.io/scrape: "true"
          spec:
            containers:
              - name: flink-main-container
                env:
                  - name: ENABLE_BUILT_IN_PLUGINS
                    value: flink-s3-fs-hadoop-2.2.1.jar
        jobManager:
          resource:
            memory: 2048m
            cpu: 1
        taskManager:
          resource:
            memory: 4g
            cpu: 2
          podTemplate:
            spec:
              containers:
                - name: flink-main-container
                  volumeMounts:
                    - name: rocksdb-local
                      mountPath: /opt/flink/rocksdb
              volumes:
                - name: rocksdb-local
                  emptyDir: {}
        job:
          jarURI: local:///opt/flink/usrlib/ava-cluster.jar
          entryClass: dev.avastream.jobs.AvaJobMain
          args: ["--bootstrap-servers", "ava-kafka-kafka-bootstrap.ava.svc:9092", "--video", "https://v.example/t.mp4", "--chunk-seconds", "10"]
          parallelism: 2
          upgradeMode: savepoint
      ---
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
              size: 10Gi
      ---
      apiVersion: kafka.strimzi.io/v1
      kind: Kafka
      metadata:
        name: ava-kafka
        namespace: ava
        annotations:
          strimzi.io/kraft: enabled
          strimzi.io/node-pools: enabled
      spec:
        kafka:
          version: 4.2.0
          metadataVersion: 4.2-IV1
          listeners:
            - {name: plain, port: 9092, type: internal, tls: false}
            - {name: tls, port: 9093, type: internal, tls: true}
          config:
            transaction.state.log.replication.factor: 3
            transaction.state.log.min.isr: 2
            transaction.max.timeout.ms: 900000
            min.insync.replicas: 2
            message.max.bytes: 1048588
        entityOperator:
          topicOperator: {}
      ---
      apiVersion: kafka.strimzi.io/v1
      kind: KafkaTopic
      metadata: {name: ava-candidates, namespace: ava, labels: {strimzi.io/cluster: ava-kafka}}
      spec:
        topicName: ava.candidates
        partitions: 6
        replicas: 3
        config: {retention.ms: 604800000, min.insync.replicas: 2, max.message.bytes: 4195328}
      ---
      apiVersion: kafka.strimzi.io/v1
      kind: KafkaTopic
      metadata: {name: ava-shots, namespace: ava, labels: {strimzi.io/cluster: ava-kafka}}
      spec:
        topicName: ava.shots
        partitions: 6
        replicas: 3
        config:
          max.message.bytes: 4194304
      ---
      apiVersion: kafka.strimzi.io/v1
      kind: KafkaTopic
      metadata: {name: ava-stills, namespace: ava, labels: {strimzi.io/cluster: ava-kafka}}
      spec:
        topicName: ava.stills
        partitions: 6
        replicas: 3
        config:
          cleanup.policy: compact
      """;

  /** The topics {@link #MINIMAL} declares, standing in for the code's list in the checker's own tests. */
  static final List<String> MINIMAL_TOPICS = declaredTopics(Loader.load("minimal", MINIMAL));

  @Test
  void theMinimalSetPasses() {
    List<String> problems = checker(MINIMAL_TOPICS).check(Loader.load("minimal", MINIMAL));
    assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
  }

  static Stream<Arguments> brokenVariants() {
    return Stream.of(
        broken("flinkVersion: v2_2", "flinkVersion: v2_9", "flinkVersion"),
        broken("flinkVersion: v2_2", "flinkVersion: v2_1", "does not match the project's Flink"),
        broken("flinkVersion: v2_2", "flinkVersion: V2_2", "flinkVersion"),
        broken("flink.apache.org/v1beta1", "flink.apache.org/v1", "apiVersion"),
        broken("apiVersion: kafka.strimzi.io/v1\nkind: Kafka\n", "apiVersion: kafka.strimzi.io/v1beta2\nkind: Kafka\n",
            "apiVersion must be one of [kafka.strimzi.io/v1]"),
        broken("kind: FlinkDeployment", "kind: FlinkDeploymnet", "no FlinkDeployment"),
        broken("  name: ava-stream", "  name: Ava_Stream", "metadata.name"),
        broken("image: example/ava:1", "image: \"\"", "spec.image"),
        broken("serviceAccount: flink", "serviceAccount: \"\"", "serviceAccount"),
        broken("state.backend.type: rocksdb", "state.backend.type: hashmap", "state.backend.type"),
        broken("state.backend.type: rocksdb", "state.backend: rocksdb", "Flink 1.x key"),
        broken("execution.checkpointing.dir: s3://b/cp", "execution.checkpointing.dir: file:///tmp/cp", "durable"),
        broken("execution.checkpointing.dir: s3://b/cp", "state.checkpoints.dir: s3://b/cp", "Flink 1.x key"),
        broken("execution.checkpointing.savepoint-dir: s3://b/sp", "x.savepoint-dir: s3://b/sp", "savepoint-dir"),
        broken("high-availability.storageDir: s3://b/ha", "high-availability.storageDir: /tmp/ha", "durable"),
        broken("execution.checkpointing.interval: 30 s", "execution.checkpointing.interval: 15 min", "interval"),
        broken("execution.checkpointing.interval: 30 s", "execution.checkpointing.interval: 30 sex", "duration"),
        broken("execution.checkpointing.mode: EXACTLY_ONCE", "execution.checkpointing.mode: AT_LEAST_ONCE", "EXACTLY_ONCE"),
        broken("restart-strategy.exponential-delay.max-backoff: 2 min", "restart-strategy.exponential-delay.max-backoff: 2 mins x", "duration"),
        broken("taskmanager.numberOfTaskSlots: \"2\"", "taskmanager.numberOfTaskSlots: 2", "must be a quoted string"),
        broken("execution.checkpointing.incremental: \"true\"", "execution.checkpointing.incremental: true", "must be a quoted string"),
        broken("taskmanager.memory.task.off-heap.size: 1024m", "taskmanager.memory.task.off-heap.size: 1024 megs", "memory size"),
        broken("PrometheusReporterFactory", "PrometheusReporter", "PrometheusReporterFactory"),
        broken("prometheus.io/scrape: \"true\"", "prometheus.io/scrape: true", "annotation"),
        broken("value: flink-s3-fs-hadoop-2.2.1.jar", "value: flink-s3-fs-hadoop-2.1.0.jar", "ENABLE_BUILT_IN_PLUGINS"),
        broken("- name: ENABLE_BUILT_IN_PLUGINS", "- name: ENABLE_BUILTIN_PLUGINS", "ENABLE_BUILT_IN_PLUGINS"),
        broken("    - name: flink-main-container\n          env:", "    - name: flink-main\n          env:", "flink-main-container"),
        broken("mountPath: /opt/flink/rocksdb", "mountPath: /data", "localdir"),
        broken("memory: 2048m", "memory: 2048mm", "memory"),
        broken("cpu: 2", "cpu: two", "cpu"),
        broken("jarURI: local:///opt/flink/usrlib/ava-cluster.jar", "jarURI: local:///opt/flink/usrlib/ava-jobs.jar", "jarURI"),
        broken("entryClass: dev.avastream.jobs.AvaJobMain", "entryClass: dev.avastream.cli.AvaCli", "entryClass"),
        broken("\"--chunk-seconds\", \"10\"", "\"--chunk-seconds\", 10", "args"),
        broken("\"--bootstrap-servers\", ", "\"--bootstrap-server\", ", "--bootstrap-servers"),
        broken("ava-kafka-kafka-bootstrap.ava.svc:9092", "ava-kafka-bootstrap.ava.svc:9092", "bootstrap"),
        broken("ava-kafka-kafka-bootstrap.ava.svc:9092", "ava-kafka-kafka-bootstrap.kafka.svc:9092", "namespace"),
        broken("ava-kafka-kafka-bootstrap.ava.svc:9092", "ava-kafka-kafka-bootstrap.ava.svc:9093", "plain"),
        broken("parallelism: 2", "parallelism: 0", "parallelism"),
        broken("upgradeMode: savepoint", "upgradeMode: stateless", "upgradeMode"),
        broken("strimzi.io/kraft: enabled", "strimzi.io/kraft: disabled", "strimzi.io/kraft"),
        broken("version: 4.2.0", "version: 3.9.1", "Kafka version"),
        broken("metadataVersion: 4.2-IV1", "metadataVersion: 4.1-IV1", "metadataVersion"),
        broken("transaction.max.timeout.ms: 900000", "transaction.max.timeout.ms: 300000", "transaction.max.timeout.ms"),
        broken("transaction.state.log.replication.factor: 3", "transaction.state.log.replication.factor: 4", "replication.factor"),
        broken("topicOperator: {}", "userOperator: {}", "topicOperator"),
        broken("type: persistent-claim", "type: ephemeral", "persistent"),
        broken("size: 10Gi", "size: 10 GB", "size"),
        broken("roles: [controller, broker]", "roles: [broker]", "controller"),
        broken("labels: {strimzi.io/cluster: ava-kafka}}\nspec:\n  topicName: ava.candidates",
            "labels: {strimzi.io/cluster: ava-kafak}}\nspec:\n  topicName: ava.candidates", "strimzi.io/cluster"),
        broken("topicName: ava.shots\n  partitions: 6\n  replicas: 3",
            "topicName: ava.shots\n  partitions: 6\n  replicas: 5", "replicas"),
        broken("topicName: ava.shots\n  partitions: 6", "topicName: ava.shots\n  partitions: \"6\"", "partitions"),
        broken("topicName: ava.shots", "topicName: ava.shot", "ava.shots"),
        broken("min.insync.replicas: 2, max", "min.insync.replicas: 4, max", "min.insync.replicas"),
        broken("retention.ms: 604800000", "retention.ms: 7d", "retention.ms"),
        broken("max.message.bytes: 4194304", "max.message.bytes: 524288", "max.message.bytes"),
        // ava.stills sets no max.message.bytes: the broker's applies
        broken("message.max.bytes: 1048588", "message.max.bytes: 524288", "max.message.bytes"),
        broken("topicName: ava.stills", "topicName: ava.still", "ava.stills"),
        broken("cleanup.policy: compact", "cleanup.policy: delete", "cleanup.policy"),
        broken("\"https://v.example/t.mp4\"", "\"s3://v/t.mp4\"", "--video"),
        // the checks no variant above reached (found by recording which problems.add ran)
        broken("kind: Kafka\n", "kind: Kafkas\n", "no Kafka among the manifests"),
        broken("apiVersion: flink.apache.org/v1beta1\n", "", "apiVersion missing"),
        broken("kind: FlinkDeployment\n", "", "kind missing"),
        broken("  namespace: ava\n  labels:\n    strimzi.io/cluster: ava-kafka\n",
            "  namespace: ava\n  labels: [strimzi.io/cluster]\n", "labels must be a mapping"),
        broken("  flinkConfiguration:\n", "  flinkConfiguration: [x]\n  flinkConfigurationOld:\n",
            "spec.flinkConfiguration must be a mapping"),
        broken("    state.backend.type: rocksdb\n", "    state.backend.type: rocksdb\n    42: x\n",
            "flinkConfiguration key 42 must be a string"),
        broken("high-availability.type: kubernetes", "high-availability.type: consul", "high-availability.type must be kubernetes"),
        broken("    execution.checkpointing.interval: 30 s\n", "", "execution.checkpointing.interval missing"),
        broken("metrics.reporter.prom.port: \"9249\"", "metrics.reporter.prom.port: \"http\"", "metrics.reporter.prom.port must be a port"),
        broken("args: [\"--bootstrap-servers\", \"ava-kafka-kafka-bootstrap.ava.svc:9092\", \"--video\", \"https://v.example/t.mp4\", \"--chunk-seconds\", \"10\"]",
            "args: \"--bootstrap-servers ava-kafka-kafka-bootstrap.ava.svc:9092\"", "spec.job.args must be a list"),
        broken("ava-kafka-kafka-bootstrap.ava.svc:9092", "ava-kafka-kafka-bootstrap.ava.svc", "is not host:port"),
        broken("ava-kafka-kafka-bootstrap.ava.svc:9092", "ava-kafka-kafka-bootstrap.ava.svc.cluster:9092", "is not <service>"),
        broken("  name: ava-kafka\n  namespace: ava\n", "  name: ava-kafka\n", "metadata.namespace missing"),
        broken("    listeners:\n      - {name: plain, port: 9092, type: internal, tls: false}\n"
            + "      - {name: tls, port: 9093, type: internal, tls: true}\n", "", "spec.kafka.listeners missing"),
        broken("spec:\n  replicas: 3\n  roles:", "spec:\n  replicas: 0\n  roles:", "spec.replicas must be a positive integer"),
        broken("    strimzi.io/cluster: ava-kafka\nspec:\n  replicas: 3", "    strimzi.io/cluster: other\nspec:\n  replicas: 3",
            "no KafkaNodePool labelled strimzi.io/cluster: ava-kafka"),
        broken("roles: [controller, broker]", "roles: [controller]", "no node pool with the broker role"),
        broken("transaction.state.log.min.isr: 2", "transaction.state.log.min.isr: 4", "min.isr exceeds its replication factor"),
        broken("    volumes:\n      - id: 0\n        type: persistent-claim\n        size: 10Gi\n", "    volumes: []\n",
            "spec.storage has no volumes"),
        broken("metadata: {name: ava-candidates, namespace: ava,", "metadata: {name: ava-candidates, namespace: other,",
            "must be in namespace ava"),
        broken("topicName: ava.stills", "topicName: ava.shots", "declared twice"),
        broken("topicName: ava.shots\n  partitions: 6\n  replicas: 3", "topicName: ava.shots\n  partitions: 6\n  replicas: 0",
            "spec.replicas must be a positive integer, got Integer 0"));
  }

  /**
   * The problems of one check run. Each one added records the source line of the check that added it,
   * so {@link #everyCheckIsReachedByANegativeCase} can tell a check no case ever makes fail.
   */
  static final class Problems extends ArrayList<String> {
    static final java.util.Set<Integer> LINES = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public boolean add(String problem) {
      LINES.add(StackWalker.getInstance().walk(frames -> frames
          .filter(f -> !f.getClassName().endsWith("$Problems")).findFirst().orElseThrow().getLineNumber()));
      return super.add(problem);
    }
  }

  /**
   * A check that no negative case makes fail could be wrong or dead and nobody would know: every
   * {@code problems.add} of the checker must be reached by one of the cases above.
   */
  @Test
  void everyCheckIsReachedByANegativeCase() throws Exception {
    brokenVariants().forEach(a -> {
      Object[] x = a.get();
      eachTypoIsCaught((String) x[0], (String) x[1], (String) x[2], (String) x[3]);
    });
    lastStateUpgradesNeedKubernetesHighAvailability();
    theDockerfileCheckCatchesAWrongBaseOrJarPath();
    List<String> source = Files.readAllLines(Path.of("src/test/java/dev/avastream/k8s/ManifestsTest.java"));
    List<Integer> unreached = new ArrayList<>();
    for (int i = 0; i < source.size(); i++) {
      if (source.get(i).trim().startsWith("problems.add(") && !Problems.LINES.contains(i + 1)) unreached.add(i + 1);
    }
    assertTrue(source.stream().filter(l -> l.trim().startsWith("problems.add(")).count() > 50, "the checks were found");
    assertTrue(unreached.isEmpty(), () -> "checks no negative case reaches, at lines " + unreached + " of ManifestsTest.java");
  }

  /** Two settings that are each valid, wrong together: one replacement cannot show it. */
  @Test
  void lastStateUpgradesNeedKubernetesHighAvailability() {
    String mutated = MINIMAL.replace("upgradeMode: savepoint", "upgradeMode: last-state")
        .replace("    high-availability.type: kubernetes\n", "").replace("    high-availability.storageDir: s3://b/ha\n", "");
    List<String> problems = checker(MINIMAL_TOPICS).check(Loader.load("mutated", mutated));
    assertTrue(problems.stream().anyMatch(p -> p.contains("upgradeMode last-state needs high-availability.type: kubernetes")),
        () -> String.join("\n", problems));
  }

  private static Arguments broken(String from, String to, String expected) {
    return Arguments.of(from.replace("\n", "⏎") + "  ->  " + to.replace("\n", "⏎"), from, to, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenVariants")
  void eachTypoIsCaught(String name, String from, String to, String expected) {
    int at = MINIMAL.indexOf(from);
    assertTrue(at >= 0, "the mutation target is not in MINIMAL: " + from);
    assertEquals(-1, MINIMAL.indexOf(from, at + 1), "the mutation target is not unique: " + from);
    String mutated = MINIMAL.substring(0, at) + to + MINIMAL.substring(at + from.length());
    List<String> problems = checker(MINIMAL_TOPICS).check(Loader.load("mutated", mutated));
    assertTrue(
        problems.stream().anyMatch(p -> p.contains(expected)),
        () -> "expected a problem mentioning '" + expected + "', got:\n  " + String.join("\n  ", problems));
  }

  @Test
  void aYamlSyntaxErrorFailsTheLoad() {
    String bad = MINIMAL.replace("  flinkVersion: v2_2", "flinkVersion: v2_2"); // dedent: breaks the mapping
    YAMLException e = assertThrows(YAMLException.class, () -> Loader.load("bad.yaml", bad));
    assertTrue(e.getMessage().contains("bad.yaml"), e.getMessage());
    assertThrows(YAMLException.class, () -> Loader.load("tab.yaml", "a:\n\tb: 1\n"));
    assertThrows(YAMLException.class, () -> Loader.load("list.yaml", "- just\n- a list\n"));
    assertThrows(YAMLException.class, () -> Loader.load("dup.yaml", MINIMAL.replace("  parallelism: 2", "  parallelism: 2\n    parallelism: 3")));
  }

  @Test
  void theDockerfileCheckCatchesAWrongBaseOrJarPath() {
    String good = "FROM flink:2.2.1-java17\nCOPY --chown=flink:flink flink-jobs/target/ava-cluster.jar /opt/flink/usrlib/ava-cluster.jar\n";
    assertEquals(List.of(), checker(List.of()).checkDockerfile(good, "/opt/flink/usrlib/ava-cluster.jar"));
    assertFalse(checker(List.of()).checkDockerfile(good.replace("2.2.1", "2.1.0"), "/opt/flink/usrlib/ava-cluster.jar").isEmpty());
    assertFalse(checker(List.of()).checkDockerfile(good.replace("usrlib/ava-cluster.jar", "lib/ava.jar"), "/opt/flink/usrlib/ava-cluster.jar").isEmpty());
    assertTrue(checker(List.of()).checkDockerfile(good.replace("FROM flink:", "FROM openjdk:"), "/opt/flink/usrlib/ava-cluster.jar")
        .contains("Dockerfile: no FROM flink:<tag>"));
    assertTrue(checker(List.of()).checkDockerfile(good.replace("flink-jobs/target/ava-cluster.jar", "target/ava.jar"),
        "/opt/flink/usrlib/ava-cluster.jar").contains("Dockerfile: no COPY of flink-jobs/target/ava-cluster.jar"));
  }

  @Test
  void sizeAndDurationParsersFollowFlinkAndKubernetes() {
    for (String ok : List.of("2048m", "2 gb", "8g", "1024 mb", "512k", "1 gibibytes", "100b", "2048M")) {
      assertTrue(Checker.isFlinkMemorySize(ok), ok);
    }
    for (String bad : List.of("2048mm", "2Gi", "1.5g", "", "g", "1024 megs")) {
      assertFalse(Checker.isFlinkMemorySize(bad), bad);
    }
    assertEquals(30_000L, Checker.flinkDurationMillis("30 s"));
    assertEquals(30_000L, Checker.flinkDurationMillis("30s"));
    assertEquals(600_000L, Checker.flinkDurationMillis("10 min"));
    assertEquals(120_000L, Checker.flinkDurationMillis("2 min"));
    assertEquals(1_800_000L, Checker.flinkDurationMillis("30 min"));
    assertEquals(500L, Checker.flinkDurationMillis("500"));
    assertEquals(-1L, Checker.flinkDurationMillis("30 sex"));
    for (String ok : List.of("100Gi", "4Gi", "500m", "1", "0.5", "10G")) {
      assertTrue(Checker.isKubernetesQuantity(ok), ok);
    }
    for (String bad : List.of("10 GB", "4GiB", "", "x")) {
      assertFalse(Checker.isKubernetesQuantity(bad), bad);
    }
  }

  // ------------------------------------------------------------------------------------------
  // Loading
  // ------------------------------------------------------------------------------------------

  /** One YAML document: where it came from and its root mapping. */
  record Doc(String source, Map<String, Object> body) {
    String kind() {
      return body.get("kind") instanceof String s ? s : "";
    }

    String name() {
      return Checker.at(body, "metadata", "name") instanceof String s ? s : "?";
    }

    String namespace() {
      return Checker.at(body, "metadata", "namespace") instanceof String s ? s : null;
    }

    String where() {
      return source + " " + kind() + "/" + name() + ": ";
    }
  }

  static final class Loader {
    private Loader() {}

    /** Every document of a multi-document YAML text; a syntax error names the source. */
    static List<Doc> load(String source, String text) {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false); // kubectl rejects them; snakeyaml would keep the last silently
      Yaml yaml = new Yaml(new SafeConstructor(options));
      List<Doc> docs = new ArrayList<>();
      int index = 0;
      try {
        for (Object o : yaml.loadAll(text)) {
          index++;
          if (o == null) {
            continue; // an empty document, e.g. a trailing '---'
          }
          if (!(o instanceof Map<?, ?> m)) {
            throw new YAMLException(source + " document " + index + " is not a mapping but " + o.getClass().getSimpleName());
          }
          @SuppressWarnings("unchecked")
          Map<String, Object> body = (Map<String, Object>) m;
          docs.add(new Doc(source + "#" + index, body));
        }
      } catch (YAMLException e) {
        if (e.getMessage() != null && e.getMessage().startsWith(source)) {
          throw e;
        }
        throw new YAMLException(source + ": " + e.getMessage(), e);
      }
      return docs;
    }
  }

  /** The module directory: Maven runs tests with basedir set and the working directory there. */
  static Path k8sDir() {
    Path base = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    for (Path candidate : List.of(base, base.resolve("k8s"))) {
      if (Files.isDirectory(candidate.resolve("flink")) && Files.isDirectory(candidate.resolve("kafka"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("no flink/ and kafka/ manifest folders under " + base);
  }

  static List<Doc> loadManifests() throws IOException {
    List<Doc> docs = new ArrayList<>();
    for (String folder : List.of("flink", "kafka")) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(k8sDir().resolve(folder))) {
        files = walk.filter(Files::isRegularFile)
            .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
            .sorted()
            .toList();
      }
      assertFalse(files.isEmpty(), "no YAML files in " + folder);
      for (Path file : files) {
        String source = k8sDir().relativize(file).toString();
        docs.addAll(Loader.load(source, Files.readString(file, StandardCharsets.UTF_8)));
      }
    }
    return docs;
  }

  /**
   * Versions from the parent POM, so the manifests follow a Flink or Kafka upgrade; {@code topics}
   * are the topic names the manifests must declare, no more and no fewer.
   */
  static Checker checker(List<String> topics) {
    try {
      String pom = Files.readString(k8sDir().resolveSibling("pom.xml").normalize().toAbsolutePath(), StandardCharsets.UTF_8);
      return new Checker(pomProperty(pom, "flink.version"), pomProperty(pom, "kafka.version"), topics);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the parent pom.xml", e);
    }
  }

  private static String pomProperty(String pom, String name) {
    Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">\\s*([^<\\s]+)\\s*</").matcher(pom);
    if (!m.find()) {
      fail("no <" + name + "> in the parent pom.xml");
    }
    return m.group(1);
  }

  // ------------------------------------------------------------------------------------------
  // The checks
  // ------------------------------------------------------------------------------------------

  static final class Checker {
    // Strimzi 1.x serves only v1 (v1beta2 was removed with it): a v1beta2 resource would be refused by the cluster.
    static final Set<String> STRIMZI_API_VERSIONS = Set.of("kafka.strimzi.io/v1");
    static final String ENTRY_CLASS = "dev.avastream.jobs.AvaJobMain";
    static final String PROMETHEUS_FACTORY = "org.apache.flink.metrics.prometheus.PrometheusReporterFactory";
    static final List<String> REQUIRED_TOPICS = List.of("ava.candidates", "ava.shots", "ava.stills", "ava.frames");
    /** Each still is published once: only compaction keeps it (the latest per title and frame). */
    static final List<String> COMPACTED_TOPICS = List.of("ava.stills");
    /** The job's exactly-once KafkaSink uses transaction.timeout.ms = 10 min. */
    static final long PRODUCER_TRANSACTION_TIMEOUT_MS = 600_000L;
    /** The job's producers use Kafka's default max.request.size, 1 MiB (no record carries more than one still). */
    static final long PRODUCER_MAX_REQUEST_SIZE = 1024L * 1024;
    /** Kafka's default message.max.bytes. */
    static final long BROKER_DEFAULT_MAX_MESSAGE_BYTES = 1_048_588L;
    static final List<String> DURABLE_SCHEMES =
        List.of("s3://", "s3a://", "s3p://", "gs://", "hdfs://", "abfs://", "abfss://", "wasb://", "wasbs://", "oss://");

    /** Flink 1.x spellings that Flink 2 only reads as deprecated fallbacks, or not at all. */
    static final Map<String, String> LEGACY_KEYS = Map.ofEntries(
        Map.entry("state.backend", "state.backend.type"),
        Map.entry("state.checkpoints.dir", "execution.checkpointing.dir"),
        Map.entry("state.savepoints.dir", "execution.checkpointing.savepoint-dir"),
        Map.entry("state.backend.incremental", "execution.checkpointing.incremental"),
        Map.entry("state.checkpoints.num-retained", "execution.checkpointing.num-retained"),
        Map.entry("state.checkpoint-storage", "execution.checkpointing.storage"),
        Map.entry("high-availability", "high-availability.type"),
        Map.entry("restart-strategy", "restart-strategy.type"),
        Map.entry("metrics.reporter.prom.class", "metrics.reporter.prom.factory.class"));

    static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private final String flinkVersion; // e.g. 2.2.1
    private final String operatorFlinkVersion; // e.g. v2_2
    private final String kafkaClientsVersion; // e.g. 4.2.0
    private final List<String> topics; // what the code reads and writes: each must be declared, nothing else

    Checker(String flinkVersion, String kafkaClientsVersion, List<String> topics) {
      this.flinkVersion = flinkVersion;
      this.topics = List.copyOf(topics);
      String[] parts = flinkVersion.split("\\.");
      this.operatorFlinkVersion = "v" + parts[0] + "_" + parts[1];
      this.kafkaClientsVersion = kafkaClientsVersion;
    }

    List<String> check(List<Doc> docs) {
      List<String> problems = new Problems();
      for (Doc d : docs) {
        checkCommon(d, problems);
      }
      List<Doc> deployments = ofKind(docs, "FlinkDeployment");
      List<Doc> kafkas = ofKind(docs, "Kafka");
      if (deployments.isEmpty()) {
        problems.add("no FlinkDeployment among the manifests");
      }
      if (kafkas.isEmpty()) {
        problems.add("no Kafka among the manifests");
      }
      Map<String, Doc> kafkaByName = new HashMap<>();
      for (Doc k : kafkas) {
        kafkaByName.put(k.name(), k);
      }
      checkStrimziApiVersions(docs, problems);
      for (Doc k : kafkas) {
        checkKafka(k, ofKind(docs, "KafkaNodePool"), problems);
      }
      for (Doc pool : ofKind(docs, "KafkaNodePool")) {
        checkClusterLabel(pool, kafkaByName, problems);
      }
      checkTopics(ofKind(docs, "KafkaTopic"), kafkaByName, ofKind(docs, "KafkaNodePool"), problems);
      for (Doc fd : deployments) {
        checkFlinkDeployment(fd, kafkas, problems);
      }
      return problems;
    }

    // ---- every document ------------------------------------------------------------------------

    private void checkCommon(Doc d, List<String> problems) {
      if (!(d.body().get("apiVersion") instanceof String a) || a.isBlank()) {
        problems.add(d.where() + "apiVersion missing");
      }
      if (d.kind().isBlank()) {
        problems.add(d.where() + "kind missing");
      }
      Object name = at(d.body(), "metadata", "name");
      if (!(name instanceof String n) || n.length() > 253 || !DNS_SUBDOMAIN.matcher(n).matches()) {
        problems.add(d.where() + "metadata.name must be a lower-case DNS subdomain, got " + describe(name));
      }
      checkStringMap(d, at(d.body(), "metadata", "labels"), "metadata label", problems);
      checkStringMap(d, at(d.body(), "metadata", "annotations"), "metadata annotation", problems);
    }

    private static void checkStringMap(Doc d, Object map, String what, List<String> problems) {
      if (map == null) {
        return;
      }
      if (!(map instanceof Map<?, ?> m)) {
        problems.add(d.where() + what + "s must be a mapping");
        return;
      }
      m.forEach((k, v) -> {
        if (!(k instanceof String) || !(v instanceof String)) {
          problems.add(d.where() + what + " " + k + " must be a string (quote it), got " + describe(v));
        }
      });
    }

    // ---- FlinkDeployment ----------------------------------------------------------------------

    private void checkFlinkDeployment(Doc d, List<Doc> kafkas, List<String> problems) {
      String w = d.where();
      Map<String, Object> b = d.body();
      if (!"flink.apache.org/v1beta1".equals(b.get("apiVersion"))) {
        problems.add(w + "apiVersion must be flink.apache.org/v1beta1, got " + describe(b.get("apiVersion")));
      }
      if (!(at(b, "spec", "image") instanceof String image) || image.isBlank()) {
        problems.add(w + "spec.image missing");
      }
      Object fv = at(b, "spec", "flinkVersion");
      // Whether the operator knows the value at all is TypedManifestsTest's (the operator's CRD schema).
      if (!operatorFlinkVersion.equals(fv)) {
        problems.add(w + "spec.flinkVersion " + describe(fv) + " does not match the project's Flink " + flinkVersion + " (" + operatorFlinkVersion + ")");
      }
      if (!(at(b, "spec", "serviceAccount") instanceof String sa) || sa.isBlank()) {
        problems.add(w + "spec.serviceAccount missing (the JobManager needs RBAC to create TaskManager pods)");
      }

      Map<String, String> conf = flinkConfiguration(d, problems);
      checkStateAndCheckpoints(w, conf, at(b, "spec", "job", "upgradeMode"), problems);
      checkDurationsAndSizes(w, conf, problems);
      checkMetrics(w, conf, problems);
      checkResources(d, problems);
      checkPodTemplates(d, conf, problems);
      checkJob(d, kafkas, problems);
    }

    /** The operator requires string keys and values; returns the entries that are strings. */
    private static Map<String, String> flinkConfiguration(Doc d, List<String> problems) {
      Map<String, String> conf = new LinkedHashMap<>();
      Object raw = at(d.body(), "spec", "flinkConfiguration");
      if (!(raw instanceof Map<?, ?> m)) {
        problems.add(d.where() + "spec.flinkConfiguration must be a mapping, got " + describe(raw));
        return conf;
      }
      m.forEach((k, v) -> {
        if (!(k instanceof String key)) {
          problems.add(d.where() + "flinkConfiguration key " + k + " must be a string");
        } else if (!(v instanceof String value)) {
          problems.add(d.where() + "flinkConfiguration value of " + key + " must be a quoted string, got " + describe(v));
        } else {
          conf.put(key, value);
        }
      });
      return conf;
    }

    private void checkStateAndCheckpoints(String w, Map<String, String> conf, Object upgradeMode, List<String> problems) {
      for (Map.Entry<String, String> legacy : LEGACY_KEYS.entrySet()) {
        if (conf.containsKey(legacy.getKey())) {
          problems.add(w + "Flink 1.x key " + legacy.getKey() + ": use " + legacy.getValue() + " in Flink 2");
        }
      }
      if (!"rocksdb".equals(conf.get("state.backend.type"))) {
        problems.add(w + "flinkConfiguration needs state.backend.type: rocksdb, got " + describe(conf.get("state.backend.type")));
      }
      requireDurable(w, conf, "execution.checkpointing.dir", problems);
      if ("savepoint".equals(upgradeMode) || conf.containsKey("execution.checkpointing.savepoint-dir")) {
        requireDurable(w, conf, "execution.checkpointing.savepoint-dir", problems);
      }
      String ha = conf.get("high-availability.type");
      if (ha != null && !ha.equals("kubernetes") && !ha.equals("zookeeper") && !ha.equals("NONE")) {
        problems.add(w + "high-availability.type must be kubernetes, got " + ha);
      }
      if ("kubernetes".equals(ha) || "zookeeper".equals(ha)) {
        requireDurable(w, conf, "high-availability.storageDir", problems);
      }
      if ("last-state".equals(upgradeMode) && !"kubernetes".equals(ha)) {
        problems.add(w + "upgradeMode last-state needs high-availability.type: kubernetes");
      }
      String mode = conf.get("execution.checkpointing.mode");
      if (!"EXACTLY_ONCE".equals(mode)) {
        problems.add(w + "execution.checkpointing.mode must be EXACTLY_ONCE for the transactional Kafka sink, got " + describe(mode));
      }
      String interval = conf.get("execution.checkpointing.interval");
      if (interval == null) {
        problems.add(w + "execution.checkpointing.interval missing: the exactly-once sink only commits on checkpoints");
      } else {
        long ms = flinkDurationMillis(interval);
        if (ms > 0 && ms >= PRODUCER_TRANSACTION_TIMEOUT_MS / 2) {
          problems.add(w + "execution.checkpointing.interval " + interval
              + " is too close to the producer's transaction timeout (10 min): transactions would abort before commit");
        }
      }
    }

    private static void requireDurable(String w, Map<String, String> conf, String key, List<String> problems) {
      String dir = conf.get(key);
      if (dir == null) {
        problems.add(w + "flinkConfiguration needs " + key);
      } else if (DURABLE_SCHEMES.stream().noneMatch(dir::startsWith)) {
        problems.add(w + key + " must be durable shared storage (" + String.join(", ", DURABLE_SCHEMES) + "), got " + dir);
      }
    }

    private static void checkDurationsAndSizes(String w, Map<String, String> conf, List<String> problems) {
      Pattern durationKey = Pattern.compile(
          "execution\\.checkpointing\\.(interval|min-pause|timeout)|restart-strategy\\..*(backoff|delay|threshold|interval)");
      Pattern sizeKey = Pattern.compile(".*\\.memory\\.(.*\\.)?(size|min|max)");
      conf.forEach((k, v) -> {
        if (durationKey.matcher(k).matches() && !k.endsWith("multiplier") && flinkDurationMillis(v) < 0) {
          problems.add(w + k + " is not a Flink duration (e.g. '30 s', '10 min'): " + v);
        }
        if (sizeKey.matcher(k).matches() && !isFlinkMemorySize(v)) {
          problems.add(w + k + " is not a Flink memory size (e.g. '1024m', '2 gb'): " + v);
        }
      });
    }

    private static void checkMetrics(String w, Map<String, String> conf, List<String> problems) {
      String factory = conf.get("metrics.reporter.prom.factory.class");
      if (!PROMETHEUS_FACTORY.equals(factory)) {
        problems.add(w + "metrics.reporter.prom.factory.class must be " + PROMETHEUS_FACTORY + ", got " + describe(factory));
      }
      String port = conf.get("metrics.reporter.prom.port");
      if (port == null || !port.matches("\\d+(-\\d+)?")) {
        problems.add(w + "metrics.reporter.prom.port must be a port or port range, got " + describe(port));
      }
    }

    private static void checkResources(Doc d, List<String> problems) {
      for (String role : List.of("jobManager", "taskManager")) {
        Object memory = at(d.body(), "spec", role, "resource", "memory");
        if (!(memory instanceof String m) || !isFlinkMemorySize(m)) {
          problems.add(d.where() + "spec." + role + ".resource.memory must be a Flink memory size (e.g. 2048m), got " + describe(memory));
        }
        Object cpu = at(d.body(), "spec", role, "resource", "cpu");
        if (!(cpu instanceof Number n) || n.doubleValue() <= 0) {
          problems.add(d.where() + "spec." + role + ".resource.cpu must be a positive number, got " + describe(cpu));
        }
      }
    }

    /**
     * The S3 plugin must be enabled (with this Flink version's jar name) wherever the checkpoint
     * paths are on S3; the RocksDB local directory must sit on a mounted volume; every pod
     * template's main container must carry the name the operator merges into.
     */
    private void checkPodTemplates(Doc d, Map<String, String> conf, List<String> problems) {
      String w = d.where();
      Map<String, Object> top = asMap(at(d.body(), "spec", "podTemplate"));
      Map<String, Object> jm = asMap(at(d.body(), "spec", "jobManager", "podTemplate"));
      Map<String, Object> tm = asMap(at(d.body(), "spec", "taskManager", "podTemplate"));
      for (Map<String, Object> template : List.of(top, jm, tm)) {
        List<Map<String, Object>> containers = listOfMaps(at(template, "spec", "containers"));
        if (!containers.isEmpty() && mainContainer(template) == null) {
          problems.add(w + "a podTemplate has containers but none named flink-main-container, so nothing is merged into Flink's container");
        }
        Object annotations = at(template, "metadata", "annotations");
        checkStringMap(d, annotations, "podTemplate annotation", problems);
        checkStringMap(d, at(template, "metadata", "labels"), "podTemplate label", problems);
      }

      boolean usesS3 = conf.entrySet().stream()
          .filter(e -> e.getKey().endsWith("dir") || e.getKey().endsWith("storageDir"))
          .anyMatch(e -> e.getValue().startsWith("s3"));
      if (usesS3) {
        boolean both = hasS3Plugin(top) || (hasS3Plugin(jm) && hasS3Plugin(tm));
        if (!both) {
          problems.add(w + "checkpoints are on S3 but no ENABLE_BUILT_IN_PLUGINS env on flink-main-container names "
              + "flink-s3-fs-hadoop-" + flinkVersion + ".jar or flink-s3-fs-presto-" + flinkVersion + ".jar for both JobManager and TaskManager");
        }
      }
      for (Map<String, Object> template : List.of(top, jm, tm)) {
        String plugins = env(mainContainer(template), "ENABLE_BUILT_IN_PLUGINS");
        if (plugins != null) {
          for (String jar : plugins.split(";")) {
            if (!jar.trim().matches("flink-[a-z0-9-]+-" + Pattern.quote(flinkVersion) + "\\.jar")) {
              problems.add(w + "ENABLE_BUILT_IN_PLUGINS entry " + jar + " is not a flink-*-" + flinkVersion + ".jar of this Flink");
            }
          }
        }
      }

      String localDir = conf.get("state.backend.rocksdb.localdir");
      if (localDir != null) {
        boolean mounted = false;
        for (Map<String, Object> template : List.of(top, tm)) {
          Set<String> volumes = new LinkedHashSet<>();
          for (Map<String, Object> t : List.of(top, template)) {
            for (Map<String, Object> v : listOfMaps(at(t, "spec", "volumes"))) {
              volumes.add(String.valueOf(v.get("name")));
            }
          }
          for (Map<String, Object> mount : listOfMaps(at(mainContainer(template), "volumeMounts"))) {
            if (mount.get("mountPath") instanceof String path && volumes.contains(String.valueOf(mount.get("name")))
                && (localDir.equals(path) || localDir.startsWith(path.endsWith("/") ? path : path + "/"))) {
              mounted = true;
            }
          }
        }
        if (!mounted) {
          problems.add(w + "state.backend.rocksdb.localdir " + localDir
              + " is not on a volume mounted into the TaskManager's flink-main-container");
        }
      }
    }

    private boolean hasS3Plugin(Map<String, Object> template) {
      String plugins = env(mainContainer(template), "ENABLE_BUILT_IN_PLUGINS");
      if (plugins == null) {
        return false;
      }
      for (String jar : plugins.split(";")) {
        String j = jar.trim();
        if (j.equals("flink-s3-fs-hadoop-" + flinkVersion + ".jar") || j.equals("flink-s3-fs-presto-" + flinkVersion + ".jar")) {
          return true;
        }
      }
      return false;
    }

    private static Map<String, Object> mainContainer(Map<String, Object> template) {
      for (Map<String, Object> c : listOfMaps(at(template, "spec", "containers"))) {
        if ("flink-main-container".equals(c.get("name"))) {
          return c;
        }
      }
      return null;
    }

    private static String env(Map<String, Object> container, String name) {
      for (Map<String, Object> e : listOfMaps(container == null ? null : container.get("env"))) {
        if (name.equals(e.get("name")) && e.get("value") instanceof String v) {
          return v;
        }
      }
      return null;
    }

    private void checkJob(Doc d, List<Doc> kafkas, List<String> problems) {
      String w = d.where();
      Object jarUri = at(d.body(), "spec", "job", "jarURI");
      if (!(jarUri instanceof String j) || !j.startsWith("local:///") || !j.endsWith("/ava-cluster.jar")) {
        problems.add(w + "spec.job.jarURI must be local:///.../ava-cluster.jar (the jar baked into the image), got " + describe(jarUri));
      }
      Object entry = at(d.body(), "spec", "job", "entryClass");
      if (!ENTRY_CLASS.equals(entry)) {
        problems.add(w + "spec.job.entryClass must be " + ENTRY_CLASS + ", got " + describe(entry));
      }
      Object parallelism = at(d.body(), "spec", "job", "parallelism");
      if (!(parallelism instanceof Integer p) || p < 1) {
        problems.add(w + "spec.job.parallelism must be a positive integer, got " + describe(parallelism));
      }
      Object upgradeMode = at(d.body(), "spec", "job", "upgradeMode");
      if (!"savepoint".equals(upgradeMode) && !"last-state".equals(upgradeMode)) {
        problems.add(w + "spec.job.upgradeMode must keep state across upgrades (savepoint or last-state), got " + describe(upgradeMode));
      }

      Object rawArgs = at(d.body(), "spec", "job", "args");
      if (!(rawArgs instanceof List<?> args)) {
        problems.add(w + "spec.job.args must be a list, got " + describe(rawArgs));
        return;
      }
      for (Object a : args) {
        if (!(a instanceof String)) {
          problems.add(w + "spec.job.args entries must be strings (quote numbers), got " + describe(a));
        }
      }
      for (int v = 0; v + 1 < args.size(); v++) {
        if ("--video".equals(args.get(v)) && args.get(v + 1) instanceof String video
            && video.matches("(?i)(s3[an]?|gs|hdfs|abfss?|oss)://.*")) {
          problems.add(w + "--video " + video + " is opened by FFmpeg, which has no such protocol: use https:// (e.g. a "
              + "presigned URL) or a path on a volume mounted into every TaskManager");
        }
      }
      int i = args.indexOf("--bootstrap-servers");
      if (i < 0 || i + 1 >= args.size() || !(args.get(i + 1) instanceof String servers)) {
        problems.add(w + "spec.job.args need --bootstrap-servers <host:port>");
        return;
      }
      for (String server : servers.split(",")) {
        checkBootstrapServer(d, server.trim(), kafkas, problems);
      }
    }

    /** host:port must be the Strimzi bootstrap service of a declared Kafka, on a plain listener. */
    private static void checkBootstrapServer(Doc d, String server, List<Doc> kafkas, List<String> problems) {
      String w = d.where();
      Matcher m = Pattern.compile("([a-z0-9.-]+):(\\d+)").matcher(server);
      if (!m.matches()) {
        problems.add(w + "bootstrap server " + server + " is not host:port");
        return;
      }
      String host = m.group(1);
      int port = Integer.parseInt(m.group(2));
      for (Doc k : kafkas) {
        String service = k.name() + "-kafka-bootstrap";
        if (!host.equals(service) && !host.startsWith(service + ".")) {
          continue;
        }
        String rest = host.substring(service.length());
        String namespace;
        if (rest.isEmpty()) {
          namespace = d.namespace();
        } else {
          Matcher nm = Pattern.compile("\\.([a-z0-9-]+)(\\.svc(\\.cluster\\.local)?)?").matcher(rest);
          if (!nm.matches()) {
            problems.add(w + "bootstrap host " + host + " is not <service>[.<namespace>[.svc[.cluster.local]]]");
            return;
          }
          namespace = nm.group(1);
        }
        if (k.namespace() != null && !k.namespace().equals(namespace)) {
          problems.add(w + "bootstrap host " + host + " points at namespace " + namespace + " but Kafka " + k.name()
              + " is in namespace " + k.namespace());
        }
        boolean plainListener = listOfMaps(at(k.body(), "spec", "kafka", "listeners")).stream()
            .anyMatch(l -> Integer.valueOf(port).equals(l.get("port")) && Boolean.FALSE.equals(l.get("tls"))
                && "internal".equals(l.get("type")));
        if (!plainListener) {
          problems.add(w + "bootstrap port " + port + " is not an internal plain (tls: false) listener of Kafka " + k.name()
              + "; the job does not configure TLS");
        }
        return;
      }
      problems.add(w + "bootstrap host " + host + " is no Strimzi bootstrap service <Kafka name>-kafka-bootstrap of "
          + kafkas.stream().map(Doc::name).toList());
    }

    // ---- Strimzi -----------------------------------------------------------------------------

    private static void checkStrimziApiVersions(List<Doc> docs, List<String> problems) {
      Set<String> seen = new LinkedHashSet<>();
      for (Doc d : docs) {
        if (d.kind().startsWith("Kafka") && d.body().get("apiVersion") instanceof String a) {
          if (!STRIMZI_API_VERSIONS.contains(a)) {
            problems.add(d.where() + "apiVersion must be one of " + sorted(STRIMZI_API_VERSIONS) + ", got " + a);
          }
          seen.add(a);
        }
      }
      if (seen.size() > 1) {
        problems.add("Strimzi resources mix API versions " + seen + ": Strimzi 1.x serves only kafka.strimzi.io/v1");
      }
    }

    private void checkKafka(Doc k, List<Doc> pools, List<String> problems) {
      String w = k.where();
      if (k.namespace() == null) {
        problems.add(w + "metadata.namespace missing (KafkaTopics and the bootstrap address depend on it)");
      }
      for (String annotation : List.of("strimzi.io/kraft", "strimzi.io/node-pools")) {
        if (!"enabled".equals(at(k.body(), "metadata", "annotations", annotation))) {
          problems.add(w + "annotation " + annotation + ": enabled missing");
        }
      }
      Object version = at(k.body(), "spec", "kafka", "version");
      String clientsMajor = kafkaClientsVersion.split("\\.")[0];
      if (!(version instanceof String v) || !v.matches(Pattern.quote(clientsMajor) + "\\.\\d+\\.\\d+")) {
        problems.add(w + "Kafka version must be a " + clientsMajor + ".x.y string for kafka-clients " + kafkaClientsVersion
            + ", got " + describe(version));
      } else {
        Object metadata = at(k.body(), "spec", "kafka", "metadataVersion");
        String majorMinor = v.substring(0, v.lastIndexOf('.'));
        if (metadata != null && !(metadata instanceof String md && md.startsWith(majorMinor + "-"))) {
          problems.add(w + "metadataVersion " + describe(metadata) + " does not belong to Kafka " + v);
        }
      }
      if (listOfMaps(at(k.body(), "spec", "kafka", "listeners")).isEmpty()) {
        problems.add(w + "spec.kafka.listeners missing");
      }
      if (!(at(k.body(), "spec", "entityOperator", "topicOperator") instanceof Map)) {
        problems.add(w + "spec.entityOperator.topicOperator missing: KafkaTopic resources would never be created");
      }

      // Node pools of this cluster.
      int brokers = 0;
      int controllers = 0;
      boolean anyPool = false;
      for (Doc pool : pools) {
        if (!k.name().equals(at(pool.body(), "metadata", "labels", "strimzi.io/cluster"))) {
          continue;
        }
        anyPool = true;
        int replicas = at(pool.body(), "spec", "replicas") instanceof Integer r ? r : 0;
        if (replicas < 1) {
          problems.add(pool.where() + "spec.replicas must be a positive integer");
        }
        List<?> roles = at(pool.body(), "spec", "roles") instanceof List<?> l ? l : List.of();
        if (roles.contains("broker")) {
          brokers += replicas;
        }
        if (roles.contains("controller")) {
          controllers += replicas;
        }
        checkPersistentStorage(pool, problems);
      }
      if (!anyPool) {
        problems.add(w + "no KafkaNodePool labelled strimzi.io/cluster: " + k.name());
        return;
      }
      if (brokers == 0) {
        problems.add(w + "no node pool with the broker role");
      }
      if (controllers == 0 || controllers % 2 == 0) {
        problems.add(w + "KRaft needs an odd number (>= 1) of controller nodes, got " + controllers);
      }

      Map<String, Object> config = asMap(at(k.body(), "spec", "kafka", "config"));
      Long maxTxTimeout = asLong(config.get("transaction.max.timeout.ms"));
      if (maxTxTimeout == null || maxTxTimeout < PRODUCER_TRANSACTION_TIMEOUT_MS) {
        problems.add(w + "transaction.max.timeout.ms must be set to >= " + PRODUCER_TRANSACTION_TIMEOUT_MS
            + " (the job's producer transaction timeout), got " + describe(config.get("transaction.max.timeout.ms")));
      }
      for (String rfKey : List.of("transaction.state.log.replication.factor", "offsets.topic.replication.factor", "default.replication.factor")) {
        Long rf = asLong(config.get(rfKey));
        if (config.containsKey(rfKey) && (rf == null || rf < 1 || rf > brokers)) {
          problems.add(w + rfKey + " " + config.get(rfKey) + " must be between 1 and the " + brokers + " brokers");
        }
      }
      Long txRf = asLong(config.getOrDefault("transaction.state.log.replication.factor", 3));
      Long txIsr = asLong(config.getOrDefault("transaction.state.log.min.isr", 2));
      if (txRf != null && txIsr != null && txIsr > txRf) {
        problems.add(w + "transaction.state.log.min.isr exceeds its replication factor: transactions could never commit");
      }
    }

    private static void checkPersistentStorage(Doc pool, List<String> problems) {
      Map<String, Object> storage = asMap(at(pool.body(), "spec", "storage"));
      List<Map<String, Object>> volumes = "jbod".equals(storage.get("type"))
          ? listOfMaps(storage.get("volumes")) : storage.isEmpty() ? List.of() : List.of(storage);
      if (volumes.isEmpty()) {
        problems.add(pool.where() + "spec.storage has no volumes");
      }
      for (Map<String, Object> v : volumes) {
        if (!"persistent-claim".equals(v.get("type"))) {
          problems.add(pool.where() + "storage must be persistent-claim (ephemeral loses the log on restart), got " + describe(v.get("type")));
        }
        if (!(v.get("size") instanceof String size) || !isKubernetesQuantity(size)) {
          problems.add(pool.where() + "storage size must be a Kubernetes quantity such as 100Gi, got " + describe(v.get("size")));
        }
      }
    }

    private static void checkClusterLabel(Doc d, Map<String, Doc> kafkaByName, List<String> problems) {
      Object cluster = at(d.body(), "metadata", "labels", "strimzi.io/cluster");
      Doc kafka = cluster instanceof String c ? kafkaByName.get(c) : null;
      if (kafka == null) {
        problems.add(d.where() + "label strimzi.io/cluster " + describe(cluster) + " names no Kafka among " + kafkaByName.keySet());
      } else if (kafka.namespace() != null && !kafka.namespace().equals(d.namespace())) {
        problems.add(d.where() + "must be in namespace " + kafka.namespace() + " with Kafka " + kafka.name());
      }
    }

    private void checkTopics(List<Doc> topics, Map<String, Doc> kafkaByName, List<Doc> pools, List<String> problems) {
      Set<String> names = new LinkedHashSet<>();
      for (Doc t : topics) {
        checkClusterLabel(t, kafkaByName, problems);
        Object topicName = at(t.body(), "spec", "topicName");
        String name = topicName instanceof String s ? s : t.name();
        if (!names.add(name)) {
          problems.add(t.where() + "topic " + name + " is declared twice");
        }
        if (!this.topics.contains(name)) {
          problems.add(t.where() + "topic " + name + " is one the job does not use (it uses " + this.topics + ")");
        }
        Object partitions = at(t.body(), "spec", "partitions");
        if (!(partitions instanceof Integer p) || p < 1) {
          problems.add(t.where() + "spec.partitions must be a positive integer, got " + describe(partitions));
        }
        Object replicasRaw = at(t.body(), "spec", "replicas");
        Doc kafka = kafkaByName.get(String.valueOf(at(t.body(), "metadata", "labels", "strimzi.io/cluster")));
        int brokers = 0;
        for (Doc pool : pools) {
          if (kafka != null && kafka.name().equals(at(pool.body(), "metadata", "labels", "strimzi.io/cluster"))
              && at(pool.body(), "spec", "roles") instanceof List<?> roles && roles.contains("broker")
              && at(pool.body(), "spec", "replicas") instanceof Integer r) {
            brokers += r;
          }
        }
        if (!(replicasRaw instanceof Integer replicas) || replicas < 1) {
          problems.add(t.where() + "spec.replicas must be a positive integer, got " + describe(replicasRaw));
          continue;
        }
        if (kafka != null && replicas > brokers) {
          problems.add(t.where() + "spec.replicas " + replicas + " exceeds the " + brokers + " brokers of " + kafka.name());
        }
        Map<String, Object> config = asMap(at(t.body(), "spec", "config"));
        Object minIsrRaw = config.containsKey("min.insync.replicas") ? config.get("min.insync.replicas")
            : kafka == null ? null : asMap(at(kafka.body(), "spec", "kafka", "config")).get("min.insync.replicas");
        Long minIsr = asLong(minIsrRaw);
        if (minIsrRaw != null && (minIsr == null || minIsr > replicas)) {
          problems.add(t.where() + "min.insync.replicas " + minIsrRaw + " exceeds spec.replicas " + replicas
              + ": acks=all (exactly-once) writes would always fail");
        }
        for (String msKey : List.of("retention.ms", "segment.ms", "max.message.bytes", "retention.bytes")) {
          if (config.containsKey(msKey) && asLong(config.get(msKey)) == null) {
            problems.add(t.where() + msKey + " must be a number, got " + describe(config.get(msKey)));
          }
        }
        if (REQUIRED_TOPICS.contains(name)) {
          Object brokerMax = kafka == null ? null : asMap(at(kafka.body(), "spec", "kafka", "config")).get("message.max.bytes");
          Long effective = config.containsKey("max.message.bytes") ? asLong(config.get("max.message.bytes"))
              : brokerMax != null ? asLong(brokerMax) : Long.valueOf(BROKER_DEFAULT_MAX_MESSAGE_BYTES);
          if (effective != null && effective < PRODUCER_MAX_REQUEST_SIZE) {
            problems.add(t.where() + "max.message.bytes " + effective + " is below the job producer's max.request.size "
                + PRODUCER_MAX_REQUEST_SIZE + ": large records would fail with RecordTooLargeException");
          }
        }
        if (COMPACTED_TOPICS.contains(name) && !String.valueOf(config.get("cleanup.policy")).contains("compact")) {
          problems.add(t.where() + "cleanup.policy of " + name + " must include compact (each record is published"
              + " once and must outlive the retention time), got " + describe(config.get("cleanup.policy")));
        }
      }
      // Every topic the code uses (the checker's topics), not only those whose message size is checked.
      for (String required : this.topics) {
        if (!names.contains(required)) {
          problems.add("no KafkaTopic for " + required + " (declared: " + names + ")");
        }
      }
    }

    // ---- Dockerfile -------------------------------------------------------------------------

    List<String> checkDockerfile(String text, String jarPathInImage) {
      List<String> problems = new Problems();
      Matcher from = Pattern.compile("(?m)^FROM\\s+flink:(\\S+)").matcher(text);
      if (!from.find()) {
        problems.add("Dockerfile: no FROM flink:<tag>");
      } else if (!from.group(1).startsWith(flinkVersion + "-") && !from.group(1).equals(flinkVersion)) {
        problems.add("Dockerfile: base image flink:" + from.group(1) + " is not Flink " + flinkVersion);
      }
      Matcher copy = Pattern.compile("(?m)^COPY\\s+(?:--\\S+\\s+)*flink-jobs/target/ava-cluster\\.jar\\s+(\\S+)\\s*$").matcher(text);
      if (!copy.find()) {
        problems.add("Dockerfile: no COPY of flink-jobs/target/ava-cluster.jar");
      } else if (!copy.group(1).equals(jarPathInImage)) {
        problems.add("Dockerfile: copies the jar to " + copy.group(1) + " but the FlinkDeployment runs " + jarPathInImage);
      }
      return problems;
    }

    // ---- value formats -----------------------------------------------------------------------

    private static final Pattern FLINK_MEMORY = Pattern.compile(
        "(\\d+)\\s*(b|bytes|k|kb|kibibytes|m|mb|mebibytes|g|gb|gibibytes|t|tb|tebibytes)?");

    /** Flink's MemorySize.parse: an integer and an optional, case-insensitive unit. */
    static boolean isFlinkMemorySize(String s) {
      return FLINK_MEMORY.matcher(s.trim().toLowerCase(Locale.ROOT)).matches() && !s.isBlank();
    }

    private static final Map<String, Long> DURATION_UNITS = durationUnits();

    private static Map<String, Long> durationUnits() {
      Map<String, Long> units = new HashMap<>();
      Object[][] table = {
          {1L, new String[] {"ms", "milli", "millis", "millisecond", "milliseconds"}},
          {1_000L, new String[] {"s", "sec", "secs", "second", "seconds"}},
          {60_000L, new String[] {"m", "min", "mins", "minute", "minutes"}},
          {3_600_000L, new String[] {"h", "hour", "hours"}},
          {86_400_000L, new String[] {"d", "day", "days"}},
      };
      for (Object[] row : table) {
        for (String label : (String[]) row[1]) {
          units.put(label, (Long) row[0]);
        }
      }
      return units;
    }

    /** Flink's TimeUtils.parseDuration (ms to days; no unit means ms); -1 if it does not parse. */
    static long flinkDurationMillis(String s) {
      Matcher m = Pattern.compile("(\\d+)\\s*([a-z]*)").matcher(s.trim().toLowerCase(Locale.ROOT));
      if (!m.matches()) {
        return -1;
      }
      long n = Long.parseLong(m.group(1));
      if (m.group(2).isEmpty()) {
        return n;
      }
      Long unit = DURATION_UNITS.get(m.group(2));
      return unit == null ? -1 : n * unit;
    }

    /** A Kubernetes resource quantity as used for PVC sizes and pod memory (100Gi, 4G, 500m). */
    static boolean isKubernetesQuantity(String s) {
      return s.matches("\\d+(\\.\\d+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E|m)?");
    }

    // ---- tree helpers ------------------------------------------------------------------------

    static Object at(Object root, String... path) {
      Object node = root;
      for (String key : path) {
        if (!(node instanceof Map<?, ?> m)) {
          return null;
        }
        node = m.get(key);
      }
      return node;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
      return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> listOfMaps(Object o) {
      if (!(o instanceof List<?> l)) {
        return List.of();
      }
      List<Map<String, Object>> out = new ArrayList<>();
      for (Object e : l) {
        if (e instanceof Map<?, ?> m) {
          out.add((Map<String, Object>) m);
        }
      }
      return out;
    }

    private static Long asLong(Object o) {
      if (o instanceof Integer || o instanceof Long) {
        return ((Number) o).longValue();
      }
      if (o instanceof String s && s.trim().matches("\\d+")) {
        return Long.parseLong(s.trim());
      }
      return null;
    }

    private static List<Doc> ofKind(List<Doc> docs, String kind) {
      return docs.stream().filter(d -> d.kind().equals(kind)).toList();
    }

    private static List<String> sorted(Set<String> set) {
      return set.stream().sorted().toList();
    }

    private static String describe(Object o) {
      return o == null ? "nothing" : o instanceof String s ? "'" + s + "'" : o.getClass().getSimpleName() + " " + o;
    }
  }
}
