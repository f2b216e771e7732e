package dev.bottleneck.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The beta-TCVAE against the VAE it generalises, and its bookkeeping: N, copies, terms, allocation. */
class TcVaeTest {

    private static final int D = 12;
    private static final int N = 16;
    private static final List<Integer> HIDDEN = List.of(10, 8);

    /**
     * With alpha = beta = gamma = 1 the decomposition sums back to the KL term, so the beta-TCVAE's loss is the VAE's
     * -ELBO, except that its KL is the one-sample estimate 1/M sum_i [log q(z_i|x_i) - log p(z_i)] at the very z the
     * reconstruction used, where the VAE has the closed form. What holds exactly: the same seed gives the same
     * weights, the same noise seed the same z, so reconstruction, closed-form KL and -ELBO agree bit for bit, and the
     * loss is reconstruction + the one-sample KL. What holds up to the estimator: the two losses differ by the
     * one-sample KL's deviation from the closed form, which is zero on average over the noise.
     */
    @Test
    void withUnitWeightsTheLossIsTheVaesNegElboWithItsKlSampledAtTheSameZ() {
        GradientModel vae = (GradientModel) VaeConfig.standard(D, HIDDEN, 3, 1.0).build(5);
        TcVae tc = new TcVae(TcVaeConfig.standard(D, HIDDEN, 3, 1, 1, 1).withDatasetSize(1000), 5);
        for (int i = 0; i < vae.parameters().size(); i++) {
            assertArrayEquals(vae.parameters().get(i).value().data, tc.parameters().get(i).value().data,
                    "the same initial weights: " + vae.parameters().get(i).name());
        }
        float[] x = data(N, D, 3);
        LossTerms a = vae.evaluate(x, x, N, 9);
        LossTerms b = tc.evaluate(x, x, N, 9);
        for (Term t : List.of(Term.RECONSTRUCTION, Term.KL, Term.NEG_ELBO, Term.MSE_PER_FEATURE)) {
            assertEquals(a.value(t), b.value(t), 0.0, t.label() + " bit for bit");
        }
        double[] oneSample = oneSampleKl(tc, x, 9);
        double sum = b.value(Term.INDEX_CODE_MI) + b.value(Term.TOTAL_CORRELATION) + b.value(Term.DIMENSION_WISE_KL);
        // Both sides are the same double sums of the same float inputs, added in other orders.
        double tolerance = 64 * oneSample[1] * Math.ulp(1.0);
        assertEquals(oneSample[0], sum, tolerance, "MI + TC + dimension-wise KL = the one-sample KL");
        assertEquals(b.value(Term.RECONSTRUCTION) + oneSample[0], b.loss(), tolerance + Math.ulp(b.loss()),
                "loss = reconstruction + the one-sample KL");
        assertTrue(b.loss() != a.loss(), "one batch's sample differs from the closed form");

        int draws = 400;
        double mean = 0;
        double sq = 0;
        for (int s = 0; s < draws; s++) {
            double diff = tc.evaluate(x, x, N, 100 + s).loss() - vae.evaluate(x, x, N, 100 + s).loss();
            mean += diff / draws;
            sq += diff * diff / draws;
        }
        double stdErr = Math.sqrt((sq - mean * mean) / (draws - 1));
        assertTrue(stdErr > 0);
        assertTrue(Math.abs(mean) < 4 * stdErr, "the one-sample KL is unbiased: mean difference " + mean + " +- "
                + stdErr);
    }

    /** {1/M sum_i [log q(z_i|x_i) - log p(z_i)], the sum of the magnitudes added}, with the model's z. */
    private static double[] oneSampleKl(TcVae model, float[] x, long noiseSeed) {
        float[][] q = model.posterior(x, N);
        int k = model.latentDim();
        SplittableRandom noise = new SplittableRandom(noiseSeed);
        double kl = 0;
        double magnitude = 0;
        for (int c = 0; c < N * k; c++) {
            float ep = (float) noise.nextGaussian();
            float z = q[0][c] + (float) Math.exp(0.5 * q[1][c]) * ep;
            double dz = (double) z - q[0][c];
            double logQ = -0.5 * Math.log(2 * Math.PI) - 0.5 * q[1][c] - 0.5 * dz * dz * Math.exp(-q[1][c]);
            double logP = -0.5 * Math.log(2 * Math.PI) - 0.5 * (double) z * z;
            kl += logQ - logP;
            magnitude += Math.abs(logQ) + Math.abs(logP);
        }
        return new double[] {kl / N, magnitude};
    }

