package dev.avastream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avastream.cli.json.AvroJson;
import dev.avastream.cli.json.ResultJson;
import dev.avastream.cli.json.SummaryJson;
import dev.avastream.cli.preview.PreviewState;
import dev.avastream.cli.runtime.RunOutcome;
import dev.avastream.cli.runtime.RunOutcomeAccess;
import dev.avastream.jobs.source.TitleInput;
import dev.avastream.schema.Candidate;
import dev.avastream.schema.CanvasCrop;
import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.schema.ColourShare;
import dev.avastream.schema.ScoreComponent;
import dev.avastream.schema.Shot;
import dev.avastream.schema.Transition;
import dev.avastream.schema.TransitionType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The four JSON outputs (the summary file, {@code run --json}, {@code watch --json}, the preview page's
 * {@code /api/titles} and {@code /api/candidate}) write the same candidate, shot and progress fields
 * with the same values and units: each is read back from the text it writes and compared with the
 * shapes docs/cli.md documents, written out here field by field from the records.
 */
class JsonOutputsAgreeTest {
    /** Jackson's defaults: NaN or Infinity tokens, which are not JSON, fail the read. */
    private static final ObjectMapper STRICT = new ObjectMapper();
    private static final String RUN = "run-1";
    private static final String TITLE = "t";
    private static final String SOURCE = "/videos/t.mp4";

    @TempDir
    Path dir;

    private final Candidate good = Candidate.newBuilder(candidate(41, 1_366_667, 0, 0.71,
            component("sharpness", 0.62, 0.25, 0.155), component("exposure", 0.9, 0.2, 0.18)))
            .setCrops(List.of(CanvasCrop.newBuilder().setCanvas("2:3").setPurpose("box-art").setX(0.3).setY(0)
                    .setWidth(0.375).setHeight(1).setSubject("FACE").setFacesInside(1).setFacesCut(0).setScore(3.9)
                    .setComponents(List.of(component("facesKept", 1, 3, 3), component("centred", 0.9, 0.1, 0.09))).build()))
            .build();
    /** A score the scorer could not compute, and a component that was not a number. */
    private final Candidate notANumber = candidate(310, 10_333_333, 1, Double.NaN,
            component("sharpness", Double.NaN, 0.25, Double.NaN), component("stillness", Double.POSITIVE_INFINITY, 0.1, 0.1));
    private final Transition dissolve = Transition.newBuilder().setType(TransitionType.DISSOLVE)
            .setStartFrame(87).setEndFrame(95).setScore(0.8)
            .setComponents(List.of(component("blend", 0.8, 1.0, 0.8))).build();
    private final Shot first = shot(0, 0, 86, 0, 2_866_667, TransitionType.TITLE_START, TransitionType.DISSOLVE, 41,
            List.of(), List.of(dissolve), colour(0x2f, 0x6b, 0x9a, 0.46), colour(0xc8, 0xa0, 0x70, 0.21));
    private final Shot second = shot(1, 96, 400, 3_200_000, 13_333_333, TransitionType.DISSOLVE, TransitionType.TITLE_END, 310,
            List.of(dissolve), List.of(), colour(0, 0, 0, Double.NaN));
    private final CandidateSetUpdate update = CandidateSetUpdate.newBuilder()
            .setRunId(RUN).setTitleId(TITLE).setSource(SOURCE).setVersion(3)
            .setChunksReceived(2).setChunksAssembled(2).setChunkCount(2)
            .setFramesProcessed(401).setTitleFrameCount(401).setShotsClosed(2).setPoolSize(9).setComplete(true)
            .setCandidates(List.of(good, notANumber)).setAdded(List.of(310L)).setRemoved(List.of(7L))
            .setErrors(List.of()).setEmittedAtMs(1_700_000_000_123L).setChunkPublishedAtMs(1_700_000_000_001L)
            .setProfile("drama").build();

