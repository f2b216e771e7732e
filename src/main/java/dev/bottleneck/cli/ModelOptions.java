package dev.bottleneck.cli;

import dev.bottleneck.core.data.Corruption;
import dev.bottleneck.core.model.Activation;
import dev.bottleneck.core.model.AutoencoderConfig;
import dev.bottleneck.core.model.Likelihood;
import dev.bottleneck.core.model.ModelConfig;
import dev.bottleneck.core.model.PcaConfig;
import dev.bottleneck.core.model.Sparsity;
import dev.bottleneck.core.model.VaeConfig;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The model flags shared by {@code train} and {@code bench}. */
final class ModelOptions {

    @Option(names = "--model", defaultValue = "vae", paramLabel = "KIND",
            description = "pca, ae, sparse-ae, denoising-ae, vae or beta-vae (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--hidden", split = ",", paramLabel = "N,N", defaultValue = "512,256",
            description = "encoder hidden sizes; the decoder mirrors them (default: ${DEFAULT-VALUE})")
    List<Integer> hidden;

    @Option(names = "--latent", defaultValue = "16", description = "latent size, 1..256 (default: ${DEFAULT-VALUE})")
    int latent;

    @Option(names = "--activation", defaultValue = "relu",
            description = "relu, tanh, sigmoid or elu (default: ${DEFAULT-VALUE})")
    String activation;

    @Option(names = "--likelihood", defaultValue = "auto", paramLabel = "KIND",
            description = "bernoulli (BCE with logits, data in [0,1]), gaussian (MSE), or auto: bernoulli for data in "
                    + "[0,1], else gaussian, as sweep chooses (default: ${DEFAULT-VALUE})")
    String likelihood;

    @Option(names = "--sigma", defaultValue = "0.1",
            description = "the fixed sigma of the Gaussian likelihood (default: ${DEFAULT-VALUE})")
    double sigma;

    @Option(names = "--beta", description = "KL weight of a (beta-)VAE (default: 1 for vae, 4 for beta-vae)")
    Double beta;

    @Option(names = "--kl-warmup", defaultValue = "0", paramLabel = "EPOCHS",
            description = "epochs over which the KL weight rises from 0 to beta (default: ${DEFAULT-VALUE})")
    double klWarmup;

    @Option(names = "--capacity-max", defaultValue = "0", paramLabel = "NATS",
            description = "C_max of Burgess et al.'s capacity objective; 0 = off (default: ${DEFAULT-VALUE})")
    double capacityMax;

    @Option(names = "--capacity-gamma", defaultValue = "1000", description = "gamma of the capacity objective")
    double capacityGamma;

    @Option(names = "--capacity-epochs", defaultValue = "10", description = "epochs for C to reach C_max")
    double capacityEpochs;

    @Option(names = "--sparsity", defaultValue = "", paramLabel = "KIND",
            description = "none, l1 or kl (sparse-ae defaults to l1)")
    String sparsity;

    @Option(names = "--sparsity-weight", defaultValue = "1e-3", description = "weight of the sparsity penalty")
    double sparsityWeight;

    @Option(names = "--sparsity-target", defaultValue = "0.05", description = "target activation rho of kl sparsity")
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
        if (beta != null && !(beta > 0 && Double.isFinite(beta))) {
            throw new IllegalArgumentException("--beta must be positive, not " + beta);
        }
    }

    /** The model family as the flag names it: "pca", "ae", ..., "beta-vae". */
    String kind() {
        String kind = model.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (kind) {
            case "pca", "ae", "sparse-ae", "denoising-ae", "vae", "beta-vae" -> kind;
            default -> throw new IllegalArgumentException("--model must be pca, ae, sparse-ae, denoising-ae, vae or "
                    + "beta-vae, not '" + model + "'");
        };
    }

    private static void named(String flag, Runnable check) {
        try {
            check.run();
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
     * Builds the model config for data of {@code inputDim} numbers per example; {@code dataInUnitRange} (every value
     * in [0, 1]) decides {@code --likelihood auto}.
     */
    ModelConfig toConfig(int inputDim, boolean dataInUnitRange) {
        validate();
        String kind = kind();
        Activation act = parseEnum(Activation.class, activation, "--activation");
        Likelihood lik = likelihood(dataInUnitRange);
        return switch (kind) {
            case "pca" -> new PcaConfig(inputDim, latent);
            case "ae", "sparse-ae", "denoising-ae" -> {
                String sp = sparsity.isBlank() ? (kind.equals("sparse-ae") ? "l1" : "none") : sparsity;
                String corr = corruption.isBlank() ? (kind.equals("denoising-ae") ? "masking:0.3" : "none") : corruption;
                Corruption.parse(corr); // refuse a bad spec now, with Corruption's message
                yield new AutoencoderConfig(inputDim, hidden, latent, act, lik, sigma,
                        parseEnum(Sparsity.class, sp, "--sparsity"), sparsityWeight, sparsityTarget, corr);
            }
            case "vae", "beta-vae" -> {
                double b = beta != null ? beta : kind.equals("beta-vae") ? 4.0 : 1.0;
                yield new VaeConfig(inputDim, hidden, latent, act, lik, sigma, b, klWarmup,
                        capacityMax > 0 ? capacityGamma : 0, capacityMax, capacityEpochs);
            }
            default -> throw new IllegalStateException(kind);
        };
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
