package dev.avastream.operators.annotate;

import dev.avastream.operators.config.Setting;
import dev.avastream.operators.config.SettingValues;
import dev.avastream.operators.config.Tunables;
import dev.avastream.schema.ColourShare;
import org.bytedeco.opencv.opencv_core.Mat;

import java.io.Serializable;
import java.util.List;

/**
 * The dominant colours of a frame: every pixel of the quarter-size frame (80x45 at 320x180, enough
 * for colours that cover a visible part of the picture) counted into a {@link ColourPalette}, the
 * {@link Params#colours()} heaviest cells reported as mean colour and share of the frame.
 *
 * <p>Cost: one pass over 3,600 pixels in Java, a few microseconds.
 */
public final class DominantColourExtractor implements FrameAnnotator {

    public static final String NAME = "colours";
    public static final FrameValue<List<ColourShare>> DOMINANT_COLOURS = FrameValue.listField("dominantColours");

    /**
     * @param colours {@link Tunables#DOMINANT_COLOURS}
     */
    public record Params(int colours) implements Serializable {
        public Params {
            Setting.check(Tunables.DOMINANT_COLOURS, colours);
        }

        public static Params defaults() {
            return from(SettingValues.defaults());
        }

        /** The extractor's parameters as {@code values} set them. */
        public static Params from(SettingValues values) {
            return new Params(values.get(Tunables.DOMINANT_COLOURS));
        }
    }

    private final Params params;
    private byte[] pixels = new byte[0];

    public DominantColourExtractor(Params params) {
        this.params = params;
    }

    public DominantColourExtractor() {
        this(Params.defaults());
    }

    @Override
    public Params params() { return params; }

    @Override
    public String name() { return NAME; }

    @Override
    public AnnotatorCost cost() { return AnnotatorCost.CHEAP; }

    @Override
    public List<FrameValue<?>> writes() { return List.of(DOMINANT_COLOURS); }

    @Override
    public void annotate(AnalysedFrame frame) {
        frame.set(DOMINANT_COLOURS, measure(frame.planes()));
    }

    /** The dominant colours of the frame currently loaded in {@code frame}. */
    public List<ColourShare> measure(FramePlanes frame) {
        Mat bgr = frame.quarterBgr();
        int n = bgr.rows() * bgr.cols() * 3;
        if (pixels.length != n) pixels = new byte[n];
        NativeReads.copy(bgr, pixels);
        return of(pixels, params.colours());
    }

    /** Dominant colours of packed 8-bit BGR pixels. */
    static List<ColourShare> of(byte[] bgr, int colours) {
        ColourPalette palette = new ColourPalette();
        for (int i = 0; i + 2 < bgr.length; i += 3) {
            palette.add(bgr[i + 2] & 0xff, bgr[i + 1] & 0xff, bgr[i] & 0xff, 1.0);
        }
        return palette.top(colours, bgr.length / 3);
    }

    @Override
    public void close() {
        pixels = new byte[0];
    }
}
