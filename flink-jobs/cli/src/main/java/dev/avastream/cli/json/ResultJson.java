package dev.avastream.cli.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avastream.schema.Candidate;
import dev.avastream.schema.CanvasCrop;
import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.schema.TitleCharacter;
import dev.avastream.schema.ColourShare;
import dev.avastream.schema.ScoreComponent;
import dev.avastream.schema.FaceAnnotation;
import dev.avastream.schema.FrameAnnotation;
import dev.avastream.schema.ObjectAnnotation;
import dev.avastream.schema.Shot;
import dev.avastream.schema.TextAnnotation;
import dev.avastream.schema.Transition;

import java.util.List;
import java.util.Locale;

/**
 * The one JSON shape of the pipeline's results, used by every JSON the CLI writes: the
 * {@code --summary-json} file, {@code ava run --json}, {@code ava watch --json} and the preview page's
 * endpoints. Outputs may add fields of their own (the page adds a candidate's rank and thumbnail
 * address) but never write these fields differently. The shapes are documented in docs/cli.md
 * ("JSON results"); conventions:
 * <ul>
 *   <li>field names are the Avro schemas' names;</li>
 *   <li>presentation times are integer microseconds, as in the records, named {@code ...Us}
 *       ({@code timeUs}, {@code startUs}, {@code endUs}); wall-clock times and durations are
 *       milliseconds named {@code ...Ms};</li>
 *   <li>frame indices are 0-based in decode order; a shot's {@code endFrame} is inclusive;</li>
 *   <li>a NaN or infinite number is written as {@code null} (JSON has no such numbers);</li>
 *   <li>enums are their names; a colour is {@code "#rrggbb"}.</li>
 * </ul>
 */
