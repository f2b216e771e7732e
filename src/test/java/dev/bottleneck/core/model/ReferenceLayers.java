package dev.bottleneck.core.model;

import java.util.List;

/**
 * The layers in double precision, written as their definitions (nested loops over every output pixel, no im2col, no
 * BLAS), for the gradient checks of {@link LayerGradientCheckTest}. Arrays are one batch, {@code n x shape.size()}
 * row-major, images in NCHW order; parameters are in {@link Layer#parameters()} order and layout.
 */
final class ReferenceLayers {

    private ReferenceLayers() {
    }

    /** The output of {@code layer} for {@code x} ({@code n} examples) with parameter values {@code p}. */
    static double[] forward(Layer layer, List<double[]> p, double[] x, int n) {
        if (layer instanceof Dense d) {
            return dense(d, p.get(0), p.get(1), x, n);
        }
        if (layer instanceof Conv2d c) {
            return conv(c, p.get(0), p.get(1), x, n);
        }
        if (layer instanceof ConvTranspose2d t) {
            return convTranspose(t, p.get(0), p.get(1), x, n);
        }
        if (layer instanceof Reshape) {
            return x.clone();
        }
        throw new IllegalArgumentException("no reference for " + layer);
    }

    /** y = f(x W + b), W {@code in x out}. */
    static double[] dense(Dense d, double[] w, double[] b, double[] x, int n) {
        double[] y = new double[n * d.out];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < d.out; c++) {
                double s = b[c];
                for (int i = 0; i < d.in; i++) {
                    s += x[r * d.in + i] * w[i * d.out + c];
                }
                y[r * d.out + c] = apply(d.activation, s);
            }
        }
        return y;
    }

    /**
     * PyTorch's conv2d: {@code y[b, o, i, j] = f(bias[o] + sum_{c, u, v} w[o, c, u, v] x[b, c, i s - p + u, j s - p + v])},
     * x read as 0 outside the image.
     */
    static double[] conv(Conv2d l, double[] w, double[] bias, double[] x, int n) {
        Shape in = l.in;
        Shape out = l.out;
        int k = l.kernel;
        double[] y = new double[n * out.size()];
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < out.channels(); o++) {
                for (int i = 0; i < out.height(); i++) {
                    for (int j = 0; j < out.width(); j++) {
                        double s = bias[o];
                        for (int c = 0; c < in.channels(); c++) {
                            for (int u = 0; u < k; u++) {
                                for (int v = 0; v < k; v++) {
                                    int yy = i * l.stride - l.padding + u;
                                    int xx = j * l.stride - l.padding + v;
                                    if (yy >= 0 && yy < in.height() && xx >= 0 && xx < in.width()) {
                                        s += w[((o * in.channels() + c) * k + u) * k + v]
                                                * x[b * in.size() + (c * in.height() + yy) * in.width() + xx];
                                    }
                                }
                            }
                        }
                        y[b * out.size() + (o * out.height() + i) * out.width() + j] = apply(l.activation, s);
                    }
                }
            }
        }
        return y;
    }

    /**
     * PyTorch's conv_transpose2d: every input pixel stamps its kernel, scaled, on the output,
     * {@code y[b, o, i s - p + u, j s - p + v] += x[b, c, i, j] w[c, o, u, v]}, stamps outside the output dropped;
     * then {@code f(y + bias[o])}.
     */
    static double[] convTranspose(ConvTranspose2d l, double[] w, double[] bias, double[] x, int n) {
        Shape in = l.in;
        Shape out = l.out;
        int k = l.kernel;
        double[] y = new double[n * out.size()];
        for (int b = 0; b < n; b++) {
            for (int c = 0; c < in.channels(); c++) {
                for (int i = 0; i < in.height(); i++) {
                    for (int j = 0; j < in.width(); j++) {
                        double xv = x[b * in.size() + (c * in.height() + i) * in.width() + j];
                        for (int o = 0; o < out.channels(); o++) {
                            for (int u = 0; u < k; u++) {
                                for (int v = 0; v < k; v++) {
                                    int yy = i * l.stride - l.padding + u;
                                    int xx = j * l.stride - l.padding + v;
                                    if (yy >= 0 && yy < out.height() && xx >= 0 && xx < out.width()) {
                                        y[b * out.size() + (o * out.height() + yy) * out.width() + xx] +=
                                                xv * w[((c * out.channels() + o) * k + u) * k + v];
                                    }
                                }
                            }
                        }
                    }
                }
            }
            for (int o = 0; o < out.channels(); o++) {
                for (int q = 0; q < out.area(); q++) {
                    int at = b * out.size() + o * out.area() + q;
                    y[at] = apply(l.activation, y[at] + bias[o]);
                }
            }
        }
        return y;
    }

    static double apply(Activation a, double v) {
        return switch (a) {
            case RELU -> Math.max(0, v);
            case TANH -> Math.tanh(v);
            case SIGMOID -> 1 / (1 + Math.exp(-v));
            case ELU -> v > 0 ? v : Math.expm1(v);
            case LEAKY_RELU -> v > 0 ? v : 0.2 * v;
            case IDENTITY -> v;
        };
    }
}
