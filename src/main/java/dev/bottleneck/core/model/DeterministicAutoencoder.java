package dev.bottleneck.core.model;

import java.util.SplittableRandom;

/**
 * The deterministic autoencoder: z = enc(x), x_hat = dec(z), trained to minimise -log p(x | dec(enc(x))) plus an
 * optional sparsity penalty on z. Denoising is the trainer's part: it hands corrupted inputs and clean targets.
 */
public final class DeterministicAutoencoder extends NeuralAutoencoder {

    private static final float RHO_FLOOR = 1e-6f;

    private final AutoencoderConfig config;

    /** The MLP autoencoder of {@code config}, its weights drawn from {@code seed}. */
    public DeterministicAutoencoder(AutoencoderConfig config, long seed) {
        this(config, mlp(config.inputDim(), config.hidden(), config.latentDim(), config.latentDim(),
                config.activation(), config.sparsity() == Sparsity.KL ? Activation.SIGMOID : Activation.IDENTITY));
        init(seed);
    }

    /**
     * An autoencoder on the given networks, its weights drawn from {@code seed}: the encoder maps {@code inputDim}
     * numbers to {@code latentDim} (ending in a sigmoid when the sparsity penalty is KL), the decoder back.
     * {@code config.hidden()} and {@code config.activation()} are not read; the objective is.
     */
    public DeterministicAutoencoder(AutoencoderConfig config, Network encoder, Network decoder, long seed) {
        this(config, new Network[] {encoder, decoder});
        init(seed);
    }

    private DeterministicAutoencoder(AutoencoderConfig config, Network[] nets) {
        super(nets[0], nets[1], config.likelihood(), config.gaussianSigma());
        this.config = config;
        checkNetworks(config.latentDim());
    }

    private void init(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        encoder.init(rng.split());
        decoder.init(rng.split());
    }

    @Override
    public AutoencoderConfig config() {
        return config;
    }

    @Override
    void encodeBlock(Matrix in, float[] dst, int at) {
        Matrix z = encoder.forward(in);
        System.arraycopy(z.data, 0, dst, at * latentDim(), z.data.length);
    }

    @Override
    public LossTerms computeGradients(float[] input, float[] target, int n, double epochsDone,
            SplittableRandom noise) {
        return pass(input, target, n, true);
    }

    @Override
    public LossTerms evaluate(float[] input, float[] target, int n, long noiseSeed) {
        return pass(input, target, n, false);
    }

    private LossTerms pass(float[] input, float[] target, int n, boolean train) {
        checkLength(input, n, inputDim(), "input");
        checkLength(target, n, inputDim(), "target");
        int d = inputDim();
        int k = latentDim();
        Matrix x = input(input, 0, n);
        Matrix z = encoder.forward(x);
        Matrix out = decoder.forward(z);
        float scale = 1f / n;
        Matrix gOut = train ? decoder.outputGrad(n) : null;
        double[] se = new double[1];
        double recon = Reconstruction.nll(likelihood, sigma, out.data, target, n, d, train ? gOut.data : null,
                scale, null, se) / n;
        double sparsity = 0;
        float[] gz = null;
        if (train) {
            gOut.changed();
            gz = decoder.backward(z, true).data; // n x k, dL/dz from the reconstruction
        }
        double w = config.sparsityWeight();
        if (config.sparsity() == Sparsity.L1 && w > 0) {
            double s = 0;
            for (int i = 0; i < n * k; i++) {
                float v = z.data[i];
                s += Math.abs(v);
                if (train) {
                    gz[i] += (float) (w * Math.signum(v) / n);
                }
            }
            sparsity = w * s / n;
        } else if (config.sparsity() == Sparsity.KL && w > 0) {
            double rho = config.sparsityTarget();
            for (int j = 0; j < k; j++) {
                double mean = 0;
                for (int r = 0; r < n; r++) {
                    mean += z.data[r * k + j];
                }
                double rhoHat = Math.min(1 - RHO_FLOOR, Math.max(RHO_FLOOR, mean / n));
                sparsity += rho * Math.log(rho / rhoHat) + (1 - rho) * Math.log((1 - rho) / (1 - rhoHat));
                if (train) {
                    float g = (float) (w * (-rho / rhoHat + (1 - rho) / (1 - rhoHat)) / n);
                    for (int r = 0; r < n; r++) {
                        gz[r * k + j] += g;
                    }
                }
            }
            sparsity *= w;
        }
        if (train) {
            Matrix gCode = encoder.outputGrad(n);
            System.arraycopy(gz, 0, gCode.data, 0, n * k);
            gCode.changed();
            encoder.backward(x, false);
        }
        LossTerms.Builder b = LossTerms.builder()
                .put(Term.LOSS, recon + sparsity)
                .put(Term.RECONSTRUCTION, recon)
                .put(Term.MSE_PER_FEATURE, se[0] / ((double) n * d));
        if (config.sparsity() != Sparsity.NONE && w > 0) {
            b.put(Term.SPARSITY, sparsity);
        }
        return b.build();
    }

    @Override
    public DeterministicAutoencoder copy() {
        return new DeterministicAutoencoder(config, new Network[] {encoder.copy(), decoder.copy()});
    }
}
