package dev.bottleneck.core.model;

/**
 * A latent-variable model: a Gaussian posterior q(z|x) = N(mu(x), diag(exp(logvar(x)))), the prior N(0, I) and a
 * decoder likelihood p(x|z). This is the capability that the trainer's held-out likelihood, the evaluator, the
 * active-unit count, the importance-weighted bound and the explorer ask for; none of them names a model class, so a
 * new kind with a posterior (a convolutional VAE, say) gets every one of them by implementing this.
 *
 * <pre>
 *   KL_j(x) = KL(q(z_j|x) || N(0, 1)) = 1/2 (mu_j^2 + exp(logvar_j) - 1 - logvar_j)      (Kingma &amp; Welling 2014, B)
 * </pre>
 * {@link #encode} of such a model is the posterior mean mu(x).
 */
public interface LatentVariableModel extends Autoencoder {

    /** The posterior q(z|x) of each row: {@code {mu, logvar}}, each {@code n x latentDim()}. */
    float[][] posterior(float[] x, int n);

    /**
     * -log p(x | z) for each row, in nats: the decoder run on {@code z} ({@code n x latentDim()}) scored against
     * {@code x} ({@code n x inputDim()}).
     */
    double[] reconstructionNll(float[] z, float[] x, int n);

    /** log p(x | z) for each row, in nats: the negative of {@link #reconstructionNll}. */
    default double[] reconstructionLogLikelihood(float[] z, float[] x, int n) {
        double[] nll = reconstructionNll(z, x, n);
        for (int i = 0; i < nll.length; i++) {
            nll[i] = -nll[i];
        }
        return nll;
    }

    /**
     * The mean over the {@code n} rows of {@code x} of KL(q(z_j|x) || N(0, 1)) for each latent dimension j, in nats;
     * the entries sum to the model's KL term.
     */
    default double[] klPerDimension(float[] x, int n) {
        float[][] q = posterior(x, n);
        return klPerDimension(q[0], q[1], n, latentDim());
    }

    /** The KL of one coordinate of a diagonal Gaussian to N(0, 1): {@code 1/2 (mu^2 + exp(logvar) - 1 - logvar)}. */
    static double kl(double mu, double logvar) {
        return 0.5 * (mu * mu + Math.exp(logvar) - 1.0 - logvar);
    }

    /** The mean KL per dimension of {@code n} posteriors ({@code mu}, {@code logvar}: {@code n x k}). */
    static double[] klPerDimension(float[] mu, float[] logvar, int n, int k) {
        double[] kl = new double[k];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < k; j++) {
                kl[j] += kl(mu[r * k + j], logvar[r * k + j]);
            }
        }
        for (int j = 0; j < k; j++) {
            kl[j] /= Math.max(1, n);
        }
        return kl;
    }
}
