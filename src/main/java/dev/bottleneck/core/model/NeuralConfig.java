package dev.bottleneck.core.model;

import java.util.List;
import java.util.Locale;

/**
 * The config of a kind trained by gradient steps through an encoder and a decoder network: what code outside a model
 * may read of any such config (layer sizes, activation, decoder likelihood) without asking which family it is.
 * Non-sealed so a new kind's config joins by implementing it, without editing {@link ModelConfig}.
 */
public non-sealed interface NeuralConfig extends ModelConfig {

    /** Encoder hidden sizes, input side first; the decoder mirrors them. */
    List<Integer> hidden();

    /** Nonlinearity of the hidden layers. */
    Activation activation();

    /** The decoder's likelihood p(x|z). */
    Likelihood likelihood();

    /** The fixed sigma of the Gaussian likelihood (ignored for Bernoulli). */
    double gaussianSigma();

    /**
     * The layer sizes, activation and likelihood, then the objective's options as {@link #settings()} holds them:
     * sparsity, corruption, capacity or beta and warm-up, each only where used.
     */
    @Override
    default String describe() {
        StringBuilder sb = new StringBuilder(kind().label()).append(' ');
        List<Integer> hidden = hidden();
        sb.append(inputDim());
        hidden.forEach(h -> sb.append('-').append(h));
        sb.append("-(z=").append(latentDim()).append(')');
        for (int i = hidden.size() - 1; i >= 0; i--) {
            sb.append('-').append(hidden.get(i));
        }
        sb.append('-').append(inputDim());
        sb.append(", ").append(activation().name().toLowerCase(Locale.ROOT));
        sb.append(", ").append(likelihood().name().toLowerCase(Locale.ROOT)).append(" likelihood");
        if (likelihood() == Likelihood.GAUSSIAN) {
            sb.append(" (sigma ").append(ModelConfig.num(gaussianSigma())).append(')');
        }
        ModelSettings s = settings();
        if (s.sparsity() != null && s.sparsity() != Sparsity.NONE) {
            sb.append(", ").append(s.sparsity().name().toLowerCase(Locale.ROOT)).append(" sparsity, weight ")
                    .append(ModelConfig.num(s.sparsityWeight()));
            if (s.sparsity() == Sparsity.KL) {
                sb.append(", target ").append(ModelConfig.num(s.sparsityTarget()));
            }
        }
        if (s.corruption() != null && !"none".equalsIgnoreCase(s.corruption())) {
            sb.append(", corruption ").append(s.corruption());
        }
        if (s.capacityMax() > 0) {
            sb.append(", capacity C rising to ").append(ModelConfig.num(s.capacityMax())).append(" nats over ")
                    .append(ModelConfig.num(s.capacityEpochs())).append(" epochs, gamma ")
                    .append(ModelConfig.num(s.capacityGamma()));
        } else if (s.beta() != null) {
            sb.append(", beta ").append(ModelConfig.num(s.beta()));
            if (s.klWarmupEpochs() > 0) {
                sb.append(", KL warm-up over ").append(ModelConfig.num(s.klWarmupEpochs())).append(" epochs");
            }
        }
        return sb.toString();
    }
}
