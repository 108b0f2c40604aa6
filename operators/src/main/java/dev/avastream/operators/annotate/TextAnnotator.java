package dev.avastream.operators.annotate;

import dev.avastream.models.image.Box;
import dev.avastream.models.runtime.SessionSettings;
import dev.avastream.models.runtime.SharedModels;
import dev.avastream.models.text.TextDetector;
import dev.avastream.models.text.TextRegion;
import dev.avastream.schema.TextAnnotation;

import java.util.ArrayList;
import java.util.List;

/**
 * Text: the regions of the frame holding text (burnt-in subtitles, title cards, signs, lettering of
 * logos), from the PP-OCRv4 text detector ({@link TextDetector}; detection only, no reading), and
 * the share of the frame they cover. A still with text burnt in is rarely usable as artwork, and a
 * title card is never a character still.
 *
 * <p>Coverage is the area of the union of the regions' boxes (clipped to the frame), counted on a
 * grid of {@value #COVERAGE_GRID} cells across, so overlapping boxes count once.
 *
 * <p>Cost: about 20 ms a frame at 320 px (models/README.md), so it runs on model frames only.
 */
public final class TextAnnotator implements FrameAnnotator {

    public static final FrameValue<List<TextAnnotation>> TEXT_REGIONS = FrameValue.listField("textRegions");
    public static final FrameValue<Double> TEXT_COVERAGE = FrameValue.field("textCoverage", Double.class);

    /** Cells across the coverage grid (about 2 px at the default analysis width: finer than any text line). */
    static final int COVERAGE_GRID = 160;

    /** Made on the first frame: building the pipeline loads no model. */
    private TextDetector detector;

    @Override
    public String name() { return "text"; }

    @Override
    public AnnotatorCost cost() { return AnnotatorCost.NEURAL; }

    @Override
    public List<FrameValue<?>> writes() { return List.of(TEXT_REGIONS, TEXT_COVERAGE); }

    @Override
    public void annotate(AnalysedFrame frame) {
        if (detector == null) detector = new TextDetector(SharedModels.get("ocr-det", SessionSettings.SINGLE_THREAD));
        double w = frame.planes().width(), h = frame.planes().height();
        List<TextRegion> regions = detector.detect(frame.planes().bgr());
        List<TextAnnotation> out = new ArrayList<>(regions.size());
        List<Box> boxes = new ArrayList<>(regions.size());
        for (TextRegion r : regions) {
            Box b = r.bounds();
            boxes.add(new Box(b.x() / w, b.y() / h, b.width() / w, b.height() / h));
            out.add(TextAnnotation.newBuilder().setX(b.x() / w).setY(b.y() / h).setWidth(b.width() / w)
                    .setHeight(b.height() / h).setAngle(r.angle()).setScore(r.score()).build());
        }
        frame.set(TEXT_REGIONS, out);
        frame.set(TEXT_COVERAGE, coverage(boxes, w / h));
    }

    /**
     * Share of the unit frame covered by the union of boxes given in shares of the frame, on a grid
     * of {@link #COVERAGE_GRID} cells across and as many down as keep the cells square.
     */
    static double coverage(List<Box> boxes, double aspect) {
        if (boxes.isEmpty()) return 0;
        int cols = COVERAGE_GRID, rows = Math.max(1, (int) Math.round(COVERAGE_GRID / aspect));
        boolean[] covered = new boolean[cols * rows];
        int count = 0;
        for (Box b : boxes) {
            int c0 = clamp((int) Math.floor(b.x() * cols), cols), c1 = clamp((int) Math.ceil((b.x() + b.width()) * cols), cols);
            int r0 = clamp((int) Math.floor(b.y() * rows), rows), r1 = clamp((int) Math.ceil((b.y() + b.height()) * rows), rows);
            for (int r = r0; r < r1; r++) {
                for (int c = c0; c < c1; c++) {
                    if (!covered[r * cols + c]) {
                        covered[r * cols + c] = true;
                        count++;
                    }
                }
            }
        }
        return count / (double) covered.length;
    }

    private static int clamp(int v, int n) {
        return Math.max(0, Math.min(n, v));
    }
}
