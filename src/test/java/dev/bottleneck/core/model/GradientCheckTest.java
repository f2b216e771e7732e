package dev.bottleneck.core.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Central-difference checks of every hand-written gradient: each family, each loss option, each activation.
 *
 * <p>The engine computes in single precision (float is what makes it as fast as PyTorch), so the check is done the
 * way single precision allows: a small net, a step of h = 5e-3 on a loss summed in double, and a mixed
 * absolute/relative tolerance. A wrong sign, a missing term or a factor of two fails it by orders of magnitude
 * (see {@link #aWrongGradientFails}). {@link DoubleGradientCheckTest} repeats the check with the numerical side in
 * double precision, to float precision on the engine's side.
 */
class GradientCheckTest {

    private static final int D = 6;
    private static final int N = 5;
    private static final double H = 5e-3;

    static Stream<Arguments> models() {
        List<Integer> hidden = List.of(7, 5);
        AutoencoderConfig ae = AutoencoderConfig.plain(D, hidden, 3);
        VaeConfig vae = VaeConfig.standard(D, hidden, 3, 1.0);
        return Stream.of(
                Arguments.of("AE tanh Bernoulli", ae.withActivation(Activation.TANH)),
                Arguments.of("AE sigmoid Bernoulli", ae.withActivation(Activation.SIGMOID)),
                Arguments.of("AE ELU Gaussian", ae.withActivation(Activation.ELU).withLikelihood(Likelihood.GAUSSIAN, 0.5)),
                Arguments.of("AE ReLU Bernoulli", ae),
                Arguments.of("sparse AE L1", ae.withActivation(Activation.TANH).withSparsity(Sparsity.L1, 0.3, 0.05)),
                Arguments.of("sparse AE KL", ae.withActivation(Activation.TANH).withSparsity(Sparsity.KL, 0.5, 0.1)),
                Arguments.of("VAE tanh Bernoulli", vae.withActivation(Activation.TANH)),
                Arguments.of("VAE ELU Gaussian", vae.withActivation(Activation.ELU).withLikelihood(Likelihood.GAUSSIAN, 0.7)),
                Arguments.of("beta-VAE beta 4", VaeConfig.standard(D, hidden, 3, 4.0).withActivation(Activation.TANH)),
                Arguments.of("beta-VAE warm-up", VaeConfig.standard(D, hidden, 3, 2.0).withActivation(Activation.TANH)
                        .withWarmup(4)),
                Arguments.of("beta-VAE capacity", VaeConfig.standard(D, hidden, 3, 1.0).withActivation(Activation.TANH)
                        .withCapacity(3.0, 5.0, 2)),
                // Three different weights, so a gradient through the wrong term cannot pass; N = 40 > the batch.
                Arguments.of("beta-TCVAE alpha .5 beta 4 gamma 2", TcVaeConfig.standard(D, hidden, 3, 0.5, 4, 2)
                        .withActivation(Activation.TANH).withDatasetSize(40)),
                Arguments.of("beta-TCVAE ELU Gaussian, N unknown", TcVaeConfig.standard(D, hidden, 3, 1, 6, 1)
                        .withActivation(Activation.ELU).withLikelihood(Likelihood.GAUSSIAN, 0.7)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void analyticGradientMatchesCentralDifferences(String name, ModelConfig config) {
        GradientModel model = (GradientModel) config.build(42);
        float[] x = data(7);
        double epochs = 0.75; // mid-schedule, so warm-up and capacity terms are active
        model.computeGradients(x, x, N, epochs, new SplittableRandom(3));
        int checked = 0;
        double worst = 0;
        String worstAt = "";
        for (Parameter p : model.parameters()) {
            // The analytic gradient at the unperturbed point: the previous parameter's last evaluation, at keep - h,
            // left the gradients of a neighbouring point (a 5 % difference for the beta-TCVAE on a batch of 5).
            model.computeGradients(x, x, N, epochs, new SplittableRandom(3));
            float[] analytic = p.gradient().data.clone();
            float[] w = p.value().data;
            int stride = Math.max(1, w.length / 12);
            for (int i = 0; i < w.length; i += stride) {
                float keep = w[i];
                w[i] = (float) (keep + H);
                p.value().changed();
                double up = model.computeGradients(x, x, N, epochs, new SplittableRandom(3)).loss();
                w[i] = (float) (keep - H);
                p.value().changed();
                double down = model.computeGradients(x, x, N, epochs, new SplittableRandom(3)).loss();
                w[i] = keep;
                p.value().changed();
                double numeric = (up - down) / (2 * H);
                double err = Math.abs(numeric - analytic[i]) / Math.max(Math.abs(numeric) + Math.abs(analytic[i]), 0.05);
                if (err > worst) {
                    worst = err;
                    worstAt = p.name() + "[" + i + "]: analytic " + analytic[i] + ", numeric " + numeric;
                }
                checked++;
            }
        }
        assertTrue(checked > 50, "checked " + checked);
        assertTrue(worst < 0.02, name + ": worst relative error " + worst + " at " + worstAt);
    }

    @org.junit.jupiter.api.Test
    void aWrongGradientFails() {
        // The same comparison catches a gradient that is off by a factor of two.
        GradientModel model = (GradientModel) VaeConfig.standard(D, List.of(7, 5), 3, 1.0)
                .withActivation(Activation.TANH).build(42);
        float[] x = data(7);
        model.computeGradients(x, x, N, 1, new SplittableRandom(3));
        Parameter p = model.parameters().get(0);
        float analytic = 2 * p.gradient().data[1];
        float keep = p.value().data[1];
        p.value().data[1] = (float) (keep + H);
        p.value().changed();
        double up = model.computeGradients(x, x, N, 1, new SplittableRandom(3)).loss();
        p.value().data[1] = (float) (keep - H);
        p.value().changed();
        double down = model.computeGradients(x, x, N, 1, new SplittableRandom(3)).loss();
        double numeric = (up - down) / (2 * H);
        double err = Math.abs(numeric - analytic) / Math.max(Math.abs(numeric) + Math.abs(analytic), 0.05);
        assertTrue(err > 0.1, "a doubled gradient should fail the check, error " + err);
    }

    private static float[] data(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[N * D];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble();
        }
        return x;
    }
}
