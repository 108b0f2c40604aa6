package dev.avastream.testdata;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Broken copies of videos for bad-input tests. */
public final class Corruptor {
    private Corruptor() { }

    /**
     * Copies the first {@code fraction} (0..1) of the bytes of {@code source} to {@code target}, like
     * an interrupted download. An mp4 with its index at the end (the generator's default) then has no
     * index at all; one written with faststart keeps the index but loses the frames' data.
     */
    public static Path truncate(Path source, Path target, double fraction) throws IOException {
        if (fraction < 0 || fraction > 1) throw new IllegalArgumentException("fraction must be in [0, 1]: " + fraction);
        long keep = (long) (Files.size(source) * fraction);
        try (InputStream in = Files.newInputStream(source); OutputStream out = Files.newOutputStream(target)) {
            byte[] buf = new byte[1 << 16];
            long left = keep;
            while (left > 0) {
                int r = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (r < 0) break;
                out.write(buf, 0, r);
                left -= r;
            }
        }
        return target;
    }

    /** Writes {@code size} seeded random bytes: not a video in any format. */
    public static Path garbage(Path target, int size, long seed) throws IOException {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        Files.write(target, b);
        return target;
    }

    /**
     * Copies {@code source} and overwrites {@code length} bytes at {@code fraction} of the file with
     * seeded random bytes: the container stays readable, some frames' data is damaged.
     */
    public static Path damage(Path source, Path target, double fraction, int length, long seed) throws IOException {
        byte[] b = Files.readAllBytes(source);
        int at = (int) Math.min(b.length, (long) (b.length * fraction));
        Random r = new Random(seed);
        for (int i = at; i < Math.min(b.length, at + length); i++) b[i] = (byte) r.nextInt(256);
        Files.write(target, b);
        return target;
    }
}
