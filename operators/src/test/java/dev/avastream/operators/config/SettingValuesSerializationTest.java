package dev.avastream.operators.config;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Setting values travel to Flink tasks inside the analysis configuration: they must arrive intact. */
class SettingValuesSerializationTest {

    @Test
    void chosenValuesSurviveJavaSerialization() throws Exception {
        SettingValues chosen = SettingValues.defaults()
                .with(Tunables.DOMINANT_COLOURS, 5)
                .with(Tunables.TOP_K, 7)
                .with(Tunables.CHECKPOINT_INTERVAL, Duration.ofMillis(750));
        SettingValues back = roundTrip(chosen);
        assertEquals(chosen, back);
        assertEquals(5, back.get(Tunables.DOMINANT_COLOURS));
        assertEquals(Duration.ofMillis(750), back.get(Tunables.CHECKPOINT_INTERVAL));
        assertEquals(Tunables.POOL_SIZE.defaultValue(), back.get(Tunables.POOL_SIZE));
    }

    @Test
    void defaultsStayTheDefaults() throws Exception {
        assertSame(SettingValues.defaults(), roundTrip(SettingValues.defaults()));
    }

    private static SettingValues roundTrip(SettingValues values) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(values);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (SettingValues) in.readObject();
        }
    }
}
