package dev.bottleneck.core.data;

import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Ground-truth generative factors, one value per factor per example (for example shape, scale, rotation, x, y of the
 * shapes data). {@code values} is row-major, {@code count x names.size()}.
 *
 * <p>{@code discrete} says, per factor, whether its values are the classes of a discrete grid (the shape; every
 * factor of the dSprites grid), so that a metric takes each distinct value as one class, however many there are,
 * rather than cutting a continuous range into bins. False means continuous, or not known.
 */
public record Factors(List<String> names, float[] values, List<Boolean> discrete) {

    public Factors {
        names = List.copyOf(Objects.requireNonNull(names, "names"));
        Objects.requireNonNull(values, "values");
        discrete = List.copyOf(Objects.requireNonNull(discrete, "discrete"));
        if (names.isEmpty()) {
            throw new IllegalArgumentException("factors need at least one name");
        }
        if (values.length % names.size() != 0) {
            throw new IllegalArgumentException("factor values (" + values.length + ") are not a multiple of the factor count ("
                    + names.size() + ")");
        }
        if (discrete.size() != names.size()) {
            throw new IllegalArgumentException(discrete.size() + " discrete flags for " + names.size() + " factors "
                    + names);
        }
    }

    /** Factors none of which is known to be discrete. */
    public Factors(List<String> names, float[] values) {
        this(names, values, Collections.nCopies(names.size(), false));
    }

    /** Factors that are all discrete: the exact values of a grid. */
    public static Factors discrete(List<String> names, float[] values) {
        return new Factors(names, values, Collections.nCopies(names.size(), true));
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

    /** True when factor {@code factor}'s distinct values are its exact classes (see the class comment). */
    public boolean isDiscrete(int factor) {
        return discrete.get(factor);
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
        return new Factors(names, out, discrete);
    }
}
