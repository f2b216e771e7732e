package dev.bottleneck.core.data;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Small point clouds for the lesson "PCA finds a plane, a nonlinear autoencoder can follow a curve", after
 * scikit-learn's {@code make_moons}, {@code make_circles}, {@code make_swiss_roll} and {@code make_blobs}: same
 * geometry and the same meaning of {@code noise} (the standard deviation of Gaussian noise added to every
 * coordinate), so a reader can compare with the scikit-learn documentation.
 *
 * <p>All sets are float-backed vectors. Example {@code i} depends only on the seed and {@code i} (a smaller count
 * gives a prefix of a larger one); classes alternate {@code i % k}, so every class has {@code count / k} examples
 * (the first classes one more when it does not divide) and there is no need to shuffle.
 */
public final class ToyDatasets {

    /** The names {@link #byName} knows. */
    public static final List<String> NAMES = List.of("moons", "circles", "swissroll", "blobs");
    /** Inner radius over outer radius of {@link #circles(int, double, long)}. */
    public static final double DEFAULT_CIRCLES_RATIO = 0.5;
    /** Dimensions of the blobs {@link #byName} makes (as scikit-learn's default). */
    public static final int DEFAULT_BLOB_DIMS = 2;
    /** Centres of the blobs {@link #byName} makes (as scikit-learn's default). */
    public static final int DEFAULT_BLOB_CENTERS = 3;
    /** Blob centres are drawn uniformly from this box per coordinate, as scikit-learn's {@code center_box}. */
    public static final double BLOB_BOX = 10.0;
    /** Height of the swiss roll (its y extent). */
    public static final double SWISS_ROLL_HEIGHT = 21.0;

    private ToyDatasets() {
    }

