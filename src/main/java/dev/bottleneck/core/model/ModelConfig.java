package dev.bottleneck.core.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * The architecture and objective of a model; one record per family, validated when built. Training settings
 * (optimiser, epochs, seed) live in the training config, not here.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "family")
@JsonSubTypes({
    @JsonSubTypes.Type(value = PcaConfig.class, name = "pca"),
    @JsonSubTypes.Type(value = AutoencoderConfig.class, name = "ae"),
    @JsonSubTypes.Type(value = VaeConfig.class, name = "vae")})
public sealed interface ModelConfig permits PcaConfig, AutoencoderConfig, VaeConfig {

    /** Default hidden layer sizes of the encoder (the decoder mirrors them). */
    List<Integer> DEFAULT_HIDDEN = List.of(512, 256);

    /**
     * The epochs over which the objective still changes (KL warm-up, the capacity C rising); 0 when it never does.
     * Losses taken before then at different points are different objectives.
     */
    default double scheduleEpochs() {
        return 0;
    }

    /** The objective training minimises, in words with its weights: what the loss curves plot. */
    default String objective() {
        if (this instanceof AutoencoderConfig a) {
            return "loss = reconstruction, -log p(x|z) (" + a.likelihood().name().toLowerCase(java.util.Locale.ROOT)
                    + ")" + (a.sparsity() == Sparsity.NONE ? "" : " + " + a.sparsityWeight() + " x sparsity penalty")
                    + (a.denoising() ? ", of corrupted inputs against clean ones" : "");
        }
        if (this instanceof VaeConfig v) {
            if (v.usesCapacity()) {
                return "loss = reconstruction + " + num(v.capacityGamma()) + " |KL - C|, C rising to "
                        + num(v.capacityMax()) + " nats over " + num(v.capacityEpochs())
                        + " epochs; validation at the middle of each epoch's C";
            }
            return (v.beta() == 1 ? "loss = -ELBO = reconstruction + KL"
                    : "loss = reconstruction + " + num(v.beta()) + " KL (beta-VAE)")
                    + (v.klWarmupEpochs() > 0 ? ", the KL weight rising over " + num(v.klWarmupEpochs()) + " epochs"
                    : "");
        }
        return "loss = squared reconstruction error (PCA's least squares, fitted in closed form)";
    }

    /** The unit of the loss: nats per example, or the squared error per example for PCA. */
    default String lossUnit() {
        return this instanceof PcaConfig ? "squared error per example" : "nats per example";
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Numbers per input example. */
    int inputDim();

    /** Size of the code z. */
    int latentDim();

    /** What a user would call this model: PCA, AE, sparse AE, denoising AE, VAE or beta-VAE. */
    ModelKind kind();

    /** Builds a fresh model with this configuration; weights are drawn from {@code seed}. */
    Autoencoder build(long seed);

    static void checkLatent(int latentDim) {
        if (latentDim < 1 || latentDim > 256) {
            throw new IllegalArgumentException("latent size must be 1..256, not " + latentDim);
        }
    }

    static List<Integer> checkHidden(List<Integer> hidden) {
        if (hidden == null) {
            return DEFAULT_HIDDEN;
        }
        for (Integer h : hidden) {
            if (h == null || h < 1 || h > 8192) {
                throw new IllegalArgumentException("hidden layer sizes must be 1..8192, not " + hidden);
            }
        }
        return List.copyOf(hidden);
    }

    static void checkInput(int inputDim) {
        if (inputDim < 1) {
            throw new IllegalArgumentException("input size must be positive, not " + inputDim);
        }
    }

    static void checkSigma(double sigma) {
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("the Gaussian likelihood's sigma must be positive, not " + sigma);
        }
    }
}
