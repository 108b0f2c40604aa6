package dev.avastream.cli.search;

import dev.avastream.cli.runtime.TopicReader;
import dev.avastream.schema.FrameRecord;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a title's analysed frames ({@link FrameRecord}s) are read from for search: the ava.frames
 * topic (read committed), or an Avro container file {@code ava run --frames-out} wrote (deflated, with
 * its schema, so any Avro reader opens it). A title's frames are those of its newest run there.
 */
public final class FrameStore {
    private FrameStore() {}

    /** A title's frames of one run. */
    public record TitleFrames(String titleId, String runId, List<FrameRecord> frames) {}

    /**
     * The newest run's frames of {@code titleId} on {@code topic}: a title's records share a partition
     * in the order they were written, so the last record's run is the newest.
     */
    public static TitleFrames fromKafka(String bootstrap, String topic, String titleId) {
        byte[] key = titleId.getBytes(StandardCharsets.UTF_8);
        Map<String, List<FrameRecord>> byRun = new LinkedHashMap<>();
        String[] newest = {null};
        try (TopicReader reader = new TopicReader(bootstrap, topic)) {
            reader.seek(Map.of());
            reader.drain(r -> {
                if (r.key() == null || !java.util.Arrays.equals(key, r.key())) return;
                FrameRecord f = decode(r.value());
                if (!f.getTitleId().equals(titleId)) return;
                byRun.computeIfAbsent(f.getRunId(), k -> new ArrayList<>()).add(f);
                newest[0] = f.getRunId();
            });
        }
        return newest[0] == null ? null : new TitleFrames(titleId, newest[0], byRun.get(newest[0]));
    }

    /** The frames of {@code titleId} in the file (its only title when null); null when absent. */
    public static TitleFrames fromFile(Path file, String titleId) throws IOException {
        Map<String, List<FrameRecord>> byTitle = new LinkedHashMap<>();
        Map<String, String> runOf = new LinkedHashMap<>();
        try (DataFileReader<FrameRecord> in = new DataFileReader<>(file.toFile(), new SpecificDatumReader<>(FrameRecord.class))) {
            for (FrameRecord f : in) {
                if (titleId != null && !titleId.equals(f.getTitleId())) continue;
                String run = runOf.get(f.getTitleId());
                if (run != null && !run.equals(f.getRunId())) byTitle.get(f.getTitleId()).clear(); // a newer run
                runOf.put(f.getTitleId(), f.getRunId());
                byTitle.computeIfAbsent(f.getTitleId(), k -> new ArrayList<>()).add(f);
            }
        }
        if (titleId == null) {
            if (byTitle.size() != 1) {
                throw new IllegalArgumentException(file + " holds the frames of " + byTitle.size() + " titles "
                        + byTitle.keySet() + ": name one with --title");
            }
            titleId = byTitle.keySet().iterator().next();
        }
        List<FrameRecord> frames = byTitle.get(titleId);
        return frames == null ? null : new TitleFrames(titleId, runOf.get(titleId), frames);
    }

    /**
     * Copies the run's frames from {@code topic} (from {@code start} on) into an Avro container file,
     * as they are read: the file holds every frame of every title of the run, in topic order.
     *
     * @return how many frames were written
     */
    public static long copyRun(String bootstrap, String topic, Map<TopicPartition, Long> start, String runId,
                               Duration settle, Path file) throws IOException {
        long[] n = {0};
        try (DataFileWriter<FrameRecord> out = new DataFileWriter<>(new SpecificDatumWriter<>(FrameRecord.class))) {
            out.setCodec(CodecFactory.deflateCodec(6));
            out.create(FrameRecord.getClassSchema(), file.toFile());
            IOException[] failed = {null};
            try (TopicReader reader = new TopicReader(bootstrap, topic)) {
                reader.seek(start);
                reader.drainSettled(settle, r -> {
                    FrameRecord f = decode(r.value());
                    if (!f.getRunId().equals(runId) || failed[0] != null) return;
                    try {
                        out.append(f);
                        n[0]++;
                    } catch (IOException e) {
                        failed[0] = e;
                    }
                });
            }
            if (failed[0] != null) throw failed[0];
        }
        return n[0];
    }

    static FrameRecord decode(byte[] bytes) {
        try {
            return FrameRecord.fromByteBuffer(ByteBuffer.wrap(bytes));
        } catch (IOException e) {
            throw new IllegalArgumentException("not an Avro FrameRecord: " + e.getMessage(), e);
        }
    }
}
