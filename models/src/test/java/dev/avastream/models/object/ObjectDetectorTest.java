package dev.avastream.models.object;

import dev.avastream.models.TestImages;
import dev.avastream.models.runtime.OnnxModel;
import dev.avastream.models.runtime.SessionSettings;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

class ObjectDetectorTest {
    @Test
    void findsThePeopleInThePhotos() {
        try (OnnxModel m = TestImages.store().open("centernet", SessionSettings.SINGLE_THREAD)) {
            ObjectDetector d = new ObjectDetector(m);
            List<DetectedObject> six = d.detect(TestImages.load("sample6.jpg"));
            assertTrue(six.stream().filter(o -> o.label().equals("person")).count() >= 3, six.toString());
            List<DetectedObject> cam = d.detect(TestImages.load("webcam.jpg"));
            DetectedObject person = cam.stream().filter(o -> o.label().equals("person")).findFirst().orElseThrow(() -> new AssertionError(cam));
            // the man's face (around x 330-590, y 180-510) lies inside his person box
            assertTrue(person.box().x() < 330 && person.box().x() + person.box().width() > 590
                    && person.box().y() < 180 && person.box().y() + person.box().height() > 510, person.toString());
            for (DetectedObject o : six) assertTrue(o.score() >= 0.3 && o.box().area() > 0, o.toString());
        }
    }
}
