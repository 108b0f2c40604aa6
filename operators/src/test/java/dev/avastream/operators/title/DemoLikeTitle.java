package dev.avastream.operators.title;

import dev.avastream.schema.Candidate;
import dev.avastream.schema.ChunkResult;
import dev.avastream.schema.ColourShare;
import dev.avastream.schema.FrameAnnotation;
import dev.avastream.schema.ScoreComponent;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A generated title shaped like the demo's: 30 fps, 10 s chunks (the CLI's default), a hard cut every
 * 90 frames, two candidates per segment with a thumbnail of about the size of a 320-wide JPEG at
 * quality 80, annotations with dominant colours. No pixels: the title fold never sees any.
 */
final class DemoLikeTitle {
    static final int FPS = 30;
    static final int FRAMES_PER_CHUNK = 300;
    static final int SHOT_FRAMES = 90;
    static final int THUMBNAIL_BYTES = 10_000;

    private DemoLikeTitle() {}

    /** Chunk {@code index} of a title of {@code count} chunks. */
    static ChunkResult chunk(String titleId, int index, int count) {
        long start = (long) index * FRAMES_PER_CHUNK, end = start + FRAMES_PER_CHUNK - 1;
        List<FrameAnnotation> frames = new ArrayList<>();
        List<Long> cuts = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        for (long f = start; f <= end; f++) {
            frames.add(annotation(f));
            if (f > 0 && f % SHOT_FRAMES == 0) cuts.add(f);
            long inShot = f % SHOT_FRAMES;
            if (inShot == 20 || inShot == 60) candidates.add(candidate(f));
        }
        return ChunkResult.newBuilder().setRunId("run-demo").setTitleId(titleId).setSource("/videos/" + titleId + ".mp4")
                .setChunkIndex(index).setChunkCount(count).setStartFrame(start).setEndFrame(end)
                .setTitleFrameCount((long) count * FRAMES_PER_CHUNK).setFramesDecoded(FRAMES_PER_CHUNK)
                .setAnnotations(frames).setCuts(cuts).setCandidates(candidates).build();
    }

    /** Arrival order of parallel decoders: neighbours finish swapped (1, 0, 3, 2, ...). */
    static List<Integer> arrivalOrder(int count) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < count; i += 2) {
            if (i + 1 < count) order.add(i + 1);
            order.add(i);
        }
        return order;
    }

    static FrameAnnotation annotation(long f) {
        int shot = (int) (f / SHOT_FRAMES);
        return FrameAnnotation.newBuilder().setFrameIndex(f).setTimeUs(f * 1_000_000L / FPS)
                .setBrightness(0.3 + (shot % 5) / 10.0).setContrast(0.2).setColourfulness(0.3).setSharpness(0.5)
                .setMotion(0.01).setCutScore(f % SHOT_FRAMES == 0 ? 0.9 : 0.01)
                .setCutComponents(List.of(new ScoreComponent("lumaHistogram", 0.01, 1.0, 0.01)))
                .setDominantColours(List.of(new ColourShare(40 + shot % 200, 100, 150, 0.5),
                        new ColourShare(200, 160, 112, 0.3), new ColourShare(20, 20, 20, 0.2)))
                .build();
    }

    static Candidate candidate(long f) {
        double score = 0.4 + ((f * 37) % 50) / 100.0;
        List<Float> feature = new ArrayList<>();
        for (int i = 0; i < 17; i++) feature.add((float) (((f / SHOT_FRAMES) * 7 + i * 3) % 11) / 10f);
        byte[] jpeg = new byte[THUMBNAIL_BYTES];
        jpeg[0] = (byte) 0xFF;
        jpeg[1] = (byte) 0xD8;
        jpeg[2] = (byte) f;
        return Candidate.newBuilder().setFrameIndex(f).setTimeUs(f * 1_000_000L / FPS).setScore(score)
                .setComponents(List.of(new ScoreComponent("sharpness", 0.5, 0.25, 0.125),
                        new ScoreComponent("exposure", 0.6, 0.25, 0.15)))
                .setFeature(feature).setAnnotation(annotation(f))
                .setThumbnailJpeg(ByteBuffer.wrap(jpeg)).setThumbnailWidth(320).setThumbnailHeight(180).build();
    }
}
