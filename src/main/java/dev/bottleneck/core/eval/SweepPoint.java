package dev.bottleneck.core.eval;

import dev.bottleneck.core.model.SweepAxis;
import java.util.Objects;

/**
 * One finished point of a sweep ({@code core.train.ParameterSweep}): the model of one series trained (or fitted) at
 * one value of the swept axis, and what it measured on held-out data.
 *
 * <p>A point whose training diverged carries the reason in {@link #divergence} and NaN for every measurement: it is
 * a failed run, not a result, and is never drawn or printed as one.
 *
 * @param axis the swept knob
 * @param value the knob's value: the latent size k, beta, or C_max in nats
 * @param model the series: {@link #PCA} or {@link #AE} in the latent-size sweep, the kind's label in a beta sweep
 * @param msePerPixel held-out MSE per pixel (per feature), as {@link ReconstructionMetrics#measure} reports it
 * @param reconstruction held-out reconstruction error in nats per example ({@link ReconstructionMetrics}); NaN for
 *     PCA, which has no likelihood
 * @param kl held-out KL(q(z|x) || p(z)) in nats per example; NaN for models without a posterior
 * @param activeUnits active latent units (Burda et al. 2016, {@link LatentActivity}); -1 for models without a
 *     posterior
 * @param mig the Mutual Information Gap ({@link MutualInformationGap}) in [0, 1]; NaN when the data has no factors
 * @param divergence why training stopped as diverged; empty for a point that trained
 */
public record SweepPoint(SweepAxis axis, double value, String model, double msePerPixel, double reconstruction,
        double kl, int activeUnits, double mig, String divergence) {

    /** The linear baseline. */
    public static final String PCA = "PCA";
    /** The plain (nonlinear) autoencoder. */
    public static final String AE = "AE";

    public SweepPoint {
        Objects.requireNonNull(axis, "axis");
        Objects.requireNonNull(model, "model");
        divergence = divergence == null ? "" : divergence;
        if (axis == SweepAxis.LATENT && (value < 1 || value != Math.rint(value))) {
            throw new IllegalArgumentException("latent size must be a whole number of at least 1, not " + value);
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(axis.symbol() + " must be finite, not " + value);
        }
    }

    /** A latent-size point with only its MSE per pixel measured. */
    public SweepPoint(int latent, String model, double msePerPixel) {
        this(SweepAxis.LATENT, latent, model, msePerPixel, Double.NaN, Double.NaN, -1, Double.NaN, "");
    }

    /** A point whose training diverged: no measurement, only why. */
    public static SweepPoint diverged(SweepAxis axis, double value, String model, String why) {
        return new SweepPoint(axis, value, model, Double.NaN, Double.NaN, Double.NaN, -1, Double.NaN,
                why == null || why.isBlank() ? "the loss diverged" : why);
    }

    /** The latent size k of a {@link SweepAxis#LATENT} point. */
    public int latent() {
        if (axis != SweepAxis.LATENT) {
            throw new IllegalStateException("a " + axis.symbol() + " point has no swept latent size");
        }
        return (int) value;
    }

    /** True for a PCA point. */
    public boolean isPca() {
        return PCA.equals(model);
    }

    /** True when training diverged: the point has no measurements. */
    public boolean diverged() {
        return !divergence.isEmpty();
    }

    /** True when MIG was measured (the data has ground-truth factors and training did not diverge). */
    public boolean hasMig() {
        return !Double.isNaN(mig);
    }
}
