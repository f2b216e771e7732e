package dev.bottleneck.core.model;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.annotation.JsonTypeIdResolver;
import java.util.List;

/**
 * The architecture and objective of a model; one record per family, validated when built. Training settings
 * (optimiser, epochs, seed) live in the training config, not here.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.CUSTOM, property = "family")
@JsonTypeIdResolver(ModelKind.JsonFamily.class)
public sealed interface ModelConfig permits PcaConfig, NeuralConfig {

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
    String objective();

    /** The unit of the loss: nats per example, or the squared error per example for PCA. */
    default String lossUnit() {
        return "nats per example";
    }

    /**
     * This config's values as the neutral settings record: {@code kind().configure(inputShape(), settings())} gives an
     * equal config back. The settings form and the interop read a config through it.
     */
    ModelSettings settings();

    /**
     * The model in one line a user reads, with only the settings that apply to it. Example:
     * {@code VAE 784-512-256-(z=16)-256-512-784, relu, bernoulli likelihood, beta 1}.
     */
    String describe();

    /** A number as the describing texts write it: whole numbers without ".0". */
    static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** Numbers per input example. */
    int inputDim();

    /** The shape of one example: an image for a convolutional model, else a flat vector of {@link #inputDim()}. */
    default Shape inputShape() {
        return Shape.features(inputDim());
    }

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
