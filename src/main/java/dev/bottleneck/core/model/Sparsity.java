package dev.bottleneck.core.model;

/** The sparsity penalty a sparse autoencoder puts on its code. */
public enum Sparsity {
    /** No penalty: a plain autoencoder. */
    NONE,
    /** {@code weight * sum_j |z_j|} per example. */
    L1,
    /**
     * {@code weight * sum_j KL(rho || rho_hat_j)}, where the code units are sigmoid and rho_hat_j is unit j's mean
     * activation over the batch (Ng, "Sparse autoencoder", CS294A lecture notes, 2011). Added once per batch, so it
     * is reported per example as the batch penalty.
     */
    KL
}
