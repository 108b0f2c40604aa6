package dev.avastream.jobs.kafka;

import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.schema.FrameAnnotation;
import dev.avastream.schema.FrameRecord;
import dev.avastream.schema.Shot;
import dev.avastream.schema.Still;
import dev.avastream.schema.TitleOutput;
import dev.avastream.schema.TransitionType;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** One sink, four topics: each record goes to its topic under its key, in single-object encoding. */
class TitleOutputSerializationTest {
    private final TitleOutputSerialization serializer = new TitleOutputSerialization(Topics.withPrefix("t"));

    @Test
    void updatesGoToTheCandidatesTopicKeyedByTitle() throws Exception {
        CandidateSetUpdate u = CandidateSetUpdate.newBuilder()
                .setRunId("r").setTitleId("movie").setSource("/m.mp4").setVersion(2).setChunksReceived(2)
                .setChunksAssembled(2).setChunkCount(4).setFramesProcessed(60).setShotsClosed(1).setPoolSize(3)
                .setComplete(false).setCandidates(List.of()).setEmittedAtMs(1L).build();
        ProducerRecord<byte[], byte[]> r = serializer.serialize(TitleOutput.newBuilder().setUpdate(u).build(), null, 5L);
        assertEquals("t.candidates", r.topic());
        assertEquals("movie", key(r));
        assertEquals(5L, r.timestamp());
        assertEquals(u, CandidateSetUpdate.fromByteBuffer(ByteBuffer.wrap(r.value())));
    }

    @Test
    void shotsGoToTheShotsTopicKeyedByTitle() throws Exception {
        Shot s = Shot.newBuilder().setRunId("r").setTitleId("movie").setIndex(0).setStartFrame(0).setEndFrame(9)
                .setStartUs(0).setEndUs(300_000).setTransitionIn(TransitionType.TITLE_START)
                .setTransitionOut(TransitionType.CUT).build();
        ProducerRecord<byte[], byte[]> r = serializer.serialize(TitleOutput.newBuilder().setShot(s).build(), null, null);
        assertEquals("t.shots", r.topic());
        assertEquals("movie", key(r));
        assertEquals(s, Shot.fromByteBuffer(ByteBuffer.wrap(r.value())));
    }

    @Test
    void stillsGoToTheStillsTopicKeyedByTitleAndFrame() throws Exception {
        Still s = Still.newBuilder().setRunId("r").setTitleId("movie").setFrameIndex(123).setTimeUs(4_100_000)
                .setJpeg(ByteBuffer.wrap(new byte[]{(byte) 0xFF, (byte) 0xD8})).setWidth(320).setHeight(180).build();
        ProducerRecord<byte[], byte[]> r = serializer.serialize(TitleOutput.newBuilder().setStill(s).build(), null, null);
        assertEquals("t.stills", r.topic());
        assertEquals("movie/123", key(r));
        assertEquals(s, Still.fromByteBuffer(ByteBuffer.wrap(r.value())));
    }

    @Test
    void framesGoToTheFramesTopicKeyedByTitleSoATitlesFramesShareAPartition() throws Exception {
        FrameAnnotation a = FrameAnnotation.newBuilder().setFrameIndex(123).setTimeUs(4_100_000).setBrightness(0.4)
                .setContrast(0.2).setColourfulness(0.3).setSharpness(0.5).setFaceCount(1).setShotType("CLOSE_UP").build();
        FrameRecord f = FrameRecord.newBuilder().setRunId("r").setTitleId("movie").setFrameIndex(123).setTimeUs(4_100_000)
                .setShotIndex(2).setAnnotation(a).build();
        ProducerRecord<byte[], byte[]> r = serializer.serialize(TitleOutput.newBuilder().setFrame(f).build(), null, 7L);
        assertEquals("t.frames", r.topic());
        assertEquals("movie", key(r));
        assertEquals(7L, r.timestamp());
        assertEquals(f, FrameRecord.fromByteBuffer(ByteBuffer.wrap(r.value())));
    }

    @Test
    void anEmptyOutputIsABug() {
        assertThrows(IllegalArgumentException.class, () -> serializer.serialize(new TitleOutput(), null, null));
    }

    private static String key(ProducerRecord<byte[], byte[]> r) {
        return new String(r.key(), StandardCharsets.UTF_8);
    }
}
