package dev.avastream.cli.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avastream.cli.json.SummaryJson;
import dev.avastream.jobs.PipelineOptions;
import dev.avastream.jobs.source.ChunkSourceOptions;
import dev.avastream.jobs.source.TitleInput;
import dev.avastream.schema.Candidate;
import dev.avastream.schema.FaceAnnotation;
import dev.avastream.schema.FrameAnnotation;
import dev.avastream.schema.Shot;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The model fields through the whole job (Flink mini cluster, RocksDB, the embedded Kafka) to the
 * records on the topics and the summary JSON, on an encoded video of real photos (the models module's
 * test images): 60 frames of one man at a webcam, a cut, 60 frames of four women, each drifting slowly.
 */
class ModelFieldsEndToEndTest {
    @TempDir
    static Path dir;
    static String bootstrap;

    @RegisterExtension
    static final org.junit.jupiter.api.extension.BeforeAllCallback KAFKA = ctx -> bootstrap = EmbeddedKafkaExtension.bootstrap(ctx);

    private static final Path PHOTOS = Path.of("..", "..", "models", "src", "test", "resources", "images");
    private static final int W = 480, H = 270, FPS = 30, SHOT = 60;

    /** Encodes the two photos as a 4-second H.264 video (libopenh264, as the test-data generator). */
    static Path photoVideo() throws Exception {
        Path out = dir.resolve("photos.mp4");
        try (Mat man = photo("webcam.jpg", W + 40); Mat women = photo("sample6.jpg", W + 40);
             FFmpegFrameRecorder rec = new FFmpegFrameRecorder(out.toFile(), W, H, 0);
             OpenCVFrameConverter.ToMat convert = new OpenCVFrameConverter.ToMat()) {
            rec.setFormat("mp4");
            rec.setVideoCodecName("libopenh264");
            rec.setFrameRate(FPS);
            rec.setGopSize(FPS);
            rec.setPixelFormat(AV_PIX_FMT_YUV420P);
            rec.setVideoBitrate(2_000_000);
            rec.start();
            for (int i = 0; i < 2 * SHOT; i++) {
                Mat p = i < SHOT ? man : women;
                int x = (i % SHOT) / 3, y = i < SHOT ? 120 : (p.rows() - H) / 2;
                try (Mat view = new Mat(p, new Rect(x, y, W, H)).clone()) {
                    rec.record(convert.convert(view));
                }
            }
            rec.stop();
        }
        return out;
    }

    private static Mat photo(String name, int width) {
        try (Mat full = imread(PHOTOS.resolve(name).toString())) {
            assertFalse(full.empty(), "test photo " + PHOTOS.resolve(name).toAbsolutePath());
            Mat m = new Mat();
            resize(full, m, new Size(width, (int) Math.round(full.rows() * (double) width / full.cols())), 0, 0, INTER_AREA);
            return m;
        }
    }

