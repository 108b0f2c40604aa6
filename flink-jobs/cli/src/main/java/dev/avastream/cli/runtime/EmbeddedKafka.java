package dev.avastream.cli.runtime;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A single-node Kafka (KRaft, combined broker and controller) inside this JVM, built from the
 * kafka_2.13 Maven artifacts: no download, no separate process. Used by {@code demo}, by {@code run}
 * without {@code --bootstrap-servers}, and by the tests. Data lives in a temporary directory that is
 * deleted on close.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private final KafkaClusterTestKit cluster;

    private EmbeddedKafka(KafkaClusterTestKit cluster) { this.cluster = cluster; }

    /** Formats and starts the broker and waits until it accepts clients (a few seconds). */
    public static EmbeddedKafka start() throws Exception {
        Path dir = Files.createTempDirectory("ava-kafka-");
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .setBaseDirectory(dir)
                .build();
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "4")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("transaction.state.log.num.partitions", "4")
                .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "false")
                .setDeleteOnClose(true)
                .build();
        try {
            formatQuietly(cluster);
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return new EmbeddedKafka(cluster);
    }

    /**
     * Kafka's storage formatter prints its bootstrap metadata straight to standard output; on the
     * CLI that would land among the results, so it is captured and dropped (it fails loudly anyway).
     */
    private static void formatQuietly(KafkaClusterTestKit cluster) throws Exception {
        java.io.PrintStream out = System.out;
        synchronized (System.class) {
            System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            try {
                cluster.format();
            } finally {
                System.setOut(out);
            }
        }
    }

    public String bootstrapServers() { return cluster.bootstrapServers(); }

    @Override
    public void close() throws Exception { cluster.close(); }
}
