package dev.bottleneck.core.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A stack of {@link Dense} layers with preallocated activations per batch size: a training step allocates nothing
 * once each batch size has been seen.
 */
final class Mlp {

    final Dense[] layers;
    private final Map<Integer, Buffers> buffers = new HashMap<>();

    /** Activations and their gradients for one batch size. */
    static final class Buffers {
        final Matrix[] outputs; // outputs[i]: n x layers[i].out
        final Matrix[] grads;   // grads[i]:   n x layers[i].out
        final Matrix inputGrad; // n x layers[0].in

        Buffers(Dense[] layers, int n) {
            outputs = new Matrix[layers.length];
            grads = new Matrix[layers.length];
            for (int i = 0; i < layers.length; i++) {
                outputs[i] = new Matrix(n, layers[i].out);
                grads[i] = new Matrix(n, layers[i].out);
            }
            inputGrad = new Matrix(n, layers[0].in);
        }
    }

    /**
     * @param sizes layer widths, input first: {784, 512, 256, 32} makes three layers
     * @param hidden activation after every layer but the last
     * @param last activation after the last layer
     */
    Mlp(String name, int[] sizes, Activation hidden, Activation last) {
        layers = new Dense[sizes.length - 1];
        for (int i = 0; i < layers.length; i++) {
            layers[i] = new Dense(name + "." + i, sizes[i], sizes[i + 1], i == layers.length - 1 ? last : hidden);
        }
    }

    void init(SplittableRandom rng) {
        for (Dense d : layers) {
            d.initLikeTorch(rng);
        }
    }

    int inputSize() {
        return layers[0].in;
    }

    int outputSize() {
        return layers[layers.length - 1].out;
    }

    Buffers buffers(int n) {
        return buffers.computeIfAbsent(n, k -> new Buffers(layers, k));
    }

    /** Runs the stack on {@code x} ({@code n x inputSize()}); returns the last output ({@code n x outputSize()}). */
    Matrix forward(Matrix x) {
        Buffers b = buffers(x.rows);
        Matrix in = x;
        for (int i = 0; i < layers.length; i++) {
            layers[i].forward(in, b.outputs[i]);
            in = b.outputs[i];
        }
        return in;
    }

    /** The matrix into which the caller writes dL/d(output) before {@link #backward}. */
    Matrix outputGrad(int n) {
        Buffers b = buffers(n);
        return b.grads[layers.length - 1];
    }

    /**
     * Backward pass after {@link #forward} on the same {@code x}: fills every parameter gradient from the gradient in
     * {@link #outputGrad(int)} and returns dL/dx, or null when {@code needInputGrad} is false.
     */
    Matrix backward(Matrix x, boolean needInputGrad) {
        Buffers b = buffers(x.rows);
        for (int i = layers.length - 1; i >= 0; i--) {
            Matrix in = i == 0 ? x : b.outputs[i - 1];
            Matrix dIn = i == 0 ? (needInputGrad ? b.inputGrad : null) : b.grads[i - 1];
            layers[i].backward(in, b.outputs[i], b.grads[i], dIn);
        }
        return needInputGrad ? b.inputGrad : null;
    }

    List<Parameter> parameters() {
        List<Parameter> ps = new ArrayList<>();
        for (Dense d : layers) {
            ps.add(d.weight);
            ps.add(d.bias);
        }
        return ps;
    }

    void copyParametersFrom(Mlp other) {
        for (int i = 0; i < layers.length; i++) {
            layers[i].copyParametersFrom(other.layers[i]);
        }
    }
}
