package dev.avastream.models.image;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** Greedy non-maximum suppression: keep the best-scoring box, drop those overlapping it, repeat. */
public final class NonMaxSuppression {
    private NonMaxSuppression() {}

    public static <T> List<T> apply(List<T> candidates, Function<T, Box> box, Function<T, Double> score, double maxIou) {
        List<T> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparing(score).reversed());
        List<T> kept = new ArrayList<>();
        for (T c : sorted) {
            boolean overlaps = false;
            for (T k : kept) {
                if (box.apply(k).iou(box.apply(c)) > maxIou) {
                    overlaps = true;
                    break;
                }
            }
            if (!overlaps) kept.add(c);
        }
        return kept;
    }
}
