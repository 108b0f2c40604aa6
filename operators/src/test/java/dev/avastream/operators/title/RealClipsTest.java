package dev.avastream.operators.title;

import dev.avastream.operators.chunk.ChunkProcessor;
import dev.avastream.schema.FaceAnnotation;
import dev.avastream.schema.FrameAnnotation;
import dev.avastream.schema.Shot;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The model annotators on openly licensed film clips of ../shared/videos (see FILMS.md there), checked
 * by eye once (contact sheets of the model frames), then held to stable facts. Skipped, with a
 * message, where the clips are absent (a user's checkout); CI has them.
 */
class RealClipsTest {

    /** ../shared beside the checkout (tests run in the module directory), or -Dava.shared=DIR. */
    private static final Path VIDEOS = Path.of(System.getProperty("ava.shared", "../../shared"), "videos");

    private static InProcessTitleAnalysis.Result analyse(String file) throws Exception {
        Path clip = VIDEOS.resolve(file);
        Assumptions.assumeTrue(Files.isRegularFile(clip), "skipped: " + clip.toAbsolutePath() + " is absent (the shared film clips)");
        return InProcessTitleAnalysis.analyse(file, clip.toString(), 10, 2, ChunkProcessor.Config.defaults(),
                TitleAssembly.Params.defaults(), true);
    }

    private static void print(InProcessTitleAnalysis.Result r) {
        for (Shot s : r.shots()) {
            System.out.printf("shot %d frames %d-%d type %s camera %s model frames %d tracks %s max faces %d%n", s.getIndex(),
                    s.getStartFrame(), s.getEndFrame(), s.getShotType(), s.getCameraMotion(), s.getModelFrames(),
                    s.getFaceTracks(), s.getMaxFaces());
        }
        for (FrameAnnotation a : r.annotations()) {
            if (a.getModelFrame().equals("NONE")) continue;
            System.out.printf("  frame %d %s %s faces %s persons %d text %.3f drawing %.2f explicit %.2f%n", a.getFrameIndex(),
                    a.getModelFrame(), a.getShotType(),
                    a.getFaces().stream().map(f -> f.getTrackId() + String.format("(h%.2f %s)", f.getHeight(), f.getExpression())).toList(),
                    a.getPersonCount(), a.getTextCoverage(), a.getNudity().getOrDefault("Drawing", -1.0), a.getNudityExplicit());
        }
    }

    private static List<FrameAnnotation> modelFrames(InProcessTitleAnalysis.Result r) {
        return r.annotations().stream().filter(a -> !a.getModelFrame().equals("NONE")).toList();
    }

    /**
     * Sintel, 10 s, six shots: she faces the camera in the first two (checked by eye); in the others
     * people fight with their faces turned away or smeared by motion. Facts: faces on the model frames
     * of the first two shots, one track per shot (a track does not break up within a shot), a medium
     * shot or closer where the face is, and people (person boxes) where faces are not.
     */
    @Test
    void sintelFacesAreFoundAndTrackedThroughTheirShots() throws Exception {
        InProcessTitleAnalysis.Result r = analyse("sintel_clip03_10s.mp4");
        print(r);
        assertTrue(r.errors().isEmpty(), r.errors().toString());
        assertTrue(r.shots().size() >= 4, "the clip's shots: " + r.shots().size());
        for (Shot s : r.shots().subList(0, 2)) {
            assertTrue(s.getMaxFaces() >= 1, "shot " + s.getIndex() + " shows her face");
            assertEquals(1, s.getFaceTracks().size(), "one person, one track through shot " + s.getIndex());
            assertTrue(List.of("EXTREME_CLOSE_UP", "CLOSE_UP", "MEDIUM").contains(s.getShotType()), s.getShotType());
        }
        for (Shot s : r.shots()) {
            assertTrue(s.getModelFrames() >= 1, "every shot of a second or more has a model frame");
            assertTrue(s.getFaceTracks().size() <= Math.max(1, s.getMaxFaces()), "no track breaks up in shot " + s.getIndex());
        }
        long withPeople = modelFrames(r).stream().filter(a -> a.getPersonCount() > 0).count();
        assertTrue(withPeople >= modelFrames(r).size() / 2, "people in most model frames: " + withPeople);
        for (FrameAnnotation a : modelFrames(r)) {
            for (FaceAnnotation f : a.getFaces()) assertTrue(f.getTrackId() >= 0, "every face is tracked");
        }
    }

    /**
     * The positive cases of text and of the nudity classifier's Drawing class: Big Buck Bunny is
     * animation and ends on its title card. Each must also be absent where it is: no text before the
     * card, and a photo reads as no drawing (ModelAnnotatorsTest).
     */
    @Test
    void animationReadsAsADrawingAndTheTitleCardAsText() throws Exception {
        InProcessTitleAnalysis.Result r = analyse("bbb_0_30s.webm");
        print(r);
        List<FrameAnnotation> frames = modelFrames(r);
        assertTrue(frames.stream().filter(a -> a.getNudity().get("Drawing") > 0.8).count() >= 3, "animation reads as a drawing");
        double fps = 24;
        for (FrameAnnotation a : frames) {
            if (a.getFrameIndex() < 20 * fps) assertEquals(0.0, a.getTextCoverage(), "no text before the card, frame " + a.getFrameIndex());
        }
        assertTrue(frames.stream().anyMatch(a -> a.getFrameIndex() > 25 * fps && a.getTextCoverage() > 0.1),
                "the title card's lettering covers a tenth of the frame or more");
        assertTrue(r.shots().stream().allMatch(s -> s.getShotType().equals("NO_PEOPLE") || s.getShotType().equals("EXTREME_LONG")),
                "no people: a rabbit, a bird and a squirrel (COCO's 'bird' is an object, not a person)");
    }
}
