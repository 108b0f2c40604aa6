package dev.avastream.schema;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The schema evolution rules of the README, checked against the frozen v1 schemas
 * (src/test/resources/avro-v1, as of commit 9ef693a): today's published schemas must be backward and
 * forward compatible with v1, follow the rules field by field, and a consumer that only knows v1 must
 * read records written with today's generated classes (single-object encoding, writer schema found in
 * a SchemaStore by its fingerprint, Avro schema resolution).
 */
class SchemaEvolutionTest {
    /** v1 files in dependency order (one parser resolves the names). */
    private static final List<String> V1_FILES = List.of("ScoreComponent", "TransitionType", "FrameAnnotation",
            "Candidate", "Transition", "Shot", "CandidateSetUpdate");
    private static final Map<String, Schema> V1 = new HashMap<>();

    /** Today's schemas of the records that leave a process for subscribers, and their parts. */
    private static final Map<String, Schema> CURRENT = Map.of(
            "CandidateSetUpdate", CandidateSetUpdate.getClassSchema(),
            "Shot", Shot.getClassSchema(),
            "Candidate", Candidate.getClassSchema(),
            "FrameAnnotation", FrameAnnotation.getClassSchema(),
            "ScoreComponent", ScoreComponent.getClassSchema(),
            "Transition", Transition.getClassSchema(),
            "TransitionType", TransitionType.getClassSchema());

    @BeforeAll
    static void loadV1() throws Exception {
        Schema.Parser parser = new Schema.Parser();
        for (String name : V1_FILES) {
            try (InputStream in = SchemaEvolutionTest.class.getResourceAsStream("/avro-v1/" + name + ".avsc")) {
                assertNotNull(in, "missing test resource avro-v1/" + name + ".avsc");
                V1.put(name, parser.parse(in));
            }
        }
    }

    @Test
    void everyCurrentSchemaIsBackwardAndForwardCompatibleWithV1() {
        for (String name : V1_FILES) {
            List<String> problems = compatibilityProblems(V1.get(name), CURRENT.get(name));
            assertEquals(List.of(), problems, name + " is not compatible with v1");
        }
        // and the v1 copies really are older: the test would notice a change
        assertFalse(V1.get("Shot").equals(Shot.getClassSchema()), "v1 Shot differs from today's");
    }

    @Test
    void everyCurrentSchemaFollowsTheEvolutionRules() {
        for (String name : V1_FILES) {
            assertEquals(List.of(), ruleViolations(V1.get(name), CURRENT.get(name), name), name);
        }
    }

    @Test
    void theChecksCatchBreakingChanges() {
        Schema v1 = V1.get("Shot");
        // renamed field (keyFrame -> bestFrame)
        Schema renamed = new Schema.Parser().parse(v1.toString().replace("\"keyFrame\"", "\"bestFrame\""));
        // retyped field (startFrame long -> string)
        Schema retyped = new Schema.Parser().parse(v1.toString()
                .replace("{\"name\":\"startFrame\",\"type\":\"long\"", "{\"name\":\"startFrame\",\"type\":\"string\""));
        assertFalse(compatibilityProblems(v1, retyped).isEmpty(), "Avro's check catches a retyped field");
        // added field without a default
        Schema noDefault = new Schema.Parser().parse(v1.toString().replace("\"fields\":[",
                "\"fields\":[{\"name\":\"studio\",\"type\":\"string\"},"));
        // removed field without a default (startUs) on the reader side of old data
        Schema removed = new Schema.Parser().parse(v1.toString()
                .replaceFirst("\\{\"name\":\"startUs\",\"type\":\"long\",\"doc\":\"[^\"]*\"},", ""));
        assertFalse(compatibilityProblems(v1, noDefault).isEmpty(), "Avro's check catches a field without default");
        // a rename with defaults on both sides passes Avro's check (the value silently becomes the
        // default): only the rules catch it
        assertFalse(ruleViolations(v1, renamed, "Shot").isEmpty(), "the rules catch a renamed field");
        for (Schema broken : List.of(renamed, retyped, noDefault, removed)) {
            assertFalse(broken.equals(v1), "the edit took effect");
            assertFalse(compatibilityProblems(v1, broken).isEmpty() && ruleViolations(v1, broken, "Shot").isEmpty(),
                    "not caught: " + broken);
        }
        // enum: a symbol inserted in the middle, or an enum without a default, breaks the rules
        Schema enumV1 = V1.get("TransitionType");
        Schema reordered = new Schema.Parser().parse(enumV1.toString().replace("\"UNKNOWN\",\"TITLE_START\"", "\"TITLE_START\",\"UNKNOWN\""));
        assertFalse(ruleViolations(enumV1, reordered, "TransitionType").isEmpty());
    }

