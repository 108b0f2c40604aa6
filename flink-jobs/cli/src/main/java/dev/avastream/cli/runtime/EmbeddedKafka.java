package dev.avastream.cli.runtime;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A single-node Kafka (KRaft, combined broker and controller) inside this JVM, built from the
 * kafka_2.13 Maven artifacts: no download, no separate process. Used by {@code demo}, by {@code run}
 * without {@code --bootstrap-servers}, and by the tests. Data lives in a temporary directory that is
 * deleted on close, or, for a resumable run ({@link #startIn}), in a directory of the caller's that
 * outlives the process and the broker.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private final KafkaClusterTestKit cluster;

    private EmbeddedKafka(KafkaClusterTestKit cluster) { this.cluster = cluster; }

    /** Formats and starts the broker and waits until it accepts clients (a few seconds). */
    public static EmbeddedKafka start() throws Exception {
        return start(Files.createTempDirectory("ava-kafka-"), Uuid.randomUuid().toString(), true, true);
    }

    /**
     * A broker whose data stays in {@code dir} when it stops, or when the process is killed: started on
     * it again, it has every committed record (and the transaction log) it had. The cluster id is kept
     * beside the data, since a broker refuses a log directory formatted for another cluster.
     */
    public static EmbeddedKafka startIn(Path dir) throws Exception {
        Files.createDirectories(dir);
        Path idFile = dir.resolve("cluster-id");
        boolean formatted = Files.isRegularFile(idFile);
        String clusterId = formatted ? Files.readString(idFile).trim() : Uuid.randomUuid().toString();
        EmbeddedKafka kafka = start(dir, clusterId, !formatted, false);
        // Written once the broker has started on the formatted directory: a process killed while
        // formatting leaves no id, and the next start formats again.
        if (!formatted) Files.writeString(idFile, clusterId);
        return kafka;
    }

    private static EmbeddedKafka start(Path dir, String clusterId, boolean format, boolean deleteOnClose)
            throws Exception {
        if (format) wipeLogDirectories(dir);
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .setBaseDirectory(dir)
                .setClusterId(clusterId)
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
                .setDeleteOnClose(deleteOnClose)
                .build();
        try {
            if (format) formatQuietly(cluster);
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return new EmbeddedKafka(cluster);
    }

    /** What a start cut short while formatting left (no cluster id written yet): formatted afresh. */
    private static void wipeLogDirectories(Path dir) throws java.io.IOException {
        try (java.util.stream.Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.filter(Files::isDirectory).toList()) RunDirectory.deleteTree(p);
        }
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
