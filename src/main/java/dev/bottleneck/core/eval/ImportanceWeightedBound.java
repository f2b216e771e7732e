package dev.bottleneck.core.eval;

import dev.bottleneck.core.MemoryBudget;
import dev.bottleneck.core.data.Dataset;
import dev.bottleneck.core.model.LatentVariableModel;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The importance-weighted bound of Burda, Grosse & Salakhutdinov 2016, "Importance Weighted Autoencoders", used as
 * the standard estimate of a VAE's log-likelihood:
 *
 * <pre>
 *   log p(x) >= L_K(x) = log (1/K) sum_{k=1..K} w_k,      w_k = p(x|z_k) p(z_k) / q(z_k|x),   z_k ~ q(z|x)
 *   log w_k  = -recon(x, z_k) - 1/2 ||z_k||^2 + 1/2 sum_j (eps_kj^2 + logvar_j)      (the 2 pi terms cancel)
 *              eps_k = (z_k - mu) / exp(logvar / 2)
 * </pre>
 * L_1 is the ELBO; E[L_K] increases with K and tends to log p(x) (Burda et al., Theorem 1). Burda et al. report
 * K = 5000. The log-sum-exp is taken in double around the largest log-weight, so it neither overflows nor
 * underflows.
 *
 * <p>Fast: the K samples of a block of examples are stacked into one {@code (B K) x latentDim} batch (at most
 * {@value #ROWS} rows) and decoded together by {@link LatentVariableModel#reconstructionNll}. The noise is one
 * stream from the seed, drawn example by example, so the result does not depend on the block size.
 */
public final class ImportanceWeightedBound {

    /** Most (example, sample) rows decoded at once: bounds the buffers ({@value} x D floats). */
    static final int ROWS = 4096;

    private static final double HALF = 0.5;

    private ImportanceWeightedBound() {
    }

    /**
     * Bytes {@link #estimate} allocates for {@code samples} samples per example on {@code examples} examples of
     * {@code inputDim} numbers and a code of {@code latentDim}: its input and sample buffers, the log-weights of a
     * block (at least one example's {@code samples} doubles) and the decoder's work buffers for a chunk of rows.
     * Saturating; check it before estimating with a large K.
     */
    public static long workBytes(long samples, long examples, long inputDim, long latentDim, long activationsPerRow) {
        long perBlock = Math.max(1, Math.min(examples, ROWS / Math.max(1, samples)));
        long chunk = Math.min(ROWS, MemoryBudget.times(perBlock, samples));
        long floats = MemoryBudget.add(MemoryBudget.times(perBlock, inputDim + 2 * latentDim),
                MemoryBudget.times(chunk, MemoryBudget.add(inputDim + latentDim, activationsPerRow)));
        return MemoryBudget.add(MemoryBudget.times(floats, Float.BYTES),
                MemoryBudget.times(MemoryBudget.times(perBlock, samples), Double.BYTES));
    }

    /**
     * Estimates -log p(x) on the first {@code examples} examples of {@code data} with {@code samples} importance
     * samples each, drawn from {@code seed}. The model must not be used by another thread meanwhile.
     */
    public static IwaeEstimate estimate(LatentVariableModel model, Dataset data, int samples, int examples,
            long seed) {
        Objects.requireNonNull(model, "model");
        ReconstructionMetrics.checkDims(model, data);
        if (samples < 1) {
            throw new IllegalArgumentException("the importance-weighted bound needs K >= 1 samples, not " + samples);
        }
        int n = Blocks.count(data, examples);
        int d = model.inputDim();
        int k = model.latentDim();
        int perBlock = Math.max(1, Math.min(n, ROWS / samples)); // examples per block
        int chunk = Math.min(ROWS, perBlock * samples);           // rows decoded at once
        float[] x = new float[perBlock * d];                      // perBlock x d
        float[] zRows = new float[chunk * k];                     // chunk x k
        float[] xRows = new float[chunk * d];                     // chunk x d
        double[] logW = new double[perBlock * samples];           // (perBlock K): row i K + s
        SplittableRandom rng = new SplittableRandom(seed);
        double mean = 0;
        double m2 = 0;
        double elbo = 0;
        int seen = 0;
        double logK = Math.log(samples);
        for (int from = 0; from < n; from += perBlock) {
            int b = Math.min(perBlock, n - from);
            Blocks.copy(data, from, b, x);
            float[][] q = model.posterior(x, b); // {mu, logvar}, each b x k
            float[] mu = q[0];
            float[] logvar = q[1];
            int rows = b * samples;
            for (int start = 0; start < rows; start += chunk) {
                int c = Math.min(chunk, rows - start);
                for (int r = 0; r < c; r++) {
                    int row = start + r;
                    int i = row / samples;
                    System.arraycopy(x, i * d, xRows, r * d, d);
                    double logPriorOverQ = 0; // log p(z) - log q(z|x), 2 pi terms cancelled
                    for (int j = 0; j < k; j++) {
                        double m = mu[i * k + j];
                        double lv = logvar[i * k + j];
                        double std = Math.exp(HALF * lv);
                        float z = (float) (m + std * rng.nextGaussian());
                        zRows[r * k + j] = z;
                        double eps = (z - m) / std; // the noise the float z actually carries
                        logPriorOverQ += HALF * (eps * eps + lv - (double) z * z);
                    }
                    logW[row] = logPriorOverQ;
                }
                double[] nll = model.reconstructionNll(zRows, xRows, c); // -log p(x|z) per row
                for (int r = 0; r < c; r++) {
                    logW[start + r] -= nll[r];
                }
            }
            for (int i = 0; i < b; i++) {
                double value = -(logSumExp(logW, i * samples, samples) - logK); // -L_K(x_i)
                double sum = 0;
                for (int s = 0; s < samples; s++) {
                    sum += logW[i * samples + s];
                }
                elbo += -sum / samples;
                seen++;
                double delta = value - mean; // Welford: mean and sum of squared deviations
                mean += delta / seen;
                m2 += delta * (value - mean);
            }
        }
        double stdErr = n > 1 ? Math.sqrt(m2 / (n - 1) / n) : Double.NaN;
        return new IwaeEstimate(mean, stdErr, elbo / n, samples, n);
    }

    /**
     * log sum_{i} exp(v[from + i]), i < count, computed stably: m + log sum exp(v_i - m), m = max v_i. Returns
     * -infinity when every term is -infinity, +infinity when one is +infinity, NaN when one is NaN.
     */
    static double logSumExp(double[] v, int from, int count) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < from + count; i++) {
            if (Double.isNaN(v[i])) {
                return Double.NaN;
            }
            max = Math.max(max, v[i]);
        }
        if (Double.isInfinite(max)) {
            return max;
        }
        double sum = 0;
        for (int i = from; i < from + count; i++) {
            sum += Math.exp(v[i] - max);
        }
        return max + Math.log(sum);
    }
}
