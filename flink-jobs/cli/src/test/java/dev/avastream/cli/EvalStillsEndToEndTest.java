package dev.avastream.cli;

import dev.avastream.cli.export.ContactSheet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ava eval-stills} on a generated video: the report's figures, the same in JSON, and one tile per still. */
class EvalStillsEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void aGeneratedVideoGivesAReportAJsonAndASheetWithATilePerStill() throws Exception {
        Path video = dir.resolve("g.mp4");
        CliRun g = CliRun.of("generate", "--out", video.toString(), "--duration", "12", "--width", "320", "--height", "180",
                "--seed", "5", "-q");
        assertEquals(0, g.code(), g.err());
        Path sheet = dir.resolve("sheet.png"), json = dir.resolve("e.json");
        CliRun text = CliRun.of("eval-stills", "--video", video.toString(), "--chunk-seconds", "2", "--set", "models.enabled=false",
                "--sheet", sheet.toString(), "--summary-json", json.toString(), "-q");
        assertEquals(0, text.code(), text.err());
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        int stills = j.get("stills").asInt();
        assertTrue(stills >= 4, j.toString());
        assertTrue(text.out().contains("g.mp4: " + stills + " stills"), text.out());
        assertTrue(text.out().contains(String.format(java.util.Locale.ROOT, "shots covered   %d of %d",
                j.at("/coverage/shotsCovered").asInt(), j.at("/coverage/shotsFound").asInt())), text.out());
        for (String line : text.out().lines().toList()) assertTrue(line.length() <= 80, "over 80 columns: " + line);
        assertEquals(0, j.at("/finalSet/transition/faulty").asInt(), j.toString());
        assertEquals(0, j.at("/finalSet/black/faulty").asInt(), j.toString());
        assertEquals(0, j.at("/churn/inexactUpdates").asInt(), j.toString());
        BufferedImage png = ImageIO.read(sheet.toFile());
        int rows = (stills + ContactSheet.PER_ROW - 1) / ContactSheet.PER_ROW;
        assertEquals(ContactSheet.PER_ROW * ContactSheet.TILE_WIDTH, png.getWidth());
        assertEquals(rows, png.getHeight() / ContactSheet.tileHeight(), "rows of tiles for " + stills + " stills");
    }
}
