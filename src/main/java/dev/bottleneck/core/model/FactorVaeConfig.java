package dev.bottleneck.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A FactorVAE (Kim &amp; Mnih 2018, "Disentangling by Factorising"): the VAE's Gaussian q(z|x), prior N(0, I) and MLP
 * or convolutional ({@link ConvNets}) nets, with a penalty on the total correlation of the aggregate posterior that a
 * discriminator D estimates by the density-ratio trick:
 * <pre>
 *   loss = reconstruction + KL(q(z|x) || p(z)) + gamma TC,     TC = KL(q(z) || prod_j q(z_j))
 *        ~ reconstruction + KL + gamma E_q(z)[log (D(z) / (1 - D(z)))]
 * </pre>
 * D, an MLP on the code with leaky ReLUs (slope 0.2), gives the probability that a code came from q(z) rather than
 * from the product of its marginals; it is trained beside the VAE by its own Adam, on cross-entropy, to tell the
 * batch's codes from the same codes with each dimension shuffled across the batch ({@link FactorVae}).
 *
 * <p>Kim &amp; Mnih's discriminator has 6 hidden layers of 1000 ({@link #PAPER_DISCRIMINATOR}), Adam at 1e-4 with
 * betas (0.5, 0.9), and gamma 35 on dSprites (10..100 in Locatello et al. 2019's sweep). The default here is 2
 * hidden layers of 256: on the 2-core machine it trains in a fraction of the time (see BENCHMARKS.md) and the
 * discriminator still tells joint from permuted codes.
 *
 * @param gamma weight of the total correlation, in [0, {@value #MAX_GAMMA}]
 * @param discriminator the discriminator's hidden layer sizes, code side first (its input is the code, its output one
 *     logit)
 * @param discriminatorRate the learning rate of the discriminator's Adam, in (0, 1)
 * @param conv the image and the convolutional nets of a conv FactorVAE; null for the MLP one. With it,
 *     {@code hidden} is the architecture's dense widths
 */
public record FactorVaeConfig(int inputDim, List<Integer> hidden, int latentDim, Activation activation,
        Likelihood likelihood, double gaussianSigma, double gamma, List<Integer> discriminator,
        double discriminatorRate, @JsonInclude(JsonInclude.Include.NON_NULL) ConvArchitecture conv)
        implements NeuralConfig {

    /** Kim &amp; Mnih's gamma for dSprites. */
    public static final double DEFAULT_GAMMA = 35;
    /**
     * The largest gamma: Kim &amp; Mnih and Locatello et al. 2019 stay within 10..100; past 500 the reconstruction no
     * longer counts, and a value that large is more likely a slip of the keyboard.
     */
    public static final double MAX_GAMMA = 500;
    /** The discriminator's hidden layers here: 2 x 256, for speed on two cores. */
    public static final List<Integer> DEFAULT_DISCRIMINATOR = List.of(256, 256);
    /** Kim &amp; Mnih's discriminator: 6 hidden layers of 1000. */
    public static final List<Integer> PAPER_DISCRIMINATOR = List.of(1000, 1000, 1000, 1000, 1000, 1000);
    /** Kim &amp; Mnih's learning rate of the discriminator's Adam. */
    public static final double DEFAULT_DISCRIMINATOR_RATE = 1e-4;
    /** Kim &amp; Mnih's first moment decay of the discriminator's Adam. */
    public static final double DISCRIMINATOR_BETA1 = 0.5;
    /** Kim &amp; Mnih's second moment decay of the discriminator's Adam. */
    public static final double DISCRIMINATOR_BETA2 = 0.9;

    public FactorVaeConfig {
        ModelConfig.checkInput(inputDim);
        hidden = NeuralConfig.checkNetworks(inputDim, hidden, conv);
        ModelConfig.checkLatent(latentDim);
        activation = activation == null ? Activation.RELU : activation;
        likelihood = likelihood == null ? Likelihood.BERNOULLI : likelihood;
        ModelConfig.checkSigma(gaussianSigma);
        checkGamma(gamma);
        discriminator = checkDiscriminator(discriminator == null ? DEFAULT_DISCRIMINATOR : discriminator);
        checkDiscriminatorRate(discriminatorRate);
    }

    /** Refuses a gamma outside [0, {@value #MAX_GAMMA}], with the range. */
    public static void checkGamma(double gamma) {
        if (!(gamma >= 0 && gamma <= MAX_GAMMA)) {
            throw new IllegalArgumentException("gamma (the weight of the total correlation) must lie in [0, "
                    + ModelConfig.num(MAX_GAMMA) + "], not " + ModelConfig.num(gamma));
        }
    }

    /** Refuses a discriminator without hidden layers (it could not see dependence) or with sizes out of 1..8192. */
    public static List<Integer> checkDiscriminator(List<Integer> hidden) {
        if (hidden.isEmpty()) {
            throw new IllegalArgumentException("the discriminator needs at least one hidden layer: a linear"
                    + " classifier of the code cannot see the dependence between its dimensions");
        }
        try {
            return ModelConfig.checkHidden(hidden);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("discriminator " + e.getMessage(), e);
        }
    }

    /** Refuses a discriminator learning rate outside (0, 1). */
    public static void checkDiscriminatorRate(double rate) {
        if (!(rate > 0 && rate < 1)) {
            throw new IllegalArgumentException("the discriminator's learning rate must lie in (0, 1), not "
                    + ModelConfig.num(rate));
        }
    }

    /** An MLP FactorVAE with ReLU hidden layers, a Bernoulli decoder, the default discriminator and this gamma. */
    public static FactorVaeConfig standard(int inputDim, List<Integer> hidden, int latentDim, double gamma) {
        return new FactorVaeConfig(inputDim, hidden, latentDim, Activation.RELU, Likelihood.BERNOULLI,
                AutoencoderConfig.DEFAULT_SIGMA, gamma, DEFAULT_DISCRIMINATOR, DEFAULT_DISCRIMINATOR_RATE, null);
    }

    /** The config that {@code s} describes (the defaults for its nulls), on {@code conv}'s nets if not null. */
    static FactorVaeConfig of(int inputDim, ModelSettings s, ConvArchitecture conv) {
        return new FactorVaeConfig(inputDim, s.hidden(), s.latent(), s.activation(), s.likelihood(),
                s.gaussianSigma(), s.factorGamma() != null ? s.factorGamma() : DEFAULT_GAMMA, s.discriminator(),
                s.discriminatorRate() != null ? s.discriminatorRate() : DEFAULT_DISCRIMINATOR_RATE, conv);
    }

    @Override
    public ModelSettings settings() {
        ModelSettings d = ModelSettings.DEFAULTS;
        return new ModelSettings(latentDim, hidden, activation, likelihood, gaussianSigma, null, 0, 0,
                d.capacityGamma(), d.capacityEpochs(), null, d.sparsityWeight(), d.sparsityTarget(), null,
                conv == null ? null : conv.spec(), null, null, gamma, discriminator, discriminatorRate);
    }

    /** The discriminator's widths, code first: {@code k, h1, .., hn, 1}. */
    public List<Integer> discriminatorWidths() {
        List<Integer> w = new ArrayList<>();
        w.add(latentDim);
        w.addAll(discriminator);
        w.add(1);
        return w;
    }

    @Override
    public Map<String, List<Integer>> auxiliaryMlps() {
        return Map.of(FactorVae.DISCRIMINATOR, discriminatorWidths());
    }

    /** The layers, activation and likelihood, then gamma and the discriminator: "..., gamma 35 on the TC, ...". */
    @Override
    public String describe() {
        StringBuilder d = new StringBuilder();
        for (int h : discriminator) {
            d.append(d.length() == 0 ? "" : "-").append(h);
        }
        return NeuralConfig.super.describe() + ", gamma " + ModelConfig.num(gamma) + " on the total correlation,"
                + " discriminator " + latentDim + "-" + d + "-1 (leaky ReLU, Adam at "
                + ModelConfig.num(discriminatorRate) + ")";
    }

    @Override
    public String objective() {
        return "loss = reconstruction + KL + " + ModelConfig.num(gamma) + " TC (FactorVAE, Kim & Mnih 2018), TC ="
                + " mean of log(D(z) / (1 - D(z))) over the batch's codes, D a discriminator trained beside the VAE"
                + " to tell them from codes with each dimension shuffled across the batch: an estimate only as good"
                + " as D, near 0 while D cannot tell them apart";
    }

    /** The same model with another weight of the total correlation. */
    public FactorVaeConfig withGamma(double g) {
        return new FactorVaeConfig(inputDim, hidden, latentDim, activation, likelihood, gaussianSigma, g,
                discriminator, discriminatorRate, conv);
    }

    /** The same model with another discriminator: its hidden layers and its Adam's learning rate. */
    public FactorVaeConfig withDiscriminator(List<Integer> layers, double rate) {
        return new FactorVaeConfig(inputDim, hidden, latentDim, activation, likelihood, gaussianSigma, gamma, layers,
                rate, conv);
    }

    public FactorVaeConfig withLikelihood(Likelihood l, double sigma) {
        return new FactorVaeConfig(inputDim, hidden, latentDim, activation, l, sigma, gamma, discriminator,
                discriminatorRate, conv);
    }

    public FactorVaeConfig withActivation(Activation a) {
        return new FactorVaeConfig(inputDim, hidden, latentDim, a, likelihood, gaussianSigma, gamma, discriminator,
                discriminatorRate, conv);
    }

    /** The same model on convolutional nets for the images of {@code c} (null: the MLP one). */
    public FactorVaeConfig withConv(ConvArchitecture c) {
        return new FactorVaeConfig(inputDim, c == null ? hidden : c.spec().dense(), latentDim, activation, likelihood,
                gaussianSigma, gamma, discriminator, discriminatorRate, c);
    }

    /** The encoder gives {@code [mu | logvar]}: two numbers per latent dimension. */
    @Override
    public int encoderOutputs() {
        return 2 * latentDim;
    }

    @Override
    public ModelKind kind() {
        return conv != null ? ModelKind.CONV_FACTOR_VAE : ModelKind.FACTOR_VAE;
    }

    @Override
    public Autoencoder build(long seed) {
        return new FactorVae(this, seed);
    }
}
