package dev.avastream.models.text;

import dev.avastream.models.TestImages;
import dev.avastream.models.runtime.OnnxModel;
import dev.avastream.models.runtime.SessionSettings;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextDetectorTest {
    @Test
    void findsTheTextLinesOfTheScreenshotAndNoneOnThePhoto() {
        try (OnnxModel m = TestImages.store().open("ocr-det", SessionSettings.SINGLE_THREAD)) {
            TextDetector d = new TextDetector(m);
            List<TextRegion> cam = d.detect(TestImages.load("webcam.jpg"));
            // the black band below the picture (y > 1090) holds 8 lines of text, drawn left-aligned
            List<TextRegion> band = cam.stream().filter(t -> t.bounds().y() > 1090).toList();
            assertTrue(band.size() >= 7, cam.toString());
            for (TextRegion t : band) {
                assertTrue(t.bounds().width() > 3 * t.bounds().height(), "a text line is wide: " + t);
                assertTrue(t.bounds().height() < 40, "one line high: " + t);
            }
            // nothing on the man's face (x 330-590, y 200-500)
            assertTrue(cam.stream().noneMatch(t -> t.centerX() > 330 && t.centerX() < 590 && t.centerY() > 200 && t.centerY() < 500), cam.toString());
            assertEquals(List.of(), d.detect(TestImages.load("sample6.jpg")));
        }
    }
}
