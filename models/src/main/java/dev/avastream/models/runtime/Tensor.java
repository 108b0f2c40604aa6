package dev.avastream.models.runtime;

import java.util.Arrays;

/** A dense float32 tensor in row-major order: what goes into and comes out of a model. */
public record Tensor(float[] data, long[] shape) {

    public Tensor {
        long n = 1;
        for (long d : shape) n *= d;
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
        }
    }

    public static Tensor of(float[] data, long... shape) {
        return new Tensor(data, shape);
    }

    /** Number of items along the first (batch) axis. */
    public int batch() {
        return (int) shape[0];
    }

    /** Values per batch item. */
    public int itemSize() {
        return data.length / batch();
    }

    /** The values of batch item {@code i}, copied. */
    public float[] item(int i) {
        int n = itemSize();
        return Arrays.copyOfRange(data, i * n, (i + 1) * n);
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }
}
