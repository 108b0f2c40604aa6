package dev.avastream.cli.live;

import dev.avastream.jobs.kafka.KafkaClientConfig;
import dev.avastream.decoders.ChunkCutter;
import dev.avastream.decoders.ChunkPlanner;
import dev.avastream.decoders.ChunkSpec;
import dev.avastream.decoders.VideoDecodeException;
import dev.avastream.decoders.VideoProbe;
import dev.avastream.decoders.VideoProber;
import dev.avastream.jobs.kafka.AvroRecordSerialization;
import dev.avastream.operators.chunk.ChunkProcessor;
import dev.avastream.schema.ChunkReady;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * Simulates a live ingest: cuts a video into chunk files ({@link ChunkCutter}: keyframe-aligned
 * packet copies with pre-roll and look-ahead context) and publishes a ChunkReady event per chunk when
 * the chunk would have been captured, then an end-of-title event with the chunk count.
 */
public final class LiveIngest {
    private LiveIngest() { }

    /** A title cut into chunk files, ready to publish. */
    public record Plan(String titleId, String source, VideoProbe probe, List<ChunkCutter.ChunkFile> files,
                       String profile) {
        /** The same plan, its events naming {@code profile} (empty: the live job's own). */
        public Plan withProfile(String p) { return new Plan(titleId, source, probe, files, p); }
    }

    /** Called after each event is published (chunk index, or -1 for the end of title). */
    public interface Listener {
        void published(ChunkReady event);
    }

    /** Plans the chunks like the file source does (same pre/post-roll, keyframe snapping) and cuts them. */
    public static Plan cut(Path video, String titleId, double chunkSeconds, Path outDir, ChunkProcessor.Config config)
            throws VideoDecodeException {
        VideoProbe probe = VideoProber.probe(video.toString());
        List<ChunkSpec> plan = ChunkPlanner.plan(titleId, probe, chunkSeconds,
                config.preRollFrames(probe.averageFps()), config.postRollFrames());
        String prefix = titleId.replaceAll("[^A-Za-z0-9._-]", "_");
        return new Plan(titleId, video.toString(), probe, ChunkCutter.cut(probe, plan, outDir, prefix), "");
    }

    public static ChunkReady event(Plan plan, ChunkCutter.ChunkFile f, long publishedAtMs) {
        return ChunkReady.newBuilder()
                .setTitleId(plan.titleId()).setSource(plan.source()).setChunkIndex(f.chunkIndex())
                .setUri(f.file().toAbsolutePath().toString()).setFirstFrame(f.firstFrame())
                .setPreRollFrames(f.preRollFrames()).setFrameCount(f.frameCount())
                .setPublishedAtMs(publishedAtMs).setEndOfTitle(false).setChunkCount(-1).setProfile(plan.profile())
                .build();
    }

    public static ChunkReady endOfTitle(Plan plan, long publishedAtMs) {
        return ChunkReady.newBuilder()
                .setTitleId(plan.titleId()).setSource(plan.source()).setChunkIndex(-1).setUri("")
                .setPublishedAtMs(publishedAtMs).setEndOfTitle(true).setChunkCount(plan.files().size())
                .setProfile(plan.profile()).build();
    }

    /** A producer for ChunkReady events (idempotent, acks=all, no batching delay). */
    public static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties p = KafkaClientConfig.properties(bootstrap);
        p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        p.setProperty(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Publishes one event, keyed by title, and waits for the broker's acknowledgement. */
    public static void send(KafkaProducer<byte[], byte[]> producer, String topic, ChunkReady event) throws Exception {
        producer.send(new ProducerRecord<>(topic, event.getTitleId().toString().getBytes(StandardCharsets.UTF_8),
                AvroRecordSerialization.encode(event))).get();
    }

    /**
     * Publishes the plan at {@code rate} times real speed (1.0: each chunk when its last frame would
     * have been captured, counted from now; 0: as fast as possible), then the end-of-title event.
     */
    public static void publish(Plan plan, String bootstrap, String topic, double rate, Listener listener)
            throws Exception {
        if (rate < 0) throw new IllegalArgumentException("rate must not be negative: " + rate);
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            long t0 = System.nanoTime();
            for (ChunkCutter.ChunkFile f : plan.files()) {
                if (rate > 0) sleepUntil(t0 + (long) (f.readyAtUs() * 1000 / rate));
                ChunkReady e = event(plan, f, System.currentTimeMillis());
                send(producer, topic, e);
                if (listener != null) listener.published(e);
            }
            ChunkReady end = endOfTitle(plan, System.currentTimeMillis());
            send(producer, topic, end);
            if (listener != null) listener.published(end);
        }
    }

    /** Deletes a directory of chunk files (and anything else in it); quietly best-effort. */
    public static void deleteRecursively(Path dir) {
        if (dir == null || !java.nio.file.Files.exists(dir)) return;
        try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException ignored) {
            // temporary files: the OS cleans up what is left
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait;
        while ((wait = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