    @Test
    void theTrainingSetSizeEntersTheEstimateAndTravelsWithCopies() {
        TcVae model = new TcVae(TcVaeConfig.standard(D, HIDDEN, 3, 1, 6, 1), 5);
        float[] x = data(N, D, 3);
        double unknown = model.evaluate(x, x, N, 9).value(Term.INDEX_CODE_MI);
        model.trainingSet(50_000, 64);
        assertEquals(List.of(50_000L, 64L), List.of(model.config().datasetSize(), (long) model.config().batchSize()));
        assertEquals(model.config(), model.copy().config());
        double known = model.evaluate(x, x, N, 9).value(Term.INDEX_CODE_MI);
        assertTrue(known != unknown, "N weighs the own posterior: 1/N, against 1/M while N is not known");
        // A_i >= log w_ii + log q(z_i|x_i) = log q(z_i|x_i) - log N: the MI estimate never exceeds log N.
        assertTrue(unknown <= Math.log(N) && known <= Math.log(50_000), unknown + ", " + known);
        assertThrows(IllegalArgumentException.class, () -> model.trainingSet(0, 64));
        assertThrows(IllegalArgumentException.class, () -> model.trainingSet(100, 0));
    }

    /**
     * A held-out block larger than a training batch is estimated in parts no larger than one (as even as they
     * come), so validation has the training batches' bias: 40 rows of a model trained in batches of 16 are three
     * parts of 14, 13 and 13, whose estimates weigh by their sizes. Checked against the decomposition run on those
     * parts of the very posteriors and samples the model used.
     */
    @Test
    void heldOutBlocksAreEstimatedInPartsOfATrainingBatch() {
        TcVae model = new TcVae(TcVaeConfig.standard(D, HIDDEN, 3, 1, 6, 1).withTrainingSet(1000, 16), 5);
        int n = 40;
        int k = 3;
        float[] x = data(n, D, 4);
        LossTerms t = model.evaluate(x, x, n, 9);
        float[][] q = model.posterior(x, n);
        SplittableRandom noise = new SplittableRandom(9);
        double[] mu = new double[n * k];
        double[] lv = new double[n * k];
        double[] z = new double[n * k];
        for (int c = 0; c < n * k; c++) {
            mu[c] = q[0][c];
            lv[c] = q[1][c];
            z[c] = q[0][c] + (float) Math.exp(0.5 * q[1][c]) * (float) noise.nextGaussian();
        }
        KlDecomposition d = new KlDecomposition(k);
        double[] parts = new double[3];
        int from = 0;
        for (int m : new int[] {14, 13, 13}) {
            d.compute(mu, lv, z, from, m, 1000, 1, 6, 1, false);
            parts[0] += d.mutualInformation() * m / n;
            parts[1] += d.totalCorrelation() * m / n;
            parts[2] += d.dimensionWiseKl() * m / n;
            from += m;
        }
        assertEquals(parts[0], t.value(Term.INDEX_CODE_MI), 1e-12);
        assertEquals(parts[1], t.value(Term.TOTAL_CORRELATION), 1e-12);
        assertEquals(parts[2], t.value(Term.DIMENSION_WISE_KL), 1e-12);
        d.compute(mu, lv, z, 0, n, 1000, 1, 6, 1, false);
        assertTrue(d.mutualInformation() != parts[0], "the whole block would be estimated with another bias");
    }

