package dev.bottleneck.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The central-difference gradient check in double precision. The engine computes in float, so the numerical side
 * runs on {@link ReferenceLoss}, a plain double-precision transcription of each family's loss (same parameters, same
 * noise), with steps of 1e-6 where float would drown in rounding; the engine's hand-written gradient must agree with
 * it to float precision. The reference is first checked to compute the same loss as the engine.
 */
class DoubleGradientCheckTest {

    private static final int D = 6;
    private static final int N = 5;
    private static final double H = 1e-6;
    private static final double EPOCHS = 0.75; // mid-schedule: warm-up and capacity terms are active

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> models() {
        return GradientCheckTest.models();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void engineGradientMatchesDoublePrecisionCentralDifferences(String name, ModelConfig config) {
        GradientModel model = (GradientModel) config.build(42);
        float[] x = data();
        double engineLoss = model.computeGradients(x, x, N, EPOCHS, new SplittableRandom(3)).loss();
        List<double[]> params = inDouble(model);
        ReferenceLoss ref = new ReferenceLoss(config, model.parameters());
        double refLoss = ref.loss(params, x, N, EPOCHS, 3);
        assertEquals(refLoss, engineLoss, 1e-5 * Math.max(1, Math.abs(refLoss)), name + ": same function");
        double worst = 0;
        String worstAt = "";
        int checked = 0;
        List<Parameter> ps = model.parameters();
        for (int pi = 0; pi < ps.size(); pi++) {
            float[] analytic = ps.get(pi).gradient().data;
            double[] w = params.get(pi);
            int stride = Math.max(1, w.length / 12);
            for (int i = 0; i < w.length; i += stride) {
                double keep = w[i];
                w[i] = keep + H;
                double up = ref.loss(params, x, N, EPOCHS, 3);
                w[i] = keep - H;
                double down = ref.loss(params, x, N, EPOCHS, 3);
                w[i] = keep;
                double numeric = (up - down) / (2 * H);
                double err = Math.abs(numeric - analytic[i]) / Math.max(Math.abs(numeric), 1e-2);
                if (err > worst) {
                    worst = err;
                    worstAt = ps.get(pi).name() + "[" + i + "]: analytic " + analytic[i] + ", numeric " + numeric;
                }
                checked++;
            }
        }
        assertTrue(checked > 50);
        assertTrue(worst < 1e-3, name + ": worst relative error " + worst + " at " + worstAt);
    }

    @org.junit.jupiter.api.Test
    void theCheckSeesAGradientOffByOnePercent() {
        ModelConfig config = VaeConfig.standard(D, List.of(7, 5), 3, 1.0).withActivation(Activation.TANH);
        GradientModel model = (GradientModel) config.build(42);
        float[] x = data();
        model.computeGradients(x, x, N, EPOCHS, new SplittableRandom(3));
        List<double[]> params = inDouble(model);
        ReferenceLoss ref = new ReferenceLoss(config, model.parameters());
        double[] w = params.get(0);
        double keep = w[2];
        w[2] = keep + H;
        double up = ref.loss(params, x, N, EPOCHS, 3);
        w[2] = keep - H;
        double down = ref.loss(params, x, N, EPOCHS, 3);
        double numeric = (up - down) / (2 * H);
        double wrong = 1.01 * model.parameters().get(0).gradient().data[2];
        double err = Math.abs(numeric - wrong) / Math.max(Math.abs(numeric), 1e-2);
        assertTrue(err > 1e-3, "a 1% error must exceed the tolerance, was " + err);
    }

    /** The model's parameter values, in double precision, in parameters() order. */
    private static List<double[]> inDouble(GradientModel model) {
        List<double[]> params = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            double[] v = new double[p.value().data.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = p.value().data[i];
            }
            params.add(v);
        }
        return params;
    }

