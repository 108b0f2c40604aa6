package dev.avastream.testdata;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What {@link SyntheticVideoGenerator} renders. Immutable; build with {@link #builder()}.
 *
 * <p>Defaults: 640x360, 30 fps, seed 1, 4 shots of 30..90 frames drawn from the seed, a keyframe
 * every 2 s worth of frames, first presentation time 0, constant frame rate, no rotation, frame-index
 * barcode on, moov atom at the end of the file (no "faststart").
 *
 * <p>{@code width} and {@code height} are the <em>display</em> size (what a decoder shows after
 * applying rotation). With {@code rotationDegrees} 90 or 270 the coded frames are stored transposed
 * and the container carries a display matrix, as phones do.
 */
public final class SyntheticVideoSpec {
    private final int width;
    private final int height;
    private final int fps;
    private final long seed;
    private final List<Integer> shotLengths;
    private final int gopFrames;
    private final long startOffsetUs;
    private final boolean variableFrameRate;
    private final boolean barcode;
    private final int rotationDegrees;
    private final boolean faststart;
    private final long bitrate;
    private final int hiddenLeadingFrames;

    private SyntheticVideoSpec(Builder b) {
        if (b.width < 64 || b.height < 64 || (b.width & 1) != 0 || (b.height & 1) != 0) {
            throw new IllegalArgumentException("width and height must be even and at least 64: " + b.width + "x" + b.height);
        }
        if (b.fps < 1 || b.fps > 240) throw new IllegalArgumentException("fps must be in 1..240: " + b.fps);
        if (b.startOffsetUs < 0) throw new IllegalArgumentException("startOffsetUs must be >= 0");
        if (b.rotationDegrees % 90 != 0) throw new IllegalArgumentException("rotation must be 0, 90, 180 or 270");
        this.width = b.width;
        this.height = b.height;
        this.fps = b.fps;
        this.seed = b.seed;
        this.gopFrames = b.gopFrames > 0 ? b.gopFrames : 2 * b.fps;
        this.startOffsetUs = b.startOffsetUs;
        this.variableFrameRate = b.variableFrameRate;
        this.barcode = b.barcode;
        this.rotationDegrees = ((b.rotationDegrees % 360) + 360) % 360;
        this.faststart = b.faststart;
        if (b.hiddenLeadingFrames < 0) throw new IllegalArgumentException("hiddenLeadingFrames must be >= 0");
        if (b.hiddenLeadingFrames > 0 && b.startOffsetUs != 0) {
            // the mp4 muxer trims the frames with negative times; the shown part then starts at 0
            throw new IllegalArgumentException("hiddenLeadingFrames needs startOffsetUs 0");
        }
        this.hiddenLeadingFrames = b.hiddenLeadingFrames;
        this.bitrate = b.bitrate > 0 ? b.bitrate : Math.max(400_000L, (long) (0.12 * b.width * b.height * b.fps));
        if (b.shotLengths != null) {
            if (b.shotLengths.isEmpty()) throw new IllegalArgumentException("at least one shot");
            for (int len : b.shotLengths) if (len < 1) throw new IllegalArgumentException("shot length < 1: " + len);
            this.shotLengths = List.copyOf(b.shotLengths);
        } else {
            Random r = new Random(b.seed * 0x9E3779B97F4A7C15L + 17);
            List<Integer> l = new ArrayList<>();
            if (b.durationSeconds > 0) {
                if (b.minShotFrames < 1 || b.maxShotFrames < b.minShotFrames) {
                    throw new IllegalArgumentException("bad shot lengths: [" + b.minShotFrames + ", " + b.maxShotFrames + "]");
                }
                // Draw shots until the duration is reached, then end the last one exactly on it (a
                // remainder shorter than the minimum joins the previous shot).
                int total = Math.max(1, (int) Math.round(b.durationSeconds * b.fps));
                int sum = 0;
                while (sum < total) {
                    int len = Math.min(b.minShotFrames + r.nextInt(b.maxShotFrames - b.minShotFrames + 1), total - sum);
                    if (len < b.minShotFrames && !l.isEmpty()) {
                        l.set(l.size() - 1, l.get(l.size() - 1) + len);
                    } else {
                        l.add(len);
                    }
                    sum += len;
                }
                this.shotLengths = List.copyOf(l);
                return;
            }
            if (b.shotCount < 1 || b.minShotFrames < 1 || b.maxShotFrames < b.minShotFrames) {
                throw new IllegalArgumentException("bad shot count/lengths: " + b.shotCount + " x [" + b.minShotFrames + ", " + b.maxShotFrames + "]");
            }
            for (int i = 0; i < b.shotCount; i++) l.add(b.minShotFrames + r.nextInt(b.maxShotFrames - b.minShotFrames + 1));
            this.shotLengths = List.copyOf(l);
        }
    }

    public static Builder builder() { return new Builder(); }

    /** Display width in pixels (default 640). */
    public int width() { return width; }
    /** Display height in pixels (default 360). */
    public int height() { return height; }
    /** Nominal frame rate (default 30); with {@link #variableFrameRate()} the actual durations vary around it. */
    public int fps() { return fps; }
    public long seed() { return seed; }
    /** Length in frames of every shot, in order. */
    public List<Integer> shotLengths() { return shotLengths; }
    public int frameCount() { return shotLengths.stream().mapToInt(Integer::intValue).sum(); }
    /** Keyframe (IDR) interval in frames (default 2 s worth). The encoder may add more at scene changes. */
    public int gopFrames() { return gopFrames; }
    /** Presentation time of the first frame in microseconds (default 0); truncated to whole milliseconds. */
    public long startOffsetUs() { return startOffsetUs; }
    /** Irregular frame durations drawn from a seeded pattern (default false). */
    public boolean variableFrameRate() { return variableFrameRate; }
    /** Draw the frame-index barcode in the top-left corner (default true); see {@link BarcodeReader}. */
    public boolean barcode() { return barcode; }
    /** Clockwise rotation a player applies to show the video upright: 0 (default), 90, 180, 270. */
    public int rotationDegrees() { return rotationDegrees; }
    /** Put the mp4 index (moov) in front of the data (default false: at the end). */
    public boolean faststart() { return faststart; }
    /** Target bit rate in bits/s (default about 0.12 bits per pixel, at least 400 kb/s). */
    public long bitrate() { return bitrate; }

    /**
     * Frames encoded before frame 0 and hidden by the mp4 edit list (default 0), as in a file trimmed
     * by stream copy: a demuxer flags their packets {@code AV_PKT_FLAG_DISCARD}; decoders decode them
     * (frame 0 may depend on them) but do not show them. They are not part of the ground truth. Use
     * with .mp4/.mov only, and start offset 0 (frame 0 is then at time 0).
     */
    public int hiddenLeadingFrames() { return hiddenLeadingFrames; }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.width = width; b.height = height; b.fps = fps; b.seed = seed; b.shotLengths = shotLengths;
        b.gopFrames = gopFrames; b.startOffsetUs = startOffsetUs; b.variableFrameRate = variableFrameRate;
        b.barcode = barcode; b.rotationDegrees = rotationDegrees; b.faststart = faststart; b.bitrate = bitrate; b.hiddenLeadingFrames = hiddenLeadingFrames;
        return b;
    }

    @Override
    public String toString() {
        return "SyntheticVideoSpec[" + width + "x" + height + "@" + fps + " seed=" + seed + " shots=" + shotLengths
                + " gop=" + gopFrames + " offsetUs=" + startOffsetUs + " vfr=" + variableFrameRate
                + " rotation=" + rotationDegrees + " barcode=" + barcode + (hiddenLeadingFrames > 0 ? " hidden=" + hiddenLeadingFrames : "") + "]";
    }

    public static final class Builder {
        private int width = 640;
        private int height = 360;
        private int fps = 30;
        private long seed = 1;
        private List<Integer> shotLengths;
        private int shotCount = 4;
        private int minShotFrames = 30;
        private int maxShotFrames = 90;
        private int gopFrames = 0;
        private long startOffsetUs = 0;
        private boolean variableFrameRate = false;
        private boolean barcode = true;
        private int rotationDegrees = 0;
        private boolean faststart = false;
        private long bitrate = 0;
        private double durationSeconds = 0;
        private int hiddenLeadingFrames = 0;

        public Builder size(int width, int height) { this.width = width; this.height = height; return this; }
        public Builder width(int width) { this.width = width; return this; }
        public Builder height(int height) { this.height = height; return this; }
        public Builder fps(int fps) { this.fps = fps; return this; }
        public Builder seed(long seed) { this.seed = seed; return this; }
        /** Explicit shot lengths in frames; overrides {@link #randomShots}. */
        public Builder shotLengths(List<Integer> lengths) { this.shotLengths = List.copyOf(lengths); this.durationSeconds = 0; return this; }
        public Builder shotLengths(int... lengths) {
            List<Integer> l = new ArrayList<>();
            for (int x : lengths) l.add(x);
            return shotLengths(l);
        }
        /** {@code count} shots with lengths drawn uniformly from {@code [minFrames, maxFrames]} using the seed. */
        public Builder randomShots(int count, int minFrames, int maxFrames) {
            this.shotLengths = null; this.durationSeconds = 0; this.shotCount = count; this.minShotFrames = minFrames; this.maxShotFrames = maxFrames;
            return this;
        }
        /** Shots of {@code [minFrames, maxFrames]} frames until about {@code seconds} of video. */
        public Builder durationSeconds(double seconds, int minFrames, int maxFrames) {
            randomShots(0, minFrames, maxFrames);
            this.durationSeconds = seconds;
            return this;
        }
        public Builder gopFrames(int gopFrames) { this.gopFrames = gopFrames; return this; }
        public Builder startOffsetUs(long startOffsetUs) { this.startOffsetUs = startOffsetUs; return this; }
        public Builder variableFrameRate(boolean vfr) { this.variableFrameRate = vfr; return this; }
        public Builder barcode(boolean barcode) { this.barcode = barcode; return this; }
        public Builder rotationDegrees(int degrees) { this.rotationDegrees = degrees; return this; }
        public Builder faststart(boolean faststart) { this.faststart = faststart; return this; }
        public Builder hiddenLeadingFrames(int frames) { this.hiddenLeadingFrames = frames; return this; }
        public Builder bitrate(long bitsPerSecond) { this.bitrate = bitsPerSecond; return this; }
        public SyntheticVideoSpec build() { return new SyntheticVideoSpec(this); }
    }
}
