package dev.avastream.decoders;

import dev.avastream.decoders.Videos.Seen;
import dev.avastream.decoders.Videos.Video;
import dev.avastream.testdata.SyntheticVideoSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChunkCutterTest {
    @TempDir
    Path dir;

    /**
     * Every chunk file decodes on its own to exactly the frames it claims: pre-roll, own frames and
     * look-ahead, with the original's timestamps and frame barcodes, so a live decoder given only the
     * file and the event's counts assigns every frame its true title-wide index.
     */
    @Test
    void chunkFilesHoldTheirContextWithOriginalTimesAndFrames() throws Exception {
        Videos.quietFFmpeg();
        // start after 0 and keyframes every 25 frames: the planner cannot always snap, so some files
        // start on an earlier keyframe than the pre-roll asks for.
        Video v = Videos.generate(dir, "v.mp4", SyntheticVideoSpec.builder().seed(5).gopFrames(25)
                .startOffsetUs(500_000).shotLengths(40, 33, 51, 29, 47).build());
        VideoProbe probe = VideoProber.probe(v.source());
        List<ChunkSpec> plan = ChunkPlanner.plan("v", probe, 1.0, 7, 4);
        assertTrue(plan.size() >= 5, "several chunks: " + plan.size());
        List<ChunkCutter.ChunkFile> files = ChunkCutter.cut(probe, plan, dir.resolve("chunks"), "v");
        assertEquals(plan.size(), files.size());

        long own = 0;
        long previousReady = 0;
        for (int k = 0; k < files.size(); k++) {
            ChunkCutter.ChunkFile f = files.get(k);
            ChunkSpec c = plan.get(k);
            assertEquals(c.startFrame(), f.firstFrame());
            assertEquals(c.frameCount(), f.frameCount());
            assertTrue(f.preRollFrames() >= c.startFrame() - c.contextStartFrame(), "at least the planned pre-roll");
            assertTrue(probe.isKeyframe(f.firstFrame() - f.preRollFrames()), "file starts on a keyframe");
            assertTrue(f.readyAtUs() > previousReady, "chunks become ready in order");
            previousReady = f.readyAtUs();

            VideoProbe cp = VideoProber.probe(f.file().toString());
            assertTrue(cp.frameCount() >= f.contextFrames(), "chunk " + k + " has its " + f.contextFrames() + " frames: " + cp.frameCount());
            long first = f.firstFrame() - f.preRollFrames();
            long[] expected = Arrays.copyOfRange(probe.framePtsUs(), (int) first, (int) first + f.contextFrames());
            long[] got = Arrays.copyOf(cp.framePtsUs(), f.contextFrames());
            assertArrayEquals(expected, got, "chunk " + k + " keeps the original timestamps");

            ChunkSpec spec = new ChunkSpec("v", f.file().toString(), k, -1, 0, f.firstFrame(),
                    f.firstFrame() + f.frameCount() - 1, first, got);
            List<Seen> seen = Videos.decodeAll(List.of(spec), Videos.OPTIONS, null);
            List<Long> indices = new ArrayList<>();
            for (Seen s : seen) {
                assertEquals(s.index(), s.barcode(), "frame " + s.index() + " of chunk " + k + " shows its own barcode");
                indices.add(s.index());
                if (!s.context()) own++;
            }
            assertEquals(f.contextFrames(), seen.size(), "chunk " + k + " frames " + indices);
        }
        assertEquals(probe.frameCount(), own, "own frames cover the title once");
    }
}
