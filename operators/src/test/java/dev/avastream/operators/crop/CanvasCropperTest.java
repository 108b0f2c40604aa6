package dev.avastream.operators.crop;

import dev.avastream.operators.annotate.AnalysedFrame;
import dev.avastream.schema.CanvasCrop;
import dev.avastream.schema.FaceAnnotation;
import dev.avastream.schema.FrameAnnotation;
import dev.avastream.schema.ObjectAnnotation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CanvasCropperTest {

    private final CanvasCropper cropper = new CanvasCropper();

    @Test
    void everyCropHasItsCanvasAspectInPixelsAndLiesInTheFrame() {
        int[][] frames = {{640, 360}, {1920, 1080}, {1920, 800}, {720, 576}, {480, 640}, {1080, 1920}, {321, 181}};
        for (int[] size : frames) {
            List<CanvasCrop> crops = cropper.crops(frame(face(0.6, 0.2, 0.1, 0.2, 0)), size[0], size[1]);
            assertEquals(Canvas.values().length, crops.size());
            for (CanvasCrop c : crops) {
                Canvas canvas = Canvas.named(c.getCanvas());
                CanvasCropper.PixelBox box = CanvasCropper.pixels(c, size[0], size[1]);
                assertTrue(box.x() >= 0 && box.y() >= 0 && box.x() + box.width() <= size[0]
                        && box.y() + box.height() <= size[1], c.getCanvas() + " outside " + size[0] + "x" + size[1] + ": " + box);
                // Whole pixels: the aspect is exact up to one pixel of the shorter side's rounding.
                double err = Math.abs((double) box.width() / box.height() - canvas.aspect());
                assertTrue(err <= 1.0 / Math.min(box.width(), box.height()) + 1e-9,
                        c.getCanvas() + " on " + size[0] + "x" + size[1] + " is " + box.width() + "x" + box.height());
                // And the largest such box: one side is the frame's.
                assertTrue(box.width() == size[0] || box.height() == size[1], c.getCanvas() + " is not the largest box");
            }
        }
    }

    @Test
    void noCropCutsAFaceWheneverSomePlacementAvoidsIt() {
        Random random = new Random(12);
        int avoided = 0;
        for (int trial = 0; trial < 400; trial++) {
            List<FaceAnnotation> faces = new ArrayList<>();
            int n = 1 + random.nextInt(4);
            for (int i = 0; i < n; i++) {
                double w = 0.03 + random.nextDouble() * 0.22, h = w * 16 / 9;
                faces.add(face(random.nextDouble() * (1 - w), random.nextDouble() * (1 - h), w, h,
                        random.nextDouble() * 80 - 40));
            }
            FrameAnnotation a = frame(faces.toArray(FaceAnnotation[]::new));
            for (CanvasCrop c : cropper.crops(a, 640, 360)) {
                int cut = 0;
                for (FaceAnnotation f : faces) if (CanvasCropper.cuts(c, f)) cut++;
                assertEquals(cut, c.getFacesCut(), "facesCut must say what the box does, trial " + trial);
                if (someOffsetCutsNoFace(faces, c)) {
                    assertEquals(0, cut, "trial " + trial + ": the " + c.getCanvas() + " crop at x=" + c.getX()
                            + " cuts a face though a placement that cuts none exists");
                    avoided++;
                }
                assertTrue(c.getFacesInside() + cut <= faces.size());
            }
        }
        assertTrue(avoided > 1000, "the random faces should mostly be avoidable: " + avoided);
    }

    @Test
    void aFaceLookingOneWayGetsRoomOnThatSide() {
        // The face sits at the centre; in a 2:3 crop it goes on the third that leaves room where it looks.
        CanvasCrop lookingLeft = cropper.crop(frame(face(0.45, 0.2, 0.1, 0.25, 35)), 16.0 / 9, Canvas.BOX_ART);
        CanvasCrop lookingRight = cropper.crop(frame(face(0.45, 0.2, 0.1, 0.25, -35)), 16.0 / 9, Canvas.BOX_ART);
        double leftAt = (0.5 - lookingLeft.getX()) / lookingLeft.getWidth();
        double rightAt = (0.5 - lookingRight.getX()) / lookingRight.getWidth();
        assertEquals(2.0 / 3, leftAt, 0.02, "a face turned to image left sits on the right third");
        assertEquals(1.0 / 3, rightAt, 0.02, "a face turned to image right sits on the left third");
        assertEquals("FACE", lookingLeft.getSubject());
        assertEquals(1, lookingLeft.getFacesInside());
    }

    @Test
    void aNarrowCanvasKeepsTheLargerOfTwoFacesAndLeavesTheOtherWhole() {
        FaceAnnotation lead = face(0.62, 0.2, 0.16, 0.3, 0), extra = face(0.1, 0.3, 0.08, 0.15, 0);
        CanvasCrop c = cropper.crop(frame(lead, extra), 16.0 / 9, Canvas.SQUARE);
        assertFalse(CanvasCropper.cuts(c, lead));
        assertFalse(CanvasCropper.cuts(c, extra));
        assertTrue(c.getX() <= lead.getX() && c.getX() + c.getWidth() >= lead.getX() + lead.getWidth(), "the lead is in");
        assertEquals(1, c.getFacesInside());
    }

    @Test
    void aFaceWiderThanTheCanvasIsReportedCutNotHidden() {
        FaceAnnotation huge = face(0.2, 0.05, 0.5, 0.9, 0); // an extreme close-up: wider than a 2:3 crop (0.375)
        CanvasCrop c = cropper.crop(frame(huge), 16.0 / 9, Canvas.BOX_ART);
        assertEquals(1, c.getFacesCut());
        assertTrue(CanvasCropper.cuts(c, huge));
    }

    @Test
    void withoutFacesAPersonAndThenTheSalientRegionPlaceTheCrop() {
        FrameAnnotation person = frame();
        person.setObjects(List.of(ObjectAnnotation.newBuilder().setLabel("person").setClassIndex(0).setScore(0.9)
                .setX(0.75).setY(0.1).setWidth(0.15).setHeight(0.8).build()));
        CanvasCrop p = cropper.crop(person, 16.0 / 9, Canvas.BOX_ART);
        assertEquals("PERSON", p.getSubject());
        assertTrue(p.getX() <= 0.75 && p.getX() + p.getWidth() >= 0.9, "the person is kept whole: " + p.getX());

        FrameAnnotation salient = AnalysedFrame.blankAnnotation(1, 0);
        salient.setSaliencyCentroidX(0.1);
        salient.setSaliencyCentroidY(0.5);
        CanvasCrop s = cropper.crop(salient, 16.0 / 9, Canvas.SQUARE);
        assertEquals("SALIENCY", s.getSubject());
        assertEquals(0, s.getX(), 1e-9, "a subject at the left edge pulls the crop to it");

        CanvasCrop none = cropper.crop(AnalysedFrame.blankAnnotation(2, 0), 16.0 / 9, Canvas.SQUARE);
        assertEquals("NONE", none.getSubject());
        assertEquals((1 - none.getWidth()) / 2, none.getX(), 1e-9, "nothing to place: centred");
    }

    @Test
    void aWideCanvasOnATallFrameSlidesVerticallyAndKeepsTheFace() {
        FaceAnnotation f = face(0.3, 0.55, 0.3, 0.15, 0);
        CanvasCrop c = cropper.crop(frame(f), 9.0 / 16, Canvas.HERO);
        assertEquals(0, c.getX(), 1e-12);
        assertEquals(1, c.getWidth(), 1e-12);
        assertFalse(CanvasCropper.cuts(c, f));
        assertEquals(1, c.getFacesInside());
    }

    @Test
    void everyPlacementSaysWhyWithComponentsThatSumToItsScore() {
        CanvasCrop c = cropper.crop(frame(face(0.6, 0.2, 0.1, 0.2, 0)), 16.0 / 9, Canvas.PORTRAIT);
        double sum = c.getComponents().stream().mapToDouble(x -> x.getContribution()).sum();
        assertEquals(c.getScore(), sum, 1e-9);
        assertTrue(c.getComponents().stream().anyMatch(x -> x.getName().equals(CanvasCropper.FACES_KEPT)));
    }

    @Test
    void cropsStayInsideLetterboxAndPillarboxBars() {
        // a 2.39:1 film in a 1920x1080 stream: bars of 138 rows top and bottom
        FrameAnnotation film = frame(face(0.62, 0.35, 0.08, 0.2, 0));
        film.setBarTop(138 / 1080.0);
        film.setBarBottom(138 / 1080.0);
        film.setBarLeft(0.0);
        film.setBarRight(0.0);
        // a 4:3 picture in a 1920x1080 stream: bars of 240 columns left and right
        FrameAnnotation tv = frame(face(0.45, 0.3, 0.1, 0.25, 0));
        tv.setBarTop(0.0);
        tv.setBarBottom(0.0);
        tv.setBarLeft(240 / 1920.0);
        tv.setBarRight(240 / 1920.0);
        for (FrameAnnotation a : List.of(film, tv)) {
            double x0 = a.getBarLeft(), x1 = 1 - a.getBarRight(), y0 = a.getBarTop(), y1 = 1 - a.getBarBottom();
            for (CanvasCrop c : cropper.crops(a, 1920, 1080)) {
                assertTrue(c.getX() >= x0 - 1e-9 && c.getX() + c.getWidth() <= x1 + 1e-9
                        && c.getY() >= y0 - 1e-9 && c.getY() + c.getHeight() <= y1 + 1e-9, c.getCanvas() + " leaves the picture: " + c);
                CanvasCropper.PixelBox box = CanvasCropper.pixels(c, 1920, 1080);
                assertEquals(Canvas.named(c.getCanvas()).aspect(), (double) box.width() / box.height(),
                        1.0 / Math.min(box.width(), box.height()) + 1e-9, c.getCanvas() + " " + box);
                assertTrue(box.y() >= Math.round(y0 * 1080) - 1 && box.y() + box.height() <= Math.round(y1 * 1080) + 1, box.toString());
                assertTrue(box.x() >= Math.round(x0 * 1920) - 1 && box.x() + box.width() <= Math.round(x1 * 1920) + 1, box.toString());
                // the largest box of its aspect in the picture: one side is the picture's
                assertTrue(Math.abs(box.height() - (y1 - y0) * 1080) <= 1 || Math.abs(box.width() - (x1 - x0) * 1920) <= 1,
                        c.getCanvas() + " " + box);
                assertEquals(1, c.getFacesInside(), c.getCanvas());
            }
        }
        CanvasCrop hero = cropper.crop(film, 16.0 / 9, Canvas.HERO);
        assertEquals(1 - 2 * 138 / 1080.0, hero.getHeight(), 1e-9, "16:9 of a 2.39:1 picture: its full height");
        assertTrue(hero.getWidth() < 1);
    }

    /** Brute force: is there a position of this crop's size, along its free axis, that cuts no face? */
    private static boolean someOffsetCutsNoFace(List<FaceAnnotation> faces, CanvasCrop c) {
        boolean across = c.getHeight() >= 1 - 1e-9;
        double length = across ? c.getWidth() : c.getHeight();
        for (int i = 0; i <= 4000; i++) {
            double p = (1 - length) * i / 4000.0;
            CanvasCrop at = CanvasCrop.newBuilder(c).setX(across ? p : 0).setY(across ? 0 : p).build();
            if (faces.stream().noneMatch(f -> CanvasCropper.cuts(at, f))) return true;
        }
        return false;
    }

    private static FaceAnnotation face(double x, double y, double w, double h, double yaw) {
        return FaceAnnotation.newBuilder().setX(x).setY(y).setWidth(w).setHeight(h).setScore(0.9).setShare(w * h)
                .setYaw(yaw).setPitch(0).setRoll(0).setEyeOpenness(0.3).setEyesOpen(true).setMouthOpenness(0)
                .setMouthOpen(false).setExpression("neutral").build();
    }

    private static FrameAnnotation frame(FaceAnnotation... faces) {
        FrameAnnotation a = AnalysedFrame.blankAnnotation(0, 0);
        a.setFaces(new ArrayList<>(List.of(faces)));
        a.setFaceCount(faces.length);
        a.setModelFrame("CANDIDATE");
        return a;
    }
}
