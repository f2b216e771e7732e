package dev.bottleneck.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A beta-TCVAE (Chen, Li, Grosse &amp; Duvenaud 2018, "Isolating Sources of Disentanglement in VAEs"): the VAE's
 * Gaussian q(z|x), prior N(0, I) and MLP or convolutional ({@link ConvNets}) nets, with the KL term split into
 * index-code mutual information, total correlation and dimension-wise KL, each with its own weight:
 * <pre>
 *   loss = reconstruction + alpha I(z; n) + beta KL(q(z) || prod_j q(z_j)) + gamma sum_j KL(q(z_j) || p(z_j))
 * </pre>
 * alpha = beta = gamma = 1 is the VAE; Chen et al. keep alpha = gamma = 1 and turn beta, which penalises only the
 * statistical dependence between the code's dimensions. The three terms are estimated on each batch with the
 * training set's size N in them ({@link KlDecomposition}: minibatch stratified sampling, biased at small batches).
 *
 * @param alpha weight of the index-code mutual information, in [0, {@value #MAX_WEIGHT}]
 * @param beta weight of the total correlation, in [0, {@value #MAX_WEIGHT}]
 * @param gamma weight of the dimension-wise KL, in [0, {@value #MAX_WEIGHT}]
 * @param datasetSize N, the examples of the training set, which the estimator weighs a batch against; 0 until a
 *     trainer sets it (an estimate then counts its batch as the whole set). Not a setting: training fills it in
 *     ({@link GradientModel#trainingSet}), and a saved model keeps it
 * @param batchSize M, the examples of a training batch: evaluation estimates the three terms on parts of its block
 *     no larger than M, so that held-out estimates have the training batches' bias and a validation curve compares
 *     like with like; 0 until a trainer sets it (the whole block then). Filled in and kept as N is
 * @param conv the image and the convolutional nets of a conv beta-TCVAE; null for the MLP one. With it,
 *     {@code hidden} is the architecture's dense widths
 */
public record TcVaeConfig(int inputDim, List<Integer> hidden, int latentDim, Activation activation,
        Likelihood likelihood, double gaussianSigma, double alpha, double beta, double gamma, long datasetSize,
        int batchSize, @JsonInclude(JsonInclude.Include.NON_NULL) ConvArchitecture conv) implements NeuralConfig {

    /** Chen et al.'s weight of the index-code MI and of the dimension-wise KL. */
    public static final double DEFAULT_ALPHA = 1;
    /** The default weight of the total correlation: a middle value of the 1..10 the literature sweeps. */
    public static final double DEFAULT_BETA = 6;
    /** See {@link #DEFAULT_ALPHA}. */
    public static final double DEFAULT_GAMMA = 1;
    /**
     * The largest weight of any of the three terms. Chen et al. and Locatello et al. 2019 stay within 1..10; past
     * 100 the reconstruction no longer counts, and a value that large is more likely a slip of the keyboard.
     */
    public static final double MAX_WEIGHT = 100;

    public TcVaeConfig {
        ModelConfig.checkInput(inputDim);
        hidden = NeuralConfig.checkNetworks(inputDim, hidden, conv);
        ModelConfig.checkLatent(latentDim);
        activation = activation == null ? Activation.RELU : activation;
        likelihood = likelihood == null ? Likelihood.BERNOULLI : likelihood;
        ModelConfig.checkSigma(gaussianSigma);
        checkWeight("alpha (the weight of the index-code MI)", alpha);
        checkWeight("beta (the weight of the total correlation)", beta);
        checkWeight("gamma (the weight of the dimension-wise KL)", gamma);
        if (datasetSize < 0 || batchSize < 0) {
            throw new IllegalArgumentException("the training set size N and batch size M must be 0 (not known yet) or"
                    + " more, not " + datasetSize + " and " + batchSize);
        }
    }

    /**
     * Refuses a weight of the decomposed KL outside [0, {@value #MAX_WEIGHT}], naming it and the range: what the
     * config, the settings form and the command line all say.
     */
    public static void checkWeight(String name, double value) {
        if (!(value >= 0 && value <= MAX_WEIGHT)) {
            throw new IllegalArgumentException(name + " must lie in [0, " + ModelConfig.num(MAX_WEIGHT) + "], not "
                    + ModelConfig.num(value));
        }
    }

    /** An MLP beta-TCVAE with ReLU hidden layers, a Bernoulli decoder and the given weights; N not known yet. */
    public static TcVaeConfig standard(int inputDim, List<Integer> hidden, int latentDim, double alpha, double beta,
            double gamma) {
        return new TcVaeConfig(inputDim, hidden, latentDim, Activation.RELU, Likelihood.BERNOULLI,
                AutoencoderConfig.DEFAULT_SIGMA, alpha, beta, gamma, 0, 0, null);
    }

    /** The config that {@code s} describes (the defaults for its null weights), on {@code conv}'s nets if not null. */
    static TcVaeConfig of(int inputDim, ModelSettings s, ConvArchitecture conv) {
        return new TcVaeConfig(inputDim, s.hidden(), s.latent(), s.activation(), s.likelihood(), s.gaussianSigma(),
                s.tcAlpha() != null ? s.tcAlpha() : DEFAULT_ALPHA, s.beta() != null ? s.beta() : DEFAULT_BETA,
                s.tcGamma() != null ? s.tcGamma() : DEFAULT_GAMMA, 0, 0, conv);
    }

    @Override
    public ModelSettings settings() {
        ModelSettings d = ModelSettings.DEFAULTS;
        return new ModelSettings(latentDim, hidden, activation, likelihood, gaussianSigma, beta, 0, 0,
                d.capacityGamma(), d.capacityEpochs(), null, d.sparsityWeight(), d.sparsityTarget(), null,
                conv == null ? null : conv.spec(), alpha, gamma);
    }

    /** The layers, activation and likelihood, then the three weights: "..., beta 6 on the total correlation, ...". */
    @Override
    public String describe() {
        // NeuralConfig's text ends in ", beta B" for a config whose settings carry a beta.
        return NeuralConfig.super.describe() + " on the total correlation, alpha " + ModelConfig.num(alpha)
                + " on the index-code MI, gamma " + ModelConfig.num(gamma) + " on the dimension-wise KL";
    }

    @Override
    public String objective() {
        String n = datasetSize > 0 ? "N = " + datasetSize + " training examples" : "the training set's N examples";
        String m = batchSize > 0 ? "batches of " + batchSize : "each batch";
        return "loss = reconstruction + " + ModelConfig.num(alpha) + " MI + " + ModelConfig.num(beta) + " TC + "
                + ModelConfig.num(gamma) + " dimension-wise KL (beta-TCVAE, Chen et al. 2018), the three estimated on "
                + m + " (validation too) by minibatch stratified sampling over " + n + ": biased at small batches (MI reads high,"
                + " the dimension-wise KL low, TC low at tens to hundreds of examples and high at a handful), their"
                + " sum the unbiased KL estimate";
    }

    /** The same model with the training set's size N in its estimator. */
    public TcVaeConfig withDatasetSize(long n) {
        return withTrainingSet(n, batchSize);
    }

    /** The same model with the training set's size N and its batch size M in its estimator. */
    public TcVaeConfig withTrainingSet(long n, int m) {
        return new TcVaeConfig(inputDim, hidden, latentDim, activation, likelihood, gaussianSigma, alpha, beta, gamma,
                n, m, conv);
    }

    /** The same model with other weights of the MI, the TC and the dimension-wise KL. */
    public TcVaeConfig withWeights(double a, double b, double g) {
        return new TcVaeConfig(inputDim, hidden, latentDim, activation, likelihood, gaussianSigma, a, b, g,
                datasetSize, batchSize, conv);
    }

    public TcVaeConfig withLikelihood(Likelihood l, double sigma) {
        return new TcVaeConfig(inputDim, hidden, latentDim, activation, l, sigma, alpha, beta, gamma, datasetSize,
                batchSize, conv);
    }

    public TcVaeConfig withActivation(Activation a) {
        return new TcVaeConfig(inputDim, hidden, latentDim, a, likelihood, gaussianSigma, alpha, beta, gamma,
                datasetSize, batchSize, conv);
    }

    /** The same model on convolutional nets for the images of {@code c} (null: the MLP one). */
    public TcVaeConfig withConv(ConvArchitecture c) {
        return new TcVaeConfig(inputDim, c == null ? hidden : c.spec().dense(), latentDim, activation, likelihood,
                gaussianSigma, alpha, beta, gamma, datasetSize, batchSize, c);
    }

    /** The encoder gives {@code [mu | logvar]}: two numbers per latent dimension. */
    @Override
    public int encoderOutputs() {
        return 2 * latentDim;
    }

    @Override
    public ModelKind kind() {
        return conv != null ? ModelKind.CONV_BETA_TCVAE : ModelKind.BETA_TCVAE;
    }

    @Override
    public Autoencoder build(long seed) {
        return new TcVae(this, seed);
    }
}
