package dev.bottleneck.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The central-difference gradient check of every layer, in double precision, as {@link DoubleGradientCheckTest} does
 * for whole models: the numerical side runs on {@link ReferenceLayers} (the definitions as nested loops, in double),
 * which is first checked to compute the engine's output; then the engine's backward pass (im2col, BLAS, fused
 * activations) must agree with central differences (h = 1e-6) of the scalar {@code L = sum g * y}, g fixed and
 * random, for every parameter and every input value. The same is done through a whole {@link Network} of conv,
 * reshape and dense layers, which also checks the network's buffers and the chaining of input gradients.
 */
class LayerGradientCheckTest {

    private static final int N = 3;
    private static final double H = 1e-6;

    static Stream<Arguments> layers() {
        Shape img = Shape.image(2, 5, 6);
        return Stream.of(
                net("Conv2d 2->3, 5x6, k3 s2 p1, tanh", b -> b.conv2d(3, 3, 2, 1, Activation.TANH), img),
                net("Conv2d 1->2, 4x4, k2 s1 p0, ELU", b -> b.conv2d(2, 2, 1, 0, Activation.ELU),
                        Shape.image(1, 4, 4)),
                net("Conv2d 2->2, 7x7, k4 s2 p1, sigmoid", b -> b.conv2d(2, 4, 2, 1, Activation.SIGMOID),
                        Shape.image(2, 7, 7)),
                net("Conv2d 3->2, 4x5, k3 s1 p2, identity", b -> b.conv2d(2, 3, 1, 2, Activation.IDENTITY),
                        Shape.image(3, 4, 5)),
                net("ConvTranspose2d 3->2, 3x4, k4 s2 p1, tanh", b -> b.convTranspose2d(2, 4, 2, 1, Activation.TANH),
                        Shape.image(3, 3, 4)),
                net("ConvTranspose2d 2->1, 2x2, k3 s1 p0, identity",
                        b -> b.convTranspose2d(1, 3, 1, 0, Activation.IDENTITY), Shape.image(2, 2, 2)),
                net("ConvTranspose2d 1->2, 3x3, k3 s2 p1, ELU", b -> b.convTranspose2d(2, 3, 2, 1, Activation.ELU),
                        Shape.image(1, 3, 3)),
                net("Reshape 2x3x4 -> 4x3x2", b -> b.reshape(Shape.image(4, 3, 2)), Shape.image(2, 3, 4)),
                net("Flatten 2x3x4", Network.Builder::flatten, Shape.image(2, 3, 4)),
                net("Dense 6->4, tanh", b -> b.dense(4, Activation.TANH), Shape.features(6)),
                // Kim & Mnih's discriminator: leaky ReLU (slope 0.2) between dense layers, one logit out.
                net("Dense 5->7 leaky ReLU, 7->1", b -> b.dense(7, Activation.LEAKY_RELU)
                        .dense(1, Activation.IDENTITY), Shape.features(5)),
                net("Conv2d 1->2, 4x4, k2 s1 p0, leaky ReLU", b -> b.conv2d(2, 2, 1, 0, Activation.LEAKY_RELU),
                        Shape.image(1, 4, 4)),
                net("conv, flatten, dense, dense, reshape, transposed conv", b -> b
                        .conv2d(3, 3, 2, 1, Activation.TANH)       // 2x6x6 -> 3x3x3
                        .flatten()                                  // 27
                        .dense(5, Activation.ELU)
                        .dense(12, Activation.TANH)
                        .reshape(Shape.image(3, 2, 2))
                        .convTranspose2d(2, 4, 2, 1, Activation.SIGMOID), // 3x2x2 -> 2x4x4
                        Shape.image(2, 6, 6)));
    }

