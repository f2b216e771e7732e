package dev.bottleneck.cli;

import dev.bottleneck.core.data.Corruption;
import dev.bottleneck.core.model.Activation;
import dev.bottleneck.core.model.ConvSpec;
import dev.bottleneck.core.model.FactorVaeConfig;
import dev.bottleneck.core.model.Likelihood;
import dev.bottleneck.core.model.ModelConfig;
import dev.bottleneck.core.model.ModelKind;
import dev.bottleneck.core.model.ModelSetting;
import dev.bottleneck.core.model.ModelSettings;
import dev.bottleneck.core.model.Shape;
import dev.bottleneck.core.model.Sparsity;
import dev.bottleneck.core.model.VaeConfig;
import dev.bottleneck.core.model.TcVaeConfig;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The model flags shared by {@code train} and {@code bench}. */
final class ModelOptions {

    @Option(names = "--model", defaultValue = "vae", paramLabel = "KIND", completionCandidates = Kinds.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--hidden", split = ",", paramLabel = "N,N", hideParamSyntax = true, defaultValue = "512,256",
            description = "encoder hidden sizes, comma-separated; the decoder mirrors them (default: "
                    + "${DEFAULT-VALUE})")
    List<Integer> hidden;

    @Option(names = "--conv", split = ",", paramLabel = "C,C", hideParamSyntax = true,
            description = "conv kinds: output channels of each 4x4 stride-2 convolution, comma-separated; the "
                    + "decoder mirrors them (default: the image's, 32,64 for 28x28; Burgess et al.'s 32,32,32,32 for "
                    + "64x64)")
    List<Integer> conv;

    @Option(names = "--conv-dense", split = ",", paramLabel = "N,N", hideParamSyntax = true,
            description = "conv kinds: dense layer sizes between the convolutions and the code (default: the "
                    + "image's, 256 for 28x28; 256,256 for 64x64)")
    List<Integer> convDense;

    @Option(names = "--latent", defaultValue = "16", paramLabel = "K", description = "latent size, 1..256 (default: ${DEFAULT-VALUE})")
    int latent;

    @Option(names = "--activation", defaultValue = "relu", paramLabel = "NAME",
            description = "relu, tanh, sigmoid, elu or leaky-relu (slope 0.2) (default: ${DEFAULT-VALUE})")
    String activation;

    @Option(names = "--likelihood", defaultValue = "auto", paramLabel = "KIND",
            description = "bernoulli (BCE with logits, data in [0,1]), gaussian (MSE), or auto: bernoulli for data in "
                    + "[0,1], else gaussian, as sweep chooses (default: ${DEFAULT-VALUE})")
    String likelihood;

    @Option(names = "--sigma", defaultValue = "0.1", paramLabel = "SIGMA",
            description = "the fixed sigma of the Gaussian likelihood (default: ${DEFAULT-VALUE})")
    double sigma;

    @Option(names = "--beta", paramLabel = "BETA", description = "KL weight of a (beta-)VAE (default: 1 for vae, 4 for "
            + "beta-vae); for beta-tcvae the weight of the total correlation, 0..100 (default: 6)")
    Double beta;

    @Option(names = "--alpha", paramLabel = "ALPHA",
            description = "beta-tcvae: weight of the index-code mutual information, 0..100 (default: 1)")
    Double alpha;

    @Option(names = "--gamma", paramLabel = "GAMMA",
            description = "beta-tcvae: weight of the dimension-wise KL, 0..100 (default: 1). factor-vae: weight of "
                    + "the total correlation its discriminator estimates, 0..500 (default: 35, Kim & Mnih's for "
                    + "dSprites). The capacity objective's gamma is --capacity-gamma")
    Double gamma;

    @Option(names = "--discriminator", split = ",", paramLabel = "N,N", hideParamSyntax = true,
            description = "factor-vae: hidden layer sizes of the discriminator, leaky ReLU (default: 256,256; Kim & "
                    + "Mnih's is 1000,1000,1000,1000,1000,1000, which trains some 10 times slower: see BENCHMARKS.md)")
    List<Integer> discriminator;

    @Option(names = "--discriminator-lr", paramLabel = "RATE",
            description = "factor-vae: learning rate of the discriminator's own Adam, betas 0.5 and 0.9 (default: "
                    + "1e-4, Kim & Mnih's)")
    Double discriminatorLr;

    @Option(names = "--kl-warmup", defaultValue = "0", paramLabel = "EPOCHS",
            description = "epochs over which the KL weight rises from 0 to beta (default: ${DEFAULT-VALUE})")
    double klWarmup;

