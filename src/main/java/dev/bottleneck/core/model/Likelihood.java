package dev.bottleneck.core.model;

/**
 * The decoder's likelihood p(x|z), which fixes the reconstruction loss. Both are negative log-likelihoods in nats,
 * summed over the features of an example.
 */
public enum Likelihood {
    /**
     * Bernoulli with logits l, for data in [0, 1] (pixels need not be binary):
     * {@code -log p(x|z) = sum_i softplus(l_i) - x_i l_i}, i.e. binary cross-entropy with logits. The decoded image
     * is sigmoid(l).
     */
    BERNOULLI,
    /**
     * Gaussian with mean mu and a fixed standard deviation sigma (the config's {@code gaussianSigma}):
     * {@code -log p(x|z) = sum_i (x_i - mu_i)^2 / (2 sigma^2) + log sigma + log(2 pi) / 2}. The decoded image is mu.
     * Up to scale and a constant, this is the squared error.
     */
    GAUSSIAN
}
