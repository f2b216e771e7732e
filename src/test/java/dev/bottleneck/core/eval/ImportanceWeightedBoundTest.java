package dev.bottleneck.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.data.Dataset;
import dev.bottleneck.core.model.Term;
import dev.bottleneck.core.model.VariationalAutoencoder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ImportanceWeightedBoundTest {

    private static Dataset data;
    private static VariationalAutoencoder vae;

    @BeforeAll
    static void trainTinyVae() {
        data = EvalFixtures.binary(600, 10, 5);
        vae = EvalFixtures.trainedVae(data, 3, 15, 7);
    }

    @Test
    void logSumExpIsStableAtExtremes() {
        assertEquals(1000 + Math.log(2), ImportanceWeightedBound.logSumExp(new double[] {1000, 1000}, 0, 2), 1e-12);
        assertEquals(-1000 + Math.log(2), ImportanceWeightedBound.logSumExp(new double[] {-1000, -1000}, 0, 2),
                1e-12);
        assertEquals(Math.log(Math.exp(1) + Math.exp(2)),
                ImportanceWeightedBound.logSumExp(new double[] {9, 1, 2, 9}, 1, 2), 1e-12);
        double inf = Double.NEGATIVE_INFINITY;
        assertEquals(inf, ImportanceWeightedBound.logSumExp(new double[] {inf, inf}, 0, 2));
        assertEquals(3.0, ImportanceWeightedBound.logSumExp(new double[] {inf, 3}, 0, 2), 1e-12);
    }

    /** With q(z|x) the exact posterior every importance weight equals p(x): the bound is tight for every K. */
    @Test
    void boundIsExactLogLikelihoodForTheExactPosterior() {
        VariationalAutoencoder model = EvalFixtures.LinearGaussian.model();
        Dataset x = EvalFixtures.LinearGaussian.sample(300, 3);
        double exact = EvalFixtures.LinearGaussian.meanNll(x);
        for (int k : new int[] {1, 7, 5000}) { // 5000 > ROWS: one example's samples span several chunks
            int examples = k == 5000 ? 3 : 300;
            double expected = EvalFixtures.LinearGaussian.meanNll(x.head(examples));
            IwaeEstimate est = ImportanceWeightedBound.estimate(model, x, k, examples, 11);
            assertEquals(expected, est.nll(), 2e-4, "K = " + k);
            assertEquals(expected, est.negElbo(), 2e-4, "zero-variance weights: ELBO = IWAE, K = " + k);
            assertEquals(examples, est.examples());
        }
        IwaeEstimate all = ImportanceWeightedBound.estimate(model, x, 3, 10_000, 1);
        assertEquals(300, all.examples());
        assertEquals(exact, all.nll(), 2e-4);
    }

    @Test
    void boundIsNeverWorseThanTheElboOfTheSameSamples() {
        for (int k : new int[] {1, 10, 100}) {
            IwaeEstimate est = ImportanceWeightedBound.estimate(vae, data, k, 300, 3);
            assertTrue(est.nll() <= est.negElbo() + 1e-9, "Jensen, K = " + k + ": " + est);
            if (k == 1) {
                assertEquals(est.negElbo(), est.nll(), 1e-9, "one sample: the bound is the ELBO");
            }
        }
    }

    @Test
    void boundIsNoWorseThanTheModelsElbo() {
        double negElbo = Evaluation.meanTerms(vae, data.head(300), 4).value(Term.NEG_ELBO);
        for (int k : new int[] {10, 100}) {
            IwaeEstimate est = ImportanceWeightedBound.estimate(vae, data, k, 300, 3);
            assertTrue(est.nll() <= negElbo + 3 * est.stdErr(), "K = " + k + ": " + est + " vs -ELBO " + negElbo);
        }
    }

    /** L_1 is an unbiased single-sample estimate of the ELBO; the model's -ELBO is another (analytic KL). */
    @Test
    void oneSampleBoundMatchesTheElboInExpectation() {
        IwaeEstimate one = ImportanceWeightedBound.estimate(vae, data, 1, 600, 8);
        double negElbo = Evaluation.meanTerms(vae, data, 9).value(Term.NEG_ELBO);
        assertEquals(negElbo, one.nll(), 4 * one.stdErr() + 0.02, one.toString());
    }

    @Test
    void boundTightensAsKGrows() {
        IwaeEstimate k1 = ImportanceWeightedBound.estimate(vae, data, 1, 300, 21);
        IwaeEstimate k10 = ImportanceWeightedBound.estimate(vae, data, 10, 300, 22);
        IwaeEstimate k100 = ImportanceWeightedBound.estimate(vae, data, 100, 300, 23);
        assertTrue(k1.nll() >= k10.nll() - 2 * k10.stdErr(), k1 + " vs " + k10);
        assertTrue(k10.nll() >= k100.nll() - 2 * k100.stdErr(), k10 + " vs " + k100);
        assertTrue(k1.nll() > k100.nll(), "a trained VAE gains from importance sampling: " + k1 + " vs " + k100);
    }

    @Test
    void sameSeedSameEstimate() {
        assertEquals(ImportanceWeightedBound.estimate(vae, data, 20, 50, 4),
                ImportanceWeightedBound.estimate(vae, data, 20, 50, 4));
    }

    @Test
    void bitsPerDimIsNatsOverDimsLn2() {
        IwaeEstimate est = ImportanceWeightedBound.estimate(vae, data, 5, 20, 4);
        assertEquals(est.nll() / (10 * Math.log(2)), est.bitsPerDim(10), 1e-12);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> ImportanceWeightedBound.estimate(vae, data, 0, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> ImportanceWeightedBound.estimate(vae, data, 5, 0, 1));
        Dataset wrong = EvalFixtures.binary(5, 7, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImportanceWeightedBound.estimate(vae, wrong, 5, 5, 1));
        assertTrue(e.getMessage().contains("binary"), e.getMessage());
    }
}
