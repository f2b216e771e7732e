package dev.bottleneck.core.model;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The (beta-)VAE of Kingma & Welling 2014 and Higgins et al. 2017.
 *
 * <pre>
 *   encoder(x) = [mu, logvar]                 q(z|x) = N(mu, diag(exp(logvar)))
 *   z = mu + exp(logvar / 2) * eps            eps ~ N(0, I)           (reparameterisation)
 *   recon = -log p(x | decoder(z))
 *   KL = KL(q(z|x) || N(0, I)) = 1/2 sum_j (mu_j^2 + exp(logvar_j) - 1 - logvar_j)
 *   loss = recon + beta_t * KL                beta_t: beta after KL warm-up
 *   or, with the capacity objective of Burgess et al. 2018:
 *   loss = recon + gamma * |KL - C_t|
 * </pre>
 * -ELBO = recon + KL (with beta = 1) is reported whatever the objective.
 */
public final class VariationalAutoencoder extends GaussianEncoderAutoencoder {

    private final VaeConfig config;
    private final Map<Integer, Matrix> eps = new HashMap<>();

    /** The MLP VAE of {@code config}, its weights drawn from {@code seed}. */
    public VariationalAutoencoder(VaeConfig config, long seed) {
        this(config, mlp(config.inputDim(), config.hidden(), config.latentDim(), 2 * config.latentDim(),
                config.activation(), Activation.IDENTITY));
        init(seed);
    }

    /**
     * A VAE on the given networks, its weights drawn from {@code seed}: the encoder maps {@code inputDim} numbers to
     * {@code 2 latentDim} ([mu | logvar]), the decoder {@code latentDim} to {@code inputDim}. {@code config.hidden()}
     * and {@code config.activation()} are not read; the objective is.
     */
    public VariationalAutoencoder(VaeConfig config, Network encoder, Network decoder, long seed) {
        this(config, new Network[] {encoder, decoder});
        init(seed);
    }

    private VariationalAutoencoder(VaeConfig config, Network[] nets) {
        super(nets[0], nets[1], config.likelihood(), config.gaussianSigma());
        this.config = config;
        checkNetworks(2 * config.latentDim());
    }

    private void init(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        encoder.init(rng.split());
        decoder.init(rng.split());
    }

    @Override
    public VaeConfig config() {
        return config;
    }



    @Override
    public LossTerms computeGradients(float[] input, float[] target, int n, double epochsDone,
            SplittableRandom noise) {
        return pass(input, target, n, epochsDone, noise, null, true);
    }

    /**
     * {@link #computeGradients} with the reparameterisation noise given instead of drawn: {@code eps}
     * ({@code n x latentDim()}, row-major) in place of the {@code n x latentDim()} standard normals the training
     * path draws, row by row, from its stream. For comparing the gradient with another implementation's on the same
     * noise (the PyTorch reference test); training never calls it.
     */
    LossTerms computeGradients(float[] input, float[] target, int n, double epochsDone, float[] eps) {
        checkLength(eps, n, latentDim(), "noise");
        return pass(input, target, n, epochsDone, null, eps, true);
    }

    @Override
    public LossTerms evaluate(float[] input, float[] target, int n, long noiseSeed) {
        // Evaluation reports the objective at the end of the schedules (full beta, C at C_max).
        return pass(input, target, n, Double.POSITIVE_INFINITY, new SplittableRandom(noiseSeed), null, false);
    }

    /**
     * The capacity objective's loss of a split is {@code recon + gamma |KL - C|} with the split's mean KL, not the
     * mean of its blocks' {@code |KL_block - C|}: a split kept in its source's order (the dSprites grid, shape by
     * shape, scale by scale) has blocks whose KL swings by nats around the mean, and where C lies among them, as at
     * the schedule's end, gamma times those swings inflated the figure (a test line of 1,370 nats for a test KL of
     * 15.2 against C = 15, gamma 200). Training batches are random mixes and never showed it.
     */
    @Override
    public LossTerms ofMeans(LossTerms mean, double epochsDone) {
        if (!config.usesCapacity() || !mean.has(Term.RECONSTRUCTION) || !mean.has(Term.KL)) {
            return mean;
        }
        double c = config.capacity(epochsDone);
        return mean.with(Term.LOSS, mean.value(Term.RECONSTRUCTION)
                + config.capacityGamma() * Math.abs(mean.value(Term.KL) - c));
    }

