package dev.bottleneck.core.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The knob a sweep ({@code core.train.ParameterSweep}) turns: one model per value, everything else held.
 *
 * <ul>
 *   <li>{@link #LATENT}: the size of the code, for any kind (the nonlinear-PCA
 *       lesson, {@code LatentSizeSweep}).</li>
 *   <li>{@link #BETA}: the KL weight of the beta-VAE (Higgins et al. 2017, {@code recon + beta KL}), or the weight of
 *       the total correlation of the beta-TCVAE (Chen et al. 2018). The trade-off of Higgins et al.: a larger beta
 *       buys a more factorised code (MIG up) with worse reconstructions.</li>
 *   <li>{@link #CAPACITY}: C_max of the capacity objective of Burgess et al. 2018, {@code recon + gamma |KL - C|}
 *       with C rising to C_max: the code may carry about C_max nats, so reconstruction improves as C_max grows.
 *       C_max = 0 is the objective's limit {@code recon + gamma KL} (KL >= 0), trained as a beta-VAE with
 *       beta = gamma, the same loss.</li>
 * </ul>
 */
public enum SweepAxis {
    LATENT("latent", "latent size k", "k"),
    BETA("beta", "beta", "beta"),
    CAPACITY("capacity", "C_max (nats)", "C_max");

    private final String cliName;
    private final String label;
    private final String symbol;

    SweepAxis(String cliName, String label, String symbol) {
        this.cliName = cliName;
        this.label = label;
        this.symbol = symbol;
    }

    /** The name on the command line ({@code --over beta}). */
    public String cliName() {
        return cliName;
    }

    /** The axis title: "beta", "C_max (nats)", "latent size k". */
    public String label() {
        return label;
    }

    /** The short name in a table header or a status line: "beta", "C_max", "k". */
    public String symbol() {
        return symbol;
    }

    /** The axis a command line names, case ignored. */
    public static Optional<SweepAxis> fromCliName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(a -> a.cliName.equals(n)).findFirst();
    }

    /** Every CLI name, in order. */
    public static List<String> cliNames() {
        return Arrays.stream(values()).map(SweepAxis::cliName).toList();
    }

    /** True when {@code kind} has this axis' knob. */
    public boolean appliesTo(ModelKind kind) {
        return switch (this) {
            case LATENT -> kind.has(ModelSetting.LATENT);
            case BETA -> kind.has(ModelSetting.BETA) || kind.has(ModelSetting.TC_WEIGHTS);
            case CAPACITY -> kind.has(ModelSetting.CAPACITY);
        };
    }

    /** The kinds this axis applies to, as the command line names them. */
    public List<String> kinds() {
        return Arrays.stream(ModelKind.values()).filter(this::appliesTo).map(ModelKind::cliName).toList();
    }

    /**
     * Refuses a kind without this axis' knob, or a value outside the range its config takes, with a message that
     * names the kind, the value and the range.
     */
    public void check(ModelKind kind, double value) {
        if (!appliesTo(kind)) {
            throw new IllegalArgumentException(kind.cliName() + " has no " + symbol + ": sweep "
                    + orList(kinds()) + (this == BETA && (kind == ModelKind.VAE || kind == ModelKind.CONV_VAE)
                    ? " (a VAE is the beta-VAE at beta = 1)" : ""));
        }
        switch (this) {
            case LATENT -> {
                if (value != Math.rint(value) || value < 1 || value > 256) {
                    throw new IllegalArgumentException("a latent size is a whole number in 1..256, not " + format(value));
                }
            }
            case BETA -> {
                if (kind.has(ModelSetting.TC_WEIGHTS)) {
                    if (!(value >= 0 && value <= TcVaeConfig.MAX_WEIGHT)) {
                        throw new IllegalArgumentException("beta (the weight of the total correlation) must lie in [0, "
                                + ModelConfig.num(TcVaeConfig.MAX_WEIGHT) + "] for " + kind.cliName() + ", not "
                                + format(value));
                    }
                } else if (!(value > 0 && value <= VaeConfig.MAX_BETA)) {
                    throw new IllegalArgumentException("beta must lie in (0, " + ModelConfig.num(VaeConfig.MAX_BETA)
                            + "] for " + kind.cliName() + ", not " + format(value) + (value < 0
                            ? ": a negative beta would reward the KL term" : value == 0
                            ? ": at 0 the KL term is gone and the model is a plain AE with noise" : ""));
                }
            }
            case CAPACITY -> {
                if (!(value >= 0 && value <= VaeConfig.MAX_CAPACITY)) {
                    throw new IllegalArgumentException("C_max must lie in [0, " + ModelConfig.num(VaeConfig.MAX_CAPACITY)
                            + "] nats, not " + format(value));
                }
            }
        }
    }

    /**
     * {@code base} with this axis at {@code value}; {@link #check} first.
     *
     * <p>{@link #BETA} turns the capacity objective off (it would replace beta * KL). For {@link #CAPACITY} the base settings' capacity gamma and epochs are kept; C_max = 0 becomes the beta-VAE
     * with beta = gamma, the capacity objective's loss at C = 0.
     *
     * @throws IllegalArgumentException for a kind without the knob, a value out of range, or C_max = 0 with a gamma
     *     larger than any beta
     */
    public ModelSettings apply(ModelKind kind, ModelSettings base, double value) {
        check(kind, value);
        return switch (this) {
            case LATENT -> base.withLatent((int) value);
            // The capacity objective would replace beta * KL: a beta sweep turns it off.
            case BETA -> base.withBeta(value).withCapacity(0, base.capacityGamma(), base.capacityEpochs());
            case CAPACITY -> {
                double gamma = base.capacityGamma();
                if (!(gamma > 0)) {
                    throw new IllegalArgumentException("a C_max sweep needs the capacity objective's gamma > 0, not "
                            + ModelConfig.num(gamma));
                }
                if (value > 0) {
                    yield base.withCapacity(value, gamma, base.capacityEpochs());
                }
                if (gamma > VaeConfig.MAX_BETA) {
                    throw new IllegalArgumentException("C_max = 0 is the beta-VAE with beta = gamma, but gamma "
                            + ModelConfig.num(gamma) + " is above the largest beta, "
                            + ModelConfig.num(VaeConfig.MAX_BETA) + ": sweep C_max > 0, or a smaller gamma");
                }
                yield base.withCapacity(0, gamma, base.capacityEpochs()).withBeta(gamma);
            }
        };
    }

    /** A value as a table shows it: "4", "0.5", "16". */
    public String format(double value) {
        return ModelConfig.num(value);
    }

    private static String orList(List<String> names) {
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }
}
