package dev.avastream.operators.eval;

import java.util.Locale;

/** Precision, recall and F1 of one kind of boundary, from the counts they come from. */
public record Score(int truePositives, int predicted, int actual) {
    public double precision() { return predicted == 0 ? (actual == 0 ? 1 : 0) : (double) truePositives / predicted; }

    public double recall() { return actual == 0 ? (predicted == 0 ? 1 : 0) : (double) truePositives / actual; }

    public double f1() {
        double p = precision(), r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public int falsePositives() { return predicted - truePositives; }

    public int falseNegatives() { return actual - truePositives; }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "P %.3f  R %.3f  F1 %.3f  (%d of %d found, %d false)", precision(), recall(), f1(),
                truePositives, actual, falsePositives());
    }
}
