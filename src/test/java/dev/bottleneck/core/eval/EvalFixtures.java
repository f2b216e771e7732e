package dev.bottleneck.core.eval;

import dev.bottleneck.core.data.Dataset;
import dev.bottleneck.core.data.Factors;
import dev.bottleneck.core.data.SampleShape;
import dev.bottleneck.core.model.Autoencoder;
import dev.bottleneck.core.model.Likelihood;
import dev.bottleneck.core.model.LossTerms;
import dev.bottleneck.core.model.ModelConfig;
import dev.bottleneck.core.model.Parameter;
import dev.bottleneck.core.model.PcaConfig;
import dev.bottleneck.core.model.Term;
import dev.bottleneck.core.model.VaeConfig;
import dev.bottleneck.core.model.VariationalAutoencoder;
import dev.bottleneck.core.train.Trainer;
import dev.bottleneck.core.train.TrainingConfig;
import dev.bottleneck.core.train.TrainingListener;
import java.util.List;
import java.util.SplittableRandom;

/** Small synthetic data and hand-set models shared by the eval tests. */
final class EvalFixtures {

    private EvalFixtures() {
    }

    /** {@code n} binary vectors of {@code d} features: one of four random prototypes with 10% of its bits flipped. */
    static Dataset binary(int n, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] prototypes = new float[4][d];
        for (float[] p : prototypes) {
            for (int j = 0; j < d; j++) {
                p[j] = rng.nextBoolean() ? 1f : 0f;
            }
        }
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            float[] p = prototypes[rng.nextInt(prototypes.length)];
            for (int j = 0; j < d; j++) {
                x[i * d + j] = rng.nextDouble() < 0.1 ? 1f - p[j] : p[j];
            }
        }
        return Dataset.ofFloats("binary", SampleShape.vector(d), x, null, null);
    }

    /** {@code n} vectors of {@code d} features uniform in [0, 1]. */
    static Dataset uniform(int n, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextDouble();
        }
        return Dataset.ofFloats("uniform", SampleShape.vector(d), x, null, null);
    }

    /**
     * Data that are their own ground-truth factors: feature f of example i is factor f, independent draws of
     * "shape" (0, 1 or 2), "scale" (uniform [0.5, 1]) and "posX" (uniform [0.2, 0.8]).
     */
    static Dataset factorData(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] v = new float[n * 3];
        for (int i = 0; i < n; i++) {
            v[i * 3] = rng.nextInt(3);
            v[i * 3 + 1] = (float) (0.5 + 0.5 * rng.nextDouble());
            v[i * 3 + 2] = (float) (0.2 + 0.6 * rng.nextDouble());
        }
        return Dataset.ofFloats("factors", SampleShape.vector(3), v.clone(), null,
                new Factors(List.of("shape", "scale", "posX"), v));
    }

    /** A tiny VAE trained for a few epochs on {@code data} (Bernoulli decoder). */
    static VariationalAutoencoder trainedVae(Dataset data, int latent, int epochs, long seed) {
        VariationalAutoencoder vae = new VariationalAutoencoder(
                VaeConfig.standard(data.features(), List.of(16), latent, 1.0), seed);
        TrainingConfig config = TrainingConfig.defaults(epochs, seed).withBatchSize(32).withLearningRate(1e-2);
        new Trainer(vae, data, null, config, null).run(TrainingListener.NONE, () -> false, Integer.MAX_VALUE);
        return vae;
    }

    /** The parameter called {@code name} ("encoder.0.weight", ...). */
    static Parameter parameter(Autoencoder model, String name) {
        return model.parameters().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no parameter " + name));
    }

    /** Overwrites a parameter's values and marks them changed. */
    static void set(Autoencoder model, String name, float[] values) {
        Parameter p = parameter(model, name);
        System.arraycopy(values, 0, p.value().data, 0, values.length);
        p.value().changed();
    }

    /**
     * A linear-Gaussian VAE whose encoder is the exact posterior, so that p(x, z) / q(z|x) = p(x) for every z:
     * <pre>
     *   p(z) = N(0, I_2)    p(x|z) = N(W z + b, sigma^2 I_3)    W = [[a, 0], [0, c], [0, 0]]
     *   q(z|x) = p(z|x):  var_j = 1 / (1 + w_j^2 / sigma^2),   mu_j = var_j w_j (x_j - b_j) / sigma^2
     *   log p(x) = log N(x; b, diag(a^2 + sigma^2, c^2 + sigma^2, sigma^2))
     * </pre>
     */
    static final class LinearGaussian {
        static final double A = 1.5;
        static final double C = 0.7;
        static final double SIGMA = 0.5;
        static final float[] B = {0.3f, -0.2f, 0.1f};

        static VariationalAutoencoder model() {
            VaeConfig config = VaeConfig.standard(3, List.of(), 2, 1.0).withLikelihood(Likelihood.GAUSSIAN, SIGMA);
            VariationalAutoencoder vae = new VariationalAutoencoder(config, 1);
            double s2 = SIGMA * SIGMA;
            double[] w = {A, C};
            // encoder.0: x (3) -> [mu (2) | logvar (2)], weight 3 x 4 row-major, bias 1 x 4
            float[] encW = new float[3 * 4];
            float[] encB = new float[4];
            for (int j = 0; j < 2; j++) {
                double var = 1 / (1 + w[j] * w[j] / s2);
                double gain = var * w[j] / s2;
                encW[j * 4 + j] = (float) gain;
                encB[j] = (float) (-gain * B[j]);
                encB[2 + j] = (float) Math.log(var);
            }
            set(vae, "encoder.0.weight", encW);
            set(vae, "encoder.0.bias", encB);
            // decoder.0: z (2) -> x (3), weight 2 x 3 = W^T
            float[] decW = new float[2 * 3];
            decW[0] = (float) A;
            decW[1 * 3 + 1] = (float) C;
            set(vae, "decoder.0.weight", decW);
            set(vae, "decoder.0.bias", B);
            return vae;
        }

        /** Mean over {@code data} of -log p(x), in nats. */
        static double meanNll(Dataset data) {
            double[] variance = {A * A + SIGMA * SIGMA, C * C + SIGMA * SIGMA, SIGMA * SIGMA};
            double sum = 0;
            for (int i = 0; i < data.size(); i++) {
                for (int j = 0; j < 3; j++) {
                    double r = data.value(i, j) - B[j];
                    sum += 0.5 * (Math.log(2 * Math.PI * variance[j]) + r * r / variance[j]);
                }
            }
            return sum / data.size();
        }

        /** {@code n} draws from the model's own p(x). */
        static Dataset sample(int n, long seed) {
            SplittableRandom rng = new SplittableRandom(seed);
            float[] x = new float[n * 3];
            for (int i = 0; i < n; i++) {
                double z0 = rng.nextGaussian();
                double z1 = rng.nextGaussian();
                x[i * 3] = (float) (A * z0 + B[0] + SIGMA * rng.nextGaussian());
                x[i * 3 + 1] = (float) (C * z1 + B[1] + SIGMA * rng.nextGaussian());
                x[i * 3 + 2] = (float) (B[2] + SIGMA * rng.nextGaussian());
            }
            return Dataset.ofFloats("linear-gaussian", SampleShape.vector(3), x, null, null);
        }
    }

    /**
     * A stand-in "encoder" whose code is its input, row by row (latentDim = inputDim), optionally permuted and
     * scaled: {@code z_j = scale_j * x_perm[j]}. Decoding returns the code. Not a model family; for MIG tests.
     */
    static final class CopyCode implements Autoencoder {
        private final int d;
        private final int[] perm;
        private final float[] scale;

        CopyCode(int d, int[] perm, float[] scale) {
            this.d = d;
            this.perm = perm;
            this.scale = scale;
        }

        static CopyCode identity(int d) {
            int[] perm = new int[d];
            float[] scale = new float[d];
            for (int j = 0; j < d; j++) {
                perm[j] = j;
                scale[j] = 1f;
            }
            return new CopyCode(d, perm, scale);
        }

        @Override
        public ModelConfig config() {
            return new PcaConfig(d, d);
        }

        @Override
        public float[] encode(float[] x, int n) {
            float[] z = new float[n * d];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    z[i * d + j] = scale[j] * x[i * d + perm[j]];
                }
            }
            return z;
        }

        @Override
        public float[] decode(float[] z, int n) {
            return java.util.Arrays.copyOf(z, n * d);
        }

        @Override
        public LossTerms evaluate(float[] input, float[] target, int n, long noiseSeed) {
            return LossTerms.builder().put(Term.LOSS, 0).put(Term.MSE_PER_FEATURE, 0).build();
        }

        @Override
        public List<Parameter> parameters() {
            return List.of();
        }

        @Override
        public Autoencoder copy() {
            return this;
        }
    }
}
