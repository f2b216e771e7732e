package dev.bottleneck.core.model;

import java.util.List;

/**
 * Every knob a model kind may read, in one neutral record: what the CLI's flags and the settings form fill in and
 * {@link ModelKind#configure} turns into the kind's own config. A kind reads only the fields of its
 * {@link ModelKind#settings() rows}; the nullable fields mean "the kind's default" (beta 1 for the VAE, 4 for the
 * beta-VAE and 6 on the total correlation of the beta-TCVAE, L1 sparsity for the sparse AE, {@code masking:0.3}
 * for the denoising AE).
 *
 * @param latent size of the code
 * @param hidden encoder hidden sizes, input side first (null: {@link ModelConfig#DEFAULT_HIDDEN})
 * @param activation nonlinearity of the hidden layers (null: ReLU)
 * @param likelihood decoder likelihood (null: Bernoulli)
 * @param gaussianSigma the fixed sigma of the Gaussian likelihood
 * @param beta KL weight; null for the kind's default
 * @param klWarmupEpochs epochs over which the KL weight rises from 0
 * @param capacityMax C_max in nats of Burgess et al.'s objective; 0 for off
 * @param capacityGamma gamma of that objective (read only when capacityMax > 0)
 * @param capacityEpochs epochs for C to reach C_max
 * @param sparsity penalty on the code; null for the kind's default
 * @param sparsityWeight weight of that penalty
 * @param sparsityTarget target rho of the KL penalty
 * @param corruption input corruption spec; null or blank for the kind's default
 * @param conv the convolutions and dense layers of a convolutional kind; null for the image's default
 *     ({@link ConvSpec#defaultFor})
 * @param tcAlpha beta-TCVAE's weight alpha of the index-code mutual information; null for the kind's default (1).
 *     Its weight of the total correlation is {@code beta}
 * @param tcGamma beta-TCVAE's weight gamma of the dimension-wise KL; null for the kind's default (1)
 * @param factorGamma FactorVAE's weight gamma of the total correlation; null for the kind's default
 *     ({@link FactorVaeConfig#DEFAULT_GAMMA})
 * @param discriminator FactorVAE's discriminator's hidden layer sizes; null for the default
 *     ({@link FactorVaeConfig#DEFAULT_DISCRIMINATOR})
 * @param discriminatorRate the learning rate of FactorVAE's discriminator's Adam; null for the default
 *     ({@link FactorVaeConfig#DEFAULT_DISCRIMINATOR_RATE})
 */
