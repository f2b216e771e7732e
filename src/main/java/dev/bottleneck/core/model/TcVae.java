package dev.bottleneck.core.model;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The beta-TCVAE of Chen, Li, Grosse &amp; Duvenaud 2018: a VAE whose KL term is split into index-code mutual
 * information, total correlation and dimension-wise KL, weighted alpha, beta and gamma.
 *
 * <pre>
 *   encoder(x) = [mu, logvar]                 q(z|x) = N(mu, diag(exp(logvar)))
 *   z = mu + exp(logvar / 2) * eps            eps ~ N(0, I)           (reparameterisation)
 *   recon = -log p(x | decoder(z))
 *   loss  = recon + alpha MI + beta TC + gamma dimKL       (each estimated on the batch: {@link KlDecomposition})
 * </pre>
 * The gradient runs through mu, logvar and the sampled z alike: the estimates depend on every example's posterior and
 * sample. Reported beside them, as for the VAE: KL in closed form, -ELBO = recon + KL (whatever the weights), and
 * the three terms, which sum to the one-sample estimate of KL, 1/M sum_i [log q(z_i|x_i) - log p(z_i)].
 */
public final class TcVae extends GaussianEncoderAutoencoder {

    private TcVaeConfig config; // takes the training set's size N and batch size M when a trainer starts
    private final KlDecomposition decomposition;
    private final Map<Integer, Matrix> eps = new HashMap<>();
    private double[] mu = new double[0];      // M x k, the posteriors and samples in double for the decomposition
    private double[] logvar = new double[0];
    private double[] sample = new double[0];

    /** The beta-TCVAE of {@code config} on MLP or (with {@code config.conv()}) convolutional nets. */
    public TcVae(TcVaeConfig config, long seed) {
        this(config, nets(config));
        SplittableRandom rng = new SplittableRandom(seed);
        encoder.init(rng.split());
        decoder.init(rng.split());
    }

    private TcVae(TcVaeConfig config, Network[] nets) {
        super(nets[0], nets[1], config.likelihood(), config.gaussianSigma());
        this.config = config;
        this.decomposition = new KlDecomposition(config.latentDim());
        checkNetworks(2 * config.latentDim());
    }

    /** The nets a VAE of the same sizes has, so the same seed draws the same initial weights. */
    private static Network[] nets(TcVaeConfig c) {
        int k = c.latentDim();
        if (c.conv() == null) {
            return mlp(c.inputDim(), c.hidden(), k, 2 * k, c.activation(), Activation.IDENTITY);
        }
        ConvArchitecture a = c.conv();
        return new Network[] {ConvNets.encoder(a.image(), a.spec(), 2 * k, c.activation(), Activation.IDENTITY),
            ConvNets.decoder(k, a.image(), a.spec(), c.activation())};
    }

    @Override
    public TcVaeConfig config() {
        return config;
    }

    /** Puts the training set's size N and batch size M into the estimator (and the config a saved model keeps). */
    @Override
    public void trainingSet(int examples, int batchSize) {
        if (examples < 1 || batchSize < 1) {
            throw new IllegalArgumentException("a training set needs examples and batches, not " + examples + " and "
                    + batchSize);
        }
        config = config.withTrainingSet(examples, batchSize);
    }



    @Override
    public LossTerms computeGradients(float[] input, float[] target, int n, double epochsDone,
            SplittableRandom noise) {
        return pass(input, target, n, noise, null, true);
    }

    /**
     * {@link #computeGradients} with the reparameterisation noise given instead of drawn: {@code eps}
     * ({@code n x latentDim()}, row-major). For comparing the objective and its gradient with another
     * implementation's on the same noise (the PyTorch reference test); training never calls it.
     */
    LossTerms computeGradients(float[] input, float[] target, int n, float[] eps) {
        checkLength(eps, n, latentDim(), "noise");
        return pass(input, target, n, null, eps, true);
    }

    @Override
    public LossTerms evaluate(float[] input, float[] target, int n, long noiseSeed) {
        return pass(input, target, n, new SplittableRandom(noiseSeed), null, false);
    }

