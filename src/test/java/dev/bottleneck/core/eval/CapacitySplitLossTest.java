package dev.bottleneck.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.data.Dataset;
import dev.bottleneck.core.data.SampleShape;
import dev.bottleneck.core.model.LossTerms;
import dev.bottleneck.core.model.Term;
import dev.bottleneck.core.model.VaeConfig;
import dev.bottleneck.core.model.VariationalAutoencoder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The capacity objective's loss of a split is that of its mean KL, recon + gamma |KL - C|, not the mean of its blocks'
 * |KL_block - C|: a split in its source's order has blocks whose KL lies on either side of C.
 */
class CapacitySplitLossTest {

    @Test
    void theLossOfASplitIsTheObjectiveOfItsMeanTerms() {
        // Two blocks of 500: all-zero images, then random bits, so their KLs differ.
        int b = Evaluation.BLOCK;
        float[] x = EvalFixtures.binary(2 * b, 8, 3).toFloatArray();
        Arrays.fill(x, 0, b * 8, 0f);
        Dataset ordered = Dataset.ofFloats("ordered", SampleShape.vector(8), x, null, null);
        float[] first = Arrays.copyOfRange(x, 0, b * 8);
        float[] second = Arrays.copyOfRange(x, b * 8, 2 * b * 8);
        VaeConfig plain = VaeConfig.standard(8, List.of(6), 3, 1.0);
        VariationalAutoencoder same = new VariationalAutoencoder(plain, 4);
        double kl1 = same.evaluate(first, first, b, 7 * 1_000_003L).value(Term.KL);
        double kl2 = same.evaluate(second, second, b, 7 * 1_000_003L + 1).value(Term.KL);
        assertTrue(Math.abs(kl1 - kl2) > 1e-3, "the blocks' KLs differ: " + kl1 + ", " + kl2);
        double mid = (kl1 + kl2) / 2;
        // the same seed draws the same weights: C_max sits between the blocks' KLs
        VariationalAutoencoder vae = new VariationalAutoencoder(plain.withCapacity(200, mid, 10), 4);
        for (double epochs : new double[] {0.5, 4, Double.POSITIVE_INFINITY}) {
            LossTerms split = Evaluation.meanTerms(vae, ordered, 7, null, epochs);
            double c = vae.config().capacity(epochs);
            double kl = split.value(Term.KL);
            assertEquals(mid, kl, 1e-9 * Math.max(1, kl), "KL is still the mean over examples");
            assertEquals(split.value(Term.RECONSTRUCTION) + 200 * Math.abs(kl - c), split.loss(), 1e-9 * split.loss(),
                    "at " + epochs + " epochs");
        }
        LossTerms end = Evaluation.meanTerms(vae, ordered, 7, null, Double.POSITIVE_INFINITY);
        double blocksMean = end.value(Term.RECONSTRUCTION) + 200 * (Math.abs(kl1 - mid) + Math.abs(kl2 - mid)) / 2;
        assertEquals(end.value(Term.RECONSTRUCTION), end.loss(), 1e-9 * end.loss(), "C = the mean KL: no penalty");
        assertTrue(blocksMean > end.loss() + 100 * Math.abs(kl1 - kl2) - 1e-6, "the blocks' mean would add "
                + "gamma |KL1 - KL2| / 2");
    }
}
