package dev.avastream.cli;

import dev.avastream.cli.export.ContactSheet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avastream.cli.runtime.EmbeddedKafkaAccess;
import dev.avastream.decoders.ChunkDecoder;
import dev.avastream.decoders.ChunkPlanner;
import dev.avastream.decoders.ChunkSpec;
import dev.avastream.decoders.DecodeOptions;
import dev.avastream.decoders.VideoProber;
import dev.avastream.operators.crop.Canvas;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ava export} against a real embedded Kafka after a real {@code ava run}, and from the run's
 * summary JSON: full-resolution stills that equal, pixel for pixel, a straight decode of the file from
 * its first frame, a contact sheet with a tile per still, and a manifest naming each file.
 */
class ExportEndToEndTest {
    @TempDir
    static Path dir;
    static String bootstrap;
    static Path video, summary;

    @RegisterExtension
    static final org.junit.jupiter.api.extension.BeforeAllCallback KAFKA = ctx -> bootstrap = EmbeddedKafkaAccess.bootstrap(ctx);

    @BeforeAll
    static void run() {
        video = dir.resolve("title.mp4");
        // 640x360: larger than the 320-pixel analysis frames and thumbnails, so an upscaled thumbnail shows
        CliRun g = CliRun.of("generate", "--out", video.toString(), "--duration", "8", "--width", "640", "--height", "360",
                "--seed", "9", "-q");
        assertEquals(0, g.code(), g.err());
        summary = dir.resolve("summary.json");
        CliRun r = CliRun.of("run", "--video", video.toString(), "--title", "exported", "--bootstrap-servers", bootstrap,
                "--chunk-seconds", "2", "--set", "models.enabled=false", "--summary-json", summary.toString(), "-q");
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void fromKafkaEveryStillIsTheExactFrameAtFullResolution() throws Exception {
        Path out = dir.resolve("from-kafka");
        CliRun e = CliRun.of("export", "--title", "exported", "--bootstrap-servers", bootstrap, "--out", out.toString());
        assertEquals(0, e.code(), e.err());
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        JsonNode runSummary = new ObjectMapper().readTree(summary.toFile());
        assertEquals("exported", manifest.get("titleId").asText());
        assertTrue(manifest.get("complete").asBoolean(), "the final update");
        assertEquals(runSummary.get("candidates").size(), manifest.get("stills").size(), "every final candidate");
        Map<Long, Path> files = new HashMap<>();
        int rank = 0;
        for (JsonNode s : manifest.get("stills")) {
            assertEquals(++rank, s.get("rank").asInt());
            assertEquals(runSummary.get("candidates").get(rank - 1).get("frameIndex").asLong(), s.get("frameIndex").asLong(),
                    "in the run's ranking order");
            assertEquals(640, s.get("width").asInt());
            assertEquals(360, s.get("height").asInt());
            assertTrue(s.get("components").size() > 0, "with its score components");
            files.put(s.get("frameIndex").asLong(), out.resolve(s.get("file").asText()));
        }
        assertFalse(files.isEmpty());
        Map<Long, Mat> straight = straightDecode(files.keySet());
        for (Map.Entry<Long, Path> f : files.entrySet()) {
            try (Mat png = imread(f.getValue().toString(), IMREAD_COLOR); Mat diff = new Mat()) {
                Mat expected = straight.get(f.getKey());
                assertEquals(expected.cols(), png.cols());
                assertEquals(expected.rows(), png.rows());
                absdiff(png, expected, diff);
                assertEquals(0, countNonZero(diff.reshape(1, 0)), "frame " + f.getKey() + " differs from a straight decode");
            }
        }
        // Each still's crop per canvas: of the canvas's aspect, and exactly that part of the straight decode.
        for (JsonNode s : manifest.get("stills")) {
            JsonNode crops = s.get("crops");
            assertEquals(List.of("16:9", "2:3", "1:1", "4:5"), crops.findValuesAsText("canvas"), "a crop per canvas");
            for (JsonNode k : crops) {
                Canvas canvas = Canvas.named(k.get("canvas").asText());
                JsonNode px = k.get("pixels");
                try (Mat crop = imread(out.resolve(k.get("file").asText()).toString(), IMREAD_COLOR); Mat diff = new Mat();
                     Rect r = new Rect(px.get("x").asInt(), px.get("y").asInt(), px.get("width").asInt(), px.get("height").asInt());
                     Mat part = new Mat(straight.get(s.get("frameIndex").asLong()), r)) {
                    assertEquals(px.get("width").asInt(), crop.cols());
                    assertEquals(px.get("height").asInt(), crop.rows());
                    assertEquals(canvas.aspect(), (double) crop.cols() / crop.rows(), 1.0 / crop.rows(), k.get("file").asText());
                    assertTrue(crop.cols() == 640 || crop.rows() == 360, "the largest box of its aspect");
                    absdiff(crop, part, diff);
                    assertEquals(0, countNonZero(diff.reshape(1, 0)), k.get("file").asText() + " is not that part of the frame");
                }
            }
        }
        straight.values().forEach(Mat::close);
        // and a neighbouring frame is not the same picture: the check can tell frames apart
        long any = files.keySet().iterator().next();
        Map<Long, Mat> next = straightDecode(Set.of(any + 1));
        try (Mat png = imread(files.get(any).toString(), IMREAD_COLOR); Mat diff = new Mat()) {
            absdiff(png, next.get(any + 1), diff);
            assertTrue(countNonZero(diff.reshape(1, 0)) > 0, "frames " + any + " and " + (any + 1) + " differ");
        }
        next.values().forEach(Mat::close);

        BufferedImage sheet = ImageIO.read(out.resolve("contact-sheet.png").toFile());
        int rows = (files.size() + ContactSheet.PER_ROW - 1) / ContactSheet.PER_ROW;
        assertEquals(ContactSheet.PER_ROW * ContactSheet.TILE_WIDTH, sheet.getWidth());
        assertEquals(rows, sheet.getHeight() / ContactSheet.tileHeight(), "a tile per still");
    }

    @Test
    void fromTheRunsSummaryTheSameFramesAsJpeg() throws Exception {
        Path out = dir.resolve("from-summary");
        CliRun e = CliRun.of("export", "--summary-json", summary.toString(), "--out", out.toString(), "--format", "jpg");
        assertEquals(0, e.code(), e.err());
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        JsonNode runSummary = new ObjectMapper().readTree(summary.toFile());
        assertEquals(runSummary.get("candidates").size(), manifest.get("stills").size());
        for (int i = 0; i < manifest.get("stills").size(); i++) {
            JsonNode s = manifest.get("stills").get(i);
            assertEquals(runSummary.get("candidates").get(i).get("frameIndex").asLong(), s.get("frameIndex").asLong());
            assertTrue(s.get("file").asText().endsWith(".jpg"));
            BufferedImage img = ImageIO.read(out.resolve(s.get("file").asText()).toFile());
            assertEquals(640, img.getWidth());
            assertEquals(360, img.getHeight());
        }
    }

    @Test
    void anUnknownTitleOrAMissingVideoIsNamed() throws Exception {
        CliRun none = CliRun.of("export", "--title", "no-such-title", "--bootstrap-servers", bootstrap, "--out",
                dir.resolve("none").toString());
        assertEquals(AvaCli.EXIT_TITLE_FAILED, none.code());
        assertTrue(none.err().contains("no update of title no-such-title"), none.err());

        Path moved = dir.resolve("moved.mp4");
        CliRun gone = CliRun.of("export", "--summary-json", summary.toString(), "--source", moved.toString(), "--out",
                dir.resolve("gone").toString());
        assertEquals(AvaCli.EXIT_TITLE_FAILED, gone.code());
        assertTrue(gone.err().contains(moved + ": file not found"), gone.err());
        assertFalse(Files.exists(dir.resolve("gone").resolve("manifest.json")));

        CliRun noTitle = CliRun.of("export", "--bootstrap-servers", bootstrap, "--out", dir.resolve("x").toString());
        assertEquals(AvaCli.EXIT_USAGE, noTitle.code());
        assertTrue(noTitle.err().contains("--title is required"), noTitle.err());
    }

    /** The frames at {@code wanted}, decoded in order from the file's first frame at its own size (no seeking). */
    private static Map<Long, Mat> straightDecode(Set<Long> wanted) throws Exception {
        ChunkSpec whole = ChunkPlanner.plan("t", VideoProber.probe(video.toString()), 1e6, 0, 0).get(0);
        Map<Long, Mat> out = new HashMap<>();
        Set<Long> left = new HashSet<>(wanted);
        try (ChunkDecoder d = new ChunkDecoder(new DecodeOptions(0, 1, false))) {
            d.decode(whole, f -> {
                if (left.remove(f.index())) out.put(f.index(), f.bgr().clone());
            });
        }
        assertTrue(left.isEmpty(), "decoded " + wanted);
        return out;
    }
}
