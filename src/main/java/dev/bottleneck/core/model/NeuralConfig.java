package dev.bottleneck.core.model;

import java.util.List;
import java.util.Locale;

/**
 * The config of a kind trained by gradient steps through an encoder and a decoder network: what code outside a model
 * may read of any such config (layer sizes, activation, decoder likelihood) without asking which family it is.
 * Non-sealed so a new kind's config joins by implementing it, without editing {@link ModelConfig}.
 */
public non-sealed interface NeuralConfig extends ModelConfig {

    /**
     * Encoder hidden sizes, input side first; the decoder mirrors them. For a convolutional model, the dense layers
     * between the convolutions and the code.
     */
    List<Integer> hidden();

    /** Numbers the encoder puts out per example: the code, or a VAE's {@code [mu | logvar]}. */
    int encoderOutputs();

    /** The image and convolutional nets of a convolutional model; null for an MLP. */
    ConvArchitecture conv();

    /**
     * The MLPs a model of this config trains beside its encoder and decoder, by network name, each as its layer
     * widths input side first: FactorVAE's discriminator, {@code {"discriminator": [k, 256, 256, 1]}}. They are
     * parameters of the model like the encoder's (sized by {@link NetworkSize}, saved, copied, restored), though the
     * model, not the trainer's optimiser, steps them. None for most kinds.
     */
    default java.util.Map<String, List<Integer>> auxiliaryMlps() {
        return java.util.Map.of();
    }

    @Override
    default Shape inputShape() {
        return conv() != null ? conv().image() : Shape.features(inputDim());
    }

    /**
     * The checked hidden sizes of a config: {@code hidden} (null: {@link ModelConfig#DEFAULT_HIDDEN}) for an MLP, the
     * architecture's dense widths for a convolutional model, whose image must hold {@code inputDim} numbers.
     */
    static List<Integer> checkNetworks(int inputDim, List<Integer> hidden, ConvArchitecture conv) {
        if (conv == null) {
            return ModelConfig.checkHidden(hidden);
        }
        if (conv.image().size() != inputDim) {
            throw new IllegalArgumentException("input size " + inputDim + " is not a " + conv.image() + " image ("
                    + conv.image().size() + " numbers)");
        }
        return conv.spec().dense();
    }

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
        ConvArchitecture conv = conv();
        if (conv != null) { // Conv VAE 1x28x28-c32-c64-256-(z=16)-256-c64-c32-1x28x28 (4x4, stride 2, padding 1)
            sb.append(conv.image());
            conv.spec().channels().forEach(c -> sb.append("-c").append(c));
            hidden.forEach(h -> sb.append('-').append(h));
            sb.append("-(z=").append(latentDim()).append(')');
            for (int i = hidden.size() - 1; i >= 0; i--) {
                sb.append('-').append(hidden.get(i));
            }
            for (int i = conv.spec().channels().size() - 1; i >= 0; i--) {
                sb.append("-c").append(conv.spec().channels().get(i));
            }
            sb.append('-').append(conv.image()).append(" (").append(conv.spec().kernel()).append('x')
                    .append(conv.spec().kernel()).append(" kernels, stride ").append(conv.spec().stride())
                    .append(", padding ").append(conv.spec().padding()).append(')');
        } else {
            sb.append(inputDim());
            hidden.forEach(h -> sb.append('-').append(h));
            sb.append("-(z=").append(latentDim()).append(')');
            for (int i = hidden.size() - 1; i >= 0; i--) {
                sb.append('-').append(hidden.get(i));
            }
            sb.append('-').append(inputDim());
        }
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
