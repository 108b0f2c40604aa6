package dev.avastream.cli.runtime;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The configuration behind {@code --prometheus-port} starts Flink's Prometheus endpoint in an embedded cluster. */
class PrometheusReporterTest {

    @Test
    void embeddedClusterServesMetricsForPrometheus() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Configuration conf = Configuration.fromMap(LocalFlink.prometheusReporter(port));
        try (MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(conf).setNumTaskManagers(1).setNumSlotsPerTaskManager(1).build())) {
            cluster.start();
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertTrue(r.body().contains("flink_jobmanager_"), "Flink metrics in Prometheus text format:\n"
                    + r.body().substring(0, Math.min(500, r.body().length())));
        }
    }

    @Test
    void aPortOutOfRangeIsRefusedNamingTheOption() {
        var e = assertThrows(IllegalArgumentException.class, () -> LocalFlink.prometheusReporter(70000));
        assertTrue(e.getMessage().contains("--prometheus-port"), e.getMessage());
    }
}
