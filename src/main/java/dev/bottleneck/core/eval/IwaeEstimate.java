package dev.bottleneck.core.eval;

/**
 * The importance-weighted estimate of -log p(x) on a split (see {@link ImportanceWeightedBound}).
 *
 * @param nll mean over examples of -L_K(x), in nats per example: an upper bound on -log p(x) in expectation,
 *     tightening as K grows (Burda et al. 2016, Theorem 1)
 * @param stdErr standard error of that mean over examples, s / sqrt(N) with s the sample standard deviation of the
 *     per-example -L_K(x); NaN for a single example
 * @param negElbo -ELBO estimated from the same K samples, mean over examples of -(1/K) sum_k log w_k. By Jensen's
 *     inequality {@code nll <= negElbo} on every example, whatever the samples
 * @param samples K, importance samples per example
 * @param examples N, examples evaluated (the first N of the split)
 */
public record IwaeEstimate(double nll, double stdErr, double negElbo, int samples, int examples) {

    /** {@link #nll} in bits per dimension of an input of {@code dims} features (see {@link Evaluator#bitsPerDim}). */
    public double bitsPerDim(int dims) {
        return Evaluator.bitsPerDim(nll, dims);
    }
}
