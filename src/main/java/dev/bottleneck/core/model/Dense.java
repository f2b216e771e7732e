package dev.bottleneck.core.model;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A fully connected layer {@code y = f(x W + b)}: W is {@code in x out}, b is {@code 1 x out}.
 * (PyTorch's nn.Linear stores the transpose, {@code out x in}.) The activation f is fused into the layer: adding the
 * bias and applying f in one pass over the output is what keeps the MLP as fast as before layers existed.
 */
final class Dense implements Layer {

    final int in;
    final int out;
    final Activation activation;
    final Parameter weight;
    final Parameter bias;

    Dense(String name, int in, int out, Activation activation) {
        this.in = in;
        this.out = out;
        this.activation = activation;
        this.weight = new Parameter(name + ".weight", new Matrix(in, out), new Matrix(in, out)); // in x out
        this.bias = new Parameter(name + ".bias", new Matrix(1, out), new Matrix(1, out));       // 1 x out
    }

    @Override
    public Shape inputShape() {
        return Shape.features(in);
    }

    /** Takes any shape of {@code in} numbers (an image is read in its flattened NCHW order); gives {@code out} features. */
    @Override
    public Shape outputShape(Shape input) {
        if (input.size() != in) {
            throw new IllegalArgumentException(weight.name() + ": a dense layer of " + in + " inputs cannot take "
                    + input);
        }
        return Shape.features(out);
    }

    /**
     * Initialises as PyTorch's nn.Linear does: kaiming_uniform with a = sqrt(5) on the weight, which is
     * U(-1/sqrt(in), 1/sqrt(in)), and the same bound for the bias.
     */
    @Override
    public void init(SplittableRandom rng) {
        Init.uniform(weight, bias, 1.0 / Math.sqrt(in), rng);
    }

    /** y = f(x W + b) into {@code y} ({@code n x out}). */
    @Override
    public void forward(Matrix x, Matrix y) {
        Blas.gemm(x, false, weight.value(), false, y, 1f, 0f);
        activation.applyWithBias(y.data, y.rows, out, bias.value().data);
        y.changed();
    }

    /**
     * Backward pass. {@code dy} holds dL/dy on entry and is overwritten with dL/d(pre-activation). Writes dL/dW and
     * dL/db, and dL/dx into {@code dx} unless it is null.
     */
    @Override
    public void backward(Matrix x, Matrix y, Matrix dy, Matrix dx) {
        activation.backprop(dy.data, y.data, dy.data.length);
        dy.changed();
        Blas.gemm(x, true, dy, false, weight.gradient(), 1f, 0f);
        float[] db = bias.gradient().data;
        java.util.Arrays.fill(db, 0f);
        for (int r = 0; r < dy.rows; r++) {
            int o = r * out;
            for (int c = 0; c < out; c++) {
                db[c] += dy.data[o + c];
            }
        }
        bias.gradient().changed();
        if (dx != null) {
            Blas.gemm(dy, false, weight.value(), true, dx, 1f, 0f);
        }
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    @Override
    public Dense copy() {
        Dense d = new Dense(Init.prefix(weight), in, out, activation);
        Init.copyValues(this, d);
        return d;
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.of("dense", Shape.features(in), Shape.features(out), activation, parameters());
    }

    @Override
    public String toString() {
        return "Dense(" + in + " -> " + out + ", " + activation + ")";
    }
}