public final class ResultJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ResultJson() {}

    /** An update: where its title stands ({@link #progress}) and its top-K {@code candidates}, best first. */
    public static ObjectNode update(CandidateSetUpdate u) {
        ObjectNode o = progress(u);
        ArrayNode candidates = o.putArray("candidates");
        for (Candidate c : u.getCandidates()) candidates.add(candidate(c));
        return o;
    }

    /**
     * A title of which no update arrived: what is known of it in the same shape, not complete, with
     * the reason among its {@code errors} and no candidates.
     *
     * @param source the title's video, or null if unknown
     */
    public static ObjectNode withoutUpdate(String titleId, String source) {
        ObjectNode o = F.objectNode();
        o.put("titleId", titleId);
        o.put("source", source);
        o.put("complete", false);
        o.putArray("errors").add("no candidate update was published");
        o.putArray("candidates");
        return o;
    }

    /** The fields of an update that say where its title stands: identity, version, counters, what changed. */
    public static ObjectNode progress(CandidateSetUpdate u) {
        ObjectNode o = F.objectNode();
        o.put("titleId", u.getTitleId());
        o.put("runId", u.getRunId());
        o.put("source", u.getSource());
        o.put("version", u.getVersion());
        o.put("chunksReceived", u.getChunksReceived());
        o.put("chunksAssembled", u.getChunksAssembled());
        o.put("chunkCount", u.getChunkCount());
        o.put("framesProcessed", u.getFramesProcessed());
        o.put("titleFrameCount", u.getTitleFrameCount());
        o.put("shotsClosed", u.getShotsClosed());
        o.put("poolSize", u.getPoolSize());
        o.put("complete", u.getComplete());
        o.put("emittedAtMs", u.getEmittedAtMs());
        o.put("chunkPublishedAtMs", u.getChunkPublishedAtMs());
        ArrayNode added = o.putArray("added");
        for (Long f : u.getAdded()) added.add(f);
        ArrayNode removed = o.putArray("removed");
        for (Long f : u.getRemoved()) removed.add(f);
        ArrayNode errors = o.putArray("errors");
        for (String e : u.getErrors()) errors.add(e);
        o.put("shotsCovered", u.getShotsCovered());
        o.put("charactersCovered", u.getCharactersCovered());
        o.set("diversityIndex", number(u.getDiversityIndex()));
        o.put("profile", u.getProfile());
        ArrayNode characters = o.putArray("characters");
        for (TitleCharacter c : u.getCharacters()) {
            characters.addObject().put("name", c.getName()).put("modelFrames", c.getModelFrames())
                    .put("shots", c.getShots()).put("faces", c.getFaces());
        }
        return o;
    }

    /** A candidate still: frame, time, shot, score and the named parts of the score. */
    public static ObjectNode candidate(Candidate c) {
        ObjectNode o = F.objectNode();
        o.put("frameIndex", c.getFrameIndex());
        o.put("timeUs", c.getTimeUs());
        o.put("shotIndex", c.getShotIndex());
        o.set("score", number(c.getScore()));
        o.set("components", components(c.getComponents()));
        o.put("stillKey", c.getStillKey());
        if (c.getMainCharacter().isEmpty()) o.putNull("mainCharacter");
        else o.put("mainCharacter", c.getMainCharacter());
        if (c.getAnnotation() != null) o.set("content", content(c.getAnnotation()));
        ArrayNode crops = o.putArray("crops");
        for (CanvasCrop k : c.getCrops()) crops.add(crop(k));
        return o;
    }

    /** A canvas crop: its box in shares of the frame, what placed it, the faces it keeps and cuts, and why. */
    public static ObjectNode crop(CanvasCrop k) {
        ObjectNode o = F.objectNode();
        o.put("canvas", k.getCanvas());
        o.put("purpose", k.getPurpose());
        o.set("x", number(k.getX()));
        o.set("y", number(k.getY()));
        o.set("width", number(k.getWidth()));
        o.set("height", number(k.getHeight()));
        o.put("subject", k.getSubject());
        o.put("facesInside", k.getFacesInside());
        o.put("facesCut", k.getFacesCut());
        o.set("score", number(k.getScore()));
        o.set("components", components(k.getComponents()));
        return o;
    }

    /** Score components read back from {@link #components}' JSON (a null number reads as 0). */
    public static List<ScoreComponent> components(JsonNode array) {
        List<ScoreComponent> parts = new java.util.ArrayList<>();
        for (JsonNode p : array) {
            parts.add(ScoreComponent.newBuilder().setName(p.path("name").asText()).setValue(p.path("value").asDouble())
                    .setWeight(p.path("weight").asDouble()).setContribution(p.path("contribution").asDouble()).build());
        }
        return parts;
    }

    /** A crop read back from {@link #crop}'s JSON. */
    public static CanvasCrop crop(JsonNode j) {
        List<ScoreComponent> parts = components(j.path("components"));
        return CanvasCrop.newBuilder().setCanvas(j.path("canvas").asText()).setPurpose(j.path("purpose").asText(""))
                .setX(j.path("x").asDouble()).setY(j.path("y").asDouble()).setWidth(j.path("width").asDouble())
                .setHeight(j.path("height").asDouble()).setSubject(j.path("subject").asText("NONE"))
                .setFacesInside(j.path("facesInside").asInt()).setFacesCut(j.path("facesCut").asInt())
                .setScore(j.path("score").asDouble()).setComponents(parts).build();
    }

    /** A shot: its frames (inclusive) and times, the transitions at its ends, its measures and key frame. */
    public static ObjectNode shot(Shot s) {
        ObjectNode o = F.objectNode();
        o.put("index", s.getIndex());
        o.put("startFrame", s.getStartFrame());
        o.put("endFrame", s.getEndFrame());
        o.put("startUs", s.getStartUs());
        o.put("endUs", s.getEndUs());
        o.put("transitionIn", s.getTransitionIn().name());
        o.put("transitionOut", s.getTransitionOut().name());
        o.set("averageMotion", number(s.getAverageMotion()));
        o.set("averageBrightness", number(s.getAverageBrightness()));
        ArrayNode colours = o.putArray("dominantColours");
        for (ColourShare c : s.getDominantColours()) colours.add(colourShare(c));
        o.put("keyFrame", s.getKeyFrame());
        o.put("shotType", s.getShotType());
        o.set("shotTypeShares", shares(s.getShotTypeShares()));
        o.put("cameraMotion", s.getCameraMotion());
        o.set("cameraMotionShares", shares(s.getCameraMotionShares()));
        o.put("modelFrames", s.getModelFrames());
        ArrayNode tracks = o.putArray("faceTracks");
        for (Integer t : s.getFaceTracks()) tracks.add(t);
        o.put("maxFaces", s.getMaxFaces());
        o.set("faceFrameShare", number(s.getFaceFrameShare()));
        return o;
    }

    private static ObjectNode shares(java.util.Map<String, Double> m) {
        ObjectNode o = F.objectNode();
        m.forEach((k, v) -> o.set(k, number(v)));
        return o;
    }

    /**
     * What a candidate shows, from its annotation's model fields: why the models ran on it, its shot
     * type and camera motion, its faces (track, box, expression, eyes, pose, size, sharpness), people,
     * objects, text, where its subject is against the rule of thirds, and nudity. Boxes are {@code [x, y, width, height]} in shares of the frame.
     */
    public static ObjectNode content(FrameAnnotation a) {
        ObjectNode o = F.objectNode();
        o.put("modelFrame", a.getModelFrame());
        o.put("shotType", a.getShotType());
        o.put("cameraMotion", a.getCameraMotion());
        ArrayNode faces = o.putArray("faces");
        for (FaceAnnotation f : a.getFaces()) {
            ObjectNode j = faces.addObject();
            j.put("trackId", f.getTrackId());
            j.set("box", box(f.getX(), f.getY(), f.getWidth(), f.getHeight()));
            j.put("expression", f.getExpression());
            j.put("eyesOpen", f.getEyesOpen());
            j.put("mouthOpen", f.getMouthOpen());
            j.set("yaw", number(f.getYaw()));
            j.set("pitch", number(f.getPitch()));
            j.set("roll", number(f.getRoll()));
            j.set("share", number(f.getShare()));
            j.set("sharpness", number(f.getSharpness()));
        }
        o.put("personCount", a.getPersonCount());
        ArrayNode objects = o.putArray("objects");
        for (ObjectAnnotation x : a.getObjects()) {
            ObjectNode j = objects.addObject();
            j.put("label", x.getLabel());
            j.set("score", number(x.getScore()));
            j.set("box", box(x.getX(), x.getY(), x.getWidth(), x.getHeight()));
        }
        o.set("textCoverage", number(a.getTextCoverage()));
        ArrayNode text = o.putArray("textRegions");
        for (TextAnnotation t : a.getTextRegions()) text.add(box(t.getX(), t.getY(), t.getWidth(), t.getHeight()));
        o.set("personMaskShare", number(a.getPersonMaskShare()));
        o.put("subjectSource", a.getSubjectSource());
        o.set("subjectThirdsScore", number(a.getSubjectThirdsScore()));
        o.set("nudityExplicit", number(a.getNudityExplicit()));
        o.set("nuditySuggestive", number(a.getNuditySuggestive()));
        return o;
    }

    private static ArrayNode box(double x, double y, double w, double h) {
        ArrayNode b = F.arrayNode();
        b.add(number(x)).add(number(y)).add(number(w)).add(number(h));
        return b;
    }

    /** A gradual transition: its type, blended frames (inclusive), confidence and its parts. */
    public static ObjectNode transition(Transition t) {
        ObjectNode o = F.objectNode();
        o.put("type", t.getType().name());
        o.put("startFrame", t.getStartFrame());
        o.put("endFrame", t.getEndFrame());
        o.set("score", number(t.getScore()));
        o.set("components", components(t.getComponents()));
        return o;
    }

    /** A dominant colour as {@code "#rrggbb"} and the share of the picture it covers. */
    public static ObjectNode colourShare(ColourShare c) {
        ObjectNode o = F.objectNode();
        o.put("rgb", String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue()));
        o.set("share", number(c.getShare()));
        return o;
    }

    /** One named part of a score. */
    public static ObjectNode scoreComponent(ScoreComponent c) {
        ObjectNode o = F.objectNode();
        o.put("name", c.getName());
        o.set("value", number(c.getValue()));
        o.set("weight", number(c.getWeight()));
        o.set("contribution", number(c.getContribution()));
        return o;
    }

    public static ArrayNode components(List<ScoreComponent> components) {
        ArrayNode a = F.arrayNode();
        for (ScoreComponent c : components) a.add(scoreComponent(c));
        return a;
    }

    /** A number as JSON: NaN and the infinities, which JSON cannot write, become {@code null}. */
    public static JsonNode number(double v) {
        return Double.isFinite(v) ? F.numberNode(v) : F.nullNode();
    }
}
