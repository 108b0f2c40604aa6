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

    /** {@code times} copies of {@code in}, packet for packet, as one file. */
    private static void concat(Path in, int times, Path out, Path dir) throws Exception {
        Path list = dir.resolve("list.txt");
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < times; i++) s.append("file '").append(in.toAbsolutePath()).append("'\n");
        Files.writeString(list, s.toString());
        String ffmpeg = org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
        Process p = new ProcessBuilder(ffmpeg, "-v", "error", "-y", "-f", "concat", "-safe", "0", "-i", list.toString(),
                "-c", "copy", out.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "ffmpeg concat timed out");
        assertEquals(0, p.exitValue(), "ffmpeg concat: " + log);
    }
}
