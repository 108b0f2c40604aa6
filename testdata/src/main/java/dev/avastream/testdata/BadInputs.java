package dev.avastream.testdata;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

import java.io.IOException;
import java.nio.ShortBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;

/**
 * A corpus of inputs a video pipeline meets in the wild and must survive: broken files (truncated at
 * seeded random offsets, bit-flipped, empty, not a video, a codec nothing decodes, audio only) and
 * valid but unusual ones (1-pixel and 8K frames, rotations, extreme aspect ratios, a picture where a
 * video was expected). Every file is made here, from a seed: nothing is downloaded.
 */
public final class BadInputs {
    private BadInputs() { }

    /** What a file is and whether a pipeline can make anything of it. */
    public enum Kind {
        TRUNCATED(true), BIT_FLIPPED(true), ZERO_LENGTH(true), NOT_A_VIDEO(true), UNSUPPORTED_CODEC(true),
        AUDIO_ONLY(true), ONE_PIXEL(false), EIGHT_K(false), ROTATED(false), EXTREME_ASPECT(false), PICTURE(false);

        /** Broken: no complete, error-free result can come of it. */
        public final boolean broken;

        Kind(boolean broken) { this.broken = broken; }
    }

    /** One file of the corpus. */
    public record Input(String name, Kind kind, Path path) { }

    /**
     * Writes the corpus into {@code dir}: {@code truncations} truncated and {@code flips} bit-flipped
     * copies of a generated H.264 video (half of them with their index at the front), and one file of
     * every other kind.
     */
    public static List<Input> corpus(Path dir, int truncations, int flips, long seed) throws IOException {
        Files.createDirectories(dir);
        avutil.av_log_set_level(avutil.AV_LOG_ERROR); // the encoders' banners are no news
        Random r = new Random(seed);
        List<Input> out = new ArrayList<>();
        Path tail = dir.resolve("source-index-at-end.mp4");
        Path front = dir.resolve("source-index-at-front.mp4");
        SyntheticVideoSpec base = SyntheticVideoSpec.builder().size(320, 180).fps(30).seed(seed).gopFrames(15)
                .shotLengths(30, 40, 30).build();
        SyntheticVideoGenerator.generate(base, tail);
        SyntheticVideoGenerator.generate(base.toBuilder().faststart(true).build(), front);
        for (int i = 0; i < truncations; i++) {
            double at = 0.02 + 0.96 * r.nextDouble();
            Path from = i % 2 == 0 ? tail : front;
            String name = String.format(java.util.Locale.ROOT, "truncated-%02d-at-%.0fpct-%s.mp4", i, at * 100,
                    from == tail ? "index-at-end" : "index-at-front");
            out.add(new Input(name, Kind.TRUNCATED, Corruptor.truncate(from, dir.resolve(name), at)));
        }
        for (int i = 0; i < flips; i++) {
            Path from = i % 2 == 0 ? tail : front;
            String name = String.format(java.util.Locale.ROOT, "bit-flipped-%02d.mp4", i);
            out.add(new Input(name, Kind.BIT_FLIPPED, flipBits(from, dir.resolve(name), 1 + r.nextInt(64), r.nextLong())));
        }
        out.add(new Input("zero-length.mp4", Kind.ZERO_LENGTH, Files.write(dir.resolve("zero-length.mp4"), new byte[0])));
        out.add(new Input("text-named-mp4.mp4", Kind.NOT_A_VIDEO, Files.writeString(dir.resolve("text-named-mp4.mp4"),
                "<html><body>This is a web page saved under a video's name.</body></html>\n", StandardCharsets.UTF_8)));
        out.add(new Input("unknown-codec.mp4", Kind.UNSUPPORTED_CODEC, unknownCodec(tail, dir.resolve("unknown-codec.mp4"))));
        out.add(new Input("audio-only.m4a", Kind.AUDIO_ONLY, audioOnly(dir.resolve("audio-only.m4a"))));
        out.add(new Input("one-pixel.mkv", Kind.ONE_PIXEL, video(dir.resolve("one-pixel.mkv"), 1, 1, 12, "matroska",
                avcodec.AV_CODEC_ID_FFV1, avutil.AV_PIX_FMT_YUV444P)));
        out.add(new Input("eight-k.mp4", Kind.EIGHT_K, video(dir.resolve("eight-k.mp4"), 7680, 4320, 4, "mp4",
                avcodec.AV_CODEC_ID_MPEG4, avutil.AV_PIX_FMT_YUV420P)));
        for (int degrees : new int[] {90, 270}) {
            String name = "rotated-" + degrees + ".mp4";
            SyntheticVideoGenerator.generate(base.toBuilder().size(320, 176).rotationDegrees(degrees).build(), dir.resolve(name));
            out.add(new Input(name, Kind.ROTATED, dir.resolve(name)));
        }
        out.add(new Input("wide-2000x32.mp4", Kind.EXTREME_ASPECT, video(dir.resolve("wide-2000x32.mp4"), 2000, 32, 20,
                "mp4", avcodec.AV_CODEC_ID_MPEG4, avutil.AV_PIX_FMT_YUV420P)));
        out.add(new Input("tall-32x1200.mp4", Kind.EXTREME_ASPECT, video(dir.resolve("tall-32x1200.mp4"), 32, 1200, 20,
                "mp4", avcodec.AV_CODEC_ID_MPEG4, avutil.AV_PIX_FMT_YUV420P)));
        Mat picture = new Mat(180, 320, CV_8UC3, new Scalar(40, 120, 200, 0));
        Path jpeg = dir.resolve("picture-named-mp4.mp4");
        Path tmp = dir.resolve("picture.jpg");
        imwrite(tmp.toString(), picture);
        Files.move(tmp, jpeg);
        out.add(new Input("picture-named-mp4.mp4", Kind.PICTURE, jpeg));
        Files.delete(tail);
        Files.delete(front);
        return out;
    }

