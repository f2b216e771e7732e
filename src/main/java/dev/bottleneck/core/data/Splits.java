package dev.bottleneck.core.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Train / validation / test splits, deterministic from a seed.
 *
 * <p>One seeded permutation of the training pool decides everything: when there is no official test set its first
 * {@code round(testFraction * N)} examples become the test set; the next {@code round(validationFraction * N)} the
 * validation set; the rest the training set, of which {@code trainLimit} keeps only the first examples in
 * permutation order. So a smaller limit gives a subset of a larger one, and the limit never changes the validation
 * or test set: curves of runs with different limits are measured on the same held-out examples. Each part keeps the
 * pool's original order (its indices sorted), which makes galleries read naturally; training shuffles anyway.
 *
 * <p>MNIST-like data keeps its official test set ({@code officialTest != null}) and only the validation set is
 * carved from the pool.
 */
public final class Splits {

    /** The usual share of the training pool held out for validation. */
    public static final double DEFAULT_VALIDATION_FRACTION = 0.1;
    /** The usual share of the pool used as test set when the data has no official one. */
    public static final double DEFAULT_TEST_FRACTION = 0.2;

    private Splits() {
    }

    /**
     * {@link #split(Dataset, Dataset, double, int, double, long)} with the default fractions and no training limit.
     */
    public static DataSplit split(Dataset trainPool, Dataset officialTest, long seed) {
        return split(trainPool, officialTest, DEFAULT_VALIDATION_FRACTION, 0, DEFAULT_TEST_FRACTION, seed);
    }

    /**
     * Splits {@code trainPool} into training, validation and (without an official one) test examples.
     *
     * @param trainPool          the examples available for training, not empty
     * @param officialTest       the data's own test set, used as it is; {@code null} to carve one from the pool
     * @param validationFraction share of the pool held out for validation, in [0, 1)
     * @param trainLimit         keep at most this many training examples (the first in permutation order); 0 or
     *                           negative keeps all
     * @param testFraction       share of the pool used as test set, in [0, 1); read only when {@code officialTest} is
     *                           {@code null}
     * @param seed               seed of the permutation: the same seed gives the same split
     * @throws IllegalArgumentException when a fraction is outside [0, 1), the fractions leave no training example,
     *                                  or the official test set's shape differs from the pool's
     */
    public static DataSplit split(Dataset trainPool, Dataset officialTest, double validationFraction, int trainLimit,
            double testFraction, long seed) {
        if (trainPool == null) {
            throw new IllegalArgumentException("split: the training pool is missing (null)");
        }
        checkFraction("validation", validationFraction);
        int n = trainPool.size();
        if (n == 0) {
            throw new IllegalArgumentException("split: the training pool " + trainPool.name() + " is empty");
        }
        int nTest = 0;
        if (officialTest == null) {
            checkFraction("test", testFraction);
            if (validationFraction + testFraction >= 1) {
                throw new IllegalArgumentException("split: validation fraction " + validationFraction
                        + " plus test fraction " + testFraction + " leave nothing to train on; their sum must be < 1");
            }
            nTest = (int) Math.round(testFraction * n);
        } else if (!officialTest.shape().equals(trainPool.shape())) {
            throw new IllegalArgumentException("split: test set " + officialTest.name() + " has examples of shape "
                    + officialTest.shape() + " but training pool " + trainPool.name() + " has " + trainPool.shape());
        }
        int nVal = (int) Math.round(validationFraction * n);
        int nRest = n - nTest - nVal;
        if (nRest < 1) {
            throw new IllegalArgumentException("split: " + n + " examples leave no training example after " + nTest
                    + " for test and " + nVal + " for validation");
        }
        int nTrain = trainLimit > 0 ? Math.min(trainLimit, nRest) : nRest;

        int[] order = permutation(n, seed);
        int[] test = sorted(order, 0, nTest);
        int[] validation = sorted(order, nTest, nVal);
        int[] train = sorted(order, nTest + nVal, nTrain);
        String base = trainPool.name();
        return new DataSplit(
                trainPool.subset(base + " train", train),
                trainPool.subset(base + " validation", validation),
                officialTest != null ? officialTest : trainPool.subset(base + " test", test));
    }

    /** A uniformly random permutation of 0 .. n-1 from the seed (Fisher-Yates). */
    /**
     * The examples left to train on when {@link #split} splits a pool of {@code n} (before any train limit):
     * what a train limit may ask for at most. 0 when the fractions leave none.
     */
    public static int trainingExamples(int n, boolean officialTest, double validationFraction, double testFraction) {
        int nTest = officialTest ? 0 : (int) Math.round(testFraction * n);
        int nVal = (int) Math.round(validationFraction * n);
        return Math.max(0, n - nTest - nVal);
    }

    static int[] permutation(int n, long seed) {
        return permutation(n, new SplittableRandom(seed));
    }

    /** A uniformly random permutation of 0 .. n-1 drawn from {@code rng} (Fisher-Yates). */
    public static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static int[] sorted(int[] order, int from, int count) {
        int[] part = Arrays.copyOfRange(order, from, from + count);
        Arrays.sort(part);
        return part;
    }

    private static void checkFraction(String what, double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("split: " + what + " fraction must be in [0, 1), was " + fraction);
        }
    }
}