    @Test
    void facesShotTypesAndShotSummariesReachKafkaAndTheSummaryJson() throws Exception {
        Path video = photoVideo();
        // 1 s chunks: each shot spans two chunks, whose tracks of one person the title joins
        PipelineOptions p = PipelineOptions.defaults().withParallelism(2)
                .withChunks(new ChunkSourceOptions(1.0, 0)).withCheckpointInterval(Duration.ofMillis(300));
        RunOutcome outcome = AvaRunner.run(List.of(new TitleInput("photos", video.toString())),
                AvaRunner.Settings.defaults().withBootstrap(bootstrap).withPipeline(p).withRestartAttempts(0), null);
        TitleOutcome title = outcome.titles().get("photos");
        assertTrue(title.complete());
        assertEquals(List.of(), title.errors());

        // ava.candidates: every candidate was a model frame and carries its faces and shot type
        List<Candidate> candidates = title.last().getCandidates();
        assertFalse(candidates.isEmpty());
        for (Candidate c : candidates) {
            FrameAnnotation a = c.getAnnotation();
            assertNotEquals("NONE", a.getModelFrame(), "candidate " + c.getFrameIndex());
            int expected = c.getFrameIndex() < SHOT ? 1 : 4;
            assertEquals(expected, a.getFaceCount(), "faces on candidate " + c.getFrameIndex());
            for (FaceAnnotation f : a.getFaces()) {
                assertTrue(f.getTrackId() >= 0);
                assertEquals(1024, f.getIdentity().remaining());
                assertEquals(12, f.getLandmarks().size());
            }
            assertTrue(List.of("EXTREME_CLOSE_UP", "CLOSE_UP", "MEDIUM").contains(a.getShotType()), a.getShotType());
            assertTrue(a.getPersonCount() >= 1 && a.getNudityExplicit() >= 0 && a.getTextCoverage() >= 0);
            assertEquals("FACE", a.getSubjectSource(), "the largest face places the subject");
            assertTrue(a.getPersonMaskShare() > 0 && a.getSubjectThirdsScore() >= 0);
        }

        // characters: the man and the four women, each a character; candidates name theirs
        List<String> names = title.last().getCharacters().stream().map(dev.avastream.schema.TitleCharacter::getName).toList();
        assertEquals(5, names.size(), "one man and four women: " + title.last().getCharacters());
        for (Candidate c : candidates) {
            assertTrue(names.contains(c.getMainCharacter()), "candidate " + c.getFrameIndex() + ": " + c.getMainCharacter());
            assertTrue(c.getComponents().stream().anyMatch(part -> part.getName().equals("mainCharacter") && part.getValue() > 0),
                    "the score counts the character's screen presence: " + c.getComponents());
            if (c.getFrameIndex() < SHOT) assertEquals("character-1", c.getMainCharacter(), "the man comes first");
            else assertNotEquals("character-1", c.getMainCharacter());
        }

        // ava.shots: the two shots and their summaries
        List<Shot> shots = title.shots();
        assertEquals(2, shots.size(), "one cut between the photos");
        assertEquals(1, shots.get(0).getFaceTracks().size(), "one man, one track");
        assertEquals(4, shots.get(1).getFaceTracks().size(), "four women, four tracks");
        assertEquals(1, shots.get(0).getMaxFaces());
        assertEquals(4, shots.get(1).getMaxFaces());
        for (Candidate c : candidates) {
            List<Integer> shotTracks = shots.get(c.getFrameIndex() < SHOT ? 0 : 1).getFaceTracks();
            for (FaceAnnotation f : c.getAnnotation().getFaces()) {
                assertTrue(shotTracks.contains(f.getTrackId()), "candidate faces carry their shot's track ids: " + f.getTrackId());
            }
        }
        for (Shot s : shots) {
            assertTrue(s.getModelFrames() >= 2, "a stride frame a second and the candidates");
            assertEquals(1.0, s.getFaceFrameShare(), 1e-9);
            assertTrue(List.of("EXTREME_CLOSE_UP", "CLOSE_UP", "MEDIUM").contains(s.getShotType()), s.getShotType());
            assertNotEquals("UNKNOWN", s.getCameraMotion());
        }

        // the summary JSON: candidates with their content, shots with their summary
        JsonNode json = SummaryJson.title(title);
        for (JsonNode c : json.get("candidates")) {
            JsonNode content = c.get("content");
            assertEquals(c.get("frameIndex").asLong() < SHOT ? 1 : 4, content.get("faces").size(), c.toString());
            assertEquals(4, content.get("faces").get(0).get("box").size());
            assertTrue(content.get("faces").get(0).has("expression"));
            assertTrue(content.has("shotType") && content.has("objects") && content.has("textCoverage")
                    && content.has("nudityExplicit") && content.has("subjectThirdsScore"), content.toString());
        }
        assertEquals(5, json.get("characters").size());
        JsonNode shot = json.get("shots").get(1);
        assertEquals(4, shot.get("faceTracks").size());
        assertEquals(shots.get(1).getShotType(), shot.get("shotType").asText());
        assertTrue(shot.has("cameraMotion") && shot.has("shotTypeShares") && shot.has("faceFrameShare"));
    }
}
