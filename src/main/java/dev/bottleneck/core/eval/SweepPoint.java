package dev.bottleneck.core.eval;

import java.util.Objects;

/**
 * One finished point of a {@link LatentSizeSweep}: a model of one family with {@code latent} code dimensions and its
 * validation reconstruction error.
 *
 * @param latent the latent size k
 * @param model {@link #PCA} or {@link #AE}
 * @param msePerPixel validation MSE per pixel (per feature), as {@link ReconstructionMetrics#measure} reports it
 */
public record SweepPoint(int latent, String model, double msePerPixel) {

    /** The linear baseline. */
    public static final String PCA = "PCA";
    /** The plain (nonlinear) autoencoder. */
    public static final String AE = "AE";

    public SweepPoint {
        Objects.requireNonNull(model, "model");
        if (latent < 1) {
            throw new IllegalArgumentException("latent size must be at least 1, not " + latent);
        }
    }

    /** True for a PCA point. */
    public boolean isPca() {
        return PCA.equals(model);
    }
}
