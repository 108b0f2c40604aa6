package dev.avastream.operators.crop;

import java.util.Arrays;
import java.util.List;

/**
 * The artwork canvases a still is cropped for, each an aspect ratio (width:height) and what the
 * artwork team uses it for. The order is the order crops are listed in a candidate.
 */
public enum Canvas {
    HERO(16, 9, "hero", "16:9 banner: the page header and the player's backdrop."),
    BOX_ART(2, 3, "box-art", "2:3 poster: the catalogue's box art."),
    SQUARE(1, 1, "square", "1:1 tile: rows and social posts."),
    PORTRAIT(4, 5, "portrait", "4:5 feed image: mobile feeds.");

    private final int w;
    private final int h;
    private final String purpose;
    private final String use;

    Canvas(int w, int h, String purpose, String use) {
        this.w = w;
        this.h = h;
        this.purpose = purpose;
        this.use = use;
    }

    /** The aspect as written, e.g. {@code 16:9}. */
    public String label() { return w + ":" + h; }

    /** Width over height. */
    public double aspect() { return (double) w / h; }

    /** The short name of its use ({@code hero}, {@code box-art}, ...). */
    public String purpose() { return purpose; }

    /** What it is used for, in a sentence. */
    public String use() { return use; }

    /** A file-name-safe form of the label, e.g. {@code 16x9}. */
    public String fileTag() { return w + "x" + h; }

    /** The canvas with this label ({@code 2:3}) or purpose ({@code box-art}), or an error naming the known ones. */
    public static Canvas named(String name) {
        for (Canvas c : values()) if (c.label().equals(name) || c.purpose.equals(name) || c.fileTag().equals(name)) return c;
        throw new IllegalArgumentException("unknown canvas '" + name + "' (known: "
                + String.join(", ", Arrays.stream(values()).map(Canvas::label).toList()) + ")");
    }

    public static List<Canvas> all() { return List.of(values()); }
}