public record ModelSettings(int latent, List<Integer> hidden, Activation activation, Likelihood likelihood,
        double gaussianSigma, Double beta, double klWarmupEpochs, double capacityMax, double capacityGamma,
        double capacityEpochs, Sparsity sparsity, double sparsityWeight, double sparsityTarget, String corruption,
        ConvSpec conv, Double tcAlpha, Double tcGamma, Double factorGamma, List<Integer> discriminator,
        Double discriminatorRate) {

    /** The defaults the CLI's flags document: latent 16, 512,256 ReLU, Bernoulli, every option at its default. */
    public static final ModelSettings DEFAULTS = new ModelSettings(16, ModelConfig.DEFAULT_HIDDEN, Activation.RELU,
            Likelihood.BERNOULLI, AutoencoderConfig.DEFAULT_SIGMA, null, 0, 0, 1000, 10, null, 1e-3,
            AutoencoderConfig.DEFAULT_SPARSITY_TARGET, null, null);

    public ModelSettings {
        hidden = hidden == null ? ModelConfig.DEFAULT_HIDDEN : List.copyOf(hidden);
        activation = activation == null ? Activation.RELU : activation;
        likelihood = likelihood == null ? Likelihood.BERNOULLI : likelihood;
        discriminator = discriminator == null ? null : List.copyOf(discriminator);
    }

    /** Settings without FactorVAE's gamma and discriminator (their kinds' defaults). */
    public ModelSettings(int latent, List<Integer> hidden, Activation activation, Likelihood likelihood,
            double gaussianSigma, Double beta, double klWarmupEpochs, double capacityMax, double capacityGamma,
            double capacityEpochs, Sparsity sparsity, double sparsityWeight, double sparsityTarget, String corruption,
            ConvSpec conv, Double tcAlpha, Double tcGamma) {
        this(latent, hidden, activation, likelihood, gaussianSigma, beta, klWarmupEpochs, capacityMax, capacityGamma,
                capacityEpochs, sparsity, sparsityWeight, sparsityTarget, corruption, conv, tcAlpha, tcGamma, null,
                null, null);
    }

    /** Settings without beta-TCVAE's alpha and gamma (their kinds' defaults): every kind without those rows. */
    public ModelSettings(int latent, List<Integer> hidden, Activation activation, Likelihood likelihood,
            double gaussianSigma, Double beta, double klWarmupEpochs, double capacityMax, double capacityGamma,
            double capacityEpochs, Sparsity sparsity, double sparsityWeight, double sparsityTarget, String corruption,
            ConvSpec conv) {
        this(latent, hidden, activation, likelihood, gaussianSigma, beta, klWarmupEpochs, capacityMax, capacityGamma,
                capacityEpochs, sparsity, sparsityWeight, sparsityTarget, corruption, conv, null, null);
    }

    public ModelSettings withLatent(int k) {
        return new ModelSettings(k, hidden, activation, likelihood, gaussianSigma, beta, klWarmupEpochs, capacityMax,
                capacityGamma, capacityEpochs, sparsity, sparsityWeight, sparsityTarget, corruption, conv,
                tcAlpha, tcGamma, factorGamma, discriminator, discriminatorRate);
    }

    public ModelSettings withHidden(List<Integer> h) {
        return new ModelSettings(latent, h, activation, likelihood, gaussianSigma, beta, klWarmupEpochs, capacityMax,
                capacityGamma, capacityEpochs, sparsity, sparsityWeight, sparsityTarget, corruption, conv,
                tcAlpha, tcGamma, factorGamma, discriminator, discriminatorRate);
    }

    public ModelSettings withLikelihood(Likelihood l, double sigma) {
        return new ModelSettings(latent, hidden, activation, l, sigma, beta, klWarmupEpochs, capacityMax,
                capacityGamma, capacityEpochs, sparsity, sparsityWeight, sparsityTarget, corruption, conv,
                tcAlpha, tcGamma, factorGamma, discriminator, discriminatorRate);
    }

    public ModelSettings withBeta(Double b) {
        return new ModelSettings(latent, hidden, activation, likelihood, gaussianSigma, b, klWarmupEpochs,
                capacityMax, capacityGamma, capacityEpochs, sparsity, sparsityWeight, sparsityTarget, corruption, conv,
                tcAlpha, tcGamma, factorGamma, discriminator, discriminatorRate);
    }

    /** These settings with the capacity objective of Burgess et al. 2018: C_max in nats (0: off), gamma, epochs. */
    public ModelSettings withCapacity(double cMax, double gamma, double epochs) {
        return new ModelSettings(latent, hidden, activation, likelihood, gaussianSigma, beta, klWarmupEpochs, cMax,
                gamma, epochs, sparsity, sparsityWeight, sparsityTarget, corruption, conv, tcAlpha, tcGamma,
                factorGamma, discriminator, discriminatorRate);
    }

    public ModelSettings withConv(ConvSpec c) {
        return new ModelSettings(latent, hidden, activation, likelihood, gaussianSigma, beta, klWarmupEpochs,
                capacityMax, capacityGamma, capacityEpochs, sparsity, sparsityWeight, sparsityTarget, corruption, c,
                tcAlpha, tcGamma, factorGamma, discriminator, discriminatorRate);
    }

    /** These settings with beta-TCVAE's weights: alpha on the MI, beta on the TC, gamma on the dimension-wise KL. */
    public ModelSettings withTcWeights(Double alpha, Double b, Double gamma) {
        return new ModelSettings(latent, hidden, activation, likelihood, gaussianSigma, b, klWarmupEpochs,
                capacityMax, capacityGamma, capacityEpochs, sparsity, sparsityWeight, sparsityTarget, corruption, conv,
                alpha, gamma, factorGamma, discriminator, discriminatorRate);
    }

    /**
     * These settings with FactorVAE's weight gamma of the total correlation, its discriminator's hidden layers and
     * the discriminator's learning rate (nulls: the defaults).
     */
    public ModelSettings withFactor(Double gamma, List<Integer> discriminatorHidden, Double rate) {
        return new ModelSettings(latent, hidden, activation, likelihood, gaussianSigma, beta, klWarmupEpochs,
                capacityMax, capacityGamma, capacityEpochs, sparsity, sparsityWeight, sparsityTarget, corruption, conv,
                tcAlpha, tcGamma, gamma, discriminatorHidden, rate);
    }

    /** These settings without a sparsity penalty or input corruption: for a kind that has neither. */
    public ModelSettings withoutRegularisers() {
        return new ModelSettings(latent, hidden, activation, likelihood, gaussianSigma, beta, klWarmupEpochs,
                capacityMax, capacityGamma, capacityEpochs, Sparsity.NONE, 0, sparsityTarget, "none", conv,
                tcAlpha, tcGamma, factorGamma, discriminator, discriminatorRate);
    }
}
