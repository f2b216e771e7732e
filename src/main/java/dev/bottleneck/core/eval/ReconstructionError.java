package dev.bottleneck.core.eval;

import dev.bottleneck.core.model.LossTerms;

/**
 * How well a model reconstructs a split (see {@link ReconstructionMetrics#measure}).
 *
 * @param natsPerExample mean -log p(x | z) in nats per example: the model's reconstruction term (for the VAE with one
 *     z ~ q(z|x) per example). NaN for PCA, which has no likelihood
 * @param msePerPixel mean over examples and features of (decode(encode(x)) - x)^2: deterministic (the VAE decodes its
 *     posterior mean) and comparable between PCA, AE and VAE. Bernoulli decoders are scored by their probabilities
 * @param terms every loss term of the model averaged over the split (the VAE's KL and -ELBO among them)
 * @param examples examples evaluated
 */
public record ReconstructionError(double natsPerExample, double msePerPixel, LossTerms terms, int examples) {
}
