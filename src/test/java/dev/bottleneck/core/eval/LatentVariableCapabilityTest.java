package dev.bottleneck.core.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.data.Dataset;
import dev.bottleneck.core.model.Autoencoder;
import dev.bottleneck.core.model.LatentVariableModel;
import dev.bottleneck.core.model.LossTerms;
import dev.bottleneck.core.model.ModelConfig;
import dev.bottleneck.core.model.Parameter;
import dev.bottleneck.core.model.Term;
import dev.bottleneck.core.model.VariationalAutoencoder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The metrics ask for the capability, not the class: a latent-variable model that is not a
 * {@code VariationalAutoencoder} gets KL per dimension, active units and the IWAE bound, equal to the VAE's.
 */
class LatentVariableCapabilityTest {

    /** Another class with a posterior: here it delegates to a VAE, as a convolutional VAE would compute its own. */
    private record Delegate(VariationalAutoencoder vae) implements LatentVariableModel {
        @Override
        public ModelConfig config() {
            return vae.config();
        }

        @Override
        public float[][] posterior(float[] x, int n) {
            return vae.posterior(x, n);
        }

        @Override
        public double[] reconstructionNll(float[] z, float[] x, int n) {
            return vae.reconstructionNll(z, x, n);
        }

        @Override
        public float[] encode(float[] x, int n) {
            return vae.encode(x, n);
        }

        @Override
        public float[] decode(float[] z, int n) {
            return vae.decode(z, n);
        }

        @Override
        public LossTerms evaluate(float[] input, float[] target, int n, long noiseSeed) {
            return vae.evaluate(input, target, n, noiseSeed);
        }

        @Override
        public List<Parameter> parameters() {
            return vae.parameters();
        }

        @Override
        public Autoencoder copy() {
            return new Delegate(vae.copy());
        }
    }

    @Test
    void klPerDimensionSumsToTheKlTerm() {
        Dataset data = EvalFixtures.binary(64, 12, 3);
        VariationalAutoencoder vae = EvalFixtures.trainedVae(data, 3, 2, 5);
        float[] x = data.toFloatArray();
        double[] perDim = vae.klPerDimension(x, data.size());
        double kl = vae.evaluate(x, x, data.size(), 1).get(Term.KL).orElseThrow();
        assertEquals(kl, java.util.Arrays.stream(perDim).sum(), 1e-4);
    }

    @Test
    void evaluatorTreatsAnyLatentVariableModelAsTheVae() {
        Dataset data = EvalFixtures.binary(64, 12, 3);
        VariationalAutoencoder vae = EvalFixtures.trainedVae(data, 3, 2, 5);
        Evaluator.Options options = new Evaluator.Options(5, 20, 9);
        EvaluationReport direct = Evaluator.evaluate(vae, data, options);
        EvaluationReport through = Evaluator.evaluate(new Delegate(vae.copy()), data, options);
        assertTrue(through.activeUnits().isPresent());
        assertEquals(direct.iwaeNll(), through.iwaeNll(), 1e-9);
        assertEquals(5, through.iwaeSamples());
        assertArrayEquals(direct.klPerDim(), through.klPerDim(), 1e-12);
    }
}
