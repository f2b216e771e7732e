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