    @Test
    void aStepReportsTheThreeTermsBesideTheVaes() {
        TcVae model = new TcVae(TcVaeConfig.standard(D, HIDDEN, 3, 1, 6, 1).withDatasetSize(200), 5);
        float[] x = data(N, D, 3);
        LossTerms t = model.computeGradients(x, x, N, 0, new SplittableRandom(1));
        assertEquals(List.of(Term.LOSS, Term.RECONSTRUCTION, Term.KL, Term.INDEX_CODE_MI, Term.TOTAL_CORRELATION,
                Term.DIMENSION_WISE_KL, Term.NEG_ELBO, Term.MSE_PER_FEATURE), List.copyOf(t.asMap().keySet()));
        double weighted = t.value(Term.RECONSTRUCTION) + t.value(Term.INDEX_CODE_MI)
                + 6 * t.value(Term.TOTAL_CORRELATION) + t.value(Term.DIMENSION_WISE_KL);
        assertEquals(weighted, t.loss(), 1e-12 * Math.abs(weighted));
    }

    /**
     * After its first step at a batch size, a training step allocates no more than the VAE's on the same batch (the
     * engine's loss-terms record and the reconstruction's halves): the decomposition's buffers are reused, and on
     * its own it allocates nothing at all.
     */
    @Test
    void aStepAllocatesNoMoreThanTheVaes() {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int k = 3;
        KlDecomposition d = new KlDecomposition(k);
        double[] mu = new double[N * k];
        double[] lv = new double[N * k];
        double[] z = new double[N * k];
        d.compute(mu, lv, z, 0, N, 100, 1, 6, 1, true);
        d.compute(mu, lv, z, 0, N / 2, 100, 1, 6, 1, true); // a smaller last batch reuses the larger buffers
        long before = bean.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 20; i++) {
            d.compute(mu, lv, z, i % 3, N - i % 3, 100, 1, 6, 1, true);
        }
        assertEquals(0, bean.getCurrentThreadAllocatedBytes() - before, "the decomposition allocates nothing");

        GradientModel vae = (GradientModel) VaeConfig.standard(D, HIDDEN, k, 1.0).build(5);
        GradientModel tc = new TcVae(TcVaeConfig.standard(D, HIDDEN, k, 1, 6, 1).withDatasetSize(100), 5);
        float[] x = data(N, D, 3);
        long vaeBytes = stepBytes(bean, vae, x);
        long tcBytes = stepBytes(bean, tc, x);
        // The beta-TCVAE reports three more terms than the VAE: their boxes are all it may allocate beyond it.
        long threeTerms = termsBytes(bean, 8) - termsBytes(bean, 5);
        assertTrue(tcBytes <= vaeBytes + threeTerms, "beta-TCVAE step " + tcBytes + " bytes, VAE step " + vaeBytes
                + ", three more terms " + threeTerms);
    }

    /** The fewest bytes building loss terms of {@code count} terms allocated, after warm-up. */
    private static long termsBytes(com.sun.management.ThreadMXBean bean, int count) {
        long least = Long.MAX_VALUE;
        Object[] sink = new Object[1];
        for (int i = 0; i < 60; i++) {
            long before = bean.getCurrentThreadAllocatedBytes();
            LossTerms.Builder b = LossTerms.builder();
            for (int t = 0; t < count; t++) {
                b.put(Term.values()[t], 0.5 + i + t);
            }
            sink[0] = b.build();
            least = Math.min(least, bean.getCurrentThreadAllocatedBytes() - before);
        }
        return least;
    }

    /** The fewest bytes one step allocated in 30 steps after 30 of warm-up. */
    private static long stepBytes(com.sun.management.ThreadMXBean bean, GradientModel m, float[] x) {
        SplittableRandom noise = new SplittableRandom(1);
        for (int i = 0; i < 30; i++) {
            m.computeGradients(x, x, N, 0, noise);
        }
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 30; i++) {
            long before = bean.getCurrentThreadAllocatedBytes();
            m.computeGradients(x, x, N, 0, noise);
            least = Math.min(least, bean.getCurrentThreadAllocatedBytes() - before);
        }
        return least;
    }

    private static float[] data(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble();
        }
        return x;
    }
}
