package dev.bottleneck.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A variational autoencoder (Kingma & Welling 2014) with a Gaussian q(z|x) = N(mu(x), diag(exp(logvar(x)))), the
 * prior N(0, I) and MLP or convolutional ({@link ConvNets}) nets. With {@code beta != 1} it is a beta-VAE (Higgins et
 * al. 2017):
 * {@code loss = recon + beta * KL}. With {@code capacityMax > 0} it uses the capacity objective of Burgess et al.
 * 2018 instead: {@code loss = recon + gamma * |KL - C|}, C rising linearly from 0 to capacityMax nats over
 * {@code capacityEpochs} epochs.
 *
 * @param beta weight of the KL term, > 0
 * @param klWarmupEpochs epochs over which the KL weight rises linearly from 0 to beta (0: no warm-up)
 * @param capacityGamma gamma of the capacity objective
 * @param capacityMax C_max in nats; 0 turns the capacity objective off
 * @param capacityEpochs epochs for C to reach C_max
 * @param conv the image and the convolutional nets of a conv (beta-)VAE; null for the MLP one. With it,
 *     {@code hidden} is the architecture's dense widths
 */
public record VaeConfig(int inputDim, List<Integer> hidden, int latentDim, Activation activation,
        Likelihood likelihood, double gaussianSigma, double beta, double klWarmupEpochs, double capacityGamma,
        double capacityMax, double capacityEpochs, @JsonInclude(JsonInclude.Include.NON_NULL) ConvArchitecture conv) implements NeuralConfig {

    public VaeConfig {
        ModelConfig.checkInput(inputDim);
        hidden = NeuralConfig.checkNetworks(inputDim, hidden, conv);
        ModelConfig.checkLatent(latentDim);
        activation = activation == null ? Activation.RELU : activation;
        likelihood = likelihood == null ? Likelihood.BERNOULLI : likelihood;
        ModelConfig.checkSigma(gaussianSigma);
        if (!(beta > 0 && beta <= MAX_BETA)) {
            throw new IllegalArgumentException("beta must lie in (0, " + ModelConfig.num(MAX_BETA) + "], not " + beta);
        }
        if (!(klWarmupEpochs >= 0)) {
            throw new IllegalArgumentException("KL warm-up must be >= 0 epochs, not " + klWarmupEpochs);
        }
        if (!(capacityMax >= 0 && capacityMax <= MAX_CAPACITY)) {
            throw new IllegalArgumentException("C_max must lie in [0, " + ModelConfig.num(MAX_CAPACITY)
                    + "] nats, not " + capacityMax);
        }
        if (!(capacityGamma >= 0 && capacityGamma <= MAX_CAPACITY_GAMMA)) {
            throw new IllegalArgumentException("the capacity objective's gamma must lie in [0, "
                    + ModelConfig.num(MAX_CAPACITY_GAMMA) + "], not " + capacityGamma);
        }
        if (!(capacityEpochs >= 0) || Double.isInfinite(capacityEpochs)) {
            throw new IllegalArgumentException("the epochs for C to reach C_max must be >= 0, not " + capacityEpochs);
        }
        if (capacityMax > 0 && capacityGamma == 0) {
            throw new IllegalArgumentException("the capacity objective needs gamma > 0");
        }
    }

    /**
     * Largest beta: Higgins et al. use up to 250 for dSprites (normalised beta up to about 10); beyond 1000 the KL term
     * drowns any reconstruction.
     */
    public static final double MAX_BETA = 1000;
    /** Largest C_max in nats: Burgess et al. raise C to 25 (dSprites) or 50 (3D chairs); a code of 256 units carrying
     * 1,000 nats already holds more than MNIST's pixels. */
    public static final double MAX_CAPACITY = 1000;
    /** Largest gamma of the capacity objective: Burgess et al. use 1000. */
    public static final double MAX_CAPACITY_GAMMA = 10000;

    /** An MLP (beta-)VAE. */
    public VaeConfig(int inputDim, List<Integer> hidden, int latentDim, Activation activation, Likelihood likelihood,
            double gaussianSigma, double beta, double klWarmupEpochs, double capacityGamma, double capacityMax,
            double capacityEpochs) {
        this(inputDim, hidden, latentDim, activation, likelihood, gaussianSigma, beta, klWarmupEpochs, capacityGamma,
                capacityMax, capacityEpochs, null);
    }

    /** A VAE (beta = 1) or beta-VAE with ReLU hidden layers and a Bernoulli decoder, no warm-up, no capacity. */
    public static VaeConfig standard(int inputDim, List<Integer> hidden, int latentDim, double beta) {
        return new VaeConfig(inputDim, hidden, latentDim, Activation.RELU, Likelihood.BERNOULLI,
                AutoencoderConfig.DEFAULT_SIGMA, beta, 0, 0, 0, 0);
    }

    /** The VAE config that {@code s} describes; {@code defaultBeta} stands in for a null beta. */
    static VaeConfig of(int inputDim, ModelSettings s, double defaultBeta) {
        return of(inputDim, s, defaultBeta, null);
    }

    /** As {@link #of(int, ModelSettings, double)}, with convolutional nets for the images of {@code conv}. */
    static VaeConfig of(int inputDim, ModelSettings s, double defaultBeta, ConvArchitecture conv) {
        boolean capacity = s.capacityMax() > 0;
        return new VaeConfig(inputDim, s.hidden(), s.latent(), s.activation(), s.likelihood(), s.gaussianSigma(),
                s.beta() != null ? s.beta() : defaultBeta, s.klWarmupEpochs(), capacity ? s.capacityGamma() : 0,
                s.capacityMax(), s.capacityEpochs(), conv);
    }

    @Override
    public ModelSettings settings() {
        ModelSettings d = ModelSettings.DEFAULTS;
        return new ModelSettings(latentDim, hidden, activation, likelihood, gaussianSigma, beta, klWarmupEpochs,
                capacityMax, usesCapacity() ? capacityGamma : d.capacityGamma(), capacityEpochs, null,
                d.sparsityWeight(), d.sparsityTarget(), null, conv == null ? null : conv.spec());
    }

    @Override
    public String objective() {
        if (usesCapacity()) {
            return "loss = reconstruction + " + ModelConfig.num(capacityGamma) + " |KL - C|, C rising to "
                    + ModelConfig.num(capacityMax) + " nats over " + ModelConfig.num(capacityEpochs)
                    + " epochs; validation at the middle of each epoch's C";
        }
        return (beta == 1 ? "loss = -ELBO = reconstruction + KL"
                : "loss = reconstruction + " + ModelConfig.num(beta) + " KL (beta-VAE)")
                + (klWarmupEpochs > 0 ? ", the KL weight rising over " + ModelConfig.num(klWarmupEpochs) + " epochs"
                : "");
    }

    public VaeConfig withLikelihood(Likelihood l, double sigma) {
        return new VaeConfig(inputDim, hidden, latentDim, activation, l, sigma, beta, klWarmupEpochs, capacityGamma,
                capacityMax, capacityEpochs, conv);
    }

    public VaeConfig withWarmup(double epochs) {
        return new VaeConfig(inputDim, hidden, latentDim, activation, likelihood, gaussianSigma, beta, epochs,
                capacityGamma, capacityMax, capacityEpochs, conv);
    }

    public VaeConfig withCapacity(double gamma, double cMax, double epochs) {
        return new VaeConfig(inputDim, hidden, latentDim, activation, likelihood, gaussianSigma, beta, klWarmupEpochs,
                gamma, cMax, epochs, conv);
    }

    public VaeConfig withActivation(Activation a) {
        return new VaeConfig(inputDim, hidden, latentDim, a, likelihood, gaussianSigma, beta, klWarmupEpochs,
                capacityGamma, capacityMax, capacityEpochs, conv);
    }

    /** The same VAE on convolutional nets for the images of {@code c} (null: the MLP one). */
    public VaeConfig withConv(ConvArchitecture c) {
        return new VaeConfig(inputDim, c == null ? hidden : c.spec().dense(), latentDim, activation, likelihood,
                gaussianSigma, beta, klWarmupEpochs, capacityGamma, capacityMax, capacityEpochs, c);
    }

    /** True when the capacity objective replaces beta * KL. */
    public boolean usesCapacity() {
        return capacityMax > 0;
    }

    /** The KL weight at a point of training ({@code epochs} done, fractional), with warm-up applied. */
    public double klWeight(double epochs) {
        if (klWarmupEpochs <= 0) {
            return beta;
        }
        return beta * Math.min(1.0, epochs / klWarmupEpochs);
    }

    @Override
    public double scheduleEpochs() {
        return Math.max(klWarmupEpochs, usesCapacity() ? capacityEpochs : 0);
    }

    /** The capacity C in nats at a point of training ({@code epochs} done, fractional). */
    public double capacity(double epochs) {
        if (capacityEpochs <= 0) {
            return capacityMax;
        }
        return capacityMax * Math.min(1.0, epochs / capacityEpochs);
    }

    /** The encoder gives {@code [mu | logvar]}: two numbers per latent dimension. */
    @Override
    public int encoderOutputs() {
        return 2 * latentDim;
    }

    @Override
    public ModelKind kind() {
        boolean plain = beta == 1.0 && !usesCapacity();
        if (conv != null) {
            return plain ? ModelKind.CONV_VAE : ModelKind.CONV_BETA_VAE;
        }
        return plain ? ModelKind.VAE : ModelKind.BETA_VAE;
    }

    @Override
    public Autoencoder build(long seed) {
        return conv != null ? ConvNets.vae(this, seed) : new VariationalAutoencoder(this, seed);
    }
}
