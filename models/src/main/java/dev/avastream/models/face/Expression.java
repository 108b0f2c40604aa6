package dev.avastream.models.face;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Expression probabilities (softmax, sums to 1) over the emotion model's seven classes. */
public record Expression(Map<String, Double> probabilities) {
    /** Class order of the model's output (oarriaga / FER2013 labels, as Human lists them). */
    public static final List<String> CLASSES = List.of("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral");

    static Expression of(float[] p, int offset) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < CLASSES.size(); i++) m.put(CLASSES.get(i), (double) p[offset + i]);
        return new Expression(Map.copyOf(m));
    }

    public String top() {
        return probabilities.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    public double probability(String cls) {
        return probabilities.getOrDefault(cls, 0.0);
    }
}
