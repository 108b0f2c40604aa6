package dev.avastream.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shaded jars the integration tests run, as the failsafe configuration names them. */
public final class BuiltJars {
    private BuiltJars() {}

    /** {@code ava.jar}: the CLI with Flink, Kafka and the natives. */
    public static Path cli() { return of("ava.jar"); }

    /** {@code ava-cluster.jar}: the job without Flink, for a cluster. */
    public static Path cluster() { return of("ava.clusterJar"); }

    private static Path of(String property) {
        String path = System.getProperty(property);
        assertTrue(path != null, "system property " + property + " (set by the failsafe configuration)");
        Path jar = Path.of(path);
        assertTrue(Files.isRegularFile(jar), jar + " was not built");
        return jar;
    }
}
