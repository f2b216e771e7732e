package dev.bottleneck.core.eval;

import dev.bottleneck.core.data.Dataset;
import dev.bottleneck.core.model.Autoencoder;
import dev.bottleneck.core.model.LossTerms;
import java.util.ArrayList;
import java.util.List;

/** Loss terms of a model over a whole split, in blocks, without training. */
public final class Evaluation {

    /** Examples per block. */
    public static final int BLOCK = 500;

    private Evaluation() {
    }

    /**
     * The model's loss terms averaged over every example of {@code data}. Stochastic models draw their noise from
     * {@code seed}, so the same model, data and seed give the same numbers.
     */
    public static LossTerms meanTerms(Autoencoder model, Dataset data, long seed) {
        return meanTerms(model, data, seed, null);
    }

    /**
     * As {@link #meanTerms(Autoencoder, Dataset, long)}, but the model sees inputs passed through {@code corrupt}
     * (for denoising validation: corrupted held-out inputs scored against the clean ones).
     */
    public static LossTerms meanTerms(Autoencoder model, Dataset data, long seed, BlockCorruptor corrupt) {
        return meanTerms(model, data, seed, corrupt, Double.POSITIVE_INFINITY);
    }

    /**
     * As {@link #meanTerms(Autoencoder, Dataset, long, BlockCorruptor)}, with the objective's schedules at
     * {@code epochsDone} (see {@link Autoencoder#evaluate(float[], float[], int, long, double)}); infinity means at
     * their end, as saved metrics and {@code eval} report them.
     */
    public static LossTerms meanTerms(Autoencoder model, Dataset data, long seed, BlockCorruptor corrupt,
            double epochsDone) {
        if (data.size() == 0) {
            throw new IllegalArgumentException(data.name() + " has no examples to evaluate");
        }
        int d = data.features();
        float[] clean = new float[BLOCK * d];
        float[] noisy = corrupt == null ? null : new float[BLOCK * d];
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        List<LossTerms> parts = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (int from = 0, block = 0; from < data.size(); from += BLOCK, block++) {
            int n = Math.min(BLOCK, data.size() - from);
            data.copyBatch(order, from, n, clean);
            float[] in = clean;
            if (corrupt != null) {
                System.arraycopy(clean, 0, noisy, 0, n * d);
                corrupt.corrupt(noisy, n * d, seed * 31 + block);
                in = noisy;
            }
            parts.add(model.evaluate(in, clean, n, seed * 1_000_003L + block, epochsDone));
            counts.add(n);
        }
        return model.ofMeans(LossTerms.weightedMean(parts, counts), epochsDone);
    }

    /** Corrupts a block of inputs in place, deterministically from a seed. */
    @FunctionalInterface
    public interface BlockCorruptor {
        void corrupt(float[] block, int length, long seed);
    }
}