    /** A copy of {@code source} with {@code count} seeded random bits flipped past its first 64 bytes. */
    public static Path flipBits(Path source, Path target, int count, long seed) throws IOException {
        byte[] b = Files.readAllBytes(source);
        Random r = new Random(seed);
        for (int i = 0; i < count && b.length > 64; i++) {
            int at = 64 + r.nextInt(b.length - 64);
            b[at] ^= (byte) (1 << r.nextInt(8));
        }
        return Files.write(target, b);
    }

    /**
     * A copy of an H.264 mp4 whose sample entry names a codec no decoder knows: its {@code avc1}
     * fourcc becomes {@code zzz1}, so the container opens and the stream is there, undecodable.
     */
    public static Path unknownCodec(Path h264Mp4, Path target) throws IOException {
        byte[] b = Files.readAllBytes(h264Mp4);
        boolean found = false;
        for (int i = 0; i + 4 <= b.length; i++) {
            if (b[i] == 'a' && b[i + 1] == 'v' && b[i + 2] == 'c' && b[i + 3] == '1') {
                b[i] = 'z';
                b[i + 1] = 'z';
                b[i + 2] = 'z';
                found = true;
            }
        }
        if (!found) throw new IOException(h264Mp4 + ": no avc1 sample entry to rename");
        return Files.write(target, b);
    }

    /** Two seconds of a 440 Hz tone as AAC in an .m4a: a media file with no video stream. */
    public static Path audioOnly(Path target) throws IOException {
        try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(target.toFile(), 0, 0, 1)) {
            rec.setFormat("ipod");
            rec.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            rec.setSampleRate(44_100);
            rec.setAudioBitrate(64_000);
            rec.start();
            short[] samples = new short[44_100 * 2];
            for (int i = 0; i < samples.length; i++) samples[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 44_100.0));
            rec.recordSamples(44_100, 1, ShortBuffer.wrap(samples));
            rec.stop();
        }
        return target;
    }

    /** {@code frames} frames of changing flat colour at {@code width}x{@code height}, 25 fps. */
    public static Path video(Path target, int width, int height, int frames, String format, int codec, int pixelFormat)
            throws IOException {
        try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(target.toFile(), width, height, 0);
             OpenCVFrameConverter.ToMat convert = new OpenCVFrameConverter.ToMat()) {
            rec.setFormat(format);
            rec.setVideoCodec(codec);
            rec.setPixelFormat(pixelFormat);
            rec.setFrameRate(25);
            rec.setGopSize(10);
            rec.setVideoQuality(8);
            rec.start();
            for (int i = 0; i < frames; i++) {
                try (Mat m = new Mat(height, width, CV_8UC3, new Scalar(20 + 10 * i, 200 - 7 * i, 90 + 5 * i, 0))) {
                    Frame f = convert.convert(m);
                    rec.record(f, avutil.AV_PIX_FMT_BGR24);
                }
            }
            rec.stop();
        }
        return target;
    }
}