    @Test
    void everyOutputWritesTheSameCandidatesShotsAndProgress() throws Exception {
        Map<String, JsonNode> titles = new LinkedHashMap<>();
        for (var e : outputs().entrySet()) {
            assertFalse(e.getValue().contains("NaN") || e.getValue().contains("Infinity"),
                    e.getKey() + " writes a non-number:\n" + e.getValue());
            titles.put(e.getKey(), STRICT.readTree(e.getValue()));
        }
        JsonNode pageCandidate41 = titles.remove("/api/candidate 41");
        JsonNode pageCandidate310 = titles.remove("/api/candidate 310");
        assertEquals(Set.of("summary file", "run --json", "watch --json", "/api/titles"), titles.keySet());

        JsonNode progress = expectedProgress(update);
        List<JsonNode> candidates = List.of(expected(good), expected(notANumber));
        for (var e : titles.entrySet()) {
            String output = e.getKey();
            JsonNode title = e.getValue();
            assertHas(output, title, progress);
            assertEquals(candidates.size(), title.get("candidates").size(), output);
            for (int i = 0; i < candidates.size(); i++) {
                JsonNode c = title.get("candidates").get(i);
                assertHas(output + " candidate " + i, c, candidates.get(i));
                if (!output.equals("/api/titles")) {
                    // only the page adds fields of its own (rank, thumbnail, reasons)
                    assertEquals(names(candidates.get(i)), names(c), output + " candidate " + i + " fields");
                }
                assertTrue(c.get("timeUs").isIntegralNumber(), output + ": times are integer microseconds");
            }
        }
        assertHas("/api/candidate 41", pageCandidate41, candidates.get(0));
        assertHas("/api/candidate 310", pageCandidate310, candidates.get(1));

        // shots: in the summary file and on the page
        List<JsonNode> shots = List.of(expected(first), expected(second));
        for (String output : List.of("summary file", "/api/titles")) {
            JsonNode written = titles.get(output).get("shots");
            assertEquals(shots.size(), written.size(), output);
            for (int i = 0; i < shots.size(); i++) {
                assertEquals(shots.get(i), written.get(i), output + " shot " + i);
            }
        }
        assertEquals(STRICT.createArrayNode().add(expected(dissolve)), titles.get("summary file").get("transitions"));
    }

    @Test
    void nonFiniteNumbersAreNullEverywhere() throws Exception {
        for (var e : outputs().entrySet()) {
            if (e.getKey().equals("/api/candidate 41")) continue;
            JsonNode root = STRICT.readTree(e.getValue());
            JsonNode c = root.has("candidates") ? root.get("candidates").get(1) : root;
            assertEquals(310, c.get("frameIndex").asLong(), e.getKey());
            assertTrue(c.get("score").isNull(), e.getKey() + ": NaN score -> null");
            assertTrue(c.get("components").get(0).get("value").isNull(), e.getKey() + ": NaN value -> null");
            assertTrue(c.get("components").get(0).get("contribution").isNull(), e.getKey());
            assertTrue(c.get("components").get(1).get("value").isNull(), e.getKey() + ": infinity -> null");
            assertEquals(0.1, c.get("components").get(1).get("contribution").asDouble(), e.getKey());
        }
        assertTrue(ResultJson.number(Double.NEGATIVE_INFINITY).isNull());
        assertEquals(0.5, ResultJson.number(0.5).asDouble());
        // the generic record mapping (the page's annotation and any new field) follows the same rule
        ObjectNode generic = AvroJson.record(component("x", Double.NaN, Double.POSITIVE_INFINITY, -0.25));
        assertTrue(generic.get("value").isNull() && generic.get("weight").isNull(), generic.toString());
        assertEquals(-0.25, generic.get("contribution").asDouble());
    }

