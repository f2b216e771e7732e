package dev.bottleneck.core.model;

/**
 * A row of the model settings form, and a field group of {@link ModelSettings}: which knobs a {@link ModelKind} has.
 * The settings form shows exactly the rows of the chosen kind; the CLI's flags map onto the same fields.
 */
public enum ModelSetting {
    /** Size of the code z. */
    LATENT,
    /** Hidden layer sizes and their activation. */
    NETWORK,
    /**
     * The nets of a convolutional model: the channels of its convolutions, the dense layers after them and their
     * activation (kernel, stride and padding are {@link ConvSpec}'s defaults in the form); blank for the image's
     * default ({@link ConvSpec#defaultFor}).
     */
    CONVOLUTIONS,
    /** The decoder's likelihood p(x|z) (Bernoulli or Gaussian with fixed sigma). */
    LIKELIHOOD,
    /** The KL weight beta (Higgins et al. 2017). */
    BETA,
    /** The capacity objective of Burgess et al. 2018 (C_max, gamma, epochs). */
    CAPACITY,
    /**
     * The weights of beta-TCVAE's decomposed KL (Chen et al. 2018): alpha on the index-code mutual information, beta
     * on the total correlation, gamma on the dimension-wise KL.
     */
    TC_WEIGHTS,
    /**
     * FactorVAE's (Kim &amp; Mnih 2018): the weight gamma of the total correlation its discriminator estimates, the
     * discriminator's hidden layers and its Adam's learning rate.
     */
    DISCRIMINATOR,
    /** Epochs over which the KL weight rises from 0. */
    KL_WARMUP,
    /** The importance-weighted held-out log-likelihood tracked every epoch (models with a posterior). */
    HELD_OUT_LIKELIHOOD,
    /** A penalty on the code (L1 or KL to a target activation). */
    SPARSITY,
    /** Input corruption for denoising (Vincent et al. 2008). */
    CORRUPTION,
    /** Optimiser, learning rate, batch size, epochs and early stopping: kinds fitted by gradient steps. */
    OPTIMISATION
}
