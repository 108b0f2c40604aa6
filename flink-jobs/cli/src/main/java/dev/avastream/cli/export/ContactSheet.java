package dev.avastream.cli.export;

import dev.avastream.decoders.FrameExtractor;
import dev.avastream.decoders.VideoDecodeException;
import dev.avastream.schema.Candidate;
import dev.avastream.schema.ScoreComponent;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A contact sheet of a title's stills: tiles {@value #TILE_WIDTH} px wide, {@value #PER_ROW} a row, each
 * the frame re-decoded from the source at its exact position, with its rank, score, time, frame, shot,
 * main character, its 3 largest score components and any notes in red (eval-stills' faults). One
 * drawing for {@code ava eval-stills} and {@code ava export}, so a person reads both the same way.
 */
public final class ContactSheet {
    public static final int TILE_WIDTH = 400;
    public static final int PER_ROW = 4;
    static final int LINE_HEIGHT = 16;
    static final int TEXT_LINES = 6;

    private ContactSheet() {}

    /** A tile: the picture at 16:9 and the lines of text under it. */
    public static int tileHeight() { return TILE_WIDTH * 9 / 16 + TEXT_LINES * LINE_HEIGHT + 8; }

    /**
     * Draws {@code stills} (in rank order) from {@code source} into {@code out} (PNG).
     *
     * @param notes the red lines under a still (empty for none)
     */
    public static void write(List<Candidate> stills, String source, Function<Candidate, List<String>> notes, Path out)
            throws IOException, VideoDecodeException {
        if (out.toAbsolutePath().getParent() != null) Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, png(stills, source, notes));
    }

    /** The sheet as PNG bytes (see {@link #write}). */
    public static byte[] png(List<Candidate> stills, String source, Function<Candidate, List<String>> notes)
            throws IOException, VideoDecodeException {
        int lineH = LINE_HEIGHT;
        int imgH = TILE_WIDTH * 9 / 16;
        int tileH = tileHeight();
        int rows = Math.max(1, (stills.size() + PER_ROW - 1) / PER_ROW);
        BufferedImage sheetImg = new BufferedImage(PER_ROW * TILE_WIDTH, rows * tileH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheetImg.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, sheetImg.getWidth(), sheetImg.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i < stills.size(); i++) {
            Candidate c = stills.get(i);
            int x = (i % PER_ROW) * TILE_WIDTH, y = (i / PER_ROW) * tileH;
            byte[] jpeg = FrameExtractor.extractJpeg(source, c.getFrameIndex(), c.getTimeUs(), TILE_WIDTH, 90);
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
            if (img != null) g.drawImage(img, x, y, TILE_WIDTH, Math.min(imgH, img.getHeight()), null);
            int ty = y + imgH + lineH;
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "#%d  score %.3f  %.2f s  frame %d", i + 1, c.getScore(),
                    c.getTimeUs() / 1e6, c.getFrameIndex()), x + 4, ty);
            g.drawString("shot " + c.getShotIndex() + "  " + (c.getMainCharacter().isEmpty() ? "no character" : c.getMainCharacter()),
                    x + 4, ty + lineH);
            g.drawString(topComponents(c), x + 4, ty + 2 * lineH);
            g.setColor(Color.RED);
            int line = 3;
            for (String note : notes.apply(c)) {
                if (line >= TEXT_LINES) break;
                g.drawString(note, x + 4, ty + line++ * lineH);
            }
        }
        g.dispose();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        ImageIO.write(sheetImg, "png", bytes);
        return bytes.toByteArray();
    }

    /** The 3 components that moved the score most, e.g. {@code face +1.354  contrast +1.000  exposure +0.897}. */
    static String topComponents(Candidate c) {
        List<ScoreComponent> top = new ArrayList<>(c.getComponents());
        top.sort(Comparator.comparingDouble((ScoreComponent s) -> -Math.abs(s.getContribution())));
        StringBuilder comps = new StringBuilder();
        for (ScoreComponent s : top.subList(0, Math.min(3, top.size()))) {
            comps.append(String.format(Locale.ROOT, "%s %+.3f  ", s.getName(), s.getContribution()));
        }
        return comps.toString().trim();
    }
}