    private static float[] data() {
        SplittableRandom r = new SplittableRandom(7);
        float[] x = new float[N * D];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble();
        }
        return x;
    }

    /** Each family's loss in double precision, from the formulas in the model classes' Javadoc. */
    static final class ReferenceLoss {
        private final ModelConfig config;
        private final int[][] shapes; // {rows, cols} of each parameter, in parameters() order

        ReferenceLoss(ModelConfig config, List<Parameter> ps) {
            this.config = config;
            this.shapes = new int[ps.size()][];
            for (int i = 0; i < ps.size(); i++) {
                shapes[i] = new int[] {ps.get(i).value().rows, ps.get(i).value().cols};
            }
        }

        double loss(List<double[]> p, float[] xf, int n, double epochs, long noiseSeed) {
            int d = config.inputDim();
            double[][] x = new double[n][d];
            for (int r = 0; r < n; r++) {
                for (int i = 0; i < d; i++) {
                    x[r][i] = xf[r * d + i];
                }
            }
            int layers = p.size() / 2;
            int encLayers = hiddenCount() + 1;
            if (config instanceof AutoencoderConfig a) {
                Activation codeAct = a.sparsity() == Sparsity.KL ? Activation.SIGMOID : Activation.IDENTITY;
                double[][] z = mlp(p, 0, encLayers, x, a.activation(), codeAct);
                double[][] out = mlp(p, encLayers, layers, z, a.activation(), Activation.IDENTITY);
                double loss = nll(a.likelihood(), a.gaussianSigma(), out, x) / n;
                double w = a.sparsityWeight();
                if (a.sparsity() == Sparsity.L1 && w > 0) {
                    double s = 0;
                    for (double[] row : z) {
                        for (double v : row) {
                            s += Math.abs(v);
                        }
                    }
                    loss += w * s / n;
                } else if (a.sparsity() == Sparsity.KL && w > 0) {
                    double rho = a.sparsityTarget();
                    for (int j = 0; j < z[0].length; j++) {
                        double m = 0;
                        for (double[] row : z) {
                            m += row[j];
                        }
                        double q = Math.min(1 - 1e-6, Math.max(1e-6, m / n));
                        loss += w * (rho * Math.log(rho / q) + (1 - rho) * Math.log((1 - rho) / (1 - q)));
                    }
                }
                return loss;
            }
            if (config instanceof TcVaeConfig t) {
                return tcVaeLoss(t, p, x, n, encLayers, layers, noiseSeed);
            }
            VaeConfig v = (VaeConfig) config;
            int k = v.latentDim();
            double[][] h = mlp(p, 0, encLayers, x, v.activation(), Activation.IDENTITY);
            SplittableRandom noise = new SplittableRandom(noiseSeed);
            double[][] z = new double[n][k];
            double kl = 0;
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < k; j++) {
                    double mu = h[r][j];
                    double lv = h[r][k + j];
                    double eps = (float) noise.nextGaussian(); // the engine draws its noise as float
                    z[r][j] = mu + Math.exp(0.5 * lv) * eps;
                    kl += 0.5 * (mu * mu + Math.exp(lv) - 1 - lv);
                }
            }
            double[][] out = mlp(p, encLayers, layers, z, v.activation(), Activation.IDENTITY);
            double recon = nll(v.likelihood(), v.gaussianSigma(), out, x) / n;
            kl /= n;
            if (v.usesCapacity()) {
                return recon + v.capacityGamma() * Math.abs(kl - v.capacity(epochs));
            }
            return recon + v.klWeight(epochs) * kl;
        }

        /**
         * The beta-TCVAE's loss as its Javadoc writes it, transcribed without the engine's decomposition: the same z
         * as the VAE's, then log q(z_i|x_r) over the whole batch, the stratified weights of Chen et al.'s appendix
         * (1/N own, (N-M')/(N M') the next, 1/M' the rest, M' = M - 1), log-sum-exps, and
         * recon + alpha MI + beta TC + gamma dimKL.
         */
        private double tcVaeLoss(TcVaeConfig t, List<double[]> p, double[][] x, int n, int encLayers, int layers,
                long noiseSeed) {
            int k = t.latentDim();
            double[][] h = mlp(p, 0, encLayers, x, t.activation(), Activation.IDENTITY);
            SplittableRandom noise = new SplittableRandom(noiseSeed);
            double[][] z = new double[n][k];
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < k; j++) {
                    z[r][j] = h[r][j] + Math.exp(0.5 * h[r][k + j]) * (float) noise.nextGaussian();
                }
            }
            double[][] out = mlp(p, encLayers, layers, z, t.activation(), Activation.IDENTITY);
            double recon = nll(t.likelihood(), t.gaussianSigma(), out, x) / n;
            double bigN = Math.max(t.datasetSize(), n);
            double mp = n - 1;
            double mi = 0;
            double tc = 0;
            double dim = 0;
            for (int i = 0; i < n; i++) {
                double[] joint = new double[n];
                double[][] cells = new double[k][n];
                double self = 0;
                double prior = 0;
                for (int r = 0; r < n; r++) {
                    double w = n == 1 ? 1 : r == i ? 1 / bigN : r == (i + 1) % n ? (bigN - mp) / (bigN * mp) : 1 / mp;
                    for (int j = 0; j < k; j++) {
                        double lv = h[r][k + j];
                        double dz = z[i][j] - h[r][j];
                        double l = -0.5 * Math.log(2 * Math.PI) - 0.5 * lv - 0.5 * dz * dz / Math.exp(lv);
                        joint[r] += l;
                        cells[j][r] = Math.log(w) + l;
                        if (r == i) {
                            self += l;
                        }
                    }
                    joint[r] += Math.log(w);
                }
                double marginals = 0;
                for (int j = 0; j < k; j++) {
                    marginals += logSumExp(cells[j]);
                    prior += -0.5 * Math.log(2 * Math.PI) - 0.5 * z[i][j] * z[i][j];
                }
                double a = logSumExp(joint);
                mi += self - a;
                tc += a - marginals;
                dim += marginals - prior;
            }
            return recon + (t.alpha() * mi + t.beta() * tc + t.gamma() * dim) / n;
        }

        private static double logSumExp(double[] v) {
            double m = Double.NEGATIVE_INFINITY;
            for (double x : v) {
                m = Math.max(m, x);
            }
            double s = 0;
            for (double x : v) {
                s += Math.exp(x - m);
            }
            return m + Math.log(s);
        }

        private int hiddenCount() {
            return ((NeuralConfig) config).hidden().size();
        }

        /** Layers [from, to) of the parameter list: W (in x out) and b alternate. */
        private double[][] mlp(List<double[]> p, int from, int to, double[][] in, Activation hidden, Activation last) {
            double[][] cur = in;
            for (int l = from; l < to; l++) {
                double[] w = p.get(2 * l);
                double[] b = p.get(2 * l + 1);
                int rows = shapes[2 * l][0];
                int cols = shapes[2 * l][1];
                double[][] next = new double[cur.length][cols];
                Activation act = l == to - 1 ? last : hidden;
                for (int r = 0; r < cur.length; r++) {
                    for (int c = 0; c < cols; c++) {
                        double s = b[c];
                        for (int i = 0; i < rows; i++) {
                            s += cur[r][i] * w[i * cols + c];
                        }
                        next[r][c] = apply(act, s);
                    }
                }
                cur = next;
            }
            return cur;
        }

        private static double apply(Activation a, double v) {
            return switch (a) {
                case RELU -> Math.max(0, v);
                case TANH -> Math.tanh(v);
                case SIGMOID -> 1 / (1 + Math.exp(-v));
                case ELU -> v > 0 ? v : Math.expm1(v);
                case LEAKY_RELU -> v > 0 ? v : 0.2 * v;
                case IDENTITY -> v;
            };
        }

        private static double nll(Likelihood l, double sigma, double[][] out, double[][] x) {
            double s = 0;
            for (int r = 0; r < out.length; r++) {
                for (int i = 0; i < out[r].length; i++) {
                    double o = out[r][i];
                    if (l == Likelihood.BERNOULLI) {
                        s += Math.max(o, 0) - x[r][i] * o + Math.log1p(Math.exp(-Math.abs(o)));
                    } else {
                        double d = o - x[r][i];
                        s += d * d / (2 * sigma * sigma) + Math.log(sigma) + 0.5 * Math.log(2 * Math.PI);
                    }
                }
            }
            return s;
        }
    }
}