    /**
     * One of the toy sets by name with its default parameters: {@code "moons"}, {@code "circles"} (ratio
     * {@value #DEFAULT_CIRCLES_RATIO}), {@code "swissroll"} or {@code "blobs"} (2-D, 3 centres, {@code noise} as the
     * cluster standard deviation). Case and surrounding blanks are ignored.
     *
     * @throws IllegalArgumentException for any other name; the message lists the valid ones
     */
    public static Dataset byName(String name, int count, double noise, long seed) {
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "moons" -> moons(count, noise, seed);
            case "circles" -> circles(count, noise, seed);
            case "swissroll" -> swissRoll(count, noise, seed);
            case "blobs" -> blobs(count, DEFAULT_BLOB_DIMS, DEFAULT_BLOB_CENTERS, noise, seed);
            default -> throw new IllegalArgumentException("unknown toy dataset '" + name + "'; valid names: "
                    + String.join(", ", NAMES));
        };
    }

    /**
     * Two interleaving half circles in 2-D: label 0 ("upper") is {@code (cos t, sin t)}, label 1 ("lower") is
     * {@code (1 - cos t, 1/2 - sin t)}, {@code t} uniform in [0, &pi;]. Factor {@code "t"} is that angle. Without
     * noise the upper moon's mean is {@code (0, 2/pi)} and the lower's {@code (1, 1/2 - 2/pi)}.
     */
    public static Dataset moons(int count, double noise, long seed) {
        check("moons", count, 2, noise);
        SplittableRandom rng = new SplittableRandom(seed);
        float[] xs = new float[2 * count];
        float[] ts = new float[count];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            int label = i % 2;
            double t = Math.PI * rng.nextDouble();
            double x = label == 0 ? StrictMath.cos(t) : 1 - StrictMath.cos(t);
            double y = label == 0 ? StrictMath.sin(t) : 0.5 - StrictMath.sin(t);
            xs[2 * i] = (float) (x + noise * rng.nextGaussian());
            xs[2 * i + 1] = (float) (y + noise * rng.nextGaussian());
            ts[i] = (float) t;
            labels[i] = label;
        }
        return Dataset.ofFloats("moons", SampleShape.vector(2), xs, new Labels(labels, List.of("upper", "lower")),
                new Factors(List.of("t"), ts));
    }

    /** {@link #circles(int, double, double, long)} with ratio {@value #DEFAULT_CIRCLES_RATIO}. */
    public static Dataset circles(int count, double noise, long seed) {
        return circles(count, noise, DEFAULT_CIRCLES_RATIO, seed);
    }

    /**
     * Two concentric circles in 2-D: label 0 ("outer") of radius 1, label 1 ("inner") of radius {@code ratio}, at an
     * angle uniform in [0, 2&pi;) kept as factor {@code "angle"}. No linear map separates them.
     *
     * @param ratio inner radius over outer radius, in [0, 1) (scikit-learn's {@code factor})
     */
    public static Dataset circles(int count, double noise, double ratio, long seed) {
        check("circles", count, 2, noise);
        if (!(ratio >= 0 && ratio < 1)) {
            throw new IllegalArgumentException("circles: ratio (inner radius / outer radius) must be in [0, 1), was "
                    + ratio);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        float[] xs = new float[2 * count];
        float[] angles = new float[count];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            int label = i % 2;
            double radius = label == 0 ? 1 : ratio;
            double angle = 2 * Math.PI * rng.nextDouble();
            xs[2 * i] = (float) (radius * StrictMath.cos(angle) + noise * rng.nextGaussian());
            xs[2 * i + 1] = (float) (radius * StrictMath.sin(angle) + noise * rng.nextGaussian());
            angles[i] = (float) angle;
            labels[i] = label;
        }
        return Dataset.ofFloats("circles", SampleShape.vector(2), xs, new Labels(labels, List.of("outer", "inner")),
                new Factors(List.of("angle"), angles));
    }

    /**
     * A 2-D sheet rolled up in 3-D: {@code (t cos t, height, t sin t)} with {@code t = 1.5 pi (1 + 2u)}, {@code u}
     * and {@code height / 21} uniform in [0, 1], as scikit-learn. Coordinates reach about &plusmn;14 and the height
     * 21: standardise before training a model that expects unit scale.
     *
     * <p>Factors {@code "t"} (position along the roll, 1.5&pi; .. 4.5&pi;) and {@code "height"}. Labels are the
     * quarter of the roll an example lies on, by {@code t} ("t q1" innermost .. "t q4" outermost): the population
     * quartiles of {@code t}, so the classes are equally likely though not exactly balanced. They exist to colour
     * a latent plot; they are drawn, not alternated.
     */
    public static Dataset swissRoll(int count, double noise, long seed) {
        check("swissroll", count, 3, noise);
        SplittableRandom rng = new SplittableRandom(seed);
        float[] xs = new float[3 * count];
        float[] factors = new float[2 * count];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            double u = rng.nextDouble();
            double t = 1.5 * Math.PI * (1 + 2 * u);
            double height = SWISS_ROLL_HEIGHT * rng.nextDouble();
            xs[3 * i] = (float) (t * StrictMath.cos(t) + noise * rng.nextGaussian());
            xs[3 * i + 1] = (float) (height + noise * rng.nextGaussian());
            xs[3 * i + 2] = (float) (t * StrictMath.sin(t) + noise * rng.nextGaussian());
            factors[2 * i] = (float) t;
            factors[2 * i + 1] = (float) height;
            labels[i] = Math.min(3, (int) (4 * u));
        }
        return Dataset.ofFloats("swissroll", SampleShape.vector(3), xs,
                new Labels(labels, List.of("t q1", "t q2", "t q3", "t q4")),
                new Factors(List.of("t", "height"), factors));
    }

    /**
     * Isotropic Gaussian clusters: {@code centers} centres drawn uniformly from
     * [-{@value #BLOB_BOX}, {@value #BLOB_BOX}]<sup>dims</sup>, then example {@code i} drawn around centre
     * {@code i % centers} (its label) with standard deviation {@code noise} per coordinate (scikit-learn's
     * {@code cluster_std}, whose default is 1). No factors.
     */
    public static Dataset blobs(int count, int dims, int centers, double noise, long seed) {
        if (dims < 1 || centers < 1) {
            throw new IllegalArgumentException("blobs: dims and centers must be at least 1, were " + dims + " and "
                    + centers);
        }
        check("blobs", count, dims, noise);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] means = new double[centers * dims];
        for (int k = 0; k < means.length; k++) {
            means[k] = BLOB_BOX * (2 * rng.nextDouble() - 1);
        }
        float[] xs = new float[count * dims];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            int label = i % centers;
            for (int j = 0; j < dims; j++) {
                xs[i * dims + j] = (float) (means[label * dims + j] + noise * rng.nextGaussian());
            }
            labels[i] = label;
        }
        return Dataset.ofFloats("blobs", SampleShape.vector(dims), xs, Labels.numbered(labels, centers), null);
    }

    private static void check(String name, int count, int dims, double noise) {
        if (count < 1) {
            throw new IllegalArgumentException(name + ": count must be at least 1, was " + count);
        }
        if ((long) count * dims > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(name + ": " + count + " x " + dims
                    + " values are too many for one array");
        }
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException(name + ": noise (a standard deviation) must be finite and >= 0, was "
                    + noise);
        }
    }
}
