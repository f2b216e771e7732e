package dev.bottleneck.core.model;

import java.util.List;

/**
 * What every model family offers: PCA, the (sparse, denoising) AE and the (beta-)VAE.
 *
 * <p>Batches are row-major float arrays, {@code n x inputDim()} for data and {@code n x latentDim()} for codes.
 * An instance is not thread-safe: it keeps preallocated work buffers. Give each thread its own {@link #copy()}.
 */
public interface Autoencoder {

    ModelConfig config();

    default int inputDim() {
        return config().inputDim();
    }

    default int latentDim() {
        return config().latentDim();
    }

    /** The code of each example: {@code n x latentDim()}. For a VAE, the posterior mean E[z|x]. */
    float[] encode(float[] x, int n);

    /** The data-space output for each code: {@code n x inputDim()} (Bernoulli: probabilities; Gaussian: means). */
    float[] decode(float[] z, int n);

    /** decode(encode(x)). */
    default float[] reconstruct(float[] x, int n) {
        return decode(encode(x, n), n);
    }

    /**
     * The loss terms on a batch, averaged per example, without training. {@code target} is the clean input (the same
     * array as {@code input} unless denoising). Stochastic models draw their noise from {@code noiseSeed}.
     */
    LossTerms evaluate(float[] input, float[] target, int n, long noiseSeed);

    /**
     * As {@link #evaluate(float[], float[], int, long)}, but with any schedule of the objective (KL warm-up, the
     * capacity C of Burgess et al.) at {@code epochsDone} epochs instead of at its end: the objective as training saw
     * it then, so a validation loss compares like with like with the training loss of the same epoch. Models without
     * a schedule ignore {@code epochsDone}.
     */
    default LossTerms evaluate(float[] input, float[] target, int n, long noiseSeed, double epochsDone) {
        return evaluate(input, target, n, noiseSeed);
    }

    /**
     * The terms of a whole split from the mean of its blocks' terms ({@code mean}, weighted by examples), with the
     * objective's schedules at {@code epochsDone}. Unchanged for an objective that is itself a mean over examples; an
     * objective of a mean (the capacity objective's |KL - C|) recomputes its loss from the mean terms.
     */
    default LossTerms ofMeans(LossTerms mean, double epochsDone) {
        return mean;
    }

    /** The trainable parameters, value and gradient; empty for PCA, which is fitted in closed form. */
    List<Parameter> parameters();

    /** A deep copy that shares nothing mutable with this model. */
    Autoencoder copy();
}
