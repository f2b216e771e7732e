package dev.bottleneck.core.model;

import java.util.SplittableRandom;

/**
 * A fully connected layer {@code y = f(x W + b)}: W is {@code in x out}, b is {@code 1 x out}.
 * (PyTorch's nn.Linear stores the transpose, {@code out x in}.)
 */
final class Dense {

    final int in;
    final int out;
    final Activation activation;
    final Parameter weight;
    final Parameter bias;

    Dense(String name, int in, int out, Activation activation) {
        this.in = in;
        this.out = out;
        this.activation = activation;
        this.weight = new Parameter(name + ".weight", new Matrix(in, out), new Matrix(in, out));
        this.bias = new Parameter(name + ".bias", new Matrix(1, out), new Matrix(1, out));
    }

    /**
     * Initialises as PyTorch's nn.Linear does: kaiming_uniform with a = sqrt(5) on the weight, which is
     * U(-1/sqrt(in), 1/sqrt(in)), and the same bound for the bias.
     */
    void initLikeTorch(SplittableRandom rng) {
        double bound = 1.0 / Math.sqrt(in);
        float[] w = weight.value().data;
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        }
        float[] b = bias.value().data;
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        }
        weight.value().changed();
        bias.value().changed();
    }

    /** y = f(x W + b) into {@code y} ({@code n x out}). */
    void forward(Matrix x, Matrix y) {
        Blas.gemm(x, false, weight.value(), false, y, 1f, 0f);
        activation.applyWithBias(y.data, y.rows, out, bias.value().data);
        y.changed();
    }

    /**
     * Backward pass. {@code dy} holds dL/dy on entry and is overwritten with dL/d(pre-activation). Writes dL/dW and
     * dL/db, and dL/dx into {@code dx} unless it is null.
     */
    void backward(Matrix x, Matrix y, Matrix dy, Matrix dx) {
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

    void copyParametersFrom(Dense other) {
        weight.value().copyFrom(other.weight.value());
        bias.value().copyFrom(other.bias.value());
    }
}
