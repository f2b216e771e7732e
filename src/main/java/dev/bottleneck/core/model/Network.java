package dev.bottleneck.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A chain of {@link Layer}s with preallocated activations per batch size: a training step allocates nothing once
 * each batch size has been seen. Parameters are named by the network's name and the layer's position, as PyTorch's
 * nn.Sequential names them: "encoder.0.weight", "encoder.1.bias", ... (a layer without parameters, such as a
 * {@link Reshape}, still takes its position).
 */
public final class Network {

    private final String name;
    private final Layer[] layers;
    private final Shape[] shapes; // shapes[0]: input; shapes[i + 1]: output of layers[i]
    private final Map<Integer, Buffers> buffers = new HashMap<>();

    /** Activations and their gradients for one batch size. */
    private static final class Buffers {
        final Matrix[] outputs; // outputs[i]: n x shapes[i + 1].size()
        final Matrix[] grads;   // grads[i]:   n x shapes[i + 1].size()
        final Matrix inputGrad; // n x shapes[0].size()

        Buffers(Shape[] shapes, int n) {
            outputs = new Matrix[shapes.length - 1];
            grads = new Matrix[shapes.length - 1];
            for (int i = 0; i < outputs.length; i++) {
                outputs[i] = new Matrix(n, shapes[i + 1].size());
                grads[i] = new Matrix(n, shapes[i + 1].size());
            }
            inputGrad = new Matrix(n, shapes[0].size());
        }
    }