    /** One pass; the noise is {@code givenEps} when not null, else drawn from {@code noise} row by row. */
    private LossTerms pass(float[] input, float[] target, int n, SplittableRandom noise, float[] givenEps,
            boolean train) {
        checkLength(input, n, inputDim(), "input");
        checkLength(target, n, inputDim(), "target");
        int d = inputDim();
        int k = latentDim();
        Matrix x = input(input, 0, n);
        Matrix h = encoder.forward(x);          // n x 2k: [mu | logvar]
        Matrix e = eps.computeIfAbsent(n, r -> new Matrix(r, k));
        Matrix z = codeBuffer(n);               // n x k
        if (mu.length < n * k) {
            mu = new double[n * k];
            logvar = new double[n * k];
            sample = new double[n * k];
        }
        double klSum = 0;
        for (int r = 0; r < n; r++) {
            int ho = r * 2 * k;
            int zo = r * k;
            for (int j = 0; j < k; j++) {
                float m = h.data[ho + j];
                float lv = h.data[ho + k + j];
                float ep = givenEps != null ? givenEps[zo + j] : (float) noise.nextGaussian();
                e.data[zo + j] = ep;
                z.data[zo + j] = m + (float) Math.exp(0.5 * lv) * ep;
                mu[zo + j] = m;
                logvar[zo + j] = lv;
                sample[zo + j] = z.data[zo + j];
                klSum += 0.5 * (m * m + Math.exp(lv) - 1.0 - lv);
            }
        }
        z.changed();
        TcVaeConfig c = config;
        // Held-out blocks are estimated in parts no larger than a training batch (as even as they come), so their
        // estimates have the training batches' bias; a training batch is one part.
        int parts = train || c.batchSize() == 0 ? 1 : (n + c.batchSize() - 1) / c.batchSize();
        double mi = 0;
        double tc = 0;
        double dim = 0;
        for (int p = 0, from = 0; p < parts; p++) {
            int m = n / parts + (p < n % parts ? 1 : 0);
            decomposition.compute(mu, logvar, sample, from, m, c.datasetSize(), c.alpha(), c.beta(), c.gamma(), train);
            mi += decomposition.mutualInformation() * m / n;
            tc += decomposition.totalCorrelation() * m / n;
            dim += decomposition.dimensionWiseKl() * m / n;
            from += m;
        }
        Matrix out = decoder.forward(z);
        Matrix gOut = train ? decoder.outputGrad(n) : null;
        double[] se = new double[1];
        double recon = Reconstruction.nll(likelihood, sigma, out.data, target, n, d, train ? gOut.data : null,
                1f / n, null, se) / n;
        double kl = klSum / n;
        double loss = recon + c.alpha() * mi + c.beta() * tc + c.gamma() * dim;
        if (train) {
            gOut.changed();
            float[] gz = decoder.backward(z, true).data; // n x k, already scaled by 1/n
            Matrix gh = encoder.outputGrad(n);          // n x 2k
            double[] gMu = decomposition.gradMu();
            double[] gLogvar = decomposition.gradLogvar();
            double[] gZ = decomposition.gradZ();
            for (int r = 0; r < n; r++) {
                int ho = r * 2 * k;
                int zo = r * k;
                for (int j = 0; j < k; j++) {
                    double g = gz[zo + j] + gZ[zo + j];                       // dL/dz
                    double std = Math.exp(0.5 * logvar[zo + j]);
                    gh.data[ho + j] = (float) (g + gMu[zo + j]);                                  // dL/dmu
                    gh.data[ho + k + j] = (float) (g * e.data[zo + j] * 0.5 * std + gLogvar[zo + j]); // dL/dlogvar
                }
            }
            gh.changed();
            encoder.backward(x, false);
        }
        return LossTerms.builder()
                .put(Term.LOSS, loss)
                .put(Term.RECONSTRUCTION, recon)
                .put(Term.KL, kl)
                .put(Term.INDEX_CODE_MI, mi)
                .put(Term.TOTAL_CORRELATION, tc)
                .put(Term.DIMENSION_WISE_KL, dim)
                .put(Term.NEG_ELBO, recon + kl)
                .put(Term.MSE_PER_FEATURE, se[0] / ((double) n * d))
                .build();
    }

    @Override
    public TcVae copy() {
        return new TcVae(config, new Network[] {encoder.copy(), decoder.copy()});
    }
}