    @Override
    public LossTerms evaluate(float[] input, float[] target, int n, long noiseSeed, double epochsDone) {
        return pass(input, target, n, epochsDone, new SplittableRandom(noiseSeed), null, false);
    }

    /** One pass; the noise is {@code givenEps} when not null, else drawn from {@code noise} row by row. */
    private LossTerms pass(float[] input, float[] target, int n, double epochsDone, SplittableRandom noise,
            float[] givenEps, boolean train) {
        checkLength(input, n, inputDim(), "input");
        checkLength(target, n, inputDim(), "target");
        int d = inputDim();
        int k = latentDim();
        Matrix x = input(input, 0, n);
        Matrix h = encoder.forward(x);          // n x 2k: [mu | logvar]
        Matrix e = eps.computeIfAbsent(n, r -> new Matrix(r, k));
        Matrix z = codeBuffer(n);               // n x k
        if (givenEps != null) {
            System.arraycopy(givenEps, 0, e.data, 0, n * k);
        } else {
            for (int i = 0; i < n * k; i++) {
                e.data[i] = (float) noise.nextGaussian(); // the order the rows and their entries are read in
            }
        }
        double klSum = 0;
        for (int r = 0; r < n; r++) {
            int ho = r * 2 * k;
            int zo = r * k;
            for (int j = 0; j < k; j++) {
                float mu = h.data[ho + j];
                float lv = h.data[ho + k + j];
                float ep = e.data[zo + j];
                z.data[zo + j] = mu + (float) Math.exp(0.5 * lv) * ep;
                klSum += 0.5 * (mu * mu + Math.exp(lv) - 1.0 - lv);
            }
        }
        z.changed();
        Matrix out = decoder.forward(z);
        float scale = 1f / n;
        Matrix gOut = train ? decoder.outputGrad(n) : null;
        double[] se = new double[1];
        double recon = Reconstruction.nll(likelihood, sigma, out.data, target, n, d, train ? gOut.data : null,
                scale, null, se) / n;
        double kl = klSum / n;
        double klWeight;
        double loss;
        if (config.usesCapacity()) {
            double c = config.capacity(epochsDone);
            loss = recon + config.capacityGamma() * Math.abs(kl - c);
            klWeight = config.capacityGamma() * Math.signum(kl - c);
        } else {
            klWeight = config.klWeight(epochsDone);
            loss = recon + klWeight * kl;
        }
        if (train) {
            gOut.changed();
            float[] gz = decoder.backward(z, true).data; // n x k, already scaled by 1/n
            Matrix gh = encoder.outputGrad(n);          // n x 2k
            float w = (float) (klWeight / n);
            for (int r = 0; r < n; r++) {
                int ho = r * 2 * k;
                int zo = r * k;
                for (int j = 0; j < k; j++) {
                    float mu = h.data[ho + j];
                    float lv = h.data[ho + k + j];
                    float std = (float) Math.exp(0.5 * lv);
                    float g = gz[zo + j];
                    gh.data[ho + j] = g + w * mu;                                         // dL/dmu
                    gh.data[ho + k + j] = g * e.data[zo + j] * 0.5f * std
                            + w * 0.5f * (std * std - 1f);                                // dL/dlogvar
                }
            }
            gh.changed();
            encoder.backward(x, false);
        }
        return LossTerms.builder()
                .put(Term.LOSS, loss)
                .put(Term.RECONSTRUCTION, recon)
                .put(Term.KL, kl)
                .put(Term.NEG_ELBO, recon + kl)
                .put(Term.MSE_PER_FEATURE, se[0] / ((double) n * d))
                .build();
    }

    @Override
    public VariationalAutoencoder copy() {
        return new VariationalAutoencoder(config, new Network[] {encoder.copy(), decoder.copy()});
    }
}