    @Option(names = "--capacity-max", defaultValue = "0", paramLabel = "NATS",
            description = "C_max of Burgess et al.'s capacity objective; 0 = off (default: ${DEFAULT-VALUE})")
    double capacityMax;

    @Option(names = "--capacity-gamma", defaultValue = "1000", paramLabel = "GAMMA",
            description = "gamma of the capacity objective (default: ${DEFAULT-VALUE})")
    double capacityGamma;

    @Option(names = "--capacity-epochs", defaultValue = "10", paramLabel = "EPOCHS",
            description = "epochs for C to reach C_max (default: ${DEFAULT-VALUE})")
    double capacityEpochs;

    @Option(names = "--sparsity", defaultValue = "", paramLabel = "KIND",
            description = "none, l1 or kl (sparse-ae defaults to l1)")
    String sparsity;

    @Option(names = "--sparsity-weight", defaultValue = "1e-3", paramLabel = "W",
            description = "weight of the sparsity penalty (default: ${DEFAULT-VALUE})")
    double sparsityWeight;

    @Option(names = "--sparsity-target", defaultValue = "0.05", paramLabel = "RHO",
            description = "target activation rho of kl sparsity (default: ${DEFAULT-VALUE})")
    double sparsityTarget;

    @Option(names = "--corruption", defaultValue = "", paramLabel = "SPEC",
            description = "none, masking:F, gaussian:SIGMA or saltpepper:F (denoising-ae defaults to masking:0.3)")
    String corruption;

    /**
     * Refuses a bad flag value with a message that names the flag, before any data is loaded (MNIST takes a moment;
     * a typo should not). The model configs check the same values again when built.
     */
    void validate() {
        kind();
        named("--latent", () -> ModelConfig.checkLatent(latent));
        named("--hidden", () -> ModelConfig.checkHidden(hidden));
        parseEnum(Activation.class, activation, "--activation");
        if (!isAuto()) {
            parseEnum(Likelihood.class, likelihood, "--likelihood");
        }
        if (!sparsity.isBlank()) {
            parseEnum(Sparsity.class, sparsity, "--sparsity");
        }
        if (!corruption.isBlank()) {
            named("--corruption", () -> Corruption.parse(corruption));
        }
        if (!kind().has(ModelSetting.DISCRIMINATOR) && (discriminator != null || discriminatorLr != null)) {
            throw new IllegalArgumentException((discriminator != null ? "--discriminator" : "--discriminator-lr")
                    + " sets FactorVAE's discriminator: use it with --model factor-vae or conv-factor-vae");
        }
        if (kind().has(ModelSetting.DISCRIMINATOR)) {
            // Kim & Mnih's gamma on the total correlation; no alpha, no beta (the KL's weight is 1).
            if (alpha != null || beta != null) {
                throw new IllegalArgumentException((alpha != null ? "--alpha" : "--beta") + " has no place in"
                        + " FactorVAE's loss (reconstruction + KL + gamma TC): its weight is --gamma");
            }
            if (gamma != null) {
                named("--gamma", () -> FactorVaeConfig.checkGamma(gamma));
            }
            if (discriminator != null) {
                named("--discriminator", () -> FactorVaeConfig.checkDiscriminator(discriminator));
            }
            if (discriminatorLr != null) {
                named("--discriminator-lr", () -> FactorVaeConfig.checkDiscriminatorRate(discriminatorLr));
            }
            return;
        }
        if (kind().has(ModelSetting.TC_WEIGHTS)) {
            // Chen et al.'s three weights, each in the range the config checks, named by its flag.
            if (alpha != null) {
                named("--alpha", () -> TcVaeConfig.checkWeight("the weight of the index-code MI", alpha));
            }
            if (beta != null) {
                named("--beta", () -> TcVaeConfig.checkWeight("the weight of the total correlation", beta));
            }
            if (gamma != null) {
                named("--gamma", () -> TcVaeConfig.checkWeight("the weight of the dimension-wise KL", gamma));
            }
            return;
        }
        if (alpha != null || gamma != null) {
            throw new IllegalArgumentException(alpha != null
                    ? "--alpha weighs a part of the beta-TCVAE's KL term: use it with --model beta-tcvae or"
                            + " conv-beta-tcvae"
                    : "--gamma weighs a part of the beta-TCVAE's KL term or FactorVAE's total correlation: use it"
                            + " with --model beta-tcvae, conv-beta-tcvae, factor-vae or conv-factor-vae (the capacity"
                            + " objective's gamma is --capacity-gamma)");
        }
        if (beta != null && !(beta > 0 && beta <= VaeConfig.MAX_BETA)) {
            throw new IllegalArgumentException("--beta must lie in (0, " + ModelConfig.num(VaeConfig.MAX_BETA)
                    + "], not " + beta);
        }
        if (!(capacityMax >= 0 && capacityMax <= VaeConfig.MAX_CAPACITY)) {
            throw new IllegalArgumentException("--capacity-max must lie in [0, "
                    + ModelConfig.num(VaeConfig.MAX_CAPACITY) + "] nats, not " + capacityMax);
        }
        if (!(capacityGamma > 0 && capacityGamma <= VaeConfig.MAX_CAPACITY_GAMMA)) {
            throw new IllegalArgumentException("--capacity-gamma must lie in (0, "
                    + ModelConfig.num(VaeConfig.MAX_CAPACITY_GAMMA) + "], not " + capacityGamma);
        }
    }

