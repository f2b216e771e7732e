package dev.bottleneck.core.eval;

import dev.bottleneck.core.data.Dataset;

/**
 * How the metrics walk a split: the first examples in dataset order, in blocks of {@link Evaluation#BLOCK}, with the
 * per-block seeds {@link Evaluation#meanTerms} uses, so a metric's loss terms are the very numbers of the trainer's
 * validation curve for the same seed.
 */
final class Blocks {

    private Blocks() {
    }

    /** Examples evaluated: the first {@code limit} of {@code data}, or all of them. Fails on an empty split. */
    static int count(Dataset data, int limit) {
        if (data.size() == 0) {
            throw new IllegalArgumentException(data.name() + " has no examples to evaluate");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("need at least 1 example to evaluate, not " + limit);
        }
        return Math.min(limit, data.size());
    }

    /** Copies examples {@code from .. from + n - 1} into {@code dst} as a row-major {@code n x features} block. */
    static void copy(Dataset data, int from, int n, float[] dst) {
        int d = data.features();
        for (int r = 0; r < n; r++) {
            data.copyExample(from + r, dst, r * d);
        }
    }

    /** The model's noise seed for block {@code block}: the one {@link Evaluation#meanTerms} uses. */
    static long noiseSeed(long seed, int block) {
        return seed * 1_000_003L + block;
    }

    /** The corruption seed for block {@code block}: the one {@link Evaluation#meanTerms} uses. */
    static long corruptionSeed(long seed, int block) {
        return seed * 31 + block;
    }
}
