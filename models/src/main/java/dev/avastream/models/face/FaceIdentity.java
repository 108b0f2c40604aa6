package dev.avastream.models.face;

/**
 * Who a face looks like: the faceres descriptor scaled to unit length (so a dot product is the
 * cosine similarity), with the model's age estimate (expected value over its 100 one-year bins) and
 * its probability that the face is male (the model's sigmoid output, as Human reads it).
 */
public record FaceIdentity(float[] embedding, double age, double maleProbability) {

    /** Cosine similarity of two unit embeddings, in [-1, 1]. */
    public double similarity(FaceIdentity o) {
        double s = 0;
        for (int i = 0; i < embedding.length; i++) s += embedding[i] * o.embedding[i];
        return s;
    }

    static float[] unit(float[] v, int offset, int n) {
        double norm = 0;
        for (int i = 0; i < n; i++) norm += v[offset + i] * v[offset + i];
        norm = Math.sqrt(norm);
        float[] u = new float[n];
        for (int i = 0; i < n; i++) u[i] = (float) (norm == 0 ? 0 : v[offset + i] / norm);
        return u;
    }
}
