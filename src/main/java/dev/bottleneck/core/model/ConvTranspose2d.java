package dev.bottleneck.core.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A transposed 2-d convolution {@code y = f(W^T * x + b)} as PyTorch's nn.ConvTranspose2d (square kernel, stride,
 * padding, no output padding, dilation or groups), with the activation f fused as in {@link Dense}: the adjoint of a
 * {@link Conv2d} with the same weight, used by decoders to grow an image. An {@code h x w} input gives
 * {@code ((h - 1) s - 2p + k) x ((w - 1) s - 2p + k)}: with k = 4, s = 2, p = 1 it doubles the size.
 *
 * <p>The weight is stored in PyTorch's layout {@code (in, out, kH, kW)}, an {@code in x (out * k * k)} matrix; the
 * bias is {@code 1 x out}. Computed as the col2im of one product: every input pixel (a row of {@code in} channels)
 * times W gives the {@code out x k x k} patch it stamps on the output, and col2im adds the patches up. The backward
 * pass is the im2col of dL/dy and two products.
 */
final class ConvTranspose2d implements Layer {

    private final String name;
    final Shape in;
    final Shape out;
    final int kernel;
    final int stride;
    final int padding;
    final Activation activation;
    private final Im2col window; // the convolution over the output whose adjoint this layer is
    final Parameter weight;
    final Parameter bias;
    private final Map<Integer, Workspace> workspaces = new HashMap<>();

    /** The products' operands for one batch size. */
    private static final class Workspace {
        final Matrix pixels; // (n * h * w) x in: x one row per input pixel; dL/dx likewise in the backward pass
        final Matrix cols;   // (n * h * w) x (out * k * k): the patches; im2col of dL/dy in the backward pass

        Workspace(int n, Im2col g, int inChannels) {
            pixels = new Matrix(n * g.positions(), inChannels);
            cols = new Matrix(n * g.positions(), g.patch());
        }
    }

    ConvTranspose2d(String name, Shape in, int outChannels, int kernel, int stride, int padding,
            Activation activation) {
        this.name = name;
        this.in = in;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.activation = activation;
        int oh = (in.height() - 1) * stride - 2 * padding + kernel;
        int ow = (in.width() - 1) * stride - 2 * padding + kernel;
        if (kernel < 1 || stride < 1 || padding < 0 || oh < 1 || ow < 1) {
            throw new IllegalArgumentException(name + ": a transposed convolution with kernel " + kernel + ", stride "
                    + stride + " and padding " + padding + " cannot take " + in);
        }
        this.out = Shape.image(outChannels, oh, ow);
        this.window = new Im2col(outChannels, oh, ow, kernel, stride, padding);
        int patch = window.patch();
        // (in, out, kH, kW) flattened: in x (out * k * k)
        this.weight = new Parameter(name + ".weight", new Matrix(in.channels(), patch),
                new Matrix(in.channels(), patch));
        this.bias = new Parameter(name + ".bias", new Matrix(1, outChannels), new Matrix(1, outChannels));
    }

    @Override
    public Shape inputShape() {
        return in;
    }

    @Override
    public Shape outputShape(Shape input) {
        if (!input.equals(in)) {
            throw new IllegalArgumentException(name + ": a transposed convolution built for " + in
                    + " cannot take " + input);
        }
        return out;
    }

    /**
     * PyTorch's nn.ConvTranspose2d default: U(-1/sqrt(fan_in), 1/sqrt(fan_in)), where PyTorch takes fan_in from the
     * weight's second dimension: {@code out * kH * kW}. Bias likewise.
     */
    @Override
    public void init(SplittableRandom rng) {
        Init.uniform(weight, bias, 1.0 / Math.sqrt(window.patch()), rng);
    }

    private Workspace workspace(int n) {
        return workspaces.computeIfAbsent(n, m -> new Workspace(m, window, in.channels()));
    }

    @Override
    public void forward(Matrix x, Matrix y) {
        int n = x.rows;
        Workspace ws = workspace(n);
        int c = in.channels();
        int area = in.area();
        Parallel.split(n, (long) n * in.size(), (a, b) -> Im2col.toRows(x.data, ws.pixels.data, c, area, a, b));
        ws.pixels.changed();
        Blas.gemm(ws.pixels, false, weight.value(), false, ws.cols, 1f, 0f); // (n*h*w) x (out*k*k)
        Parallel.split(n, (long) n * ws.cols.cols * area, (a, b) -> window.col2im(ws.cols.data, y.data, a, b));
        activation.applyWithChannelBias(y.data, n, out.channels(), out.area(), bias.value().data);
        y.changed();
    }

    @Override
    public void backward(Matrix x, Matrix y, Matrix dy, Matrix dx) {
        int n = x.rows;
        Workspace ws = workspace(n);
        int c = in.channels();
        int area = in.area();
        activation.backprop(dy.data, y.data, n * out.size());
        float[] db = bias.gradient().data;
        java.util.Arrays.fill(db, 0f);
        int oc = out.channels();
        int oa = out.area();
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < oc; ch++) {
                int o = (b * oc + ch) * oa;
                float s = 0f;
                for (int i = o; i < o + oa; i++) {
                    s += dy.data[i];
                }
                db[ch] += s;
            }
        }
        bias.gradient().changed();
        Parallel.split(n, (long) n * ws.cols.cols * area, (a, b) -> window.im2col(dy.data, ws.cols.data, a, b));
        ws.cols.changed(); // dL/d(patches), (n*h*w) x (out*k*k)
        Blas.gemm(ws.pixels, true, ws.cols, false, weight.gradient(), 1f, 0f); // in x (out*k*k)
        if (dx != null) {
            Blas.gemm(ws.cols, false, weight.value(), true, ws.pixels, 1f, 0f); // dL/dx, (n*h*w) x in
            Parallel.split(n, (long) n * in.size(), (a, b) -> Im2col.fromRows(ws.pixels.data, dx.data, c, area, a, b));
            dx.changed();
        }
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    @Override
    public ConvTranspose2d copy() {
        ConvTranspose2d c = new ConvTranspose2d(name, in, out.channels(), kernel, stride, padding, activation);
        Init.copyValues(this, c);
        return c;
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.window("conv-transpose2d", in, out, kernel, stride, padding, activation, parameters());
    }

    @Override
    public String toString() {
        return "ConvTranspose2d(" + in.channels() + " -> " + out.channels() + ", " + kernel + "x" + kernel
                + ", stride " + stride + ", padding " + padding + ", " + activation + ")";
    }
}
