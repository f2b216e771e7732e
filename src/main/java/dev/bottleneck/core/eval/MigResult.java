package dev.bottleneck.core.eval;

import java.util.List;

/**
 * The mutual information between latent dimensions and ground-truth factors, and the gap score built on it (see
 * {@link MutualInformationGap}).
 *
 * @param factorNames the factors, in dataset order
 * @param mutualInformation I(z_j; v_f) in nats, {@code latentDim x factors}: row j is latent dimension j
 * @param factorEntropy H(v_f) in nats of each discretised factor
 * @param gap (I(z_(1); v_f) - I(z_(2); v_f)) / H(v_f) of each factor, the top two latents by MI with it; NaN for a
 *     constant factor (H = 0)
 * @param mig mean of {@link #gap} over the non-constant factors, in [0, 1]; NaN when every factor is constant
 * @param bestFactor for each latent dimension the factor with the largest normalised MI I(z_j; v_f) / H(v_f), or -1
 *     when no factor shares any information with it: the app labels sliders with it
 * @param bestFactorShare that largest normalised MI of each latent dimension, in [0, 1] (0 when bestFactor is -1): a
 *     label is worth showing only when this is large
 */
public record MigResult(List<String> factorNames, double[][] mutualInformation, double[] factorEntropy, double[] gap,
        double mig, int[] bestFactor, double[] bestFactorShare) {

    public MigResult {
        factorNames = List.copyOf(factorNames);
    }

    /** Number of latent dimensions (rows of {@link #mutualInformation}). */
    public int latentDim() {
        return mutualInformation.length;
    }

    /** The name of the factor latent dimension {@code j} is most informative about, or "" when there is none. */
    public String bestFactorName(int j) {
        int f = bestFactor[j];
        return f < 0 ? "" : factorNames.get(f);
    }
}
