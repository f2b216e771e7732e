package dev.bottleneck.core.eval;

import dev.bottleneck.core.data.Corruption;
import dev.bottleneck.core.data.Dataset;
import dev.bottleneck.core.model.Autoencoder;
import dev.bottleneck.core.model.LossTerms;
import dev.bottleneck.core.model.Term;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Reconstruction error on a split, plain or from corrupted inputs.
 *
 * <pre>
 *   nats per example  = (1/N) sum_i -log p(x_i | z_i)        z_i = enc(x~_i); VAE: z_i ~ q(z | x~_i)
 *   MSE per pixel     = (1/(N D)) sum_i || dec(enc(x~_i)) - x_i ||^2      enc: the posterior mean for the VAE
 * </pre>
 * with {@code x~ = x} for {@link #measure} and {@code x~ = corrupt(x)} for {@link #denoising} (the denoising
 * validation error of Vincent et al. 2008, "Extracting and composing robust features with denoising autoencoders").
 * Nats come from the model's own {@link Term#RECONSTRUCTION} term, so they match the training curves; PCA has no
 * likelihood and reports NaN. MSE decodes the code deterministically and so compares every family, PCA included.
 *
 * <p>Blocks and seeds are those of {@link Evaluation#meanTerms}: the same model, split and seed give the same
 * numbers as the trainer's validation curve. The model must not be used by another thread meanwhile.
 */
public final class ReconstructionMetrics {

    private ReconstructionMetrics() {
    }

    /** Reconstruction error of {@code model} over every example of {@code data}; noise drawn from {@code seed}. */
    public static ReconstructionError measure(Autoencoder model, Dataset data, long seed) {
        Pass p = run(model, data, Corruption.none(), seed);
        return new ReconstructionError(p.nats(), p.mse, p.terms, p.examples);
    }

    /**
     * Denoising validation error: every example of {@code data} corrupted by {@code corruption} (drawn from
     * {@code seed}; clipped to the split's value range), reconstructed, and compared with the clean example.
     * With {@code Corruption.none()} the numbers equal {@link #measure}'s.
     */
    public static DenoisingError denoising(Autoencoder model, Dataset data, Corruption corruption, long seed) {
        Objects.requireNonNull(corruption, "corruption");
        Pass p = run(model, data, corruption, seed);
        return new DenoisingError(corruption.describe(), p.nats(), p.mse, p.corruptedMse, p.examples);
    }

    /** Sums over one walk through the split. */
    private static final class Pass {
        LossTerms terms;
        double mse;
        double corruptedMse;
        int examples;

        double nats() {
            return terms.get(Term.RECONSTRUCTION).orElse(Double.NaN);
        }
    }

    private static Pass run(Autoencoder model, Dataset data, Corruption corruption, long seed) {
        Objects.requireNonNull(model, "model");
        checkDims(model, data);
        int total = Blocks.count(data, data.size());
        int d = data.features();
        float[] range = data.valueRange();
        float[] clean = new float[Math.min(Evaluation.BLOCK, total) * d];
        float[] noisy = new float[clean.length];
        List<LossTerms> parts = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        double se = 0;
        double seInput = 0;
        for (int from = 0, block = 0; from < total; from += Evaluation.BLOCK, block++) {
            int n = Math.min(Evaluation.BLOCK, total - from);
            Blocks.copy(data, from, n, clean);
            System.arraycopy(clean, 0, noisy, 0, n * d);
            corruption.apply(noisy, 0, n * d, range[0], range[1],
                    new SplittableRandom(Blocks.corruptionSeed(seed, block)));
            parts.add(model.evaluate(noisy, clean, n, Blocks.noiseSeed(seed, block)));
            counts.add(n);
            float[] rec = model.reconstruct(noisy, n); // n x d
            se += squaredError(rec, clean, n * d);
            seInput += squaredError(noisy, clean, n * d);
        }
        Pass p = new Pass();
        // evaluate(..) without epochs is at the schedules' end, as here
        p.terms = model.ofMeans(LossTerms.weightedMean(parts, counts), Double.POSITIVE_INFINITY);
        p.mse = se / ((double) total * d);
        p.corruptedMse = seInput / ((double) total * d);
        p.examples = total;
        return p;
    }

    static double squaredError(float[] a, float[] b, int count) {
        double s = 0;
        for (int i = 0; i < count; i++) {
            double diff = a[i] - b[i];
            s += diff * diff;
        }
        return s;
    }

    static void checkDims(Autoencoder model, Dataset data) {
        if (model.inputDim() != data.features()) {
            throw new IllegalArgumentException(data.name() + " has " + data.features()
                    + " features per example, but the model expects " + model.inputDim());
        }
    }
}
