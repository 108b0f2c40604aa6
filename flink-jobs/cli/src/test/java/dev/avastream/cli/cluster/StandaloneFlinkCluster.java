package dev.avastream.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A Flink standalone session cluster as an operator runs one, each process a JVM of its own started
 * from Flink's own entry points ({@code StandaloneSessionClusterEntrypoint}, {@code TaskManagerRunner})
 * with a {@code config.yaml} in a conf directory: the JobManager, its REST endpoint (jar upload and
 * run included, flink-runtime-web), and as many TaskManagers as asked. Jobs reach it only over REST.
 *
 * <p>The processes get Flink from Maven artifacts: the test JVM's class path less everything that is
 * ours or that the cluster jar bundles (Kafka, the connectors, Avro, JavaCV, ONNX Runtime), so a job
 * runs only from the jar it was submitted with, as on a real cluster.
 */
final class StandaloneFlinkCluster implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Class path entries the cluster must not see: our classes, and what ava-cluster.jar bundles. */
    private static final List<String> NOT_ON_THE_CLUSTER = List.of("/dev/avastream/", "/org/bytedeco/",
            "/com/microsoft/onnxruntime/", "/org/apache/kafka/", "/org/apache/avro/", "/info/picocli/",
            "/flink-connector-kafka/", "/flink-connector-base/", "/flink-avro/");

    private final Path home;
    private final Path conf;
    private final int restPort;
    private final Process jobManager;
    private final Map<String, Process> taskManagers = new LinkedHashMap<>();
    /** JVM options and dynamic settings (memory, CPU) as Flink's scripts compute them: BashJavaUtils. */
    private final List<List<String>> jobManagerResources;
    private final List<List<String>> taskManagerResources;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * Writes the configuration under {@code home} and starts the JobManager; TaskManagers are started
     * with {@link #startTaskManager}. {@code settings} are added to (and override) the configuration.
     */
    StandaloneFlinkCluster(Path home, Map<String, String> settings) throws Exception {
        this.home = Files.createDirectories(home);
        this.conf = Files.createDirectories(home.resolve("conf"));
        this.restPort = freePort();
        Map<String, String> c = new LinkedHashMap<>();
        c.put("jobmanager.rpc.address", "localhost");
        c.put("jobmanager.rpc.port", Integer.toString(freePort()));
        c.put("jobmanager.bind-host", "localhost");
        c.put("rest.address", "localhost");
        c.put("rest.bind-address", "localhost");
        c.put("rest.port", Integer.toString(restPort));
        // the cluster jar carries JavaCV's natives: about 96 MiB, at the edge of the 100 MiB default
        c.put("rest.server.max-content-length", "268435456");
        c.put("web.upload.dir", home.resolve("uploads").toString());
        c.put("taskmanager.host", "localhost");
        c.put("taskmanager.bind-host", "localhost");
        c.put("taskmanager.numberOfTaskSlots", "1");
        c.put("taskmanager.memory.process.size", "1280m");
        c.put("taskmanager.memory.managed.size", "256m");
        c.put("jobmanager.memory.process.size", "1024m");
        c.put("io.tmp.dirs", Files.createDirectories(home.resolve("tmp")).toString());
        c.putAll(settings);
        StringBuilder yaml = new StringBuilder();
        c.forEach((k, v) -> yaml.append(k).append(": ").append(v).append('\n'));
        Files.writeString(conf.resolve("config.yaml"), yaml.toString());
        Files.writeString(conf.resolve("log4j.properties"), """
                rootLogger.level = INFO
                rootLogger.appenderRef.file.ref = FileAppender
                appender.file.name = FileAppender
                appender.file.type = File
                appender.file.fileName = ${sys:log.file}
                appender.file.layout.type = PatternLayout
                appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p %-40c{1} - %m%n
                logger.kafka.name = org.apache.kafka
                logger.kafka.level = WARN
                """);
        this.jobManagerResources = resourceParams("GET_JM_RESOURCE_PARAMS");
        this.taskManagerResources = resourceParams("GET_TM_RESOURCE_PARAMS");
        this.jobManager = start("jobmanager", "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                jobManagerResources);
        awaitRest(Duration.ofMinutes(2));
    }

    /** The conf directory's {@code config.yaml} as written, for messages. */
    String configuration() throws IOException { return Files.readString(conf.resolve("config.yaml")); }

    /** Starts a TaskManager JVM named {@code name} (its log is {@code name.log}). */
    void startTaskManager(String name) throws IOException {
        taskManagers.put(name, start(name, "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                taskManagerResources));
    }

    /** Kills a TaskManager with SIGKILL (no shutdown hook, no goodbye to the JobManager); its exit code. */
    int kill(String name) throws InterruptedException {
        Process p = taskManagers.get(name);
        p.destroyForcibly(); // SIGKILL on Linux
        if (!p.waitFor(1, TimeUnit.MINUTES)) throw new IllegalStateException(name + " survived SIGKILL");
        return p.exitValue();
    }

    /** Waits until {@code n} TaskManagers are registered with the JobManager. */
    void awaitTaskManagers(int n, Duration timeout) throws Exception {
        awaitJson("/taskmanagers", j -> j.path("taskmanagers").size() == n, timeout,
                n + " registered task managers");
    }

    /** Uploads a jar over REST ({@code POST /jars/upload}); returns its id. */
    String upload(Path jar) throws Exception {
        String boundary = "----ava" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(jar));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        JsonNode answer = send(HttpRequest.newBuilder(uri("/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), "upload " + jar);
        String file = answer.path("filename").asText();
        return file.substring(file.lastIndexOf('/') + 1);
    }

    /** Runs an uploaded jar's entry class over REST ({@code POST /jars/ID/run}); returns the job id. */
    String run(String jarId, String entryClass, List<String> args, int parallelism) throws Exception {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("entryClass", entryClass);
        request.put("programArgsList", args);
        request.put("parallelism", parallelism);
        JsonNode answer = send(HttpRequest.newBuilder(uri("/jars/" + jarId + "/run"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request))), "run " + entryClass);
        return answer.path("jobid").asText();
    }

    /** {@code GET path} on the REST endpoint. */
    JsonNode get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET(), "GET " + path);
    }

    /** Polls {@code GET path} until {@code done} holds; returns the last answer. */
    JsonNode awaitJson(String path, Predicate<JsonNode> done, Duration timeout, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = get(path);
                if (done.test(last)) return last;
            } catch (IOException | IllegalStateException e) {
                last = null; // not up yet, or not answering this path yet
            }
            assertJobManagerAlive(what);
            for (Map.Entry<String, Process> tm : taskManagers.entrySet()) {
                if (!tm.getValue().isAlive() && tm.getValue().exitValue() != 137) {
                    throw new AssertionError(tm.getKey() + " exited (" + tm.getValue().exitValue()
                            + ") while waiting for " + what + "\n" + logTails());
                }
            }
            jobManager.waitFor(200, TimeUnit.MILLISECONDS); // polling, not timing anything
        }
        throw new AssertionError("no " + what + " in " + timeout + "; last answer of " + path + ": " + last
                + "\n" + logTails());
    }

    /** The last lines of every process's log, for failure messages. */
    String logTails() {
        StringBuilder out = new StringBuilder();
        List<String> names = new ArrayList<>(List.of("jobmanager"));
        names.addAll(taskManagers.keySet());
        for (String name : names) {
            Path log = home.resolve(name + ".log");
            try {
                List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of("(no log)");
                out.append("--- ").append(name).append(".log (last 40 lines)\n")
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())))
                        .append('\n');
            } catch (IOException e) {
                out.append("--- ").append(name).append(".log unreadable: ").append(e).append('\n');
            }
        }
        return out.toString();
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : taskManagers.values()) p.destroy();
        jobManager.destroy();
        for (Process p : taskManagers.values()) if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly();
        if (!jobManager.waitFor(30, TimeUnit.SECONDS)) jobManager.destroyForcibly();
    }

    private void assertJobManagerAlive(String waitingFor) {
        if (!jobManager.isAlive()) {
            throw new AssertionError("the JobManager exited (" + jobManager.exitValue() + ") while waiting for "
                    + waitingFor + "\n" + logTails());
        }
    }

    private void awaitRest(Duration timeout) throws Exception {
        awaitJson("/overview", j -> j.has("flink-version"), timeout, "REST endpoint");
    }

    /**
     * What {@code taskmanager.sh} and {@code jobmanager.sh} do before starting a process: ask
     * {@code BashJavaUtils} for the JVM's memory options (first list) and the derived memory and CPU
     * settings passed as {@code -D} dynamic properties (second list), from the conf directory.
     */
    private List<List<String>> resourceParams(String command) throws Exception {
        Process p = new ProcessBuilder(java(), "-cp", flinkClassPath(), "org.apache.flink.runtime.util.bash.BashJavaUtils",
                command, "--configDir", conf.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(1, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("BashJavaUtils " + command + " failed:\n" + out);
        }
        List<List<String>> results = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:")) {
                String value = line.substring("BASH_JAVA_UTILS_EXEC_RESULT:".length()).trim();
                results.add(value.isEmpty() ? List.of() : List.of(value.split("\\s+")));
            }
        }
        while (results.size() < 2) results.add(List.of());
        return results;
    }

    private static String java() { return Path.of(System.getProperty("java.home"), "bin", "java").toString(); }

    private Process start(String name, String mainClass, List<List<String>> resources) throws IOException {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(resources.get(0));
        command.addAll(List.of("-XX:+UseParallelGC",
                // what Flink's scripts pass on Java 17 (env.java.opts.all of its default configuration)
                "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
                "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                "--add-opens=java.base/java.time=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                "-Dlog.file=" + home.resolve(name + ".log"),
                "-Dlog4j.configurationFile=" + conf.resolve("log4j.properties").toUri(),
                "-cp", flinkClassPath(), mainClass, "--configDir", conf.toString()));
        command.addAll(resources.get(1));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolve(name + ".out").toFile()).start();
    }

    /** Flink as its distribution's lib/ holds it: the test class path less our code and the jar's bundle. */
    static String flinkClassPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.endsWith(".jar"))
                .filter(e -> NOT_ON_THE_CLUSTER.stream().noneMatch(e.replace(File.separatorChar, '/')::contains))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private JsonNode send(HttpRequest.Builder request, String what) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(request.timeout(Duration.ofMinutes(2)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException(what + ": HTTP " + answer.statusCode() + " " + answer.body());
        }
        return JSON.readTree(answer.body());
    }

    private URI uri(String path) { return URI.create("http://localhost:" + restPort + path); }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
