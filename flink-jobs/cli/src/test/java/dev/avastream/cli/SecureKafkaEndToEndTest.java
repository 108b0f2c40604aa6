package dev.avastream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avastream.jobs.kafka.KafkaClientConfig;
import dev.avastream.testdata.SyntheticVideoGenerator;
import dev.avastream.testdata.SyntheticVideoSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --kafka-config} against a broker that takes only TLS with SASL/SCRAM-SHA-512
 * ({@link SecureEmbeddedKafka}): a whole run (topic creation, the feedback read, the job's exactly-once
 * sinks, the read-back) and {@code ava feedback} work with the right credentials; a wrong password is
 * an authentication failure said in words; no password is ever printed.
 */
class SecureKafkaEndToEndTest {
    @TempDir
    static Path dir;
    private static SecureEmbeddedKafka kafka;
    private static Path video;

    @BeforeAll
    static void secureBroker() throws Exception {
        kafka = SecureEmbeddedKafka.start(dir);
        video = dir.resolve("secure.mp4");
        SyntheticVideoGenerator.generate(SyntheticVideoSpec.builder().size(160, 90).fps(25).seed(5).gopFrames(25)
                .shotLengths(30, 40, 30).build(), video);
    }

    @AfterAll
    static void stop() throws Exception {
        if (kafka != null) kafka.close();
    }

    @Test
    void aRunOverTlsWithScramPublishesAndReadsBackItsResults() throws Exception {
        Path config = kafka.clientConfig(dir.resolve("client.properties"), SecureEmbeddedKafka.USER, SecureEmbeddedKafka.PASSWORD);
        Path summary = dir.resolve("summary.json");
        CliRun run = CliRun.of("run", "--bootstrap-servers", kafka.bootstrapServers(), "--kafka-config", config.toString(),
                "--video", video.toString(), "--title", "secure", "--summary-json", summary.toString(),
                "--set", "models.enabled=false", "--quiet");
        assertEquals(0, run.code(), run.err());
        JsonNode s = new ObjectMapper().readTree(summary.toFile());
        assertTrue(s.path("complete").asBoolean(), "complete: " + s);
        assertEquals(3, s.path("shots").size(), "the shots were published and read back: " + s.path("shots"));
        assertTrue(s.path("candidates").size() > 0, "candidates read back: " + s);
        assertNoSecret(run);

        CliRun feedback = CliRun.of("feedback", "--bootstrap-servers", kafka.bootstrapServers(), "--kafka-config",
                config.toString(), "--json");
        assertEquals(0, feedback.code(), feedback.err());
        assertEquals("ava.feedback", new ObjectMapper().readTree(feedback.out()).path("topic").asText());
        assertNoSecret(feedback);
    }

    @Test
    void aWrongPasswordIsAnAuthenticationFailureNotAHang() throws Exception {
        Path config = kafka.clientConfig(dir.resolve("wrong.properties"), SecureEmbeddedKafka.USER, "not-the-password-42");
        CliRun feedback = CliRun.of("feedback", "--bootstrap-servers", kafka.bootstrapServers(), "--kafka-config",
                config.toString());
        assertNotEquals(0, feedback.code(), feedback.out());
        assertTrue(feedback.err().toLowerCase().contains("authentication failed"), feedback.err());
        assertFalse(feedback.err().contains("not-the-password-42"), "the password was printed:\n" + feedback.err());
        assertNoSecret(feedback);
    }

    @Test
    void aClientConfigThatTriesToSetWhatAvaOwnsIsRefusedNamingFileAndKey() throws Exception {
        Path config = Files.writeString(dir.resolve("owned.properties"), "bootstrap.servers=elsewhere:9092\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KafkaClientConfig.load(config));
        assertTrue(e.getMessage().contains(config.toString()) && e.getMessage().contains("bootstrap.servers"), e.getMessage());
        CliRun missing = CliRun.of("feedback", "--bootstrap-servers", kafka.bootstrapServers(), "--kafka-config",
                dir.resolve("absent.properties").toString());
        assertEquals(AvaCli.EXIT_USAGE, missing.code(), missing.err());
        assertTrue(missing.err().contains("absent.properties: no such file"), missing.err());
    }

    private static void assertNoSecret(CliRun r) {
        for (String secret : new String[] {SecureEmbeddedKafka.PASSWORD, SecureEmbeddedKafka.STORE_PASSWORD}) {
            assertFalse(r.out().contains(secret) || r.err().contains(secret), "a secret was printed:\n" + r.out() + r.err());
        }
    }
}
