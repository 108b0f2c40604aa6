package dev.avastream.operators.search;

import dev.avastream.schema.FaceAnnotation;
import dev.avastream.schema.FrameAnnotation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameQueryTest {

    /** Frames 0-9 and 28-29 are not model frames (model fields keep their defaults); 10-27 are. */
    private static final List<FrameAnnotation> FRAMES = new ArrayList<>();

    /** Track ids stand for characters: track n is character-n, track -1 an unknown one; character-1 is the lead. */
    private static final SearchContext CTX = new SearchContext() {
        @Override public String characterOf(FrameAnnotation a) {
            FaceAnnotation f = a.getFaces().isEmpty() ? null : a.getFaces().get(0);
            return f == null || f.getTrackId() < 0 ? "" : "character-" + f.getTrackId();
        }
        @Override public boolean isMainCharacter(String character) { return character.equals("character-1"); }
        @Override public double score(FrameAnnotation a) {
            return a.getFrameIndex() % 2 == 0 ? a.getFrameIndex() / 100.0 : Double.NaN;
        }
    };

    static {
        // index, brightness, sharpness, camera motion (pixel frames)
        pixel(0, 0.10, 0.60, "STATIC");
        pixel(1, 0.70, 0.30, "PAN");
        pixel(2, 0.50, 0.55, "UNKNOWN");
        FRAMES.add(FrameAnnotation.newBuilder(base(3, 0.20, 0.20)).setCameraMotion("SHAKE").setMotionBlur(0.5).build());
        pixel(4, 0.80, 0.70, "TILT");
        pixel(5, 0.40, 0.40, "ZOOM");
        pixel(6, 0.66, 0.50, "STATIC");
        pixel(7, 0.30, 0.45, "UNKNOWN");
        FRAMES.add(FrameAnnotation.newBuilder(base(8, 0.90, 0.90)).setCameraMotion("PAN").setMotionBlur(0.1).build());
        pixel(9, 0.24, 0.10, "STATIC");
        // index, brightness, shot type, text coverage, persons, faces (model frames)
        model(10, 0.50, "CLOSE_UP", 0, 1, face(1, "happy", 5));
        model(11, 0.55, "CLOSE_UP", 0.02, 1, face(1, "happy", 0));
        model(12, 0.60, "CLOSE_UP", 0, 1, face(2, "happy", 0));
        model(13, 0.60, "CLOSE_UP", 0, 1, face(1, "sad", 0));
        model(14, 0.40, "MEDIUM", 0, 2, face(1, "happy", 0), face(2, "neutral", 0));
        model(15, 0.70, "CLOSE_UP", 0, 1, face(1, "Happy", 40));
        model(16, 0.30, "NO_PEOPLE", 0, 0);
        model(17, 0.20, "LONG", 0.1, 3);
        model(18, 0.80, "MEDIUM", 0, 2, face(3, "neutral", 70), face(1, "happy", 0));
        model(19, 0.52, "EXTREME_CLOSE_UP", 0, 1, face(1, "happy", 0));
        model(20, 0.45, "CLOSE_UP", 0, 1, face(-1, "happy", 0));
        model(21, 0.10, "EXTREME_LONG", 0.3, 5);
        model(22, 0.90, "MEDIUM", 0, 2, closedEyes(face(2, "surprise", -65)), face(4, "fear", 0));
        model(23, 0.35, "CLOSE_UP", 0, 1, FaceAnnotation.newBuilder(closedEyes(face(4, "angry", 10)))
                .setMouthOpen(true).setMouthOpenness(0.4).build());
        model(24, 0.62, "NO_PEOPLE", 0.5, 0);
        model(25, 0.58, "CLOSE_UP", 0, 1, face(1, "happy", 0));
        model(26, 0.75, "MEDIUM", 0, 3, face(1, "neutral", 0), face(2, "happy", 0), face(3, "sad", 0));
        model(27, 0.50, "LONG", 0, 2, face(5, "disgust", 20));
        pixel(28, 0.50, 0.50, "UNKNOWN");
        pixel(29, 0.60, 0.50, "ZOOM");
    }

    private static FrameAnnotation base(int i, double brightness, double sharpness) {
        return FrameAnnotation.newBuilder().setFrameIndex(i).setTimeUs(i * 40_000L).setBrightness(brightness)
                .setContrast(0.2).setColourfulness(0.3).setSharpness(sharpness).build();
    }

    private static void pixel(int i, double brightness, double sharpness, String camera) {
        FRAMES.add(FrameAnnotation.newBuilder(base(i, brightness, sharpness)).setCameraMotion(camera).build());
    }

    private static void model(int i, double brightness, String shot, double text, int persons, FaceAnnotation... faces) {
        FRAMES.add(FrameAnnotation.newBuilder(base(i, brightness, 0.6)).setModelFrame(i % 3 == 0 ? "CANDIDATE" : "STRIDE")
                .setFaces(List.of(faces)).setFaceCount(faces.length).setLargestFaceShare(faces.length == 0 ? 0 : 0.1)
                .setPersonCount(persons).setTextCoverage(text).setShotType(shot).setNudityExplicit(0.01)
                .setNuditySuggestive(0.02).build());
    }

    private static FaceAnnotation face(int track, String expression, double yaw) {
        return FaceAnnotation.newBuilder().setTrackId(track).setX(0.4).setY(0.2).setWidth(0.2).setHeight(0.4)
                .setScore(0.9).setShare(0.08).setYaw(yaw).setPitch(0).setRoll(0).setEyeOpenness(0.3).setEyesOpen(true)
                .setMouthOpenness(0.05).setMouthOpen(false).setExpression(expression).build();
    }

    private static FaceAnnotation closedEyes(FaceAnnotation f) {
        return FaceAnnotation.newBuilder(f).setEyeOpenness(0.1).setEyesOpen(false).build();
    }

    private static Set<Integer> matched(String query) {
        FrameQuery q = FrameQuery.parse(query);
        Set<Integer> out = new TreeSet<>();
        for (FrameAnnotation a : FRAMES) if (q.matches(a, CTX)) out.add((int) a.getFrameIndex());
        return out;
    }

    private static Set<Integer> range(int from, int to) {
        Set<Integer> out = new TreeSet<>();
        for (int i = from; i <= to; i++) out.add(i);
        return out;
    }

    private static Set<Integer> minus(Set<Integer> a, Integer... b) {
        Set<Integer> out = new TreeSet<>(a);
        out.removeAll(List.of(b));
        return out;
    }

    @Test
    void theUsersExampleFindsExactlyTheLeadSmilingInCloseUpWithoutText() {
        // 11 has text, 12 is another character, 13 is sad, 19 an extreme close-up, 20 an unknown character.
        assertEquals(Set.of(10, 15, 25), matched("close-up, main character, smiling, no text"));
        assertEquals(Set.of(10, 15, 25), matched("  Close Up AND main   character and HAPPY,no TEXT "));
        assertEquals(Set.of(), matched("close-up, main character") .stream().filter(i -> i == 20).collect(
                java.util.stream.Collectors.toSet()), "an unknown character is not measured");
    }

    @Test
    void namedTermsMatchExactlyTheirFrames() {
        assertEquals(Set.of(11, 17, 21, 24), matched("text"));
        assertEquals(minus(range(10, 27), 11, 17, 21, 24), matched("no text"), "only model frames, text = 0");
        assertEquals(minus(range(10, 27), 16, 24), matched("people"), "persons without faces count (17, 21)");
        assertEquals(Set.of(16, 24), matched("no people"));
        assertEquals(Set.of(14, 18, 22, 26), matched("medium"));
        assertEquals(Set.of(0, 3, 9, 17, 21), matched("dark"), "pixel fields hold on every frame");
        assertEquals(Set.of(15, 18, 22), matched("not frontal"), "15 is 40 degrees: neither frontal nor profile");
        assertEquals(Set.of(18, 22), matched("profile view"));
        assertEquals(Set.of(22, 23), matched("eyes closed"));
        assertEquals(Set.of(23), matched("mouth open, angry"));
        assertEquals(Set.of(12, 22), matched("character-2"));
        assertEquals(Set.of(1, 8), matched("pan"));
        assertEquals(Set.of(0, 3, 4, 5, 6, 9, 29), matched("no pan"), "UNKNOWN camera motion is not measured");
        assertEquals(Set.of(3), matched("motion blur"));
        assertEquals(Set.of(8), matched("no smeared"), "motionBlur -1 elsewhere: not measured");
        assertEquals(Set.of(), matched("nudity"));
        assertEquals(range(10, 27), matched("no nudity"));
    }

    @Test
    void comparisonsReadAnyNumericFieldByItsAvroName() {
        assertEquals(Set.of(18, 22, 26), matched("brightness > 0.5, faceCount >= 2"));
        assertEquals(Set.of(18, 22, 26), matched("BRIGHTNESS>0.5 and faces>=2"));
        assertEquals(Set.of(14, 18, 22, 26), matched("shotType = medium"));
        assertEquals(Set.of(14, 18, 22, 26), matched("shottype = Medium Shot"));
        assertEquals(Set.of(17, 21, 26), matched("people >= 3"));
        assertEquals(Set.of(21, 24), matched("text > 0.2"));
        assertEquals(Set.of(22, 24, 26, 28), matched("score > 0.2"), "odd frames have no score");
        assertEquals(range(0, 10).stream().filter(i -> i % 2 == 0).collect(java.util.stream.Collectors.toCollection(
                TreeSet::new)).equals(matched("score <= 0.1")), true);
        assertEquals(Set.of(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20), matched("not score > 0.2"));
        assertEquals(Set.of(13, 18, 22, 23, 26, 27), matched("not expression = happy"), "15's Happy is happy");
        assertEquals(Set.of(22), matched("expression = surprised"));
        assertEquals(Set.of(12, 22), matched("character = Character-2"));
        assertEquals(Set.of(5, 29), matched("cameraMotion = zoom"));
        assertEquals(Set.of(12, 15, 18, 21, 24, 27), matched("modelFrame = candidate"));
        assertEquals(Set.of(), matched("motionBlurAngle >= 0"), "-1 is not measured, not a value");
        assertEquals(Set.of(27), matched("frameIndex = 27"));
        assertEquals(range(0, 29), matched("timeUs >= 0"));
    }

    @Test
    void aClauseAndItsNegationSplitExactlyTheMeasuredFrames() {
        for (String q : List.of("text", "close-up", "people", "smiling", "main character", "pan", "dark", "score > 0.1",
                "faceCount >= 2", "shotType = long", "expression = neutral", "motion blur", "frontal", "character-1",
                "textCoverage < 0.05", "close-up, smiling")) {
            FrameQuery yes = FrameQuery.parse(q);
            if (q.contains(",")) continue; // the negation of a conjunction is not a query; its measured set still is
            FrameQuery no = FrameQuery.parse((q.contains("=") || q.contains("<") || q.contains(">") ? "not " : "no ") + q);
            for (FrameAnnotation a : FRAMES) {
                boolean y = yes.matches(a, CTX);
                boolean n = no.matches(a, CTX);
                assertTrue(!(y && n), q + " and its negation both match frame " + a.getFrameIndex());
                assertEquals(yes.measured(a, CTX), y || n, q + ": frame " + a.getFrameIndex());
            }
        }
        // The measured frames themselves: model fields only on model frames.
        Set<Integer> measured = new TreeSet<>();
        FrameQuery text = FrameQuery.parse("text");
        for (FrameAnnotation a : FRAMES) if (text.measured(a, CTX)) measured.add((int) a.getFrameIndex());
        assertEquals(range(10, 27), measured);
    }

    @Test
    void errorsNameTheClauseAndSuggestACloseTerm() {
        QuerySyntaxException e = assertThrows(QuerySyntaxException.class, () -> FrameQuery.parse("close-up, smilling"));
        assertEquals("smilling", e.clause());
        assertEquals(10, e.position());
        assertTrue(e.hint().contains("\"smiling\""), e.hint());
        assertTrue(e.getMessage().contains("smilling") && e.getMessage().contains("smiling"), e.getMessage());

        e = assertThrows(QuerySyntaxException.class, () -> FrameQuery.parse("no closeup shot"));
        assertTrue(e.getMessage().contains("unknown term"), e.getMessage());

        e = assertThrows(QuerySyntaxException.class, () -> FrameQuery.parse("dark, brightnes > 0.5"));
        assertEquals("brightnes > 0.5", e.clause());
        assertEquals(6, e.position());
        assertTrue(e.problem().contains("unknown field") && e.hint().contains("\"brightness\""), e.getMessage());

        e = assertThrows(QuerySyntaxException.class, () -> FrameQuery.parse("brightness > high"));
        assertTrue(e.problem().contains("bad number"), e.getMessage());

        e = assertThrows(QuerySyntaxException.class, () -> FrameQuery.parse("close-up,, smiling"));
        assertEquals("", e.clause());
        assertEquals(9, e.position());
        assertTrue(e.problem().contains("empty clause"), e.getMessage());

        e = assertThrows(QuerySyntaxException.class, () -> FrameQuery.parse("smiling,"));
        assertTrue(e.problem().contains("empty clause"), e.getMessage());

        e = assertThrows(QuerySyntaxException.class, () -> FrameQuery.parse("shotType > 2"));
        assertTrue(e.problem().contains("= and !="), e.getMessage());

        e = assertThrows(QuerySyntaxException.class, () -> FrameQuery.parse("shotType = closup"));
        assertTrue(e.hint().contains("CLOSE_UP"), e.getMessage());

        e = assertThrows(QuerySyntaxException.class, () -> FrameQuery.parse("brightness"));
        assertTrue(e.hint().contains("brightness > 0.5"), e.getMessage());

        assertThrows(QuerySyntaxException.class, () -> FrameQuery.parse("   "));
        assertThrows(QuerySyntaxException.class, () -> FrameQuery.parse("no"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FrameQuery.parse("> 3")).getMessage()
                .contains("field"));
    }

    @Test
    void describeGivesEachClauseItsExactDefinition() {
        FrameQuery q = FrameQuery.parse("Close Up, main character, smiling, no text, faces >= 2");
        assertEquals("close-up, main character, smiling, no text, faces >= 2", q.toString());
        String d = q.describe();
        assertTrue(d.contains("close-up: shotType = CLOSE_UP"), d);
        assertTrue(d.contains("no text: not (textCoverage > 0) [measured: textCoverage != -1"), d);
        assertTrue(d.contains("faces >= 2: faceCount >= 2"), d);
        assertEquals(5, d.lines().count(), d);
    }

    @Test
    void helpListsEveryTermAndFieldWithinEightyColumns() {
        String h = FrameQuery.help();
        for (String line : h.split("\n")) assertTrue(line.length() <= 80, line);
        for (QueryTerm t : QueryTerm.values()) assertTrue(h.contains(t.canonicalName()), t.canonicalName());
        for (String f : List.of("brightness", "faceCount", "thirdsScore", "shotType", "expression", "character"))
            assertTrue(h.contains(f), f);
        assertTrue(SearchContext.none().characterOf(FRAMES.get(10)).isEmpty());
        assertEquals(Set.of(), FRAMES.stream().filter(a -> FrameQuery.parse("main character").matches(a,
                SearchContext.none())).map(a -> (int) a.getFrameIndex()).collect(java.util.stream.Collectors.toSet()));
    }
}
