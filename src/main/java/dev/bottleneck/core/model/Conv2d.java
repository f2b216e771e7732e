package dev.bottleneck.core.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A 2-d convolution {@code y = f(W * x + b)} as PyTorch's nn.Conv2d (square kernel, stride, zero padding, no
 * dilation or groups), with the activation f fused as in {@link Dense}. The weight is stored in PyTorch's layout
 * {@code (out, in, kH, kW)} as an {@code out x (in * k * k)} matrix, the bias as {@code 1 x out}, so PyTorch's tensors
 * import as they are.
 *
 * <p>Computed by im2col: the windows of the whole batch become the rows of {@code cols}
 * ({@code (n * oh * ow) x (in * k * k)}), one product {@code cols W^T} gives every output pixel as a row of
 * {@code out} channels, which the bias and activation pass turns into NCHW. The backward pass is two more products
 * and the adjoint col2im. The workspaces are kept per batch size.
 */
final class Conv2d implements Layer {

    private final String name;
    final Shape in;
    final Shape out;
    final int kernel;
    final int stride;
    final int padding;
    final Activation activation;
    private final Im2col window;
    final Parameter weight;
    final Parameter bias;
    private final Map<Integer, Workspace> workspaces = new HashMap<>();

    /** The products' operands for one batch size. */
    private static final class Workspace {
        final Matrix cols;  // (n * oh * ow) x (in * k * k): im2col of x; dL/dcols in the backward pass
        final Matrix pixels; // (n * oh * ow) x out: the output, one row per pixel; dL/d(pre-activation) likewise

        Workspace(int n, Im2col g, int outChannels) {
            cols = new Matrix(n * g.positions(), g.patch());
            pixels = new Matrix(n * g.positions(), outChannels);
        }
    }

    Conv2d(String name, Shape in, int outChannels, int kernel, int stride, int padding, Activation activation) {
        this.name = name;
        this.in = in;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.activation = activation;
        this.window = new Im2col(in.channels(), in.height(), in.width(), kernel, stride, padding);
        this.out = Shape.image(outChannels, window.oh, window.ow);
        int fanIn = window.patch();
        // (out, in, kH, kW) flattened: out x (in * k * k)
        this.weight = new Parameter(name + ".weight", new Matrix(outChannels, fanIn), new Matrix(outChannels, fanIn));
        this.bias = new Parameter(name + ".bias", new Matrix(1, outChannels), new Matrix(1, outChannels));
    }

    @Override
    public Shape inputShape() {
        return in;
    }

    @Override
    public Shape outputShape(Shape input) {
        if (!input.equals(in)) {
            throw new IllegalArgumentException(name + ": a convolution built for " + in + " cannot take " + input);
        }
        return out;
    }

    /** PyTorch's nn.Conv2d default: U(-1/sqrt(fan_in), 1/sqrt(fan_in)) with fan_in = in * kH * kW, bias likewise. */
    @Override
    public void init(SplittableRandom rng) {
        Init.uniform(weight, bias, 1.0 / Math.sqrt(window.patch()), rng);
    }

    private Workspace workspace(int n) {
        return workspaces.computeIfAbsent(n, m -> new Workspace(m, window, out.channels()));
    }

    @Override
    public void forward(Matrix x, Matrix y) {
        int n = x.rows;
        Workspace ws = workspace(n);
        int area = out.area();
        int c = out.channels();
        Parallel.split(n, (long) n * ws.cols.cols * area, (a, b) -> window.im2col(x.data, ws.cols.data, a, b));
        ws.cols.changed();
        Blas.gemm(ws.cols, false, weight.value(), true, ws.pixels, 1f, 0f); // (n*oh*ow) x out
        Parallel.split(n, (long) n * out.size(), (a, b) -> Im2col.fromRows(ws.pixels.data, y.data, c, area, a, b));
        activation.applyWithChannelBias(y.data, n, c, area, bias.value().data);
        y.changed();
    }

    @Override
    public void backward(Matrix x, Matrix y, Matrix dy, Matrix dx) {
        int n = x.rows;
        Workspace ws = workspace(n);
        int area = out.area();
        int c = out.channels();
        activation.backprop(dy.data, y.data, n * out.size());
        Matrix g = ws.pixels; // (n*oh*ow) x out: dL/d(pre-activation), one row per output pixel
        Parallel.split(n, (long) n * out.size(), (a, b) -> Im2col.toRows(dy.data, g.data, c, area, a, b));
        g.changed();
        float[] db = bias.gradient().data;
        java.util.Arrays.fill(db, 0f);
        for (int r = 0; r < g.rows; r++) {
            int o = r * c;
            for (int j = 0; j < c; j++) {
                db[j] += g.data[o + j];
            }
        }
        bias.gradient().changed();
        Blas.gemm(g, true, ws.cols, false, weight.gradient(), 1f, 0f); // out x (in*k*k)
        if (dx != null) {
            Blas.gemm(g, false, weight.value(), false, ws.cols, 1f, 0f); // dL/dcols, (n*oh*ow) x (in*k*k)
            Parallel.split(n, (long) n * ws.cols.cols * area, (a, b) -> window.col2im(ws.cols.data, dx.data, a, b));
            dx.changed();
        }
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    @Override
    public Conv2d copy() {
        Conv2d c = new Conv2d(name, in, out.channels(), kernel, stride, padding, activation);
        Init.copyValues(this, c);
        return c;
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.window("conv2d", in, out, kernel, stride, padding, activation, parameters());
    }

    @Override
    public String toString() {
        return "Conv2d(" + in.channels() + " -> " + out.channels() + ", " + kernel + "x" + kernel + ", stride "
                + stride + ", padding " + padding + ", " + activation + ")";
    }
}
