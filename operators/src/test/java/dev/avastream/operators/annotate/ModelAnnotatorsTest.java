package dev.avastream.operators.annotate;

import dev.avastream.operators.TestPhotos;

import dev.avastream.models.image.Box;
import dev.avastream.schema.FrameAnnotation;
import dev.avastream.schema.ObjectAnnotation;
import dev.avastream.schema.TextAnnotation;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The object, text and nudity annotators, each with a case where the answer is known to be there
 * and one where it is known not to be: real photos (models' SOURCES.md) and drawn pictures.
 */
class ModelAnnotatorsTest {

    private static Mat flat(int b, int g, int r) {
        return new Mat(180, 320, CV_8UC3, new Scalar(b, g, r, 0));
    }

    @Test
    void findsThePeopleOfAGroupPhotoAndNothingOnAnEmptyWall() {
        try (AnnotatorRun run = new AnnotatorRun(new ObjectAnnotator(ObjectAnnotator.Params.defaults()));
             Mat five = TestPhotos.photo("sample5.jpg", 320); Mat wall = flat(120, 130, 140)) {
            FrameAnnotation a = run.annotate(five);
            System.out.println("sample5 objects: " + a.getObjects().stream().map(o -> o.getLabel() + " " + Math.round(o.getScore() * 100)).toList()
                    + " persons " + a.getPersonCount() + " tallest " + a.getLargestPersonHeight());
            assertTrue(a.getPersonCount() >= 4, "sample5 shows five people: " + a.getPersonCount());
            assertEquals(a.getObjects().stream().filter(o -> o.getLabel().equals("person")).count(), a.getPersonCount());
            for (ObjectAnnotation o : a.getObjects()) {
                assertTrue(o.getScore() >= ObjectAnnotator.Params.defaults().minScore());
                assertTrue(o.getWidth() > 0 && o.getHeight() > 0 && o.getX() > -0.1 && o.getX() + o.getWidth() < 1.1, o.toString());
            }
            assertTrue(a.getLargestPersonHeight() > 0.3 && a.getLargestPersonHeight() <= 1.0, "tallest " + a.getLargestPersonHeight());

            FrameAnnotation empty = run.annotate(wall);
            assertEquals(0, empty.getPersonCount());
            assertEquals(0.0, empty.getLargestPersonHeight());
            assertTrue(empty.getObjects().isEmpty(), empty.getObjects().toString());
        }
    }

    @Test
    void measuresTheAreaOfATextOverlayAndFindsNoneWithoutText() {
        try (AnnotatorRun run = new AnnotatorRun(new TextAnnotator());
             Mat subtitled = flat(40, 60, 30); Mat plain = flat(40, 60, 30)) {
            // a textured background so "no text" is not just "nothing at all"
            for (int i = 0; i < 12; i++) {
                circle(plain, new Point(20 + 27 * i, 40 + (i % 3) * 40), 12, new Scalar(90 + 10 * i, 120, 200 - 8 * i, 0), FILLED, LINE_AA, 0);
                circle(subtitled, new Point(20 + 27 * i, 40 + (i % 3) * 40), 12, new Scalar(90 + 10 * i, 120, 200 - 8 * i, 0), FILLED, LINE_AA, 0);
            }
            // a burnt-in subtitle line in the bottom band: white on a dark box of known size
            rectangle(subtitled, new Point(40, 140), new Point(280, 172), new Scalar(0, 0, 0, 0), FILLED, LINE_AA, 0);
            putText(subtitled, "WHERE ARE YOU GOING", new Point(48, 163), FONT_HERSHEY_SIMPLEX, 0.6, new Scalar(255, 255, 255, 0), 2, LINE_AA, false);
            FrameAnnotation a = run.annotate(subtitled);
            System.out.println("text regions: " + a.getTextRegions() + " coverage " + a.getTextCoverage());
            assertTrue(a.getTextRegions().size() >= 1, "the subtitle is found");
            double box = (280 - 40) * (172 - 140) / (320.0 * 180);
            // the detected region hugs the letters, inside the dark box, and more than a sliver of it
            assertTrue(a.getTextCoverage() > 0.3 * box && a.getTextCoverage() < 1.5 * box,
                    "coverage " + a.getTextCoverage() + " vs the subtitle box " + box);
            for (TextAnnotation t : a.getTextRegions()) assertTrue(t.getY() > 0.6, "the text is in the bottom band: " + t);

            FrameAnnotation none = run.annotate(plain);
            assertTrue(none.getTextRegions().isEmpty(), none.getTextRegions().toString());
            assertEquals(0.0, none.getTextCoverage());
        }
    }

    @Test
    void coverageCountsOverlappingBoxesOnce() {
        assertEquals(0.25, TextAnnotator.coverage(List.of(new Box(0, 0, 0.5, 0.5)), 16 / 9.0), 0.01);
        assertEquals(0.25, TextAnnotator.coverage(List.of(new Box(0, 0, 0.5, 0.5), new Box(0.1, 0.1, 0.3, 0.3)), 16 / 9.0), 0.01);
        assertEquals(0.5, TextAnnotator.coverage(List.of(new Box(0, 0, 0.5, 0.5), new Box(0.5, 0.5, 0.5, 0.5)), 16 / 9.0), 0.01);
        assertEquals(1.0, TextAnnotator.coverage(List.of(new Box(-0.2, -0.2, 1.5, 1.5)), 16 / 9.0), 1e-9);
        assertEquals(0.0, TextAnnotator.coverage(List.of(), 16 / 9.0));
    }

    /**
     * The negative case: clothed people read Neutral, nothing explicit. The positive cases (animation
     * reads Drawing) are real film frames, in {@code RealClipsTest}: drawn test pictures do not pass for
     * a cartoon with this model.
     */
    @Test
    void nudityScoresClothedPeopleAsNeutral() {
        try (AnnotatorRun run = new AnnotatorRun(new NudityAnnotator()); Mat photo = TestPhotos.photo("sample6.jpg", 320)) {
            FrameAnnotation p = run.annotate(photo);
            assertEquals(5, p.getNudity().size());
            assertEquals(1.0, p.getNudity().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-3);
            assertEquals(p.getNudity().get("Porn") + p.getNudity().get("Hentai"), p.getNudityExplicit(), 1e-9);
            assertEquals(p.getNudity().get("Sexy"), p.getNuditySuggestive(), 1e-9);
            assertTrue(p.getNudityExplicit() < 0.1, "nothing explicit: " + p.getNudity());
            assertTrue(p.getNudity().get("Neutral") > 0.5, "four clothed women: " + p.getNudity());
            assertTrue(p.getNudity().get("Drawing") < 0.2, "a photo is no drawing: " + p.getNudity());
        }
    }
}
