package dev.avastream.models.nudity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * nsfwjs's five class probabilities (softmax) for a frame. {@code explicit} = Porn + Hentai, the
 * part a merchandising still must never show; {@code suggestive} = Sexy.
 */
public record NudityScores(Map<String, Double> probabilities) {
    public static final List<String> CLASSES = List.of("Drawing", "Hentai", "Neutral", "Porn", "Sexy");

    static NudityScores of(float[] p, int offset) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < CLASSES.size(); i++) m.put(CLASSES.get(i), (double) p[offset + i]);
        return new NudityScores(Map.copyOf(m));
    }

    public double probability(String cls) {
        return probabilities.getOrDefault(cls, 0.0);
    }

    public double explicit() {
        return probability("Porn") + probability("Hentai");
    }

    public double suggestive() {
        return probability("Sexy");
    }

    public String top() {
        return probabilities.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }
}
