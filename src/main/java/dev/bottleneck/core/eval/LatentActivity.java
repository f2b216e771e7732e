package dev.bottleneck.core.eval;

import dev.bottleneck.core.data.Dataset;
import dev.bottleneck.core.model.Autoencoder;
import dev.bottleneck.core.model.VariationalAutoencoder;
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
        VariationalAutoencoder vae = model instanceof VariationalAutoencoder v ? v : null;
        float[] x = new float[Math.min(Evaluation.BLOCK, total) * d];
        double[] mean = new double[k];
        double[] m2 = new double[k];
        double[] kl = vae == null ? null : new double[k];
        int seen = 0;
        for (int from = 0; from < total; from += Evaluation.BLOCK) {
            int n = Math.min(Evaluation.BLOCK, total - from);
            Blocks.copy(data, from, n, x);
            float[] code;   // n x k
            if (vae != null) {
                float[][] q = vae.posterior(x, n);
                code = q[0];
                float[] logvar = q[1];
                for (int i = 0; i < n * k; i++) {
                    double mu = code[i];
                    double lv = logvar[i];
                    kl[i % k] += 0.5 * (mu * mu + Math.exp(lv) - 1.0 - lv);
                }
            } else {
                code = model.encode(x, n);
            }
            for (int r = 0; r < n; r++) {
                seen++;
                for (int j = 0; j < k; j++) {
                    double delta = code[r * k + j] - mean[j]; // Welford, per dimension
                    mean[j] += delta / seen;
                    m2[j] += delta * (code[r * k + j] - mean[j]);
                }
            }
        }
        for (int j = 0; j < k; j++) {
            m2[j] /= total;
            if (kl != null) {
                kl[j] /= total;
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
        return OptionalInt.of((int) IntStream.range(0, codeVariance.length)
                .filter(j -> codeVariance[j] > ACTIVE_THRESHOLD).count());
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
