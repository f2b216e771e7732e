package dev.bottleneck.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The beta-TCVAE's decomposition of the KL term on its own, in double precision: its hand-written gradient against
 * central differences, the sum of its three terms, closed forms, the weights of the stratified estimator, and its
 * bias against the exact terms of a small synthetic set.
 */
class KlDecompositionTest {

    private static final double EPS = Math.ulp(1.0);

    static Stream<Arguments> batches() {
        // {m, k, N, alpha, beta, gamma}: distinct weights, so a gradient through the wrong term cannot pass.
        return Stream.of(
                Arguments.of("6 x 3 of N = 50", 6, 3, 50L, 0.7, 3.5, 1.3),
                Arguments.of("2 x 2 of N = 10", 2, 2, 10L, 2.0, 0.5, 1.5),
                Arguments.of("one example", 1, 3, 100L, 1.2, 4.0, 0.8),
                Arguments.of("N not known yet", 5, 2, 0L, 1.0, 6.0, 1.0),
                Arguments.of("a batch larger than N", 7, 2, 3L, 0.3, 2.0, 2.5));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("batches")
    void gradientMatchesCentralDifferencesInDouble(String name, int m, int k, long n, double alpha, double beta,
            double gamma) {
        double[][] in = posteriors(m, k, 11);
        KlDecomposition d = new KlDecomposition(k);
        d.compute(in[0], in[1], in[2], 0, m, n, alpha, beta, gamma, true);
        double[][] analytic = {d.gradMu().clone(), d.gradLogvar().clone(), d.gradZ().clone()};
        // Error budget at h = 1e-5. Rounding: each term sums ~10 k log-densities of magnitude L <= 60 here
        // ((z - mu)^2 exp(-logvar) with |z - mu| <= 5, logvar >= -1.5), weighted <= 4: an evaluation is off by
        // about 4 * 10 k L EPS ~ 1.6e-12, a central difference by that over h, ~ 1.6e-7. Truncation: h^2 / 6 f''',
        // with f''' of the same (z - mu)^2 exp(-logvar) <= 1e2, ~ 2e-9. So 1e-6, relative to gradients above 1.
        double h = 1e-5;
        double tolerance = 1e-6;
        String[] what = {"mu", "logvar", "z"};
        for (int a = 0; a < 3; a++) {
            for (int c = 0; c < m * k; c++) {
                double keep = in[a][c];
                in[a][c] = keep + h;
                d.compute(in[0], in[1], in[2], 0, m, n, alpha, beta, gamma, false);
                double up = weighted(d, alpha, beta, gamma);
                in[a][c] = keep - h;
                d.compute(in[0], in[1], in[2], 0, m, n, alpha, beta, gamma, false);
                double down = weighted(d, alpha, beta, gamma);
                in[a][c] = keep;
                double numeric = (up - down) / (2 * h);
                assertEquals(numeric, analytic[a][c], tolerance * Math.max(1, Math.abs(numeric)),
                        name + ": d/d" + what[a] + "[" + c + "]");
            }
        }
    }

    @Test
    void theCheckSeesAGradientOffByOnePartInTenThousand() {
        int m = 6;
        int k = 3;
        double[][] in = posteriors(m, k, 11);
        KlDecomposition d = new KlDecomposition(k);
        d.compute(in[0], in[1], in[2], 0, m, 50, 0.7, 3.5, 1.3, true);
        double wrong = d.gradLogvar()[4] * (1 + 1e-4);
        double h = 1e-5;
        in[1][4] += h;
        d.compute(in[0], in[1], in[2], 0, m, 50, 0.7, 3.5, 1.3, false);
        double up = weighted(d, 0.7, 3.5, 1.3);
        in[1][4] -= 2 * h;
        d.compute(in[0], in[1], in[2], 0, m, 50, 0.7, 3.5, 1.3, false);
        double down = weighted(d, 0.7, 3.5, 1.3);
        double numeric = (up - down) / (2 * h);
        assertTrue(Math.abs(wrong - numeric) > 1e-6 * Math.max(1, Math.abs(numeric)),
                "a gradient off by 1e-4 must fail the check: " + wrong + " vs " + numeric);
    }

    @Test
    void theThreeTermsSumToTheOneSampleKlEstimate() {
        int m = 9;
        int k = 4;
        double[][] in = posteriors(m, k, 5);
        KlDecomposition d = new KlDecomposition(k);
        d.compute(in[0], in[1], in[2], 0, m, 1000, 1, 6, 1, false);
        double kl = 0;
        double magnitude = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < k; j++) {
                int c = i * k + j;
                double dz = in[2][c] - in[0][c];
                double logQ = -0.5 * Math.log(2 * Math.PI) - 0.5 * in[1][c] - 0.5 * dz * dz * Math.exp(-in[1][c]);
                double logP = -0.5 * Math.log(2 * Math.PI) - 0.5 * in[2][c] * in[2][c];
                kl += logQ - logP;
                magnitude += Math.abs(logQ) + Math.abs(logP);
            }
        }
        kl /= m;
        double sum = d.mutualInformation() + d.totalCorrelation() + d.dimensionWiseKl();
        // A and C cancel exactly in the algebra; in the arithmetic each of the ~4 k m additions rounds by an ulp of
        // at most the magnitude of the log-densities.
        assertEquals(kl, sum, 16 * k * magnitude * EPS, "MI + TC + dimension-wise KL");
    }

    @Test
    void everyTermIsZeroWhenEveryPosteriorIsThePrior() {
        int m = 8;
        int k = 3;
        double[][] in = posteriors(m, k, 2);
        java.util.Arrays.fill(in[0], 0.0);
        java.util.Arrays.fill(in[1], 0.0);
        KlDecomposition d = new KlDecomposition(k);
        d.compute(in[0], in[1], in[2], 0, m, 500, 1, 6, 1, false);
        // q(z|n) = p(z) for every n and the weights of each row sum to 1: q-hat = q = p, exactly but for rounding.
        double tolerance = 64 * k * 10 * EPS;
        assertEquals(0, d.mutualInformation(), tolerance);
        assertEquals(0, d.totalCorrelation(), tolerance);
        assertEquals(0, d.dimensionWiseKl(), tolerance);
    }

    @Test
    void identicalPosteriorsCarryNoInformationAndNoCorrelation() {
        int m = 6;
        int k = 3;
        double[][] in = posteriors(m, k, 4);
        for (int i = 1; i < m; i++) {
            System.arraycopy(in[0], 0, in[0], i * k, k);
            System.arraycopy(in[1], 0, in[1], i * k, k);
        }
        KlDecomposition d = new KlDecomposition(k);
        d.compute(in[0], in[1], in[2], 0, m, 500, 1, 6, 1, false);
        // One posterior for all: the code says nothing of n (MI 0), and a diagonal Gaussian is the product of its
        // marginals (TC 0): the whole KL estimate is dimension-wise.
        double tolerance = 64 * k * 100 * EPS;
        assertEquals(0, d.mutualInformation(), tolerance);
        assertEquals(0, d.totalCorrelation(), tolerance);
        assertTrue(d.dimensionWiseKl() != 0);
    }

    @Test
    void everyRowOfWeightsSumsToOne() {
        for (int m = 1; m <= 9; m++) {
            for (long n : new long[] {0, m, m + 1, 60_000}) {
                for (int i = 0; i < m; i++) {
                    double s = 0;
                    for (int r = 0; r < m; r++) {
                        s += Math.exp(KlDecomposition.logWeight(i, r, m, n));
                    }
                    assertEquals(1.0, s, 4 * m * EPS, "row " + i + " of a batch of " + m + " from " + n);
                }
            }
        }
    }

    /**
     * Chen et al.'s stratified estimate of q(z_i) is unbiased when the rest of the batch is drawn uniformly from the
     * rest of the set, as consecutive slices of a shuffled set are: averaged over every ordered choice of the other
     * examples, sum_r w_ir q(z_i | n_r) is (1/N) sum_n q(z_i | n) exactly. Its logarithm, what the terms use, reads
     * low (Jensen).
     */
    @Test
    void theStratifiedEstimateOfQIsUnbiasedAndItsLogarithmReadsLow() {
        int bigN = 6;
        double[] q = {2.0, 0.3, 0.05, 1.1, 0.7, 0.01}; // q(z_0 | n) of one sample z_0 of example 0
        double exact = 0;
        for (double v : q) {
            exact += v / bigN;
        }
        for (int m = 2; m <= 4; m++) {
            double[] sums = new double[2]; // of q-hat and of log q-hat over the orderings
            int[] count = {0};
            int[] batch = new int[m];
            orderings(batch, 1, m, bigN, q, sums, count);
            assertEquals(exact, sums[0] / count[0], 1e-15 * exact * 8, "mean estimate of q, batch " + m);
            assertTrue(sums[1] / count[0] < Math.log(exact), "mean log estimate below log q, batch " + m);
        }
    }

    /** Every ordered choice of batch[1..m-1] among examples 1..N-1 (distinct), example 0 at position 0. */
    private static void orderings(int[] batch, int at, int m, int bigN, double[] q, double[] sums, int[] count) {
        if (at == m) {
            double est = 0;
            for (int r = 0; r < m; r++) {
                est += Math.exp(KlDecomposition.logWeight(0, r, m, bigN)) * q[batch[r]];
            }
            sums[0] += est;
            sums[1] += Math.log(est);
            count[0]++;
            return;
        }
        outer:
        for (int n = 1; n < bigN; n++) {
            for (int r = 1; r < at; r++) {
                if (batch[r] == n) {
                    continue outer;
                }
            }
            batch[at] = n;
            orderings(batch, at + 1, m, bigN, q, sums, count);
        }
    }

    /**
     * The bias the Javadoc describes, measured: a set of N posteriors with one sample each, whose exact MI, TC and
     * dimension-wise KL sum over all N, against the mean of the batch estimates over shuffled epochs of batches of
     * M. MI reads high and the dimension-wise KL low (Jensen), both by less at larger M; the sum is exact at every M.
     */
    @Test
    void theBiasAtSmallBatchesShrinksAsTheBatchGrows() {
        int bigN = 512;
        int k = 4;
        SplittableRandom r = new SplittableRandom(21);
        double[] mu = new double[bigN * k];
        double[] lv = new double[bigN * k];
        double[] z = new double[bigN * k];
        for (int n = 0; n < bigN; n++) {
            double f = r.nextGaussian();
            for (int j = 0; j < k; j++) {
                int c = n * k + j;
                // Two units that encode one factor (correlated), one independent, one inactive (the prior).
                mu[c] = j == 0 ? f : j == 1 ? f + 0.3 * r.nextGaussian() : j == 2 ? r.nextGaussian() : 0;
                lv[c] = j == 3 ? 0 : Math.log(0.2 * 0.2);
                z[c] = mu[c] + Math.exp(0.5 * lv[c]) * r.nextGaussian();
            }
        }
        double[] exact = exactTerms(mu, lv, z, bigN, k);
        int[] sizes = {8, 32, 128};
        int epochs = 24;
        double[][] bias = new double[sizes.length][3];
        double[][] stdErr = new double[sizes.length][3];
        KlDecomposition d = new KlDecomposition(k);
        double[] bm = new double[128 * k];
        double[] bl = new double[128 * k];
        double[] bz = new double[128 * k];
        for (int s = 0; s < sizes.length; s++) {
            int m = sizes[s];
            double[][] perEpoch = new double[epochs][3];
            for (int e = 0; e < epochs; e++) {
                int[] order = dev.bottleneck.core.data.Splits.permutation(bigN, r);
                for (int from = 0; from < bigN; from += m) {
                    for (int i = 0; i < m; i++) {
                        System.arraycopy(mu, order[from + i] * k, bm, i * k, k);
                        System.arraycopy(lv, order[from + i] * k, bl, i * k, k);
                        System.arraycopy(z, order[from + i] * k, bz, i * k, k);
                    }
                    d.compute(bm, bl, bz, 0, m, bigN, 1, 1, 1, false);
                    double[] t = {d.mutualInformation(), d.totalCorrelation(), d.dimensionWiseKl()};
                    for (int a = 0; a < 3; a++) {
                        perEpoch[e][a] += t[a] * m / bigN;
                    }
                }
                double sum = perEpoch[e][0] + perEpoch[e][1] + perEpoch[e][2];
                assertEquals(exact[0] + exact[1] + exact[2], sum, 1e-9, "the sum is exact, batch " + m);
            }
            for (int a = 0; a < 3; a++) {
                double mean = 0;
                for (double[] p : perEpoch) {
                    mean += p[a] / epochs;
                }
                double var = 0;
                for (double[] p : perEpoch) {
                    var += (p[a] - mean) * (p[a] - mean) / (epochs - 1);
                }
                bias[s][a] = mean - exact[a];
                stdErr[s][a] = Math.sqrt(var / epochs);
            }
        }
        for (int s = 0; s < sizes.length; s++) {
            String at = "batch " + sizes[s] + ": bias " + java.util.Arrays.toString(bias[s]) + " +- "
                    + java.util.Arrays.toString(stdErr[s]);
            assertTrue(bias[s][0] > 4 * stdErr[s][0], "MI reads high, " + at);
            assertTrue(bias[s][2] < -4 * stdErr[s][2], "the dimension-wise KL reads low, " + at);
        }
        for (int s = 1; s < sizes.length; s++) {
            for (int a : new int[] {0, 2}) {
                double gap = Math.abs(bias[s - 1][a]) - Math.abs(bias[s][a]);
                assertTrue(gap > 4 * Math.hypot(stdErr[s - 1][a], stdErr[s][a]),
                        "term " + a + " is less biased at batch " + sizes[s] + " than " + sizes[s - 1]);
            }
        }
        // TC, the difference of two shortfalls, reads high at a handful of examples, where the marginals are covered
        // as thinly as the joint, and low at tens to hundreds (see the Javadoc).
        assertTrue(bias[0][1] > 4 * stdErr[0][1], "TC reads high at batch 8: " + bias[0][1]);
        assertTrue(bias[1][1] < -4 * stdErr[1][1], "TC reads low at batch 32: " + bias[1][1]);
        assertTrue(bias[2][1] < -4 * stdErr[2][1], "TC reads low at batch 128: " + bias[2][1]);
    }

    /** MI, TC and dimension-wise KL with q(z) and q(z_j) summed over all N posteriors. */
    private static double[] exactTerms(double[] mu, double[] lv, double[] z, int bigN, int k) {
        double[] t = new double[3];
        double[] joint = new double[bigN];
        double[][] cells = new double[k][bigN];
        for (int i = 0; i < bigN; i++) {
            double self = 0;
            double prior = 0;
            for (int n = 0; n < bigN; n++) {
                joint[n] = -Math.log(bigN);
                for (int j = 0; j < k; j++) {
                    double l = logNormal(z[i * k + j], mu[n * k + j], lv[n * k + j]);
                    joint[n] += l;
                    cells[j][n] = l - Math.log(bigN);
                    if (n == i) {
                        self += l;
                    }
                }
            }
            double marginals = 0;
            for (int j = 0; j < k; j++) {
                marginals += logSumExp(cells[j]);
                prior += logNormal(z[i * k + j], 0, 0);
            }
            double a = logSumExp(joint);
            t[0] += (self - a) / bigN;
            t[1] += (a - marginals) / bigN;
            t[2] += (marginals - prior) / bigN;
        }
        return t;
    }

    private static double logNormal(double x, double mean, double logvar) {
        double d = x - mean;
        return -0.5 * Math.log(2 * Math.PI) - 0.5 * logvar - 0.5 * d * d * Math.exp(-logvar);
    }

    private static double logSumExp(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        double s = 0;
        for (double x : v) {
            s += Math.exp(x - m);
        }
        return m + Math.log(s);
    }

    private static double weighted(KlDecomposition d, double alpha, double beta, double gamma) {
        return alpha * d.mutualInformation() + beta * d.totalCorrelation() + gamma * d.dimensionWiseKl();
    }

    /** {mu, logvar, z} of m posteriors in k dimensions: means in [-1.5, 1.5], logvar in [-1.5, 1], one sample each. */
    private static double[][] posteriors(int m, int k, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] mu = new double[m * k];
        double[] lv = new double[m * k];
        double[] z = new double[m * k];
        for (int c = 0; c < m * k; c++) {
            mu[c] = 3 * r.nextDouble() - 1.5;
            lv[c] = 2.5 * r.nextDouble() - 1.5;
            z[c] = mu[c] + Math.exp(0.5 * lv[c]) * r.nextGaussian();
        }
        return new double[][] {mu, lv, z};
    }
}
