package dev.avastream.operators.annotate;

import dev.avastream.operators.SyntheticFrames;
import dev.avastream.operators.chunk.AnalysisConfig;
import dev.avastream.operators.chunk.ChunkAnnotators;
import dev.avastream.schema.FrameAnnotation;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnnotatorPipelineTest {

    private static final FrameValue<Double> FIRST = FrameValue.of("pipelineTestFirst", Double.class);
    private static final FrameValue<Double> SECOND = FrameValue.of("pipelineTestSecond", Double.class);

    /** A small real annotator: writes {@code out} = (its input or the mean luma) + 1. */
    private record Step(String name, boolean context, List<FrameValue<?>> reads, List<FrameValue<?>> writes,
                        FrameValue<Double> in, FrameValue<Double> out) implements FrameAnnotator {
        static Step source(String name, boolean context, FrameValue<Double> out) {
            return new Step(name, context, List.of(), List.of(out), null, out);
        }

        static Step reading(String name, boolean context, FrameValue<Double> in, FrameValue<Double> out) {
            return new Step(name, context, List.of(in), List.of(out), in, out);
        }

        @Override public AnnotatorCost cost() { return AnnotatorCost.CHEAP; }
        @Override public boolean seesContextFrames() { return context; }
        @Override public void annotate(AnalysedFrame frame) {
            double v = in == null ? frame.planes().lumaMean() : frame.get(in);
            frame.set(out, v + 1);
        }
    }

    @Test
    void runsInOrderAndPassesValues() {
        try (FramePlanes planes = new FramePlanes(); Mat black = SyntheticFrames.solid(0, 0, 0);
             AnnotatorPipeline p = new AnnotatorPipeline(List.of(Step.source("first", true, FIRST),
                     Step.reading("second", true, FIRST, SECOND)))) {
            AnalysedFrame frame = new AnalysedFrame(planes);
            planes.load(3, 120_000, false, black);
            p.run(frame.begin(true));
            assertEquals(2.0, frame.get(SECOND), "second read what first wrote");
            assertEquals(List.of("first", "second"), p.names());
            assertEquals(List.of("first", "second"), List.copyOf(p.nanosByName().keySet()));
            assertEquals(3, frame.annotation().getFrameIndex());
            assertEquals(120_000, frame.annotation().getTimeUs());
        }
    }

    @Test
    void contextFramesRunOnlyTheAnnotatorsThatSeeThem() {
        try (FramePlanes planes = new FramePlanes(); Mat black = SyntheticFrames.solid(0, 0, 0);
             AnnotatorPipeline p = new AnnotatorPipeline(List.of(Step.source("first", true, FIRST),
                     Step.reading("second", false, FIRST, SECOND)))) {
            AnalysedFrame frame = new AnalysedFrame(planes);
            planes.load(0, 0, true, black);
            p.run(frame.begin(false));
            assertFalse(frame.annotated());
            assertEquals(1.0, frame.get(FIRST));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> frame.get(SECOND));
            assertTrue(e.getMessage().contains("nothing wrote"), e.getMessage());
        }
    }

    @Test
    void readingAValueNobodyWritesEarlierIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AnnotatorPipeline(
                List.of(Step.reading("second", true, FIRST, SECOND), Step.source("first", true, FIRST))));
        assertEquals("annotator 'second' reads value pipelineTestFirst (Double), which no annotator before it writes",
                e.getMessage());
    }

    @Test
    void aContextFrameReaderCannotDependOnAnAnnotatedFramesOnlyWriter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AnnotatorPipeline(
                List.of(Step.source("first", false, FIRST), Step.reading("second", true, FIRST, SECOND))));
        assertTrue(e.getMessage().contains("'first' writes on annotated frames only"), e.getMessage());
    }

    @Test
    void duplicateNamesAndDoubleWritesAreErrors() {
        IllegalArgumentException names = assertThrows(IllegalArgumentException.class, () -> new AnnotatorPipeline(
                List.of(Step.source("same", true, FIRST), Step.source("same", true, SECOND))));
        assertEquals("two annotators are named 'same'", names.getMessage());
        IllegalArgumentException writes = assertThrows(IllegalArgumentException.class, () -> new AnnotatorPipeline(
                List.of(Step.source("one", true, FIRST), Step.source("two", true, FIRST))));
        assertEquals("annotators 'one' and 'two' both write value pipelineTestFirst (Double)", writes.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AnnotatorPipeline(
                List.of(Step.source("Not A Metric Name", true, FIRST))));
    }

    @Test
    void undeclaredReadsAndWritesFailWhileRunning() {
        FrameAnnotator sneaky = new Step("sneaky", true, List.of(), List.of(FIRST), null, SECOND);
        try (FramePlanes planes = new FramePlanes(); Mat black = SyntheticFrames.solid(0, 0, 0);
             AnnotatorPipeline p = new AnnotatorPipeline(List.of(sneaky))) {
            AnalysedFrame frame = new AnalysedFrame(planes);
            planes.load(0, 0, false, black);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.run(frame.begin(true)));
            assertEquals("annotator 'sneaky' writes value pipelineTestSecond (Double) without declaring it in writes()",
                    e.getMessage());
        }
    }

    @Test
    void annotationFieldKeysAreCheckedAgainstTheSchema() {
        assertSame(VisualAnnotator.BRIGHTNESS, FrameValue.field("brightness", Double.class), "keys are interned by name");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> FrameValue.field("noSuchField", Double.class));
        assertTrue(missing.getMessage().contains("FrameAnnotation.avsc"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FrameValue.field("longRangeFrames", Double.class),
                "an int field is not a Double");
        assertThrows(IllegalArgumentException.class, () -> FrameValue.of("brightness", Double.class),
                "a field's name cannot be reused for an in-memory value");
    }

    @Test
    void aBlankAnnotationCarriesTheSchemaDefaults() {
        FrameAnnotation a = AnalysedFrame.blankAnnotation(7, 280_000);
        for (Schema.Field f : FrameAnnotation.getClassSchema().getFields()) {
            if (f.hasDefaultValue()) {
                assertEquals(SpecificData.get().getDefaultValue(f), a.get(f.pos()), f.name());
            }
        }
        a.getDominantColours().add(null);
        assertTrue(AnalysedFrame.blankAnnotation(8, 0).getDominantColours().isEmpty(), "every annotation has its own lists");
    }

    @Test
    void theRegisteredAnnotatorsWriteEveryAnnotationFieldOnce() {
        try (AnnotatorPipeline p = new AnnotatorPipeline(ChunkAnnotators.create(AnalysisConfig.defaults(), 25))) {
            Set<String> written = new HashSet<>();
            for (FrameAnnotator a : p.annotators()) {
                for (FrameValue<?> v : a.writes()) if (v.isAnnotationField()) assertTrue(written.add(v.name()));
            }
            List<String> unwritten = new ArrayList<>();
            for (Schema.Field f : FrameAnnotation.getClassSchema().getFields()) {
                if (!written.contains(f.name())) unwritten.add(f.name());
            }
            // frame index, time and whether models ran are the frame's own (AnalysedFrame.begin)
            assertEquals(List.of("frameIndex", "timeUs", "modelFrame"), unwritten, "every other field has its annotator");
        }
    }
}
