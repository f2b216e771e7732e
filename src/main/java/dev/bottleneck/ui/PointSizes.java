package dev.bottleneck.ui;

import java.util.Arrays;

/**
 * Maps a value per point (e.g. its reconstruction error) to the diameter of a hollow ring: the values' 5th
 * percentile and below get {@link #MIN_DIAMETER}, the 95th and above {@link #MAX_DIAMETER}, linear in between.
 * Why percentiles: a few outliers with a huge error would otherwise shrink every other ring to the minimum.
 * Diameters are quantised to {@link #STEP} so that the rasteriser can precompute one stamp per size.
 */
final class PointSizes {

    /** Smallest ring diameter in layout units. */
    static final double MIN_DIAMETER = 3;
    /** Largest ring diameter in layout units. */
    static final double MAX_DIAMETER = 14;
    static final double STEP = 0.5;
    static final int CLASSES = (int) Math.round((MAX_DIAMETER - MIN_DIAMETER) / STEP) + 1;

    private PointSizes() {
    }

    /** Ring diameter of a size class, in layout units. */
    static double diameter(int sizeClass) {
        return MIN_DIAMETER + STEP * sizeClass;
    }

    /** All diameters, class 0 first, times {@code scale}. */
    static double[] diameters(double scale) {
        double[] d = new double[CLASSES];
        for (int k = 0; k < CLASSES; k++) {
            d[k] = diameter(k) * scale;
        }
        return d;
    }

    /**
     * The size class of each value. Non-finite values get the smallest ring; when the 5th and 95th percentile
     * coincide (all values alike) every ring gets the middle size.
     */
    static int[] classesOf(float[] values) {
        float[] finite = new float[values.length];
        int n = 0;
        for (float v : values) {
            if (Float.isFinite(v)) {
                finite[n++] = v;
            }
        }
        int[] classes = new int[values.length];
        if (n == 0) {
            return classes;
        }
        Arrays.sort(finite, 0, n);
        double lo = percentile(finite, n, 0.05);
        double hi = percentile(finite, n, 0.95);
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            if (!Float.isFinite(v)) {
                classes[i] = 0;
            } else if (hi <= lo) {
                classes[i] = CLASSES / 2;
            } else {
                double t = Math.max(0, Math.min(1, (v - lo) / (hi - lo)));
                classes[i] = (int) Math.round(t * (CLASSES - 1));
            }
        }
        return classes;
    }

    /** Linear interpolation between the closest ranks of the first {@code n} sorted values. */
    static double percentile(float[] sorted, int n, double p) {
        double rank = p * (n - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(n - 1, below + 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }
}