    @Test
    void aV1ReaderReadsCandidateUpdatesWrittenWithTodaysClasses() throws Exception {
        CandidateSetUpdate now = sampleUpdate();
        ByteBuffer bytes = now.toByteBuffer(); // single-object encoding: marker, writer fingerprint, body

        // the v1 consumer knows only its own schema: it cannot resolve a writer it has never seen
        BinaryMessageDecoder<GenericRecord> blind = new BinaryMessageDecoder<>(GenericData.get(), V1.get("CandidateSetUpdate"));
        assertThrows(MissingSchemaException.class, () -> blind.decode(bytes.duplicate()));

        // with the writer's schema in a store (e.g. loaded from schemas/avro or a registry) it resolves
        SchemaStore.Cache store = new SchemaStore.Cache();
        store.addSchema(CandidateSetUpdate.getClassSchema());
        BinaryMessageDecoder<GenericRecord> decoder = new BinaryMessageDecoder<>(GenericData.get(), V1.get("CandidateSetUpdate"), store);
        GenericRecord old = decoder.decode(bytes.duplicate());

        assertEquals(V1.get("CandidateSetUpdate"), old.getSchema());
        assertEquals(now.getTitleId(), old.get("titleId").toString());
        assertEquals(now.getVersion(), old.get("version"));
        assertEquals(now.getTitleFrameCount(), old.get("titleFrameCount"));
        assertEquals(now.getComplete(), old.get("complete"));
        @SuppressWarnings("unchecked")
        List<GenericRecord> cands = (List<GenericRecord>) old.get("candidates");
        assertEquals(2, cands.size());
        GenericRecord c0 = cands.get(0);
        assertEquals(41L, c0.get("frameIndex"));
        assertEquals(0.71, (Double) c0.get("score"), 0.0);
        GenericRecord ann = (GenericRecord) c0.get("annotation");
        assertEquals(0.62, (Double) ann.get("sharpness"), 0.0);
        assertNull(ann.getSchema().getField("dominantColours"), "v1 has no dominantColours: dropped on read");
        assertEquals(ByteBuffer.wrap(new byte[]{1, 2, 3}), c0.get("thumbnailJpeg"));
        assertEquals(List.of(41L, 310L), toLongs(old.get("added")));
    }

    @Test
    void aV1ReaderReadsShotsWrittenWithTodaysClasses() throws Exception {
        Shot now = sampleShot();
        SchemaStore.Cache store = new SchemaStore.Cache();
        store.addSchema(Shot.getClassSchema());
        GenericRecord old = new BinaryMessageDecoder<GenericRecord>(GenericData.get(), V1.get("Shot"), store)
                .decode(now.toByteBuffer());
        assertEquals(3, old.get("index"));
        assertEquals(90L, old.get("startFrame"));
        assertEquals(149L, old.get("endFrame"));
        assertEquals("CUT", old.get("transitionOut").toString());
        assertEquals(120L, old.get("keyFrame"));
        assertNull(old.getSchema().getField("dominantColours"));
    }

    @Test
    void todaysClassesReadV1RecordsWithDefaultsForNewFields() throws Exception {
        Schema v1 = V1.get("Shot");
        GenericRecord shot = new GenericData.Record(v1);
        shot.put("runId", "r1");
        shot.put("titleId", "t");
        shot.put("index", 0);
        shot.put("startFrame", 0L);
        shot.put("endFrame", 29L);
        shot.put("startUs", 0L);
        shot.put("endUs", 966_667L);
        shot.put("transitionIn", new GenericData.EnumSymbol(v1.getField("transitionIn").schema(), "TITLE_START"));
        shot.put("transitionOut", new GenericData.EnumSymbol(v1.getField("transitionOut").schema(), "CUT"));
        shot.put("averageMotion", 0.1);
        shot.put("averageBrightness", 0.4);
        shot.put("keyFrame", 12L);
        shot.put("transitionsBefore", List.of());
        shot.put("transitionsAfter", List.of());
        ByteBuffer bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(shot);

        SchemaStore.Cache store = new SchemaStore.Cache();
        store.addSchema(v1);
        Shot read = Shot.createDecoder(store).decode(bytes);
        assertEquals(29L, read.getEndFrame());
        assertEquals(TransitionType.CUT, read.getTransitionOut());
        assertEquals(List.of(), read.getDominantColours(), "new field takes its default");
    }

