package dev.avastream.jobs.kafka;

import dev.avastream.operators.title.StillPublication;
import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.schema.FrameRecord;
import dev.avastream.schema.Shot;
import dev.avastream.schema.Still;
import dev.avastream.schema.TitleOutput;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;

/**
 * Routes what the title operator publishes to its topic, so one exactly-once sink (one transaction
 * per checkpoint) writes updates, shots, stills and frames: a read-committed consumer never sees an update
 * whose stills are not committed. Values in single-object encoding, like {@link AvroRecordSerialization}.
 * <ul>
 *   <li>a {@link CandidateSetUpdate} to {@link Topics#candidates()}, keyed by title id;</li>
 *   <li>a {@link Shot} to {@link Topics#shots()}, keyed by title id;</li>
 *   <li>a {@link Still} to {@link Topics#stills()}, keyed {@code <titleId>/<frameIndex>}
 *       ({@link StillPublication#key}), the key compaction keeps one still per frame by;</li>
 *   <li>a {@link FrameRecord} to {@link Topics#frames()}, keyed by title id: a title's frames lie in one
 *       partition, in the order they were folded (frame order).</li>
 * </ul>
 */
public final class TitleOutputSerialization implements KafkaRecordSerializationSchema<TitleOutput> {
    private static final long serialVersionUID = 1L;

    private final Topics topics;

    public TitleOutputSerialization(Topics topics) { this.topics = topics; }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(TitleOutput out, KafkaSinkContext context, Long timestamp) {
        if (out.getUpdate() != null) {
            CandidateSetUpdate u = out.getUpdate();
            return record(topics.candidates(), u.getTitleId(), AvroRecordSerialization.encode(u), timestamp);
        }
        if (out.getShot() != null) {
            Shot s = out.getShot();
            return record(topics.shots(), s.getTitleId(), AvroRecordSerialization.encode(s), timestamp);
        }
        if (out.getStill() != null) {
            Still s = out.getStill();
            return record(topics.stills(), StillPublication.key(s.getTitleId(), s.getFrameIndex()),
                    AvroRecordSerialization.encode(s), timestamp);
        }
        if (out.getFrame() != null) {
            FrameRecord f = out.getFrame();
            return record(topics.frames(), f.getTitleId(), AvroRecordSerialization.encode(f), timestamp);
        }
        throw new IllegalArgumentException("a TitleOutput with nothing set");
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, String key, byte[] value, Long timestamp) {
        return new ProducerRecord<>(topic, null, timestamp, key.getBytes(StandardCharsets.UTF_8), value);
    }
}
