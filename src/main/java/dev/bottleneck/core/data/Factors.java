package dev.bottleneck.core.data;

import java.util.List;
import java.util.Objects;

/**
 * Ground-truth generative factors, one value per factor per example (for example shape, scale, rotation, x, y of the
 * shapes data). {@code values} is row-major, {@code count x names.size()}.
 */
public record Factors(List<String> names, float[] values) {

    public Factors {
        names = List.copyOf(Objects.requireNonNull(names, "names"));
        Objects.requireNonNull(values, "values");
        if (names.isEmpty()) {
            throw new IllegalArgumentException("factors need at least one name");
        }
        if (values.length % names.size() != 0) {
            throw new IllegalArgumentException("factor values (" + values.length + ") are not a multiple of the factor count ("
                    + names.size() + ")");
        }
    }

    /** Number of factors per example. */
    public int width() {
        return names.size();
    }

    /** Number of examples. */
    public int count() {
        return values.length / names.size();
    }

    /** Value of factor {@code factor} for example {@code example}. */
    public float value(int example, int factor) {
        return values[example * names.size() + factor];
    }

    /** Index of the factor with this name, or -1. */
    public int indexOf(String name) {
        return names.indexOf(name);
    }

    /** The factors of the given examples, in that order. */
    public Factors subset(int[] indices) {
        int k = names.size();
        float[] out = new float[indices.length * k];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(values, indices[i] * k, out, i * k, k);
        }
        return new Factors(names, out);
    }
}
