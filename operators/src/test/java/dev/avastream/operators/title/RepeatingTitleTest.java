package dev.avastream.operators.title;

import dev.avastream.operators.chunk.ChunkProcessor;
import dev.avastream.operators.config.SettingValues;
import dev.avastream.operators.config.Tunables;
import dev.avastream.schema.Candidate;
import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.testdata.SyntheticVideoGenerator;
import dev.avastream.testdata.SyntheticVideoSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A long title whose programme repeats (a series' recurring sets, a looped programme) still yields as
 * many distinct stills as the programme alone. The title is a generated programme of 12 one-second
 * shots, copied 16 times into one file packet for packet (FFmpeg's concat demuxer, the binary that
 * ships in the bytedeco FFmpeg jar): every repeat's frames are the programme's frames, exactly. With
 * 192 shots the pool overflows its bounds many times over, so this checks the pool's copy-first eviction
 * and the selection together, through the real decode and title fold.
 */
class RepeatingTitleTest {

    private static final int PROGRAMME_SHOTS = 12, SHOT_FRAMES = 30, REPEATS = 16;

    @Test
    void aProgrammeRepeatedSixteenTimesKeepsTheStillsOfOneProgramme(@TempDir Path dir) throws Exception {
        Path programme = dir.resolve("programme.mp4");
        int[] lengths = new int[PROGRAMME_SHOTS];
        java.util.Arrays.fill(lengths, SHOT_FRAMES);
        SyntheticVideoGenerator.generate(SyntheticVideoSpec.builder().size(320, 180).fps(30).seed(11)
                .shotLengths(lengths).gopFrames(SHOT_FRAMES).build(), programme);
        Path repeated = dir.resolve("repeated.mp4");
        concat(programme, REPEATS, repeated, dir);

        // Models off: the rule under test is the pool's and the selection's, and a face model on 192
        // model frames would only make the test slow.
        // A pool of 48 (four per programme shot) overflows three times over with 192 shots, as a
        // 24-minute title overflows the default pool.
        SettingValues values = SettingValues.defaults().with(Tunables.MODELS_ENABLED, false).with(Tunables.POOL_SIZE, 48);
        ChunkProcessor.Config config = ChunkProcessor.Config.from(values);
        TitleAssembly.Params params = TitleAssembly.Params.from(values);

        CandidateSetUpdate once = InProcessTitleAnalysis.analyse("once", programme.toString(), 10, 2, config, params, false).last();
        InProcessTitleAnalysis.Result r = InProcessTitleAnalysis.analyse("repeated", repeated.toString(), 10, 2, config, params, false);
        CandidateSetUpdate last = r.last();
        assertTrue(r.errors().isEmpty(), r.errors().toString());
        assertEquals((long) PROGRAMME_SHOTS * SHOT_FRAMES * REPEATS, last.getFramesProcessed(), "every frame decoded");
        assertTrue(r.shots().size() >= PROGRAMME_SHOTS * REPEATS * 9 / 10, "the shots of every repeat: " + r.shots().size());
        assertTrue(last.getPoolSize() <= params.poolCapacity(), "the pool stays bounded: " + last.getPoolSize());

        int stillsOnce = once.getCandidates().size();
        System.out.printf("repeating title: %d shots, pool %d, %d stills (the programme once: %d)%n", r.shots().size(),
                last.getPoolSize(), last.getCandidates().size(), stillsOnce);
        assertTrue(stillsOnce >= params.topK() - 2, "the programme alone gives (nearly) K distinct stills: " + stillsOnce);
        assertTrue(last.getCandidates().size() >= stillsOnce,
                "repeating the programme must not lose stills: " + last.getCandidates().size() + " against " + stillsOnce + " once");
        Set<Long> programmeFrames = new HashSet<>();
        List<Long> frames = new ArrayList<>();
        for (Candidate c : last.getCandidates()) {
            frames.add(c.getFrameIndex());
            programmeFrames.add(c.getFrameIndex() % (PROGRAMME_SHOTS * SHOT_FRAMES));
        }
        Set<Long> programmeShots = new HashSet<>();
        for (long f : programmeFrames) programmeShots.add(f / SHOT_FRAMES);
        assertEquals(last.getCandidates().size(), programmeShots.size(),
                "no two stills are the same programme shot seen in two repeats: frames " + frames);
    }

    /**
     * {@code times} copies of {@code in}, packet for packet, as one file (what {@code ffmpeg -f concat
     * -c copy} does), through FFmpeg's libraries: no FFmpeg binary, which would need the system's VA-API
     * libraries. Each copy's timestamps are shifted by the length of the ones before it.
     */
    private static void concat(Path in, int times, Path out, Path dir) throws Exception {
        long frames = (long) PROGRAMME_SHOTS * SHOT_FRAMES;
        org.bytedeco.javacv.FFmpegFrameGrabber first = new org.bytedeco.javacv.FFmpegFrameGrabber(in.toFile());
        first.start();
        org.bytedeco.javacv.FFmpegFrameRecorder recorder = new org.bytedeco.javacv.FFmpegFrameRecorder(out.toFile(),
                first.getImageWidth(), first.getImageHeight(), 0);
        recorder.setFormat("mp4");
        recorder.start(first.getFormatContext());
        org.bytedeco.ffmpeg.avutil.AVRational timeBase = first.getFormatContext().streams(first.getVideoStream()).time_base();
        long copyLength = org.bytedeco.ffmpeg.global.avutil.av_rescale_q(frames,
                org.bytedeco.ffmpeg.global.avutil.av_make_q(1, 30), timeBase);
        try {
            for (int i = 0; i < times; i++) {
                org.bytedeco.javacv.FFmpegFrameGrabber g = i == 0 ? first : new org.bytedeco.javacv.FFmpegFrameGrabber(in.toFile());
                if (i > 0) g.start();
                long shift = i * copyLength;
                org.bytedeco.ffmpeg.avcodec.AVPacket packet;
                while ((packet = g.grabPacket()) != null) {
                    if (packet.pts() != org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE) packet.pts(packet.pts() + shift);
                    if (packet.dts() != org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE) packet.dts(packet.dts() + shift);
                    recorder.recordPacket(packet);
                }
                if (i > 0) g.close();
            }
        } finally {
            recorder.close();
            first.close();
        }
    }
}