    /** What each output writes for {@link #update} and its shots, as text, by name. */
    private Map<String, String> outputs() throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        RunOutcome outcome = RunOutcomeAccess.of(RUN, TITLE, List.of(first, second), List.of(update));
        Path summary = dir.resolve("summary.json");
        SummaryJson.write(outcome, summary);
        out.put("summary file", Files.readString(summary));
        ObjectNode runJson = RunCommand.titleJson(new TitleInput(TITLE, SOURCE), outcome.titles().get(TITLE));
        out.put("run --json", new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(runJson));
        out.put("watch --json", WatchCommand.json(update).toString());
        PreviewState page = new PreviewState(null, id -> { });
        page.update(update);
        page.shot(first);
        page.shot(second);
        out.put("/api/titles", page.titleJson(TITLE).toString());
        out.put("/api/candidate 41", page.candidateJson(TITLE, 41).toString());
        out.put("/api/candidate 310", page.candidateJson(TITLE, 310).toString());
        return out;
    }

    // ---- the documented shapes, from the records (docs/cli.md, "JSON results") --------------------

    private static JsonNode expectedProgress(CandidateSetUpdate u) {
        ObjectNode o = STRICT.createObjectNode();
        o.put("titleId", u.getTitleId()).put("runId", u.getRunId()).put("source", u.getSource())
                .put("version", u.getVersion()).put("chunksReceived", u.getChunksReceived())
                .put("chunksAssembled", u.getChunksAssembled()).put("chunkCount", u.getChunkCount())
                .put("framesProcessed", u.getFramesProcessed()).put("titleFrameCount", u.getTitleFrameCount())
                .put("shotsClosed", u.getShotsClosed()).put("poolSize", u.getPoolSize()).put("complete", u.getComplete())
                .put("emittedAtMs", u.getEmittedAtMs()).put("chunkPublishedAtMs", u.getChunkPublishedAtMs());
        u.getAdded().forEach(o.putArray("added")::add);
        u.getRemoved().forEach(o.putArray("removed")::add);
        u.getErrors().forEach(o.putArray("errors")::add);
        o.put("shotsCovered", u.getShotsCovered()).put("charactersCovered", u.getCharactersCovered());
        putNumber(o, "diversityIndex", u.getDiversityIndex());
        o.put("profile", u.getProfile());
        ArrayNode characters = o.putArray("characters");
        u.getCharacters().forEach(c -> characters.addObject().put("name", c.getName()).put("modelFrames", c.getModelFrames())
                .put("shots", c.getShots()).put("faces", c.getFaces()));
        return reparse(o);
    }

    private static JsonNode expected(Candidate c) {
        ObjectNode o = STRICT.createObjectNode();
        o.put("frameIndex", c.getFrameIndex()).put("timeUs", c.getTimeUs()).put("shotIndex", c.getShotIndex());
        putNumber(o, "score", c.getScore());
        o.set("components", expected(c.getComponents()));
        o.put("stillKey", c.getStillKey());
        if (c.getMainCharacter().isEmpty()) o.putNull("mainCharacter");
        else o.put("mainCharacter", c.getMainCharacter());
        ArrayNode crops = o.putArray("crops");
        for (CanvasCrop k : c.getCrops()) {
            ObjectNode j = crops.addObject().put("canvas", k.getCanvas()).put("purpose", k.getPurpose());
            putNumber(j, "x", k.getX());
            putNumber(j, "y", k.getY());
            putNumber(j, "width", k.getWidth());
            putNumber(j, "height", k.getHeight());
            j.put("subject", k.getSubject()).put("facesInside", k.getFacesInside()).put("facesCut", k.getFacesCut());
            putNumber(j, "score", k.getScore());
            j.set("components", expected(k.getComponents()));
        }
        return reparse(o);
    }

    private static JsonNode expected(Shot s) {
        ObjectNode o = STRICT.createObjectNode();
        o.put("index", s.getIndex()).put("startFrame", s.getStartFrame()).put("endFrame", s.getEndFrame())
                .put("startUs", s.getStartUs()).put("endUs", s.getEndUs())
                .put("transitionIn", s.getTransitionIn().name()).put("transitionOut", s.getTransitionOut().name());
        putNumber(o, "averageMotion", s.getAverageMotion());
        putNumber(o, "averageBrightness", s.getAverageBrightness());
        ArrayNode colours = o.putArray("dominantColours");
        for (ColourShare c : s.getDominantColours()) {
            ObjectNode j = colours.addObject().put("rgb", String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue()));
            putNumber(j, "share", c.getShare());
        }
        o.put("keyFrame", s.getKeyFrame());
        o.put("shotType", s.getShotType());
        ObjectNode types = o.putObject("shotTypeShares");
        s.getShotTypeShares().forEach((k, v) -> putNumber(types, k, v));
        o.put("cameraMotion", s.getCameraMotion());
        ObjectNode camera = o.putObject("cameraMotionShares");
        s.getCameraMotionShares().forEach((k, v) -> putNumber(camera, k, v));
        o.put("modelFrames", s.getModelFrames());
        s.getFaceTracks().forEach(o.putArray("faceTracks")::add);
        o.put("maxFaces", s.getMaxFaces());
        putNumber(o, "faceFrameShare", s.getFaceFrameShare());
        return reparse(o);
    }

    private static JsonNode expected(Transition t) {
        ObjectNode o = STRICT.createObjectNode();
        o.put("type", t.getType().name()).put("startFrame", t.getStartFrame()).put("endFrame", t.getEndFrame());
        putNumber(o, "score", t.getScore());
        o.set("components", expected(t.getComponents()));
        return reparse(o);
    }

    private static ArrayNode expected(List<ScoreComponent> components) {
        ArrayNode a = STRICT.createArrayNode();
        for (ScoreComponent c : components) {
            ObjectNode j = a.addObject().put("name", c.getName());
            putNumber(j, "value", c.getValue());
            putNumber(j, "weight", c.getWeight());
            putNumber(j, "contribution", c.getContribution());
        }
        return a;
    }

    private static void putNumber(ObjectNode o, String name, double v) {
        if (Double.isFinite(v)) o.put(name, v);
        else o.putNull(name);
    }

    /** As a reader sees it: written and read back (so 5 as a long and as an int compare equal). */
    private static JsonNode reparse(JsonNode n) {
        try {
            return STRICT.readTree(STRICT.writeValueAsString(n));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertHas(String where, JsonNode actual, JsonNode expected) {
        for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            assertTrue(actual.has(f), where + " has no " + f + ": " + actual);
            assertEquals(expected.get(f), actual.get(f), where + " field " + f);
        }
    }

    private static Set<String> names(JsonNode n) {
        Set<String> s = new TreeSet<>();
        n.fieldNames().forEachRemaining(s::add);
        return s;
    }

    // ---- records ------------------------------------------------------------------------------

    private static ScoreComponent component(String name, double value, double weight, double contribution) {
        return ScoreComponent.newBuilder().setName(name).setValue(value).setWeight(weight).setContribution(contribution).build();
    }

    private static ColourShare colour(int r, int g, int b, double share) {
        return ColourShare.newBuilder().setRed(r).setGreen(g).setBlue(b).setShare(share).build();
    }

    private static Candidate candidate(long frame, long timeUs, int shot, double score, ScoreComponent... components) {
        return Candidate.newBuilder().setFrameIndex(frame).setTimeUs(timeUs).setShotIndex(shot).setScore(score)
                .setComponents(List.of(components)).setFeature(List.of(0.5f, 0.25f)).setStillKey("t/" + frame)
                .setThumbnailJpeg(ByteBuffer.wrap(new byte[]{1, 2, 3})).setThumbnailWidth(320).setThumbnailHeight(180)
                .build();
    }

    private static Shot shot(int index, long startFrame, long endFrame, long startUs, long endUs, TransitionType in,
                             TransitionType out, long keyFrame, List<Transition> before, List<Transition> after,
                             ColourShare... colours) {
        return Shot.newBuilder().setRunId(RUN).setTitleId(TITLE).setIndex(index).setStartFrame(startFrame)
                .setEndFrame(endFrame).setStartUs(startUs).setEndUs(endUs).setTransitionIn(in).setTransitionOut(out)
                .setAverageMotion(0.004 * (index + 1)).setAverageBrightness(0.41).setKeyFrame(keyFrame)
                .setTransitionsBefore(new ArrayList<>(before)).setTransitionsAfter(new ArrayList<>(after))
                .setDominantColours(List.of(colours)).build();
    }
}