    // ---- the checks -----------------------------------------------------------------------------

    /** Avro's own verdicts both ways: old readers on new data (forward), new readers on old data (backward). */
    static List<String> compatibilityProblems(Schema old, Schema now) {
        List<String> problems = new ArrayList<>();
        var forward = SchemaCompatibility.checkReaderWriterCompatibility(old, now);
        if (forward.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            problems.add("a v1 reader cannot read new data: " + forward.getResult().getIncompatibilities());
        }
        var backward = SchemaCompatibility.checkReaderWriterCompatibility(now, old);
        if (backward.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            problems.add("a new reader cannot read v1 data: " + backward.getResult().getIncompatibilities());
        }
        return problems;
    }

    /**
     * The README's rules, stricter than compatibility: every v1 field is still there under its name
     * with the same type (recursively for records), every new field has a default, enum symbols are
     * only appended and the enum has a default symbol, union branches are only appended (the first
     * stays), record and enum full names never change.
     */
    static List<String> ruleViolations(Schema old, Schema now, String path) {
        List<String> v = new ArrayList<>();
        if (old.getType() != now.getType()) {
            v.add(path + ": type changed from " + old.getType() + " to " + now.getType());
            return v;
        }
        switch (old.getType()) {
            case RECORD -> {
                if (!old.getFullName().equals(now.getFullName())) v.add(path + ": record renamed to " + now.getFullName());
                for (Schema.Field f : old.getFields()) {
                    Schema.Field g = now.getField(f.name());
                    if (g == null) v.add(path + "." + f.name() + ": removed or renamed");
                    else v.addAll(ruleViolations(f.schema(), g.schema(), path + "." + f.name()));
                }
                for (Schema.Field g : now.getFields()) {
                    if (old.getField(g.name()) == null && !g.hasDefaultValue()) {
                        v.add(path + "." + g.name() + ": added without a default");
                    }
                }
            }
            case ENUM -> {
                if (!old.getFullName().equals(now.getFullName())) v.add(path + ": enum renamed to " + now.getFullName());
                List<String> a = old.getEnumSymbols(), b = now.getEnumSymbols();
                if (b.size() < a.size() || !b.subList(0, a.size()).equals(a)) {
                    v.add(path + ": enum symbols " + a + " -> " + b + " (only append)");
                }
                if (now.getEnumDefault() == null) v.add(path + ": enum without a default symbol");
            }
            case ARRAY -> v.addAll(ruleViolations(old.getElementType(), now.getElementType(), path + "[]"));
            case MAP -> v.addAll(ruleViolations(old.getValueType(), now.getValueType(), path + "{}"));
            case UNION -> {
                // rule 4: the old branches stay, in their places (the first is the default's), new ones after them
                List<Schema> a = old.getTypes(), b = now.getTypes();
                int moved = -1;
                for (int i = 0; i < Math.min(a.size(), b.size()) && moved < 0; i++) {
                    if (!sameBranch(a.get(i), b.get(i))) moved = i;
                }
                if (b.size() < a.size()) v.add(path + ": union branches removed: " + branches(a) + " -> " + branches(b));
                else if (moved == 0) v.add(path + ": union's first branch (the default's) changed: " + branches(a) + " -> " + branches(b));
                else if (moved > 0) v.add(path + ": union branches replaced or reordered: " + branches(a) + " -> " + branches(b) + " (only append)");
                for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                    if (sameBranch(a.get(i), b.get(i))) v.addAll(ruleViolations(a.get(i), b.get(i), path + "|" + i));
                }
            }
            case FIXED -> {
                if (old.getFixedSize() != now.getFixedSize()) v.add(path + ": fixed size changed");
            }
            default -> { }
        }
        return v;
    }

    /** A union branch is identified by its type and, for named types, its full name. */
    private static boolean sameBranch(Schema a, Schema b) {
        if (a.getType() != b.getType()) return false;
        return switch (a.getType()) {
            case RECORD, ENUM, FIXED -> a.getFullName().equals(b.getFullName());
            default -> true;
        };
    }

    private static List<String> branches(List<Schema> union) {
        return union.stream().map(Schema::getFullName).toList();
    }

    // ---- sample records ---------------------------------------------------------------------------

    static CandidateSetUpdate sampleUpdate() {
        List<Candidate> cands = List.of(candidate(41, 0.71), candidate(310, 0.69));
        return CandidateSetUpdate.newBuilder()
                .setRunId("run-1").setTitleId("sample").setSource("/videos/sample.mp4").setVersion(3)
                .setChunksReceived(3).setChunksAssembled(3).setChunkCount(6).setFramesProcessed(540)
                .setTitleFrameCount(1800).setShotsClosed(7).setPoolSize(40).setComplete(false)
                .setCandidates(cands).setAdded(List.of(41L, 310L)).setRemoved(List.of(12L)).setErrors(List.of())
                .setEmittedAtMs(1_700_000_000_000L).build();
    }

    static Candidate candidate(long frame, double score) {
        FrameAnnotation a = FrameAnnotation.newBuilder()
                .setFrameIndex(frame).setTimeUs(frame * 33_333).setBrightness(0.45).setContrast(0.2)
                .setColourfulness(0.5).setSharpness(0.62).setMotion(0.01).setCutScore(0.02)
                .setCutComponents(List.of(new ScoreComponent("lumaHistogram", 0.02, 1.0, 0.02)))
                .setDominantColours(List.of(new ColourShare(47, 107, 154, 0.46)))
                .build();
        return Candidate.newBuilder()
                .setFrameIndex(frame).setTimeUs(frame * 33_333).setShotIndex(2).setScore(score)
                .setComponents(List.of(new ScoreComponent("sharpness", 0.62, 0.25, 0.155)))
                .setFeature(List.of(0.1f, 0.2f)).setAnnotation(a)
                .setThumbnailJpeg(ByteBuffer.wrap(new byte[]{1, 2, 3})).setThumbnailWidth(320).setThumbnailHeight(180)
                .build();
    }

    static Shot sampleShot() {
        return Shot.newBuilder()
                .setRunId("run-1").setTitleId("sample").setIndex(3).setStartFrame(90).setEndFrame(149)
                .setStartUs(3_000_000).setEndUs(4_966_667).setTransitionIn(TransitionType.CUT)
                .setTransitionOut(TransitionType.CUT).setAverageMotion(0.02).setAverageBrightness(0.4)
                .setKeyFrame(120).setTransitionsBefore(List.of()).setTransitionsAfter(List.of())
                .setDominantColours(List.of(new ColourShare(200, 160, 112, 0.21)))
                .build();
    }

    private static List<Long> toLongs(Object array) {
        List<Long> out = new ArrayList<>();
        for (Object o : (List<?>) array) out.add((Long) o);
        return out;
    }

    // =============================================================================================
    // Issue 9: ChunkReady, DeadLetter and Still against their first published schemas, and one
    // negative case per rule. (Kept apart from the v1 checks above; the checks are the same.)
    // =============================================================================================

    /** Frozen first-published schemas: resource folder, then the files in dependency order. */
    private static final Map<String, List<String>> FIRST_PUBLISHED = Map.of(
            "avro-live-v1", List.of("ChunkReady", "DeadLetter"),
            "avro-stills-v1", List.of("Still"));

    private static Schema firstPublished(String name) throws Exception {
        for (Map.Entry<String, List<String>> dir : FIRST_PUBLISHED.entrySet()) {
            if (!dir.getValue().contains(name)) continue;
            String resource = "/" + dir.getKey() + "/" + name + ".avsc";
            try (InputStream in = SchemaEvolutionTest.class.getResourceAsStream(resource)) {
                assertNotNull(in, "missing test resource " + resource);
                return new Schema.Parser().parse(in);
            }
        }
        throw new IllegalArgumentException("no frozen schema for " + name);
    }

    private static Map<String, Schema> liveAndStillSchemasNow() {
        return Map.of("ChunkReady", ChunkReady.getClassSchema(), "DeadLetter", DeadLetter.getClassSchema(),
                "Still", Still.getClassSchema());
    }

    @Test
    void chunkReadyDeadLetterAndStillStayCompatibleWithTheirFirstPublishedSchemasAndFollowTheRules() throws Exception {
        for (Map.Entry<String, Schema> e : liveAndStillSchemasNow().entrySet()) {
            Schema first = firstPublished(e.getKey());
            assertEquals(List.of(), compatibilityProblems(first, e.getValue()), e.getKey() + " is not compatible with its first version");
            assertEquals(List.of(), ruleViolations(first, e.getValue(), e.getKey()), e.getKey());
        }
    }

    @Test
    void readersOnTheFirstPublishedSchemasReadTodaysRecords() throws Exception {
        ChunkReady chunk = ChunkReady.newBuilder().setTitleId("live-1").setSource("cam-3").setChunkIndex(4)
                .setUri("file:///chunks/live-1/4.mp4").setFirstFrame(240).setPreRollFrames(12).setFrameCount(60)
                .setPublishedAtMs(1_700_000_000_000L).build();
        GenericRecord oldChunk = readWithFirstPublished("ChunkReady", ChunkReady.getClassSchema(), chunk.toByteBuffer());
        assertEquals("live-1", oldChunk.get("titleId").toString());
        assertEquals(4, oldChunk.get("chunkIndex"));
        assertEquals(240L, oldChunk.get("firstFrame"));
        assertEquals(false, oldChunk.get("endOfTitle"));
        assertEquals(-1, oldChunk.get("chunkCount"));

        DeadLetter dead = DeadLetter.newBuilder().setTopic("ava.chunks").setPartition(2).setOffset(17)
                .setKey(ByteBuffer.wrap(new byte[]{'k'})).setValue(ByteBuffer.wrap(new byte[]{1, 2}))
                .setTitleId("live-1").setChunkIndex(-2).setReason("not an Avro ChunkReady record").setRejectedAtMs(5L).build();
        GenericRecord oldDead = readWithFirstPublished("DeadLetter", DeadLetter.getClassSchema(), dead.toByteBuffer());
        assertEquals(17L, oldDead.get("offset"));
        assertEquals(-2, oldDead.get("chunkIndex"));
        assertEquals("not an Avro ChunkReady record", oldDead.get("reason").toString());

        Still still = Still.newBuilder().setRunId("run-1").setTitleId("sample").setFrameIndex(41).setTimeUs(1_366_653)
                .setJpeg(ByteBuffer.wrap(new byte[]{(byte) 0xFF, (byte) 0xD8})).setWidth(320).setHeight(180).build();
        GenericRecord oldStill = readWithFirstPublished("Still", Still.getClassSchema(), still.toByteBuffer());
        assertEquals(41L, oldStill.get("frameIndex"));
        assertEquals(ByteBuffer.wrap(new byte[]{(byte) 0xFF, (byte) 0xD8}), oldStill.get("jpeg"));
        assertEquals(320, oldStill.get("width"));
    }

    private static GenericRecord readWithFirstPublished(String name, Schema writer, ByteBuffer bytes) throws Exception {
        SchemaStore.Cache store = new SchemaStore.Cache();
        store.addSchema(writer);
        Schema reader = firstPublished(name);
        GenericRecord r = new BinaryMessageDecoder<GenericRecord>(GenericData.get(), reader, store).decode(bytes);
        assertEquals(reader, r.getSchema());
        return r;
    }

    /**
     * The job writes updates whose candidates carry no JPEG but a still key: a v1 reader (which knows
     * thumbnailJpeg as a required field and nothing of stillKey) reads them, with empty thumbnails.
     */
    @Test
    void aV1ReaderReadsUpdatesWhoseStillsAreOnTheirOwnTopic() throws Exception {
        CandidateSetUpdate now = sampleUpdate();
        for (Candidate c : now.getCandidates()) {
            c.setThumbnailJpeg(ByteBuffer.allocate(0));
            c.setStillKey(now.getTitleId() + "/" + c.getFrameIndex());
        }
        SchemaStore.Cache store = new SchemaStore.Cache();
        store.addSchema(CandidateSetUpdate.getClassSchema());
        GenericRecord old = new BinaryMessageDecoder<GenericRecord>(GenericData.get(), V1.get("CandidateSetUpdate"), store)
                .decode(now.toByteBuffer());
        @SuppressWarnings("unchecked")
        List<GenericRecord> cands = (List<GenericRecord>) old.get("candidates");
        assertEquals(2, cands.size());
        assertEquals(ByteBuffer.allocate(0), cands.get(0).get("thumbnailJpeg"));
        assertEquals(320, cands.get(0).get("thumbnailWidth"));
        assertNull(cands.get(0).getSchema().getField("stillKey"), "v1 has no stillKey: dropped on read");

        // and a v1 record, read with today's classes, has no still key and its picture where it was
        Candidate fromV1 = Candidate.newBuilder().setFrameIndex(1).setTimeUs(0).setScore(0.5)
                .setThumbnailJpeg(ByteBuffer.wrap(new byte[]{9})).setThumbnailWidth(2).setThumbnailHeight(1).build();
        GenericRecord v1Candidate = new GenericData.Record(V1.get("Candidate"));
        for (Schema.Field f : V1.get("Candidate").getFields()) v1Candidate.put(f.name(), fromV1.get(f.name()));
        v1Candidate.put("annotation", null);
        ByteBuffer v1Bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), V1.get("Candidate")).encode(v1Candidate);
        SchemaStore.Cache v1Store = new SchemaStore.Cache();
        v1Store.addSchema(V1.get("Candidate"));
        Candidate read = Candidate.createDecoder(v1Store).decode(v1Bytes);
        assertEquals("", read.getStillKey(), "new field takes its default");
        assertEquals(ByteBuffer.wrap(new byte[]{9}), read.getThumbnailJpeg());
    }

    // =============================================================================================
    // Issue 9: the title operator's keyed state (title-progress, pending-chunks, candidate-pool), which
    // checkpoints and savepoints hold, against its frozen v1 (src/test/resources/avro-state-v1).
    // =============================================================================================

    /** State schemas frozen in avro-state-v1 (each file self-contained) and today's. */
    private static Map<String, Schema> stateSchemasNow() {
        return Map.of("TitleProgress", TitleProgress.getClassSchema(), "ChunkResult", ChunkResult.getClassSchema(),
                "Candidate", Candidate.getClassSchema());
    }

    private static Schema stateV1(String name) throws Exception {
        String resource = "/avro-state-v1/" + name + ".avsc";
        try (InputStream in = SchemaEvolutionTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, "missing test resource " + resource);
            return new Schema.Parser().parse(in);
        }
    }

    @Test
    void stateSchemasStayCompatibleWithTheirFrozenV1AndFollowTheRules() throws Exception {
        for (Map.Entry<String, Schema> e : stateSchemasNow().entrySet()) {
            Schema v1 = stateV1(e.getKey());
            assertEquals(List.of(), compatibilityProblems(v1, e.getValue()), e.getKey() + " state is not compatible with state v1");
            assertEquals(List.of(), ruleViolations(v1, e.getValue(), e.getKey()), e.getKey());
        }
        // the check looks inside the nested state records: a field renamed in one of them is caught
        Schema v1 = stateV1("TitleProgress");
        Schema renamed = new Schema.Parser().parse(v1.toString().replace("\"motionSum\"", "\"motionTotal\""));
        assertEquals(List.of("TitleProgress.shots.open|1.motionSum: removed or renamed"),
                ruleViolations(v1, renamed, "TitleProgress"));
    }

    /**
     * A restore reads state written by an older job with today's classes (and a job rolled back reads
     * today's with v1's): a progress record with every part filled goes both ways.
     */
    @Test
    void titleProgressRoundTripsBetweenStateV1AndTodaysClass() throws Exception {
        Schema v1 = stateV1("TitleProgress");
        TitleProgress now = sampleProgress();

        SchemaStore.Cache store = new SchemaStore.Cache();
        store.addSchema(TitleProgress.getClassSchema());
        GenericRecord old = new BinaryMessageDecoder<GenericRecord>(GenericData.get(), v1, store).decode(now.toByteBuffer());
        assertEquals(3, ((GenericRecord) old.get("chunks")).get("nextChunk"));
        GenericRecord open = (GenericRecord) ((GenericRecord) old.get("shots")).get("open");
        assertEquals(120L, open.get("startFrame"));
        @SuppressWarnings("unchecked")
        List<GenericRecord> entries = (List<GenericRecord>) ((GenericRecord) old.get("pool")).get("entries");
        assertEquals(41L, entries.get(0).get("frameIndex"));

        ByteBuffer written = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old);
        SchemaStore.Cache v1Store = new SchemaStore.Cache();
        v1Store.addSchema(v1);
        TitleProgress back = TitleProgress.createDecoder(v1Store).decode(written);
        assertEquals(now, back);
    }

    static TitleProgress sampleProgress() {
        Candidate c = candidate(41, 0.71);
        return TitleProgress.newBuilder()
                .setRunId("run-1").setTitleId("sample").setSource("/videos/sample.mp4").setChunkCount(6)
                .setTitleFrameCount(1800).setVersion(4).setFramesProcessed(160).setErrors(List.of("chunk 2: corrupt"))
                .setIdleTimerAt(1_700_000_300_000L)
                .setChunks(ChunkOrderState.newBuilder().setNextChunk(3).setChunksReceived(4).setBuffered(List.of(4)).build())
                .setShots(ShotState.newBuilder().setShotsClosed(2)
                        .setOpen(OpenShot.newBuilder().setStartFrame(120).setStartUs(4_000_000).setLastFrame(150)
                                .setLastUs(5_000_000).setTransitionIn(TransitionType.DISSOLVE).setFrames(31)
                                .setMotionSum(0.3).setBrightnessSum(12.4).setKeyFrame(131).setKeyScore(0.7)
                                .setPalette(List.of(0.5, 100.0, 90.0, 80.0)).setTransitionsBefore(List.of()).build())
                        .setClosingShot(sampleShot()).setTransitionsSinceShot(List.of()).build())
                .setSettling(SettlingState.newBuilder().setDetectorWindow(List.of(c.getAnnotation()))
                        .setPendingTransitions(List.of()).setUnsettledFrames(List.of(c.getAnnotation()))
                        .setUnsettledCuts(List.of(151L)).setUnsettledCandidates(List.of(c)).build())
                .setPool(PoolState.newBuilder().setEntries(List.of(PoolEntry.newBuilder().setFrameIndex(41).setShotIndex(2)
                        .setScore(0.71).setFeature(List.of(0.1f, 0.2f)).build())).setPublished(List.of(41L)).build())
                .build();
    }

    /** One rule broken by one minimal edit of a published schema. */
    record Break(String rule, String edit, Schema before, Schema after, String flagged, boolean avroNotices) {
        @Override
        public String toString() { return "rule " + rule + ": " + edit; }
    }

    static List<Break> oneBreakPerRule() throws Exception {
        if (V1.isEmpty()) loadV1();
        Schema shot = V1.get("Shot");
        Schema transitionType = V1.get("TransitionType");
        Schema deadLetter = firstPublished("DeadLetter");
        Schema nullOnly = Schema.createUnion(Schema.create(Schema.Type.NULL));
        Schema stringFirst = Schema.createUnion(Schema.create(Schema.Type.STRING), Schema.create(Schema.Type.NULL));
        return List.of(
                new Break("1", "Shot gains a field without a default", shot,
                        withFields(shot, fields -> fields.add(new Schema.Field("studio", Schema.create(Schema.Type.STRING)))),
                        "Shot.studio: added without a default", true),
                new Break("2", "Shot.startUs removed", shot,
                        withFields(shot, fields -> fields.removeIf(f -> f.name().equals("startUs"))),
                        "Shot.startUs: removed or renamed", true),
                // keyFrame has a default, so Avro hands the renamed field's reader the default: only the rule sees it
                new Break("2", "Shot.keyFrame renamed to bestFrame", shot,
                        withFields(shot, fields -> fields.replaceAll(f -> f.name().equals("keyFrame")
                                ? new Schema.Field("bestFrame", f.schema(), f.doc(), f.defaultVal()) : f)),
                        "Shot.keyFrame: removed or renamed", false),
                new Break("2", "Shot.index retyped int -> long (a promotion, still a type change)", shot,
                        withFields(shot, fields -> fields.replaceAll(f -> f.name().equals("index")
                                ? new Schema.Field(f.name(), Schema.create(Schema.Type.LONG), f.doc()) : f)),
                        "Shot.index: type changed from INT to LONG", true),
                new Break("3", "TransitionType symbols reordered", transitionType,
                        enumWith(transitionType, transitionType.getName(), transitionType.getNamespace(),
                                swapFirstTwo(transitionType.getEnumSymbols()), transitionType.getEnumDefault()),
                        "(only append)", false),
                new Break("3", "TransitionType loses its default symbol", transitionType,
                        enumWith(transitionType, transitionType.getName(), transitionType.getNamespace(),
                                transitionType.getEnumSymbols(), null),
                        "enum without a default symbol", false),
                new Break("4", "DeadLetter.key loses its bytes branch", deadLetter,
                        withFields(deadLetter, fields -> fields.replaceAll(f -> f.name().equals("key")
                                ? new Schema.Field(f.name(), nullOnly, f.doc(), Schema.Field.NULL_DEFAULT_VALUE) : f)),
                        "DeadLetter.key: union branches removed", true),
                // the same two branches, so Avro resolves either way; but the default's branch changed
                new Break("4", "DeadLetter.titleId's first branch becomes string (default \"\")", deadLetter,
                        withFields(deadLetter, fields -> fields.replaceAll(f -> f.name().equals("titleId")
                                ? new Schema.Field(f.name(), stringFirst, f.doc(), "") : f)),
                        "DeadLetter.titleId: union's first branch (the default's) changed", false),
                new Break("5", "record Shot renamed to Scene", shot,
                        recordWith(shot, "Scene", shot.getNamespace()), "Shot: record renamed to dev.avastream.schema.Scene", true),
                // Avro compares record names without their namespace: only the rule sees this one
                new Break("5", "record Shot moved to namespace dev.avastream.v2", shot,
                        recordWith(shot, shot.getName(), "dev.avastream.v2"), "Shot: record renamed to dev.avastream.v2.Shot", false),
                new Break("5", "enum TransitionType renamed to Boundary", transitionType,
                        enumWith(transitionType, "Boundary", transitionType.getNamespace(), transitionType.getEnumSymbols(),
                                transitionType.getEnumDefault()),
                        "TransitionType: enum renamed to dev.avastream.schema.Boundary", true),
                new Break("5", "enum TransitionType moved to namespace dev.avastream.v2", transitionType,
                        enumWith(transitionType, transitionType.getName(), "dev.avastream.v2", transitionType.getEnumSymbols(),
                                transitionType.getEnumDefault()),
                        "TransitionType: enum renamed to dev.avastream.v2.TransitionType", false));
    }

    /**
     * Each rule fails on its own: a single edit breaks it, the rule check reports exactly that one
     * violation, and the case records whether Avro's compatibility check would have noticed too (where
     * it would not, only the rules protect readers).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("oneBreakPerRule")
    void eachRuleFlagsItsOwnBreakAlone(Break b) {
        // (toString: Schema.equals ignores an enum's default)
        assertFalse(b.before().toString().equals(b.after().toString()), "the edit took effect");
        Schema reparsed = new Schema.Parser().parse(b.after().toString()); // a schema a producer could ship
        String name = b.before().getName();
        List<String> violations = ruleViolations(b.before(), reparsed, name);
        assertEquals(1, violations.size(), "one violation for one edit: " + violations);
        assertTrue(violations.get(0).contains(b.flagged()), "expected '" + b.flagged() + "', got " + violations);
        assertEquals(b.avroNotices(), !compatibilityProblems(b.before(), reparsed).isEmpty(),
                "Avro's own check " + (b.avroNotices() ? "misses" : "catches") + " it: " + compatibilityProblems(b.before(), reparsed));
        assertEquals(List.of(), ruleViolations(b.before(), new Schema.Parser().parse(b.before().toString()), name),
                "the unedited schema passes");
    }

    @Test
    void everyRuleHasANegativeCase() throws Exception {
        Set<String> rules = new java.util.TreeSet<>();
        for (Break b : oneBreakPerRule()) rules.add(b.rule());
        assertEquals(Set.of("1", "2", "3", "4", "5"), rules);
    }

    /** The record with the same fields (copied: a field belongs to one record) edited by {@code edit}. */
    private static Schema withFields(Schema record, java.util.function.Consumer<List<Schema.Field>> edit) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : record.getFields()) fields.add(new Schema.Field(f, f.schema()));
        edit.accept(fields);
        return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false, fields);
    }

    private static Schema recordWith(Schema record, String name, String namespace) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : record.getFields()) fields.add(new Schema.Field(f, f.schema()));
        return Schema.createRecord(name, record.getDoc(), namespace, false, fields);
    }

    private static Schema enumWith(Schema e, String name, String namespace, List<String> symbols, String enumDefault) {
        return Schema.createEnum(name, e.getDoc(), namespace, symbols, enumDefault);
    }

    private static List<String> swapFirstTwo(List<String> symbols) {
        List<String> s = new ArrayList<>(symbols);
        s.set(0, symbols.get(1));
        s.set(1, symbols.get(0));
        return s;
    }
}
