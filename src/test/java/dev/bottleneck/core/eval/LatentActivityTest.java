package dev.bottleneck.core.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.data.Dataset;
import dev.bottleneck.core.model.Pca;
import dev.bottleneck.core.model.PcaConfig;
import dev.bottleneck.core.model.Term;
import dev.bottleneck.core.model.VaeConfig;
import dev.bottleneck.core.model.VariationalAutoencoder;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class LatentActivityTest {

    /** The posterior N(0, I) whatever x: the encoder's last layer set to zero gives mu = 0 and logvar = 0. */
    @Test
    void klIsZeroForStandardNormalPosterior() {
        Dataset data = EvalFixtures.uniform(700, 6, 1);
        VariationalAutoencoder vae = new VariationalAutoencoder(VaeConfig.standard(6, List.of(5), 4, 1.0), 3);
        EvalFixtures.set(vae, "encoder.1.weight", new float[5 * 8]);
        EvalFixtures.set(vae, "encoder.1.bias", new float[8]);
        LatentActivity a = LatentActivity.of(vae, data);
        assertArrayEquals(new double[4], a.klPerDim(), 0.0);
        assertEquals(0.0, a.totalKl(), 0.0);
        assertArrayEquals(new double[4], a.codeVariance(), 0.0);
        assertEquals(OptionalInt.of(0), a.activeUnits(), "a posterior mean that ignores x has no active units");
        assertEquals(0.0, Evaluation.meanTerms(vae, data, 1).value(Term.KL), 0.0);
    }

    /**
     * A one-layer encoder with mu = (x_0, x_1, 0.05 x_2) and logvar = 0 on x uniform in [0, 1]^3: Var(mu_j) is
     * 1/12, 1/12 and 0.0025/12, so two units are active, and KL_j = 1/2 E[mu_j^2].
     */
    @Test
    void activeUnitsAndKlPerDimFollowTheirClosedForms() {
        Dataset data = EvalFixtures.uniform(5000, 3, 2);
        VariationalAutoencoder vae = new VariationalAutoencoder(VaeConfig.standard(3, List.of(), 3, 1.0), 3);
        float[] w = new float[3 * 6]; // 3 x [mu (3) | logvar (3)]
        float[] gains = {1f, 1f, 0.05f};
        for (int j = 0; j < 3; j++) {
            w[j * 6 + j] = gains[j];
        }
        EvalFixtures.set(vae, "encoder.0.weight", w);
        EvalFixtures.set(vae, "encoder.0.bias", new float[6]);
        LatentActivity a = LatentActivity.of(vae, data);
        assertEquals(OptionalInt.of(2), a.activeUnits());
        for (int j = 0; j < 3; j++) {
            double meanSq = 0;
            double mean = 0;
            for (int i = 0; i < data.size(); i++) {
                double mu = gains[j] * data.value(i, j);
                meanSq += mu * mu;
                mean += mu;
            }
            meanSq /= data.size();
            mean /= data.size();
            assertEquals(0.5 * meanSq, a.klPerDim()[j], 1e-6, "KL of dimension " + j);
            assertEquals(meanSq - mean * mean, a.codeVariance()[j], 1e-6, "variance of dimension " + j);
        }
        assertEquals(1.0 / 12, a.codeVariance()[0], 0.005);
        assertEquals(Evaluation.meanTerms(vae, data, 1).value(Term.KL), a.totalKl(), 1e-5);
        assertEquals(2, a.sliderOrder()[2], "the almost unused dimension sorts last");
    }

    /** PCA's code variance on its training data is the variance along each principal direction. */
    @Test
    void pcaCodeVarianceIsTheExplainedVariance() {
        Dataset data = EvalFixtures.binary(400, 8, 4);
        Pca pca = new Pca(new PcaConfig(8, 3));
        pca.fit(data.toFloatArray(), data.size());
        LatentActivity a = LatentActivity.of(pca, data);
        double[] all = pca.allVariances();
        for (int j = 0; j < 3; j++) {
            assertEquals(all[j], a.codeVariance()[j], 1e-4 * all[0], "component " + j);
        }
        assertFalse(a.hasPosterior());
        assertNull(a.klPerDim());
        assertEquals(OptionalInt.empty(), a.activeUnits());
        assertTrue(Double.isNaN(a.totalKl()));
        assertArrayEquals(new int[] {0, 1, 2}, a.sliderOrder(), "PCA components come by decreasing variance");
    }

    @Test
    void sliderOrderSortsByKlForVaesAndByVarianceOtherwise() {
        LatentActivity vae = new LatentActivity(new double[] {5, 1, 3}, new double[] {0.1, 2.0, 0.5});
        assertArrayEquals(new int[] {1, 2, 0}, vae.sliderOrder());
        LatentActivity ae = new LatentActivity(new double[] {5, 1, 3}, null);
        assertArrayEquals(new int[] {0, 2, 1}, ae.sliderOrder());
    }
}
