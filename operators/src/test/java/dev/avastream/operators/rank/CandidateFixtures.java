package dev.avastream.operators.rank;

import dev.avastream.schema.Candidate;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Candidates for ranking tests: only the fields ranking reads are meaningful. */
final class CandidateFixtures {

    private CandidateFixtures() {}

    static Candidate candidate(long frame, int shot, double score, float... feature) {
        List<Float> f = new ArrayList<>();
        for (float x : feature) f.add(x);
        return Candidate.newBuilder()
                .setFrameIndex(frame)
                .setTimeUs(frame * 40_000)
                .setShotIndex(shot)
                .setScore(score)
                .setComponents(new ArrayList<>())
                .setFeature(f)
                .setThumbnailJpeg(ByteBuffer.wrap(new byte[0]))
                .setThumbnailWidth(320)
                .setThumbnailHeight(180)
                .build();
    }

    /** A feature vector far from every other one built with a different {@code id}. */
    static float[] distinct(int id) {
        float[] v = new float[4];
        v[id % 4] = 1 + id / 4;
        return v;
    }

    static List<Long> frames(List<Candidate> candidates) {
        List<Long> out = new ArrayList<>();
        for (Candidate c : candidates) out.add(c.getFrameIndex());
        return out;
    }
}
