package dev.avastream.cli;

import org.apache.kafka.common.metadata.UserScramCredentialRecord;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.security.scram.ScramCredential;
import org.apache.kafka.common.security.scram.internals.ScramFormatter;
import org.apache.kafka.common.security.scram.internals.ScramMechanism;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.ApiMessageAndVersion;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A one-node Kafka whose clients must speak TLS and authenticate with SASL/SCRAM-SHA-512, as a
 * Strimzi cluster with a TLS listener and SCRAM users is set up: a PKCS12 key store for
 * {@code localhost} made by the JDK's keytool, SCRAM credentials for an admin (inter-broker) and a
 * client user written into the cluster's bootstrap metadata when it is formatted (what
 * {@code kafka-storage format --add-scram} does), and the broker listener on {@code SASL_SSL}.
 *
 * <p>Kafka's test kit builds only PLAINTEXT and SASL_PLAINTEXT listeners, with PLAIN, an authorizer
 * and a JVM-wide JAAS file; each of its settings is a default that ours replace: the listener's
 * protocol is mapped to SASL_SSL, the mechanism is SCRAM with the listener's own JAAS entry, there is
 * no authorizer (authentication is what is under test), and the JVM-wide JAAS property it sets is
 * put back once the broker has logged in.
 */
final class SecureEmbeddedKafka implements AutoCloseable {
    static final String USER = "ava";
    static final String PASSWORD = "ava-scram-secret-7f3a";
    static final String STORE_PASSWORD = "ava-store-secret-19c2";
    private static final String ADMIN = "broker-admin";
    private static final String ADMIN_PASSWORD = "broker-admin-secret";

    private final KafkaClusterTestKit cluster;
    private final Path truststore;

    private SecureEmbeddedKafka(KafkaClusterTestKit cluster, Path truststore) {
        this.cluster = cluster;
        this.truststore = truststore;
    }

    static SecureEmbeddedKafka start(Path dir) throws Exception {
        Path keystore = dir.resolve("broker.p12");
        Path truststore = dir.resolve("truststore.p12");
        Path cert = dir.resolve("broker.crt");
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "broker", "-file", cert.toString(), "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);
        keytool("-importcert", "-noprompt", "-alias", "broker", "-file", cert.toString(), "-keystore",
                truststore.toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);

        Path data = Files.createDirectories(dir.resolve("kafka"));
        BootstrapMetadata plain = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
                .setNumControllerNodes(1).setBaseDirectory(data).build().bootstrapMetadata();
        List<ApiMessageAndVersion> records = new ArrayList<>(plain.records());
        records.add(scram(ADMIN, ADMIN_PASSWORD));
        records.add(scram(USER, PASSWORD));
        TestKitNodes nodes = new TestKitNodes.Builder(BootstrapMetadata.fromRecords(records, "ava-test"))
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).setBaseDirectory(data)
                .setBrokerListenerName(new ListenerName("EXTERNAL"))
                .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT) // mapped to SASL_SSL below
                .build();
        String listener = "listener.name.external.";
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "2")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("transaction.state.log.num.partitions", "2")
                .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "false")
                .setConfigProp("listener.security.protocol.map", "EXTERNAL:SASL_SSL,CONTROLLER:PLAINTEXT")
                .setConfigProp("authorizer.class.name", "")
                .setConfigProp("sasl.enabled.mechanisms", "SCRAM-SHA-512")
                .setConfigProp("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512")
                .setConfigProp(listener + "scram-sha-512.sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + ADMIN
                                + "\" password=\"" + ADMIN_PASSWORD + "\";")
                .setConfigProp(listener + "ssl.keystore.location", keystore.toString())
                .setConfigProp(listener + "ssl.keystore.type", "PKCS12")
                .setConfigProp(listener + "ssl.keystore.password", STORE_PASSWORD)
                .setConfigProp(listener + "ssl.key.password", STORE_PASSWORD)
                .setConfigProp(listener + "ssl.truststore.location", truststore.toString())
                .setConfigProp(listener + "ssl.truststore.type", "PKCS12")
                .setConfigProp(listener + "ssl.truststore.password", STORE_PASSWORD)
                .setDeleteOnClose(true)
                .build();
        String jaas = System.getProperty("java.security.auth.login.config");
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            cluster.close();
            throw e;
        } finally {
            if (jaas == null) System.clearProperty("java.security.auth.login.config");
            else System.setProperty("java.security.auth.login.config", jaas);
        }
        return new SecureEmbeddedKafka(cluster, truststore);
    }

    String bootstrapServers() { return cluster.bootstrapServers(); }

    /** A client properties file for {@code --kafka-config}: TLS trusting this broker, SCRAM as {@code user}. */
    Path clientConfig(Path file, String user, String password) throws IOException {
        Files.writeString(file, String.join("\n",
                "# TLS to a broker whose certificate this trust store holds, and SCRAM-SHA-512 as " + user,
                "security.protocol=SASL_SSL",
                "sasl.mechanism=SCRAM-SHA-512",
                "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + user + "\" password=\"" + password + "\";",
                "ssl.truststore.location=" + truststore,
                "ssl.truststore.type=PKCS12",
                "ssl.truststore.password=" + STORE_PASSWORD, ""), StandardCharsets.UTF_8);
        return file;
    }

    @Override
    public void close() throws Exception { cluster.close(); }

    private static ApiMessageAndVersion scram(String user, String password) throws Exception {
        ScramCredential c = new ScramFormatter(ScramMechanism.SCRAM_SHA_512).generateCredential(password, 4096);
        return new ApiMessageAndVersion(new UserScramCredentialRecord().setName(user)
                .setMechanism(ScramMechanism.SCRAM_SHA_512.type()).setSalt(c.salt()).setStoredKey(c.storedKey())
                .setServerKey(c.serverKey()).setIterations(c.iterations()), (short) 0);
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(1, TimeUnit.MINUTES) || p.exitValue() != 0) throw new IllegalStateException("keytool " + args[0] + ": " + out);
    }
}
