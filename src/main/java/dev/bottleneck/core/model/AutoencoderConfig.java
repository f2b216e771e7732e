package dev.bottleneck.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A deterministic autoencoder on MLP or convolutional ({@link ConvNets}) nets, optionally sparse (a penalty on the
 * code) or denoising (trained on corrupted
 * inputs against clean targets; Vincent et al. 2008).
 *
 * @param inputDim numbers per example
 * @param hidden encoder hidden sizes, input side first; the decoder mirrors them
 * @param latentDim size of the code, 1..256
 * @param activation nonlinearity of the hidden layers
 * @param likelihood reconstruction loss
 * @param gaussianSigma the fixed sigma of the Gaussian likelihood (ignored for Bernoulli)
 * @param sparsity penalty on the code
 * @param sparsityWeight weight of that penalty, >= 0
 * @param sparsityTarget target mean activation rho of the KL penalty, in (0, 1)
 * @param corruption input corruption for denoising, as {@code dev.bottleneck.core.data.Corruption} parses it
 *     ("none", "masking:0.3", "gaussian:0.2", "saltpepper:0.1")
 * @param conv the image and the convolutional nets of a conv AE; null for the MLP one. With it, {@code hidden} is the
 *     architecture's dense widths
 */
public record AutoencoderConfig(int inputDim, List<Integer> hidden, int latentDim, Activation activation,
        Likelihood likelihood, double gaussianSigma, Sparsity sparsity, double sparsityWeight, double sparsityTarget,
        String corruption, @JsonInclude(JsonInclude.Include.NON_NULL) ConvArchitecture conv) implements NeuralConfig {

    public static final double DEFAULT_SIGMA = 0.1;
    public static final double DEFAULT_SPARSITY_TARGET = 0.05;

    public AutoencoderConfig {
        ModelConfig.checkInput(inputDim);
        hidden = NeuralConfig.checkNetworks(inputDim, hidden, conv);
        ModelConfig.checkLatent(latentDim);
        activation = activation == null ? Activation.RELU : activation;
        likelihood = likelihood == null ? Likelihood.BERNOULLI : likelihood;
        ModelConfig.checkSigma(gaussianSigma);
        sparsity = sparsity == null ? Sparsity.NONE : sparsity;
        if (!(sparsityWeight >= 0) || Double.isInfinite(sparsityWeight)) {
            throw new IllegalArgumentException("sparsity weight must be >= 0, not " + sparsityWeight);
        }
        if (!(sparsityTarget > 0 && sparsityTarget < 1)) {
            throw new IllegalArgumentException("sparsity target rho must lie in (0, 1), not " + sparsityTarget);
        }
        corruption = corruption == null || corruption.isBlank() ? "none" : corruption.trim();
    }

    /** An MLP autoencoder. */
    public AutoencoderConfig(int inputDim, List<Integer> hidden, int latentDim, Activation activation,
            Likelihood likelihood, double gaussianSigma, Sparsity sparsity, double sparsityWeight,
            double sparsityTarget, String corruption) {
        this(inputDim, hidden, latentDim, activation, likelihood, gaussianSigma, sparsity, sparsityWeight,
                sparsityTarget, corruption, null);
    }

    /** A plain AE with ReLU hidden layers, Bernoulli likelihood, no sparsity and no corruption. */
    public static AutoencoderConfig plain(int inputDim, List<Integer> hidden, int latentDim) {
        return new AutoencoderConfig(inputDim, hidden, latentDim, Activation.RELU, Likelihood.BERNOULLI,
                DEFAULT_SIGMA, Sparsity.NONE, 0, DEFAULT_SPARSITY_TARGET, "none");
    }

    public AutoencoderConfig withSparsity(Sparsity kind, double weight, double target) {
        return new AutoencoderConfig(inputDim, hidden, latentDim, activation, likelihood, gaussianSigma, kind, weight,
                target, corruption, conv);
    }

    public AutoencoderConfig withCorruption(String spec) {
        return new AutoencoderConfig(inputDim, hidden, latentDim, activation, likelihood, gaussianSigma, sparsity,
                sparsityWeight, sparsityTarget, spec, conv);
    }

    public AutoencoderConfig withLikelihood(Likelihood l, double sigma) {
        return new AutoencoderConfig(inputDim, hidden, latentDim, activation, l, sigma, sparsity, sparsityWeight,
                sparsityTarget, corruption, conv);
    }

    public AutoencoderConfig withActivation(Activation a) {
        return new AutoencoderConfig(inputDim, hidden, latentDim, a, likelihood, gaussianSigma, sparsity,
                sparsityWeight, sparsityTarget, corruption, conv);
    }

    /**
     * The AE config that {@code s} describes; {@code defaultSparsity} and {@code defaultCorruption} stand in for the
     * settings' nulls (the sparse and denoising AE are the AE with these defaults).
     */
    static AutoencoderConfig of(int inputDim, ModelSettings s, Sparsity defaultSparsity, String defaultCorruption) {
        return of(inputDim, s, defaultSparsity, defaultCorruption, null);
    }

    /** As {@link #of(int, ModelSettings, Sparsity, String)}, with convolutional nets for the images of {@code conv}. */
    static AutoencoderConfig of(int inputDim, ModelSettings s, Sparsity defaultSparsity, String defaultCorruption,
            ConvArchitecture conv) {
        String corruption = s.corruption() == null || s.corruption().isBlank() ? defaultCorruption : s.corruption();
        return new AutoencoderConfig(inputDim, s.hidden(), s.latent(), s.activation(), s.likelihood(),
                s.gaussianSigma(), s.sparsity() != null ? s.sparsity() : defaultSparsity, s.sparsityWeight(),
                s.sparsityTarget(), corruption, conv);
    }

    /** The same AE on convolutional nets for the images of {@code c} (null: the MLP one). */
    public AutoencoderConfig withConv(ConvArchitecture c) {
        return new AutoencoderConfig(inputDim, c == null ? hidden : c.spec().dense(), latentDim, activation,
                likelihood, gaussianSigma, sparsity, sparsityWeight, sparsityTarget, corruption, c);
    }

    @Override
    public ModelSettings settings() {
        ModelSettings d = ModelSettings.DEFAULTS;
        return new ModelSettings(latentDim, hidden, activation, likelihood, gaussianSigma, null, 0, 0,
                d.capacityGamma(), d.capacityEpochs(), sparsity, sparsityWeight, sparsityTarget, corruption,
                conv == null ? null : conv.spec());
    }

    @Override
    public String objective() {
        return "loss = reconstruction, -log p(x|z) (" + likelihood.name().toLowerCase(java.util.Locale.ROOT) + ")"
                + (sparsity == Sparsity.NONE ? "" : " + " + sparsityWeight + " x sparsity penalty")
                + (denoising() ? ", of corrupted inputs against clean ones" : "");
    }

    /** True when training corrupts the inputs. */
    public boolean denoising() {
        return !"none".equalsIgnoreCase(corruption);
    }

    @Override
    public int encoderOutputs() {
        return latentDim;
    }

    @Override
    public ModelKind kind() {
        if (conv != null) {
            return ModelKind.CONV_AE;
        }
        if (sparsity != Sparsity.NONE && sparsityWeight > 0) {
            return ModelKind.SPARSE_AE;
        }
        return denoising() ? ModelKind.DENOISING_AE : ModelKind.AE;
    }

    @Override
    public Autoencoder build(long seed) {
        return conv != null ? ConvNets.autoencoder(this, seed) : new DeterministicAutoencoder(this, seed);
    }
}
