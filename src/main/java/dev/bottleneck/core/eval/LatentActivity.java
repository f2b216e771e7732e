package dev.bottleneck.core.eval;

import dev.bottleneck.core.data.Dataset;
import dev.bottleneck.core.model.Autoencoder;
import dev.bottleneck.core.model.LatentVariableModel;
import java.util.Comparator;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.stream.IntStream;

/**
 * How much each latent dimension is used over a split: the two orderings the app's sliders sort by.
 *
 * <pre>
 *   codeVariance_j = Var_x[ enc(x)_j ]                     (population variance over the split's examples;
 *                                                           for the VAE, enc(x) = E_q[z|x] = mu(x))
 *   klPerDim_j     = (1/N) sum_i 1/2 (mu_ij^2 + exp(logvar_ij) - 1 - logvar_ij)      (VAE only)
 *   dimension j is active  iff  Cov_x(E_q[z_j|x]) = codeVariance_j > 0.01            (VAE only)
 * </pre>
 * The active-unit statistic and its threshold are Burda, Grosse & Salakhutdinov 2016, "Importance Weighted
 * Autoencoders", section 5.2. KL per dimension is the split of KL(q(z|x) || N(0, I)) (Kingma & Welling 2014,
 * appendix B) into its coordinates: a dimension with KL near 0 carries no information about x ("posterior
 * collapse"). For the AE and PCA there is no prior to measure against, so only the code variance applies (for PCA
 * it is the explained variance of each component on this split).
 *
 * @param codeVariance variance over examples of each code dimension, length latentDim
 * @param klPerDim mean KL of each latent dimension in nats, length latentDim, summing to the model's KL term; null
 *     for models without a posterior (AE, PCA)
 */
public record LatentActivity(double[] codeVariance, double[] klPerDim) {

    /** Burda et al.'s threshold on Cov_x(E_q[z_u|x]) above which a unit counts as active. */
    public static final double ACTIVE_THRESHOLD = 0.01;
    /** The active-unit criterion in words, as every view and the CLI state it. */
    public static final String CRITERION = "Cov_x E[z_u|x] > 0.01, Burda et al. 2016";

    public LatentActivity {
        Objects.requireNonNull(codeVariance, "codeVariance");
        if (klPerDim != null && klPerDim.length != codeVariance.length) {
            throw new IllegalArgumentException("KL for " + klPerDim.length + " dimensions, variance for "
                    + codeVariance.length);
        }
    }

    /** The statistics of {@code model}'s codes over every example of {@code data}. */
    public static LatentActivity of(Autoencoder model, Dataset data) {
        Objects.requireNonNull(model, "model");
        ReconstructionMetrics.checkDims(model, data);
        int total = Blocks.count(data, data.size());
        int d = data.features();
        int k = model.latentDim();
        LatentVariableModel vae = model instanceof LatentVariableModel v ? v : null;
        float[] x = new float[Math.min(Evaluation.BLOCK, total) * d];
        float[] codes = new float[total * k];
        float[] logvars = vae == null ? null : new float[total * k];
        for (int from = 0; from < total; from += Evaluation.BLOCK) {
            int n = Math.min(Evaluation.BLOCK, total - from);
            Blocks.copy(data, from, n, x);
            if (vae != null) {
                float[][] q = vae.posterior(x, n);
                System.arraycopy(q[0], 0, codes, from * k, n * k);
                System.arraycopy(q[1], 0, logvars, from * k, n * k);
            } else {
                System.arraycopy(model.encode(x, n), 0, codes, from * k, n * k);
            }
        }
        return fromCodes(codes, logvars, total, k);
    }

    /**
     * The statistics of given codes: {@code codes} ({@code n x k}, the posterior means for a VAE) and, for a VAE,
     * the posterior log-variances ({@code n x k}; null otherwise).
     */
    public static LatentActivity fromCodes(float[] codes, float[] logvars, int n, int k) {
        double[] mean = new double[k];
        double[] m2 = new double[k];
        double[] kl = logvars == null ? null : new double[k];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < k; j++) {
                double c = codes[r * k + j];
                double delta = c - mean[j]; // Welford, per dimension
                mean[j] += delta / (r + 1);
                m2[j] += delta * (c - mean[j]);
                if (kl != null) {
                    double lv = logvars[r * k + j];
                    kl[j] += LatentVariableModel.kl(c, lv);
                }
            }
        }
        for (int j = 0; j < k; j++) {
            m2[j] /= n;
            if (kl != null) {
                kl[j] /= n;
            }
        }
        return new LatentActivity(m2, kl);
    }

    /** True for models with a posterior q(z|x) (the VAE family): {@link #klPerDim} and active units apply. */
    public boolean hasPosterior() {
        return klPerDim != null;
    }

    /** The number of active units (Burda et al. 2016) for a VAE; empty for models without a posterior. */
    public OptionalInt activeUnits() {
        if (klPerDim == null) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) IntStream.range(0, codeVariance.length).filter(this::active).count());
    }

    /**
     * Whether latent dimension {@code j} is active: for a VAE, {@code Cov_x E[z_j|x] > ACTIVE_THRESHOLD} (Burda et al.
     * 2016); every dimension of a model without a posterior counts as active.
     */
    public boolean active(int j) {
        return klPerDim == null || codeVariance[j] > ACTIVE_THRESHOLD;
    }

    /** Sum of {@link #klPerDim}: the model's mean KL in nats per example; NaN without a posterior. */
    public double totalKl() {
        if (klPerDim == null) {
            return Double.NaN;
        }
        double s = 0;
        for (double v : klPerDim) {
            s += v;
        }
        return s;
    }

    /**
     * The latent dimensions most used first: by decreasing KL for the VAE, by decreasing code variance otherwise.
     * Ties keep dimension order.
     */
    public int[] sliderOrder() {
        double[] key = klPerDim != null ? klPerDim : codeVariance;
        return IntStream.range(0, key.length).boxed()
                .sorted(Comparator.comparingDouble((Integer j) -> -key[j]))
                .mapToInt(Integer::intValue).toArray();
    }
}
