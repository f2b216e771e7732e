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

    @Option(names = "--hidden", split = ",", paramLabel = "N,N", hideParamSyntax = true, defaultValue = "512,256",
            description = "encoder hidden sizes, comma-separated; the decoder mirrors them (default: "
                    + "${DEFAULT-VALUE})")
    List<Integer> hidden;

    @Option(names = "--latent", defaultValue = "16", paramLabel = "K", description = "latent size, 1..256 (default: ${DEFAULT-VALUE})")
    int latent;

    @Option(names = "--activation", defaultValue = "relu", paramLabel = "NAME",
            description = "relu, tanh, sigmoid or elu (default: ${DEFAULT-VALUE})")
    String activation;

    @Option(names = "--likelihood", defaultValue = "auto", paramLabel = "KIND",
            description = "bernoulli (BCE with logits, data in [0,1]), gaussian (MSE), or auto: bernoulli for data in "
                    + "[0,1], else gaussian, as sweep chooses (default: ${DEFAULT-VALUE})")
    String likelihood;

    @Option(names = "--sigma", defaultValue = "0.1", paramLabel = "SIGMA",
            description = "the fixed sigma of the Gaussian likelihood (default: ${DEFAULT-VALUE})")
    double sigma;

    @Option(names = "--beta", paramLabel = "BETA", description = "KL weight of a (beta-)VAE (default: 1 for vae, 4 for beta-vae)")
    Double beta;

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

    /**
     * The model in one line a user reads, with only the settings that apply to it: the layer sizes, the activation,
     * the likelihood (sigma only for Gaussian), and beta, warm-up, capacity, sparsity or corruption where used.
     * Example: {@code VAE 784-512-256-(z=16)-256-512-784, relu, bernoulli likelihood, beta 1}.
     */
    static String describe(ModelConfig config) {
        if (config instanceof PcaConfig p) {
            return "PCA, " + p.latentDim() + (p.latentDim() == 1 ? " component" : " components") + " of "
                    + p.inputDim() + " inputs, fitted in closed form";
        }
        StringBuilder sb = new StringBuilder(config.kind().label()).append(' ');
        List<Integer> hidden = config instanceof AutoencoderConfig a ? a.hidden() : ((VaeConfig) config).hidden();
        sb.append(config.inputDim());
        hidden.forEach(h -> sb.append('-').append(h));
        sb.append("-(z=").append(config.latentDim()).append(')');
        for (int i = hidden.size() - 1; i >= 0; i--) {
            sb.append('-').append(hidden.get(i));
        }
        sb.append('-').append(config.inputDim());
        Activation act = config instanceof AutoencoderConfig a ? a.activation() : ((VaeConfig) config).activation();
        Likelihood lik = config instanceof AutoencoderConfig a ? a.likelihood() : ((VaeConfig) config).likelihood();
        double sigma = config instanceof AutoencoderConfig a ? a.gaussianSigma()
                : ((VaeConfig) config).gaussianSigma();
        sb.append(", ").append(act.name().toLowerCase(Locale.ROOT));
        sb.append(", ").append(lik.name().toLowerCase(Locale.ROOT)).append(" likelihood");
        if (lik == Likelihood.GAUSSIAN) {
            sb.append(" (sigma ").append(num(sigma)).append(')');
        }
        if (config instanceof AutoencoderConfig a) {
            if (a.sparsity() != Sparsity.NONE) {
                sb.append(", ").append(a.sparsity().name().toLowerCase(Locale.ROOT)).append(" sparsity, weight ")
                        .append(num(a.sparsityWeight()));
                if (a.sparsity() == Sparsity.KL) {
                    sb.append(", target ").append(num(a.sparsityTarget()));
                }
            }
            if (a.denoising()) {
                sb.append(", corruption ").append(a.corruption());
            }
        } else if (config instanceof VaeConfig v) {
            if (v.usesCapacity()) {
                sb.append(", capacity C rising to ").append(num(v.capacityMax())).append(" nats over ")
                        .append(num(v.capacityEpochs())).append(" epochs, gamma ").append(num(v.capacityGamma()));
            } else {
                sb.append(", beta ").append(num(v.beta()));
                if (v.klWarmupEpochs() > 0) {
                    sb.append(", KL warm-up over ").append(num(v.klWarmupEpochs())).append(" epochs");
                }
            }
        }
        return sb.toString();
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
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
