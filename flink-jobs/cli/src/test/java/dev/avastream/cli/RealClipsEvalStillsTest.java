package dev.avastream.cli;

import dev.avastream.cli.export.ContactSheet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ava eval-stills} on the film clips of ../shared/videos (2-second chunks), holding only what a
 * person confirmed on the contact sheets (2026-12-06). Seen there and deliberately not asserted: on
 * bbb frame 38, a hazy frame of a 14-frame shot inside the opening fade, is still chosen (flagged
 * blurred); on popeye three stills of the ship under the bird (shots 1 and 3) look alike
 * to a person though their appearance distance is above the floor. Skipped, with a message, where the
 * clips are absent.
 */
class RealClipsEvalStillsTest {
    private static final Path VIDEOS = Path.of(System.getProperty("ava.shared", "../../../shared"), "videos"); // beside the checkout: flink-jobs/cli is two deep

    @TempDir
    Path dir;

    private JsonNode evalStills(String file) throws Exception {
        Path clip = VIDEOS.resolve(file);
        Assumptions.assumeTrue(Files.isRegularFile(clip), "skipped: " + clip.toAbsolutePath() + " is absent (the shared film clips)");
        Path sheet = dir.resolve(file + ".png");
        CliRun r = CliRun.of("eval-stills", "--video", clip.toString(), "--chunk-seconds", "2", "--sheet", sheet.toString(),
                "--json", "-q");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        BufferedImage png = ImageIO.read(sheet.toFile());
        int rows = (j.get("stills").asInt() + ContactSheet.PER_ROW - 1) / ContactSheet.PER_ROW;
        assertEquals(ContactSheet.PER_ROW * ContactSheet.TILE_WIDTH, png.getWidth());
        assertEquals(0, png.getHeight() % rows, "one row of tiles per " + ContactSheet.PER_ROW + " stills");
        return j;
    }

    /** Sintel: stills from all six shots, none in a transition, none black, no two alike (seen by eye). */
    @Test
    void sintel() throws Exception {
        JsonNode j = evalStills("sintel_clip03_10s.mp4");
        assertEquals(0, j.at("/finalSet/transition/faulty").asInt(), j.toString());
        assertEquals(0, j.at("/finalSet/black/faulty").asInt(), j.toString());
        assertEquals(0, j.at("/finalSet/near-duplicate/faulty").asInt(), j.toString());
        assertTrue(j.at("/coverage/shotsCovered").asInt() >= 6, j.toString());
    }

    /**
     * Big Buck Bunny: a still from every shot but the black opening (frames 0-30, none bright enough to
     * be a still), the title shot included though its lettered frames are excluded as a title card
     * (its clean frames before the title fades in), no two alike, no lettering (seen by eye).
     */
    @Test
    void bigBuckBunny() throws Exception {
        JsonNode j = evalStills("bbb_0_30s.webm");
        assertEquals(0, j.at("/finalSet/near-duplicate/faulty").asInt(), j.toString());
        assertEquals(0, j.at("/finalSet/text-heavy/faulty").asInt(), j.toString());
        assertEquals(0, j.at("/finalSet/black/faulty").asInt(), j.toString());
        assertTrue(j.at("/coverage/shotsCovered").asInt() >= j.at("/coverage/shotsFound").asInt() - 1, j.toString());
        assertTrue(j.at("/coverage/durationShare").asDouble() > 0.9, j.toString());
    }

    /** Popeye: stills from all seven shots, none in a transition, none black (seen by eye). */
    @Test
    void popeye() throws Exception {
        JsonNode j = evalStills("popeye_sinbad_p3_63s.mkv");
        assertEquals(0, j.at("/finalSet/transition/faulty").asInt(), j.toString());
        assertEquals(0, j.at("/finalSet/black/faulty").asInt(), j.toString());
        assertTrue(j.at("/coverage/shotsCovered").asInt() >= 7, j.toString());
    }
}
