package dev.bottleneck.core.explore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The decoded grids of the explorer: a strip of previews per latent dimension (a traversal), samples from the prior,
 * and, for a two-dimensional code, the decoded plane. Positions are in an exploration's standard units; every method
 * decodes with the exploration's model, so call it on the thread that owns that model (the decoding thread).
 */
public final class LatentGrids {

    private LatentGrids() {
    }

    /** {@code count} evenly spaced positions from {@code -range} to {@code range}, both ends included. */
    public static double[] ticks(int count, double range) {
        double[] t = new double[count];
        for (int s = 0; s < count; s++) {
            t[s] = count == 1 ? 0 : -range + 2 * range * s / (count - 1);
        }
        return t;
    }

    /**
     * The latent vectors of a traversal: for each dimension in {@code order}, {@code strip} copies of the point
     * {@code values} with that one dimension swept over {@link #ticks ticks(strip, range)}, the others held.
     *
     * @return {@code (order.length * strip) x k}, row-major, rows grouped by dimension in {@code order}
     */
    public static float[] traversalCodes(Exploration e, double[] values, int strip, double range) {
        int k = e.k();
        int[] order = e.order();
        double[] ticks = ticks(strip, range);
        float[] z = new float[order.length * strip * k];
        float[] base = e.latent(values);
        for (int row = 0; row < order.length; row++) {
            int j = order[row];
            for (int s = 0; s < strip; s++) {
                int o = (row * strip + s) * k;
                System.arraycopy(base, 0, z, o, k);
                z[o + j] = e.latent(j, ticks[s]);
            }
        }
        return z;
    }

    /** The traversal strips decoded: one list of {@code strip} images per dimension, in {@code e.order()}. */
    public static List<List<float[]>> strips(Exploration e, double[] values, int strip, double range) {
        int k = e.k();
        float[][] images = rows(e.model().decode(traversalCodes(e, values, strip, range), k * strip), k * strip,
                e.data().features());
        List<List<float[]>> out = new ArrayList<>(k);
        for (int row = 0; row < k; row++) {
            out.add(List.of(Arrays.copyOfRange(images, row * strip, (row + 1) * strip)));
        }
        return out;
    }

    /**
     * {@code count} latent vectors drawn from N(0, I) in standard units (the prior of a VAE; for an AE or PCA a
     * Gaussian with the codes' mean and standard deviation per dimension), from {@code seed}.
     *
     * @return {@code count x k}, row-major
     */
    public static float[] priorCodes(Exploration e, int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int k = e.k();
        float[] z = new float[count * k];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < k; j++) {
                z[i * k + j] = e.latent(j, r.nextGaussian());
            }
        }
        return z;
    }

    /** {@link #priorCodes} decoded: {@code count} images. */
    public static float[][] samples(Exploration e, int count, long seed) {
        return rows(e.model().decode(priorCodes(e, count, seed), count), count, e.data().features());
    }

    /**
     * The latent vectors of a {@code side x side} grid over a two-dimensional code, {@code -range..range} standard
     * units on both axes: row-major, the top row at the highest second coordinate, as a plot reads.
     *
     * @return {@code (side * side) x 2}
     */
    public static float[] planeCodes(Exploration e, int side, double range) {
        if (e.k() != 2) {
            throw new IllegalArgumentException("the latent plane needs a 2-D code, not " + e.k() + "-D");
        }
        double[] ticks = ticks(side, range);
        float[] z = new float[side * side * 2];
        for (int row = 0; row < side; row++) {
            for (int col = 0; col < side; col++) {
                int o = (row * side + col) * 2;
                z[o] = e.latent(0, ticks[col]);
                z[o + 1] = e.latent(1, ticks[side - 1 - row]);
            }
        }
        return z;
    }

    /** {@link #planeCodes} decoded: {@code side * side} images, row-major. */
    public static float[][] plane(Exploration e, int side, double range) {
        return rows(e.model().decode(planeCodes(e, side, range), side * side), side * side, e.data().features());
    }

    /** Cuts {@code flat} ({@code count x d}, row-major) into its rows. */
    public static float[][] rows(float[] flat, int count, int d) {
        if (flat.length < count * d) {
            throw new IllegalArgumentException(flat.length + " values are fewer than " + count + " rows of " + d);
        }
        float[][] out = new float[count][];
        for (int i = 0; i < count; i++) {
            out[i] = Arrays.copyOfRange(flat, i * d, (i + 1) * d);
        }
        return out;
    }
}
