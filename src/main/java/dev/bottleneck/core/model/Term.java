package dev.bottleneck.core.model;

/**
 * A named quantity a model reports for a batch or a split. Every term is an average over examples of a quantity
 * per example, in nats (natural-log units) unless its unit says otherwise, with the sign stated here, so a chart
 * can never show a flipped or mis-scaled curve.
 */
public enum Term {
    /**
     * The objective being minimised, per example: what the optimiser sees. Nats for the AE and VAE; for PCA, whose
     * objective is least squares, the squared error per example.
     */
    LOSS("loss", "per example"),
    /** -log p(x|z), the reconstruction negative log-likelihood, >= 0 for Bernoulli, per example. */
    RECONSTRUCTION("reconstruction", "nats per example"),
    /** KL(q(z|x) || p(z)) >= 0, per example (VAE). */
    KL("KL", "nats per example"),
    /**
     * The index-code mutual information I(z; n) between the code and the example's index, the first part of the KL
     * term in Chen et al. 2018's decomposition, per example (beta-TCVAE). Between 0 and log N in truth, N the
     * training set's size; its minibatch estimate reads high at small batches. The three parts sum to the one-sample
     * estimate of {@link #KL}.
     */
    INDEX_CODE_MI("index-code MI", "nats per example", "indexCodeMi"),
    /**
     * The total correlation KL(q(z) || prod_j q(z_j)), the dependence between the code's dimensions: the part the
     * beta-TCVAE weighs with beta, per example. >= 0 in truth; its minibatch estimate is biased at small batches, low
     * at tens to hundreds of examples (a batch's can fall below 0) and high at a handful.
     */
    TOTAL_CORRELATION("total correlation", "nats per example", "totalCorrelation"),
    /**
     * The dimension-wise KL sum_j KL(q(z_j) || p(z_j)) of the aggregate posterior's marginals to the prior, per
     * example (beta-TCVAE). >= 0 in truth; its minibatch estimate reads low at small batches.
     */
    DIMENSION_WISE_KL("dimension-wise KL", "nats per example", "dimensionWiseKl"),
    /**
     * The total correlation KL(q(z) || prod_j q(z_j)) as FactorVAE's discriminator estimates it by the density-ratio
     * trick (Kim &amp; Mnih 2018): the batch mean of log(D(z) / (1 - D(z))), the discriminator's logit, over the
     * batch's samples z ~ q(z), per example. Only as good as the discriminator: it reads near 0 while D cannot tell
     * joint from permuted codes (untrained, or the codes truly independent), and can fall below 0.
     */
    DISCRIMINATOR_TC("total correlation (discriminator)", "nats per example", "discriminatorTc"),
    /**
     * FactorVAE's discriminator's own loss: the cross-entropy of telling the batch's codes z ~ q(z) from the same
     * codes with each dimension shuffled across the batch (samples of prod_j q(z_j)), the mean over both halves.
     * log 2 = 0.693 is chance; lower is a discriminator that tells them apart.
     */
    DISCRIMINATOR_LOSS("discriminator loss", "nats per code", "discriminatorLoss"),
    /**
     * The fraction of joint and permuted codes FactorVAE's discriminator classifies right (logit above 0 for joint):
     * 0.5 is chance, 1 tells every one apart.
     */
    DISCRIMINATOR_ACCURACY("discriminator accuracy", "fraction of codes", "discriminatorAccuracy"),
    /** -ELBO = reconstruction + KL (beta = 1 whatever the training beta), an upper bound on -log p(x) (VAE). */
    NEG_ELBO("-ELBO", "nats per example"),
    /** The sparsity penalty on the code, weight included, per example (sparse AE). */
    SPARSITY("sparsity", "per example"),
    /** Squared error per feature (pixel), comparable between PCA, AE and VAE. */
    MSE_PER_FEATURE("MSE", "per pixel", "msePerPixel"),
    /**
     * Denoising as validation (Vincent et al. 2008): -log p(x | reconstruction of a corrupted x) on held-out examples,
     * per example (nats; the squared error per example for PCA). Only validation carries it.
     */
    DENOISING("denoising error, validation", "per example", "denoising"),
    /**
     * -log p(x) estimated by the importance-weighted bound of Burda et al. 2016 with K samples on held-out examples:
     * {@code log p(x) >= E log (1/K) sum_k p(x, z_k) / q(z_k | x)}, so this is an upper bound on -log p(x) that
     * tightens as K grows and is never worse than -ELBO (VAE; validation only). Its mean over held-out examples
     * estimates -E log P(X_new).
     */
    IWAE_NLL("-log p(x), IWAE bound", "nats per example", "iwaeNll"),
    /** The standard error of {@link #IWAE_NLL} over the examples it was estimated on. */
    IWAE_STDERR("IWAE standard error", "nats per example", "iwaeStdErr"),
    /** {@link #IWAE_NLL} in bits per dimension: nats / (D ln 2), comparable across image sizes. */
    IWAE_BITS_PER_DIM("-log p(x), IWAE bound", "bits per dimension", "bitsPerDim");

    private final String label;
    private final String unit;
    private final String key;

    Term(String label, String unit) {
        this(label, unit, null);
    }

    Term(String label, String unit, String key) {
        this.label = label;
        this.unit = unit;
        this.key = key;
    }

    /** The term's name in JSON and metric keys ("negElbo", "msePerPixel"). */
    public String key() {
        if (key != null) {
            return key;
        }
        String[] parts = name().toLowerCase(java.util.Locale.ROOT).split("_");
        StringBuilder sb = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            sb.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return sb.toString();
    }

    public String label() {
        return label;
    }

    public String unit() {
        return unit;
    }
}
