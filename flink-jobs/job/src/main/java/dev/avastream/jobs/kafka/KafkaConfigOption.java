package dev.avastream.jobs.kafka;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code --kafka-config FILE}: the Kafka connection settings (TLS, SASL) of every command that talks
 * to a Kafka cluster, and of the cluster entry point. A picocli mixin, so the option, its default and
 * its help live here once.
 */
public final class KafkaConfigOption {

    @Option(names = "--kafka-config", paramLabel = "FILE", defaultValue = "${env:AVA_KAFKA_CONFIG}",
            description = "Kafka client settings for TLS or SASL: a properties file as Kafka's own tools take "
                    + "(security protocol, trust store, SASL mechanism, JAAS configuration; docs/security.md). "
                    + "Every client and the job's sources and sinks use it. Default: $AVA_KAFKA_CONFIG, else "
                    + "plaintext.")
    Path file;

    /**
     * Loads the file, if one was given, and registers its settings for {@code bootstrap}: from then on
     * every client of that cluster in this process connects with them. A file without bootstrap
     * servers to apply to is refused (the embedded broker is plaintext on loopback).
     */
    public void register(String bootstrap) {
        if (file == null) return;
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalArgumentException("--kafka-config " + file + " needs --bootstrap-servers: the embedded "
                    + "broker takes plaintext connections only");
        }
        KafkaClientConfig.register(bootstrap, KafkaClientConfig.load(file));
    }
}
