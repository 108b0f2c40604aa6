package dev.avastream.jobs.kafka;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How every Kafka client of this process connects to a cluster: its bootstrap servers plus the
 * connection settings of a client properties file ({@code --kafka-config FILE}, the format of Kafka's
 * own {@code --command-config}): TLS ({@code security.protocol=SSL}, trust and key stores), SASL
 * ({@code SASL_SSL} with {@code SCRAM-SHA-512} and a {@code sasl.jaas.config}), or anything else a
 * Kafka client takes. One home: every consumer, producer and admin client, and the Flink job's sources
 * and sinks (which carry the settings to the TaskManagers), start from {@link #properties}.
 *
 * <p>Settings are registered per bootstrap string, so clients of two clusters in one process (tests,
 * a preview of one cluster next to a run on another) never take each other's credentials. Values are
 * never printed (messages name the file and the key).
 */
public final class KafkaClientConfig {
    private KafkaClientConfig() {}

    private static final Map<String, Map<String, String>> BY_BOOTSTRAP = new ConcurrentHashMap<>();

    /** Keys a client properties file may not set: they belong to the command line or to each client. */
    private static final Set<String> OWNED_BY_AVA = Set.of("bootstrap.servers", "key.serializer", "value.serializer",
            "key.deserializer", "value.deserializer", "transactional.id", "group.id");

    /**
     * Reads a client properties file. Refused, naming the file and the problem: a file that is not
     * there or unreadable, a key the command line or the job owns ({@code bootstrap.servers}, the
     * serializers, {@code transactional.id}, {@code group.id}), or a key that is not a Kafka client
     * setting name.
     */
    public static Map<String, String> load(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("Kafka client config " + file + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException("Kafka client config " + file + ": cannot read it (" + e.getMessage() + ")");
        }
        Map<String, String> out = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (OWNED_BY_AVA.contains(key)) {
                throw new IllegalArgumentException("Kafka client config " + file + ": " + key
                        + " is set by ava itself (the bootstrap servers by --bootstrap-servers), not in this file");
            }
            if (!key.matches("[a-z][a-z0-9]*([.\\-_][a-z0-9]+)*")) {
                throw new IllegalArgumentException("Kafka client config " + file + ": '" + key
                        + "' is not a Kafka client setting name");
            }
            out.put(key, p.getProperty(key).trim());
        }
        return out;
    }

    /** Every client of {@code bootstrap} from now on connects with {@code settings} (replacing earlier ones). */
    public static void register(String bootstrap, Map<String, String> settings) {
        if (bootstrap == null || bootstrap.isBlank()) throw new IllegalArgumentException("no bootstrap servers to register settings for");
        if (settings.isEmpty()) BY_BOOTSTRAP.remove(bootstrap);
        else BY_BOOTSTRAP.put(bootstrap, Map.copyOf(settings));
    }

    /** The registered settings of {@code bootstrap} (empty when none). */
    public static Map<String, String> settings(String bootstrap) {
        return BY_BOOTSTRAP.getOrDefault(bootstrap, Map.of());
    }

    /** A new client's properties: {@code bootstrap.servers} and the settings registered for it. */
    public static Properties properties(String bootstrap) {
        Properties p = new Properties();
        p.putAll(settings(bootstrap));
        p.setProperty("bootstrap.servers", bootstrap);
        return p;
    }
}