    /** The kinds {@code --model} accepts, as the registry names them; picocli lists them in the help. */
    static final class Kinds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return ModelKind.cliNames().iterator();
        }
    }

    /** The model kind the flag names: "pca", "ae", ..., "beta-vae". */
    ModelKind kind() {
        return ModelKind.fromCliName(model).orElseThrow(() -> {
            List<String> names = ModelKind.cliNames();
            return new IllegalArgumentException("--model must be " + String.join(", ", names.subList(0,
                    names.size() - 1)) + " or " + names.get(names.size() - 1) + ", not '" + model + "'");
        });
    }

    private static void named(String flag, Runnable check) {
        named(flag, () -> {
            check.run();
            return null;
        });
    }

    private static <T> T named(String flag, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + ": " + e.getMessage(), e);
        }
    }

    /** True when {@code --likelihood auto}: the data's range chooses. */
    boolean isAuto() {
        return likelihood.trim().equalsIgnoreCase("auto");
    }

    /**
     * The likelihood {@code --likelihood} asks for; {@code auto} chooses Bernoulli for data in [0, 1] and Gaussian
     * otherwise, as {@code sweep} does.
     */
    Likelihood likelihood(boolean dataInUnitRange) {
        if (isAuto()) {
            return dataInUnitRange ? Likelihood.BERNOULLI : Likelihood.GAUSSIAN;
        }
        return parseEnum(Likelihood.class, likelihood, "--likelihood");
    }

    /**
     * Builds the model config for examples of {@code input} (an image, or {@link Shape#features} for vectors);
     * {@code dataInUnitRange} (every value in [0, 1]) decides {@code --likelihood auto}.
     */
    ModelConfig toConfig(Shape input, boolean dataInUnitRange) {
        validate();
        if (!corruption.isBlank()) {
            Corruption.parse(corruption); // refuse a bad spec now, with Corruption's message
        }
        ModelSettings s = new ModelSettings(latent, hidden, parseEnum(Activation.class, activation, "--activation"),
                likelihood(dataInUnitRange), sigma, beta, klWarmup, capacityMax, capacityGamma, capacityEpochs,
                sparsity.isBlank() ? null : parseEnum(Sparsity.class, sparsity, "--sparsity"), sparsityWeight,
                sparsityTarget, corruption.isBlank() ? null : corruption, null).withTcWeights(alpha, beta, gamma);
        ModelKind k = kind();
        if (k.has(ModelSetting.DISCRIMINATOR)) {
            s = s.withFactor(gamma, discriminator, discriminatorLr);
        }
        if (k.needsImages() && !input.isFlat() && (conv != null || convDense != null)) {
            ConvSpec d = ConvSpec.defaultFor(input);
            ConvSpec spec = named("--conv", () -> new ConvSpec(conv != null ? conv : d.channels(), d.kernel(),
                    d.stride(), d.padding(), convDense != null ? convDense : d.dense()));
            s = s.withConv(spec);
        }
        return k.configure(input, s);
    }

    /**
     * The model in one line a user reads, with only the settings that apply to it: the layer sizes, the activation,
     * the likelihood (sigma only for Gaussian), and beta, warm-up, capacity, sparsity or corruption where used.
     * Example: {@code VAE 784-512-256-(z=16)-256-512-784, relu, bernoulli likelihood, beta 1}.
     */
    static String describe(ModelConfig config) {
        return config.describe();
    }

    static <E extends Enum<E>> E parseEnum(Class<E> type, String text, String flag) {
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            StringBuilder valid = new StringBuilder();
            for (E v : type.getEnumConstants()) {
                if (valid.length() > 0) {
                    valid.append(", ");
                }
                valid.append(v.name().toLowerCase(Locale.ROOT));
            }
            throw new IllegalArgumentException(flag + " must be one of " + valid + ", not '" + text + "'");
        }
    }
}
