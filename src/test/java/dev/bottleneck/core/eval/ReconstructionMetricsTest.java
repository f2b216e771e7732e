package dev.bottleneck.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.data.Corruption;
import dev.bottleneck.core.data.Dataset;
import dev.bottleneck.core.model.Autoencoder;
import dev.bottleneck.core.model.AutoencoderConfig;
import dev.bottleneck.core.model.DeterministicAutoencoder;
import dev.bottleneck.core.model.LossTerms;
import dev.bottleneck.core.model.Pca;
import dev.bottleneck.core.model.PcaConfig;
import dev.bottleneck.core.model.Term;
import dev.bottleneck.core.model.VaeConfig;
import dev.bottleneck.core.model.VariationalAutoencoder;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconstructionMetricsTest {

    // More than one Evaluation.BLOCK, so block seeds and the weighted mean are exercised.
    private final Dataset data = EvalFixtures.binary(1100, 9, 3);

    private Autoencoder ae() {
        return new DeterministicAutoencoder(AutoencoderConfig.plain(9, List.of(6), 3), 1);
    }

    private Autoencoder vae() {
        return new VariationalAutoencoder(VaeConfig.standard(9, List.of(6), 3, 1.0), 1);
    }

    @Test
    void denoisingWithoutCorruptionEqualsPlainReconstruction() {
        for (Autoencoder model : List.of(ae(), vae())) {
            ReconstructionError plain = ReconstructionMetrics.measure(model, data, 5);
            DenoisingError none = ReconstructionMetrics.denoising(model, data, Corruption.none(), 5);
            assertEquals(plain.natsPerExample(), none.natsPerExample(), 0.0);
            assertEquals(plain.msePerPixel(), none.msePerPixel(), 0.0);
            assertEquals(0.0, none.corruptedMsePerPixel(), 0.0);
            assertEquals("none", none.corruption());
            assertEquals(1100, none.examples());
        }
    }

    @Test
    void natsAreTheModelsReconstructionTermAsTheTrainerReportsIt() {
        Autoencoder vae = vae();
        ReconstructionError r = ReconstructionMetrics.measure(vae, data, 8);
        LossTerms terms = Evaluation.meanTerms(vae, data, 8);
        assertEquals(terms.value(Term.RECONSTRUCTION), r.natsPerExample(), 0.0);
        assertEquals(terms, r.terms());
    }

    /** MSE decodes the posterior mean: no noise, so the seed does not matter (unlike the sampled nats). */
    @Test
    void msePerPixelIsDeterministicForTheVae() {
        Autoencoder vae = vae();
        ReconstructionError a = ReconstructionMetrics.measure(vae, data, 1);
        ReconstructionError b = ReconstructionMetrics.measure(vae, data, 2);
        assertEquals(a.msePerPixel(), b.msePerPixel(), 0.0);
        assertNotEquals(a.natsPerExample(), b.natsPerExample());
        float[] x = data.toFloatArray();
        double se = ReconstructionMetrics.squaredError(vae.reconstruct(x, data.size()), x, x.length);
        assertEquals(se / x.length, a.msePerPixel(), 1e-12);
    }

    @Test
    void pcaHasNoNatsAndFullRankPcaReconstructsExactly() {
        Pca pca = new Pca(new PcaConfig(9, 9));
        pca.fit(data.toFloatArray(), data.size());
        ReconstructionError r = ReconstructionMetrics.measure(pca, data, 1);
        assertTrue(Double.isNaN(r.natsPerExample()));
        assertEquals(0.0, r.msePerPixel(), 1e-10);
    }

    /** Masking sets a fraction p of values to 0: on x uniform in [0, 1] that costs p E[x^2] = p / 3 per pixel. */
    @Test
    void corruptedBaselineFollowsTheMaskingFraction() {
        Dataset uniform = EvalFixtures.uniform(2000, 9, 4);
        DenoisingError e = ReconstructionMetrics.denoising(ae(), uniform, new Corruption.Masking(0.3), 6);
        assertEquals(0.3 / 3, e.corruptedMsePerPixel(), 0.004);
        assertEquals("masking:0.3", e.corruption());
        assertEquals(e, ReconstructionMetrics.denoising(ae(), uniform, new Corruption.Masking(0.3), 6),
                "same seed, same corruption");
    }

    @Test
    void wrongWidthAndEmptySplitsAreRefused() {
        Dataset wrong = EvalFixtures.binary(5, 4, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReconstructionMetrics.measure(ae(), wrong, 1));
        assertTrue(e.getMessage().contains("4 features") && e.getMessage().contains("expects 9"), e.getMessage());
        Dataset empty = data.head(0);
        assertThrows(IllegalArgumentException.class, () -> ReconstructionMetrics.measure(ae(), empty, 1));
    }
}
