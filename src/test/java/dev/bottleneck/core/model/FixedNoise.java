package dev.bottleneck.core.model;

/**
 * Opens {@link VariationalAutoencoder}'s and {@link TcVae}'s package-private fixed-noise gradient to tests of other packages (the
 * PyTorch reference test in {@code core.io}), so the main API gains nothing for them.
 */
public final class FixedNoise {

    private FixedNoise() {
    }

    /**
     * Fills every parameter's gradient with that of the mean loss of {@code x} ({@code n} rows) at the end of the
     * objective's schedules, the reparameterisation noise being {@code eps} ({@code n x latentDim()}), and returns
     * the batch's loss terms.
     */
    public static LossTerms gradients(VariationalAutoencoder vae, float[] x, int n, float[] eps) {
        return vae.computeGradients(x, x, n, Double.POSITIVE_INFINITY, eps);
    }

    /**
     * As {@link #gradients(VariationalAutoencoder, float[], int, float[])} with the objective's schedules (KL
     * warm-up, the capacity C) at {@code epochsDone} epochs, as training passes its progress before a step.
     */
    public static LossTerms gradients(VariationalAutoencoder vae, float[] x, int n, double epochsDone, float[] eps) {
        return vae.computeGradients(x, x, n, epochsDone, eps);
    }

    /**
     * As {@link #gradients(VariationalAutoencoder, float[], int, float[])} for a beta-TCVAE: the batch's loss
     * terms (its MI, TC and dimension-wise KL estimated with the config's N) and every parameter's gradient.
     */
    public static LossTerms gradients(TcVae tcvae, float[] x, int n, float[] eps) {
        return tcvae.computeGradients(x, x, n, eps);
    }
}
