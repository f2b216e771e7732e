package dev.bottleneck.core.model;

/**
 * A model fitted in closed form from the training data (PCA's eigendecomposition): no epochs, no optimiser, no
 * parameters to train. The capability the one fitting entry point asks for, beside {@link GradientModel}.
 */
public interface ClosedFormModel extends Autoencoder {

    /** Fits the model to {@code n} examples {@code x} ({@code n x inputDim()}, row-major), replacing any fit. */
    void fit(float[] x, int n);

    /** True once {@link #fit} has run (or the fit was restored from a saved model). */
    boolean isFitted();
}
