package dev.avastream.jobs.live;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Passes every record on as bytes: this step can never fail, whatever a producer wrote. */
public final class RawRecordDeserializer implements KafkaRecordDeserializationSchema<RawRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> r, Collector<RawRecord> out) {
        out.collect(new RawRecord(r.topic(), r.partition(), r.offset(), r.key(), r.value()));
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() { return TypeInformation.of(RawRecord.class); }
}