    private static Arguments net(String name, java.util.function.UnaryOperator<Network.Builder> layers, Shape in) {
        Supplier<Network> s = () -> layers.apply(Network.builder("net", in)).build();
        return Arguments.of(name, s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void engineGradientMatchesDoublePrecisionCentralDifferences(String name, Supplier<Network> make) {
        Network net = make.get();
        net.init(new SplittableRandom(11));
        SplittableRandom r = new SplittableRandom(5);
        float[] xf = random(N * net.inputSize(), r);
        double[] g = toDouble(random(N * net.outputSize(), r));
        Matrix x = new Matrix(N, net.inputSize(), xf.clone());

        float[] y = net.forward(x).data.clone();
        List<double[]> params = inDouble(net.parameters());
        double[] xd = toDouble(xf);
        double[] yRef = reference(net, params, xd);
        for (int i = 0; i < y.length; i++) {
            assertEquals(yRef[i], y[i], 2e-6 * Math.max(1, Math.abs(yRef[i])), name + ": same output at " + i);
        }

        Matrix dy = net.outputGrad(N);
        for (int i = 0; i < g.length; i++) {
            dy.data[i] = (float) g[i];
        }
        dy.changed();
        float[] dx = net.backward(x, true).data.clone();

        double worst = 0;
        String worstAt = "";
        int checked = 0;
        List<Parameter> ps = net.parameters();
        for (int pi = 0; pi < ps.size(); pi++) {
            double[] w = params.get(pi);
            float[] analytic = ps.get(pi).gradient().data;
            for (int i = 0; i < w.length; i++) {
                double keep = w[i];
                w[i] = keep + H;
                double up = loss(net, params, xd, g);
                w[i] = keep - H;
                double down = loss(net, params, xd, g);
                w[i] = keep;
                double err = relativeError((up - down) / (2 * H), analytic[i]);
                if (err > worst) {
                    worst = err;
                    worstAt = ps.get(pi).name() + "[" + i + "]";
                }
                checked++;
            }
        }
        for (int i = 0; i < xd.length; i++) {
            double keep = xd[i];
            xd[i] = keep + H;
            double up = loss(net, params, xd, g);
            xd[i] = keep - H;
            double down = loss(net, params, xd, g);
            xd[i] = keep;
            double err = relativeError((up - down) / (2 * H), dx[i]);
            if (err > worst) {
                worst = err;
                worstAt = "input[" + i + "]";
            }
            checked++;
        }
        assertTrue(checked >= xd.length, name);
        assertTrue(worst < 1e-3, name + ": worst relative error " + worst + " at " + worstAt);
    }

    @Test
    void theCheckSeesAWeightGradientOffByOnePercent() {
        Network net = Network.builder("net", Shape.image(2, 5, 5)).conv2d(2, 3, 2, 1, Activation.TANH).build();
        net.init(new SplittableRandom(11));
        SplittableRandom r = new SplittableRandom(5);
        float[] xf = random(N * net.inputSize(), r);
        double[] g = toDouble(random(N * net.outputSize(), r));
        Matrix x = new Matrix(N, net.inputSize(), xf.clone());
        net.forward(x);
        Matrix dy = net.outputGrad(N);
        for (int i = 0; i < g.length; i++) {
            dy.data[i] = (float) g[i];
        }
        dy.changed();
        net.backward(x, false);
        List<double[]> params = inDouble(net.parameters());
        double[] xd = toDouble(xf);
        double[] w = params.get(0);
        w[3] += H;
        double up = loss(net, params, xd, g);
        w[3] -= 2 * H;
        double down = loss(net, params, xd, g);
        double numeric = (up - down) / (2 * H);
        double right = relativeError(numeric, net.parameters().get(0).gradient().data[3]);
        double wrong = relativeError(numeric, 1.01f * net.parameters().get(0).gradient().data[3]);
        assertTrue(right < 1e-3 && wrong > 1e-3, "right " + right + ", 1% off " + wrong);
    }

    @Test
    void splittingTheBatchBetweenTwoThreadsChangesNothing() {
        // im2col, col2im and the NCHW permutations split a large batch by examples (Parallel.split, taken with two
        // BLAS threads); each example is computed the same way on either thread, so the results are identical.
        Network net = Network.builder("net", Shape.image(2, 16, 16))
                .conv2d(8, 4, 2, 1, Activation.TANH)
                .convTranspose2d(2, 4, 2, 1, Activation.IDENTITY)
                .build();
        net.init(new SplittableRandom(3));
        int n = 64;
        float[] x = random(n * net.inputSize(), new SplittableRandom(4));
        boolean was = Parallel.enabled();
        try {
            Parallel.configure(1);
            float[][] alone = forwardBackward(net, x, n);
            Parallel.configure(2);
            float[][] split = forwardBackward(net, x, n);
            for (int i = 0; i < alone.length; i++) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(alone[i], split[i], "array " + i);
            }
        } finally {
            Parallel.configure(was ? 2 : 1);
        }
    }

    /** {output, dL/dx, every parameter gradient} for L = sum y. */
    private static float[][] forwardBackward(Network net, float[] x, int n) {
        Matrix xm = new Matrix(n, net.inputSize(), x.clone());
        List<float[]> out = new ArrayList<>();
        out.add(net.forward(xm).data.clone());
        Matrix dy = net.outputGrad(n);
        java.util.Arrays.fill(dy.data, 1f);
        dy.changed();
        out.add(net.backward(xm, true).data.clone());
        for (Parameter p : net.parameters()) {
            out.add(p.gradient().data.clone());
        }
        return out.toArray(new float[0][]);
    }

    private static double relativeError(double numeric, double analytic) {
        return Math.abs(numeric - analytic) / Math.max(Math.abs(numeric), 1e-2);
    }

    /** L = sum g * y with y the reference network's output. */
    private static double loss(Network net, List<double[]> params, double[] x, double[] g) {
        double[] y = reference(net, params, x);
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += g[i] * y[i];
        }
        return s;
    }

    private static double[] reference(Network net, List<double[]> params, double[] x) {
        double[] cur = x;
        int at = 0;
        for (Layer l : net.layers()) {
            int k = l.parameters().size();
            cur = ReferenceLayers.forward(l, params.subList(at, at + k), cur, N);
            at += k;
        }
        return cur;
    }

    private static List<double[]> inDouble(List<Parameter> ps) {
        List<double[]> out = new ArrayList<>();
        for (Parameter p : ps) {
            out.add(toDouble(p.value().data));
        }
        return out;
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static float[] random(int n, SplittableRandom r) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return a;
    }
}
