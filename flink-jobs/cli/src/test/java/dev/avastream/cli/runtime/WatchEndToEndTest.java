package dev.avastream.cli.runtime;

import dev.avastream.jobs.PipelineOptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avastream.cli.AvaCli;
import dev.avastream.cli.WatchCommand;
import dev.avastream.jobs.kafka.TopicAdmin;
import dev.avastream.jobs.kafka.Topics;
import dev.avastream.jobs.source.ChunkSourceOptions;
import dev.avastream.jobs.source.TitleInput;
import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.testdata.SyntheticVideoGenerator;
import dev.avastream.testdata.SyntheticVideoSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ava watch} on a real run's candidate updates, with another title's and a damaged record in between. */
class WatchEndToEndTest {
    @TempDir
    static Path dir;
    static String bootstrap;

    @RegisterExtension
    static final org.junit.jupiter.api.extension.BeforeAllCallback KAFKA = ctx -> bootstrap = EmbeddedKafkaExtension.bootstrap(ctx);

    @Test
    @org.junit.jupiter.api.Timeout(600) // a guard against hanging CI, not a timing assertion
    void printsEachUpdateOfTheTitleAsJsonAndAsLinesAndSkipsBadRecords() throws Exception {
        Path video = dir.resolve("watch.mp4");
        SyntheticVideoGenerator.generate(SyntheticVideoSpec.builder()
                .size(320, 180).fps(30).seed(3).gopFrames(30).shotLengths(30, 45, 45).build(), video);
        PipelineOptions p = PipelineOptions.defaults().withParallelism(2)
                .withChunks(new ChunkSourceOptions(1.0, 0)).withCheckpointInterval(Duration.ofMillis(300));
        RunOutcome outcome = AvaRunner.run(List.of(new TitleInput("watched", video.toString())),
                AvaRunner.Settings.defaults().withBootstrap(bootstrap).withPipeline(p).withRestartAttempts(0), null);
        TitleOutcome title = outcome.titles().get("watched");
        assertNotNull(title);
        List<CandidateSetUpdate> updates = title.updates();
        assertTrue(updates.size() >= 3, "several versions: " + updates.size());

        Topics topics = Topics.withPrefix("watch-test");
        TopicAdmin.ensureTopics(bootstrap, topics, 2);
        Properties pp = new Properties();
        pp.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(pp, new StringSerializer(), new ByteArraySerializer())) {
            // one at a time, each acknowledged, to fixed partitions: the order the consumer must see
            producer.send(new ProducerRecord<>(topics.candidates(), 0, "watched", "not avro".getBytes(StandardCharsets.UTF_8))).get();
            for (CandidateSetUpdate u : updates) {
                CandidateSetUpdate other = CandidateSetUpdate.newBuilder(u).setTitleId("other").build();
                producer.send(new ProducerRecord<>(topics.candidates(), 1, "other", bytes(other.toByteBuffer()))).get();
                producer.send(new ProducerRecord<>(topics.candidates(), 0, "watched", bytes(u.toByteBuffer()))).get();
            }
        }

        System.setProperty("ava.feed.debug", "true"); // the feed names the offsets it starts from
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        PrintStream errTee = new PrintStream(new java.io.OutputStream() {
            @Override public void write(int b) { err.write(b); System.err.write(b); }
        }, true, StandardCharsets.UTF_8);
        PrintStream outTee = new PrintStream(new java.io.OutputStream() {
            @Override public void write(int b) { out.write(b); System.out.write(b); }
        }, true, StandardCharsets.UTF_8);
        int code = WatchCommand.watch(bootstrap, topics.candidates(), "watched", true, true, updates.size(), outTee, errTee);
        assertEquals(AvaCli.EXIT_OK, code);
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(updates.size(), lines.length, out.toString(StandardCharsets.UTF_8));
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < lines.length; i++) {
            JsonNode o = json.readTree(lines[i]);
            CandidateSetUpdate u = updates.get(i);
            assertEquals("watched", o.get("titleId").asText());
            assertEquals(u.getVersion(), o.get("version").asLong());
            assertEquals(u.getComplete(), o.get("complete").asBoolean());
            assertEquals(u.getFramesProcessed(), o.get("framesProcessed").asLong());
            assertEquals(u.getCandidates().size(), o.get("candidates").size());
            for (int k = 0; k < u.getCandidates().size(); k++) {
                assertEquals(u.getCandidates().get(k).getFrameIndex(), o.get("candidates").get(k).get("frameIndex").asLong());
            }
            assertEquals(u.getAdded().size(), o.get("added").size());
        }
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("skipping record watch-test.candidates/"),
                "the damaged record is named: " + err);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("CandidateSetUpdate"), err.toString());

        // readable lines: title, version, progress, top-3 with scores, added/removed
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        WatchCommand.watch(bootstrap, topics.candidates(), "watched", false, true, updates.size(),
                new PrintStream(text, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        String[] readable = text.toString(StandardCharsets.UTF_8).split("\n");
        CandidateSetUpdate last = updates.get(updates.size() - 1);
        assertEquals(WatchCommand.line(last), readable[readable.length - 1]);
        String expectedStart = String.format(java.util.Locale.ROOT, "watched v%d  chunks %d/%d  frames %d/%d (100%%)  top %d %.3f, ",
                last.getVersion(), last.getChunksAssembled(), last.getChunkCount(), last.getFramesProcessed(),
                last.getTitleFrameCount(), last.getCandidates().get(0).getFrameIndex(), last.getCandidates().get(0).getScore());
        assertTrue(readable[readable.length - 1].startsWith(expectedStart), readable[readable.length - 1]);
        assertTrue(readable[readable.length - 1].endsWith("complete"), readable[readable.length - 1]);
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }
}
