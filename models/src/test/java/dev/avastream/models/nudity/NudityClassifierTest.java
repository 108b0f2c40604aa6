package dev.avastream.models.nudity;

import dev.avastream.models.TestImages;
import dev.avastream.models.runtime.OnnxModel;
import dev.avastream.models.runtime.SessionSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NudityClassifierTest {
    @ParameterizedTest
    @ValueSource(strings = {"sample1.jpg", "sample5.jpg", "sample6.jpg", "webcam.jpg"})
    void clothedPeopleAreNotExplicit(String image) {
        try (OnnxModel m = TestImages.store().open("nsfw", SessionSettings.SINGLE_THREAD)) {
            NudityScores s = new NudityClassifier(m).classify(TestImages.load(image));
            double sum = s.probabilities().values().stream().mapToDouble(Double::doubleValue).sum();
            assertEquals(1.0, sum, 1e-3);
            assertTrue(s.explicit() < 0.05, s.toString());
            if (image.equals("webcam.jpg") || image.equals("sample6.jpg")) assertEquals("Neutral", s.top(), s.toString());
        }
    }
}
