package dev.bottleneck.core.model;

import static dev.bottleneck.core.MemoryBudget.add;
import static dev.bottleneck.core.MemoryBudget.times;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sizes a config implies, computed from the config alone in saturating {@code long} arithmetic, so they can be
 * checked before a network is built (an input size near 2^31 or eight hidden layers of 8192 give a large number, not
 * an overflow or an {@link OutOfMemoryError}). Mirrors the layer layout of {@link NeuralAutoencoder} and {@link Pca}.
 */
public final class NetworkSize {

    private NetworkSize() {
    }

    /** Trainable numbers: every weight and bias; for PCA the mean, the components and the variances. */
    public static long parameters(ModelConfig config) {
        long d = config.inputDim();
        long k = config.latentDim();
        if (!(config instanceof NeuralConfig n)) {
            return add(add(d, times(d, k)), d);
        }
        long total = 0;
        for (long[] shape : tensorShapes(n).values()) {
            total = add(total, times(shape[0], shape[1]));
        }
        return total;
    }

    /**
     * Floats one example occupies in the work buffers of a training step: every layer's output and its gradient
     * (a convolution's im2col windows too), the input copy and its gradient, the latent noise; for PCA the input and
     * its code.
     */
    public static long activationsPerExample(ModelConfig config) {
        long d = config.inputDim();
        long k = config.latentDim();
        if (!(config instanceof NeuralConfig n)) {
            return add(d, k);
        }
        long total = add(times(2, d), k);
        // An auxiliary net (FactorVAE's discriminator) runs on two rows per example, the code and a permuted code:
        // their copy, and every layer's output and gradient.
        for (List<Integer> widths : n.auxiliaryMlps().values()) {
            total = add(total, times(4, widths.get(0)));
            for (int i = 1; i < widths.size(); i++) {
                total = add(total, times(4, widths.get(i)));
            }
        }
        if (n.conv() != null) {
            return add(total, ConvNets.layout(n.conv(), n.latentDim(), n.encoderOutputs(), new LinkedHashMap<>()));
        }
        for (long[] net : layers(n)) {
            for (int i = 1; i < net.length; i++) {
                total = add(total, times(2, net[i]));
            }
        }
        return total;
    }

    /**
     * The tensors a built network has, by their parameter names, in order, each {@code {rows, cols}} as stored:
     * {@code encoder.0.weight} of an MLP is {@code inputDim x hidden[0]}, of a convolutional net
     * {@code out x (in * k * k)}. Empty for PCA, whose saved tensors the model store names.
     */
    public static Map<String, long[]> tensorShapes(ModelConfig config) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        if (!(config instanceof NeuralConfig n)) {
            return shapes;
        }
        if (n.conv() != null) {
            ConvNets.layout(n.conv(), n.latentDim(), n.encoderOutputs(), shapes);
        } else {
            long[][] nets = layers(n);
            String[] names = {"encoder", "decoder"};
            for (int m = 0; m < 2; m++) {
                for (int i = 0; i + 1 < nets[m].length; i++) {
                    shapes.put(names[m] + "." + i + ".weight", new long[] {nets[m][i], nets[m][i + 1]});
                    shapes.put(names[m] + "." + i + ".bias", new long[] {1, nets[m][i + 1]});
                }
            }
        }
        n.auxiliaryMlps().forEach((name, widths) -> {
            for (int i = 0; i + 1 < widths.size(); i++) {
                shapes.put(name + "." + i + ".weight", new long[] {widths.get(i), widths.get(i + 1)});
                shapes.put(name + "." + i + ".bias", new long[] {1, widths.get(i + 1)});
            }
        });
        return shapes;
    }

    /** Bytes of PCA's fitting workspace: the covariance and eigenvectors in double, the Gram matrix in float. */
    public static long pcaFitBytes(PcaConfig config) {
        long d = config.inputDim();
        return times(times(d, d), 2L * Double.BYTES + Float.BYTES);
    }

    /** The widths of the encoder and the decoder, input side first: {@code {{d, h1, .., out}, {k, .., d}}}. */
    private static long[][] layers(NeuralConfig config) {
        return widths(config.inputDim(), config.hidden(), config.latentDim(), config.encoderOutputs());
    }

    /**
     * The widths of an encoder {@code d, h1, .., hn, encoderOut} and its mirror-image decoder {@code k, hn, .., h1, d}:
     * the one place that lays out the MLP autoencoder, for sizing it here and building it in NeuralAutoencoder.
     */
    static long[][] widths(long d, List<Integer> hidden, long k, long encoderOut) {
        long[] enc = new long[hidden.size() + 2];
        long[] dec = new long[hidden.size() + 2];
        enc[0] = d;
        dec[0] = k;
        for (int i = 0; i < hidden.size(); i++) {
            enc[i + 1] = hidden.get(i);
            dec[i + 1] = hidden.get(hidden.size() - 1 - i);
        }
        enc[enc.length - 1] = encoderOut;
        dec[dec.length - 1] = d;
        return new long[][] {enc, dec};
    }
}
