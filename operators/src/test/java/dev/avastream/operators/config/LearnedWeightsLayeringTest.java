package dev.avastream.operators.config;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Weights learned from curator feedback sit over a profile's own, under what was set explicitly. */
class LearnedWeightsLayeringTest {

    private static final SettingValues LEARNED = SettingValues.defaults().withLearned("drama", List.of(
            new ProfileDefault<>(Tunables.COLOURFULNESS_WEIGHT, 1.75, "learned from 12 curator marks"),
            new ProfileDefault<>(Tunables.FACE_WEIGHT, 3.5, "learned from 12 curator marks")));

    @Test
    void aTitleOfTheProfileIsScoredWithTheLearnedWeightsOthersAreNot() {
        SettingValues drama = WeightProfile.forTitle(LEARNED, "drama");
        assertEquals(1.75, drama.get(Tunables.COLOURFULNESS_WEIGHT));
        assertEquals(3.5, drama.get(Tunables.FACE_WEIGHT), "over the drama profile's own 3.0");
        assertEquals(1.0, drama.get(Tunables.PLACEMENT_WEIGHT), "the profile's own where nothing was learned");
        SettingValues action = WeightProfile.forTitle(LEARNED, "action");
        assertEquals(Tunables.COLOURFULNESS_WEIGHT.defaultValue(), action.get(Tunables.COLOURFULNESS_WEIGHT));
        assertEquals(Tunables.FACE_WEIGHT.defaultValue(), action.get(Tunables.FACE_WEIGHT));
    }

    @Test
    void anExplicitValueStillWins() {
        SettingValues drama = WeightProfile.forTitle(LEARNED.with(Tunables.FACE_WEIGHT, 0.5), "drama");
        assertEquals(0.5, drama.get(Tunables.FACE_WEIGHT));
        assertEquals(1.75, drama.get(Tunables.COLOURFULNESS_WEIGHT));
    }

    @Test
    void theLearnedWeightsTravelWithTheValuesToTheTasks() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(LEARNED.with(Tunables.TOP_K, 7));
        }
        SettingValues back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (SettingValues) in.readObject();
        }
        assertEquals(LEARNED.with(Tunables.TOP_K, 7), back);
        assertEquals(1.75, WeightProfile.forTitle(back, "drama").get(Tunables.COLOURFULNESS_WEIGHT));
        assertEquals("learned from 12 curator marks", back.learned("drama").get(0).reason());
    }

    @Test
    void anUnknownProfileIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SettingValues.defaults().withLearned("noir", List.of()));
    }
}