    private Network(String name, List<Layer> layers, Shape input) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException(name + ": a network needs at least one layer");
        }
        this.name = name;
        this.layers = layers.toArray(new Layer[0]);
        this.shapes = new Shape[layers.size() + 1];
        shapes[0] = input;
        for (int i = 0; i < this.layers.length; i++) {
            shapes[i + 1] = this.layers[i].outputShape(shapes[i]);
        }
    }

    /** A builder of a network called {@code name} (the prefix of its parameter names) taking {@code input}. */
    public static Builder builder(String name, Shape input) {
        return new Builder(name, input);
    }

    /**
     * A multilayer perceptron of {@link Dense} layers.
     *
     * @param widths layer widths, input first: {784, 512, 256, 32} makes three layers
     * @param hidden activation after every layer but the last
     * @param last activation after the last layer
     */
    public static Network mlp(String name, int[] widths, Activation hidden, Activation last) {
        Builder b = builder(name, Shape.features(widths[0]));
        for (int i = 1; i < widths.length; i++) {
            b.dense(widths[i], i == widths.length - 1 ? last : hidden);
        }
        return b.build();
    }

    public String name() {
        return name;
    }

    /** The layers, in order. */
    public List<Layer> layers() {
        return Collections.unmodifiableList(java.util.Arrays.asList(layers));
    }

    public Shape inputShape() {
        return shapes[0];
    }

    /** The network described layer by layer, as format 2 of the saved model writes it. */
    public NetworkSpec spec() {
        List<LayerSpec> specs = new ArrayList<>();
        for (Layer l : layers) {
            specs.add(l.spec());
        }
        return new NetworkSpec(name, specs);
    }

    public Shape outputShape() {
        return shapes[shapes.length - 1];
    }

    public int inputSize() {
        return shapes[0].size();
    }

    public int outputSize() {
        return outputShape().size();
    }

    /** Draws every layer's initial values from {@code rng}, layer by layer in order. */
    public void init(SplittableRandom rng) {
        for (Layer l : layers) {
            l.init(rng);
        }
    }

    private Buffers buffers(int n) {
        return buffers.computeIfAbsent(n, k -> new Buffers(shapes, k));
    }

    /** Runs the network on {@code x} ({@code n x inputSize()}); returns the last output ({@code n x outputSize()}). */
    public Matrix forward(Matrix x) {
        if (x.cols != inputSize()) {
            throw new IllegalArgumentException(name + " takes " + shapes[0] + " = " + inputSize()
                    + " numbers per example, not " + x.cols);
        }
        Buffers b = buffers(x.rows);
        Matrix in = x;
        for (int i = 0; i < layers.length; i++) {
            layers[i].forward(in, b.outputs[i]);
            in = b.outputs[i];
        }
        return in;
    }

    /** The matrix ({@code n x outputSize()}) into which the caller writes dL/d(output) before {@link #backward}. */
    public Matrix outputGrad(int n) {
        return buffers(n).grads[layers.length - 1];
    }

    /**
     * Backward pass after {@link #forward} on the same {@code x}: fills every parameter gradient from the gradient in
     * {@link #outputGrad(int)} and returns dL/dx ({@code n x inputSize()}), or null when {@code needInputGrad} is
     * false. The output gradient is overwritten.
     */
    public Matrix backward(Matrix x, boolean needInputGrad) {
        Buffers b = buffers(x.rows);
        for (int i = layers.length - 1; i >= 0; i--) {
            Matrix in = i == 0 ? x : b.outputs[i - 1];
            Matrix dIn = i == 0 ? (needInputGrad ? b.inputGrad : null) : b.grads[i - 1];
            layers[i].backward(in, b.outputs[i], b.grads[i], dIn);
        }
        return needInputGrad ? b.inputGrad : null;
    }

    /** Every layer's parameters, in layer order (weight before bias). */
    public List<Parameter> parameters() {
        List<Parameter> ps = new ArrayList<>();
        for (Layer l : layers) {
            ps.addAll(l.parameters());
        }
        return ps;
    }

    /** The same network with copied parameter values and its own buffers. */
    public Network copy() {
        List<Layer> copies = new ArrayList<>();
        for (Layer l : layers) {
            copies.add(l.copy());
        }
        return new Network(name, copies, shapes[0]);
    }

    /** Copies the parameter values of a network of the same architecture into this one. */
    public void copyParametersFrom(Network other) {
        List<Parameter> mine = parameters();
        List<Parameter> theirs = other.parameters();
        if (mine.size() != theirs.size()) {
            throw new IllegalArgumentException(name + ": cannot copy from a network of another architecture");
        }
        for (int i = 0; i < mine.size(); i++) {
            mine.get(i).value().copyFrom(theirs.get(i).value());
        }
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(name).append(": ").append(shapes[0]);
        for (int i = 0; i < layers.length; i++) {
            s.append(" -> ").append(layers[i]).append(" -> ").append(shapes[i + 1]);
        }
        return s.toString();
    }

    /** Adds layers one after the other, each taking the shape the previous one gives. */
    public static final class Builder {
        private final String name;
        private final Shape input;
        private final List<Layer> layers = new ArrayList<>();
        private Shape current;

        private Builder(String name, Shape input) {
            this.name = name;
            this.input = input;
            this.current = input;
        }

        /** The shape the next layer takes. */
        public Shape shape() {
            return current;
        }

        private String next() {
            return name + "." + layers.size();
        }

        /** Any layer; it must take {@link #shape()}. */
        public Builder add(Layer layer) {
            current = layer.outputShape(current);
            layers.add(layer);
            return this;
        }

        /** A {@link Dense} layer to {@code out} features with a fused activation. */
        public Builder dense(int out, Activation activation) {
            return add(new Dense(next(), current.size(), out, activation));
        }

        /** A {@link Conv2d} to {@code channels} output channels with a fused activation. */
        public Builder conv2d(int channels, int kernel, int stride, int padding, Activation activation) {
            return add(new Conv2d(next(), current, channels, kernel, stride, padding, activation));
        }

        /** A {@link ConvTranspose2d} to {@code channels} output channels with a fused activation. */
        public Builder convTranspose2d(int channels, int kernel, int stride, int padding, Activation activation) {
            return add(new ConvTranspose2d(next(), current, channels, kernel, stride, padding, activation));
        }

        /** A {@link Reshape} to {@code shape} (same size). */
        public Builder reshape(Shape shape) {
            return add(new Reshape(next(), current, shape));
        }

        /** A {@link Reshape} to a flat vector. */
        public Builder flatten() {
            return reshape(Shape.features(current.size()));
        }

        public Network build() {
            return new Network(name, layers, input);
        }
    }
}
