package dev.bottleneck.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.train.Adam;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine with two BLAS threads ({@code Blas.init(2)}, what {@code --threads 2} and {@code bottleneck.threads=2}
 * do): {@link Parallel} then splits the Bernoulli loss and Adam between the caller and a helper thread, and OpenBLAS
 * runs its products on two threads. That is the path of the headline two-thread speed, which the rest of the suite
 * (one thread, and batches below {@link Parallel#MIN_ELEMENTS}) never takes. Each test's sizes take the split
 * ({@link #theSizesHereTakeTheSplitWithTwoThreadsOnly}).
 *
 * <p>The tolerances:
 * <ul>
 * <li>The split loops alone (Parallel on, BLAS on one thread): the loops are row- or element-wise, each row's loss,
 *     each gradient element and each Adam update is the same sequence of float operations on whichever thread runs
 *     it, and Java's float arithmetic is IEEE-exact (strict since Java 17, vectorised or not). So gradients and
 *     parameters agree bit for bit: tolerance 0. The one thing that moves is the Bernoulli batch total, a double
 *     sum in two halves added at the end instead of one running sum: each recursive sum of n terms is within
 *     {@code (n - 1) 2^-53 sum |row|} of the exact sum, so the two totals differ by at most
 *     {@code 2 (n - 1) 2^-53 sum |row|}.</li>
 * <li>With OpenBLAS on two threads too, the products are not bit-for-bit those of one thread (measured: the first
 *     layer's output already differs in the last bit; OpenBLAS blocks the work differently for two threads), so
 *     there the two-thread gradient must pass, on its own, the same double-precision central-difference check as
 *     {@link DoubleGradientCheckTest} (float precision on the engine's side, relative 1e-3), at the headline's
 *     kind of size: 256 inputs, a 256 x 128 weight, a batch of 256.</li>
 * </ul>
 */
class TwoThreadsTest {

    /** Six features as in the gradient checks; 6000 rows make 36,000 elements, above the split threshold. */
    private static final int D = 6;
    private static final int N_CHECK = 6000;
    private static final double H = 1e-6;
    private static final int WIDE = 256;

    static Stream<Arguments> bernoulliModels() {
        List<Integer> hidden = List.of(7, 5);
        return Stream.of(
                Arguments.of("VAE tanh Bernoulli", VaeConfig.standard(D, hidden, 3, 1.0).withActivation(Activation.TANH)),
                Arguments.of("AE ReLU Bernoulli", AutoencoderConfig.plain(D, hidden, 3)),
                Arguments.of("beta-VAE capacity", VaeConfig.standard(D, hidden, 3, 1.0).withActivation(Activation.TANH)
                        .withCapacity(3.0, 5.0, 2)));
    }

    @Test
    void theSizesHereTakeTheSplitWithTwoThreadsOnly() {
        assertEquals(2, withThreads(2, () -> threadsUsed(N_CHECK, (long) N_CHECK * D)));
        assertEquals(2, withThreads(2, () -> threadsUsed(256, 256L * WIDE)));
        assertEquals(2, withThreads(2, () -> threadsUsed(WIDE * 128, WIDE * 128)));
        assertEquals(1, withThreads(1, () -> threadsUsed(N_CHECK, (long) N_CHECK * D)));
        assertEquals(2, withThreads(2, Blas::threads));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bernoulliModels")
    void gradientCheckPassesWithTwoThreadsOnTheSplitPath(String name, ModelConfig config) {
        GradientModel model = (GradientModel) config.build(42);
        float[] x = data(N_CHECK, D, 7);
        double worst = withThreads(2, () -> worstRelativeError(model, config, x, N_CHECK, 6));
        // DoubleGradientCheckTest's tolerance: float precision on the engine's side.
        assertTrue(worst < 1e-3, name + ": worst relative error " + worst);
    }

    /**
     * The engine's gradient on {@code x} against central differences of {@link DoubleGradientCheckTest.ReferenceLoss}
     * at {@code perTensor} elements of each parameter; the worst relative error (after checking the engine computes
     * the reference's loss).
     */
    private static double worstRelativeError(GradientModel model, ModelConfig config, float[] x, int n, int perTensor) {
        double epochs = 0.75; // mid-schedule: capacity terms are active
        double engineLoss = model.computeGradients(x, x, n, epochs, new SplittableRandom(3)).loss();
        List<double[]> params = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            double[] v = new double[p.value().data.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = p.value().data[i];
            }
            params.add(v);
        }
        DoubleGradientCheckTest.ReferenceLoss ref = new DoubleGradientCheckTest.ReferenceLoss(config, model.parameters());
        double refLoss = ref.loss(params, x, n, epochs, 3);
        assertEquals(refLoss, engineLoss, 1e-5 * Math.max(1, Math.abs(refLoss)), "same function");
        double worst = 0;
        String worstAt = "";
        List<Parameter> ps = model.parameters();
        for (int pi = 0; pi < ps.size(); pi++) {
            float[] analytic = ps.get(pi).gradient().data;
            double[] w = params.get(pi);
            int stride = Math.max(1, w.length / perTensor);
            for (int i = 0; i < w.length; i += stride) {
                double keep = w[i];
                w[i] = keep + H;
                double up = ref.loss(params, x, n, epochs, 3);
                w[i] = keep - H;
                double down = ref.loss(params, x, n, epochs, 3);
                w[i] = keep;
                double numeric = (up - down) / (2 * H);
                double err = Math.abs(numeric - analytic[i]) / Math.max(Math.abs(numeric), 1e-2);
                if (err > worst) {
                    worst = err;
                    worstAt = ps.get(pi).name() + "[" + i + "]: analytic " + analytic[i] + ", numeric " + numeric;
                }
            }
        }
        assertTrue(worst < 1e-3, "worst relative error " + worst + " at " + worstAt);
        return worst;
    }

    /** The headline's kind of size with OpenBLAS on two threads as well: the gradient check in double. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("bernoulliModels")
    void gradientCheckPassesWithTwoBlasThreadsAtTheSizeTheSplitIsFor(String name, ModelConfig small) {
        int n = 256;
        ModelConfig config = wide(small);
        GradientModel model = (GradientModel) config.build(5);
        float[] x = data(n, WIDE, 11);
        double worst = withThreads(2, () -> worstRelativeError(model, config, x, n, 3));
        assertTrue(worst < 1e-3, name + ": worst relative error " + worst);
    }

    /**
     * The split loops alone (Parallel on, OpenBLAS on one thread) give the one-thread gradients bit for bit, and
     * the one-thread loss to within the reordered double sum.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("bernoulliModels")
    void theSplitLoopsGiveTheOneThreadGradientsBitForBit(String name, ModelConfig small) {
        ModelConfig config = wide(small);
        int n = 256;
        float[] x = data(n, WIDE, 11);
        GradientModel one = (GradientModel) config.build(5);
        GradientModel two = (GradientModel) config.build(5);
        LossTerms t1 = withThreads(1, () -> one.computeGradients(x, x, n, 0.75, new SplittableRandom(9)));
        LossTerms t2 = withThreads(1, () -> {
            Parallel.configure(2); // the helper thread, with BLAS kept on one
            assertEquals(2, threadsUsed(n, (long) n * WIDE));
            return two.computeGradients(x, x, n, 0.75, new SplittableRandom(9));
        });
        for (int p = 0; p < one.parameters().size(); p++) {
            assertArrayEquals(one.parameters().get(p).gradient().data, two.parameters().get(p).gradient().data,
                    name + ": " + one.parameters().get(p).name());
        }
        // The mean reconstruction: each example's NLL is >= 0, so sum |row| / n is the term itself.
        double recon = t1.value(Term.RECONSTRUCTION);
        double bound = 2.0 * (n - 1) * 0x1p-53 * recon;
        assertEquals(recon, t2.value(Term.RECONSTRUCTION), bound, name + ": reconstruction");
        assertEquals(t1.loss(), t2.loss(), bound, name + ": loss");
    }

    /** The small config at 256 inputs, one hidden layer of 128 and 8 latent dimensions. */
    private static ModelConfig wide(ModelConfig small) {
        return small instanceof VaeConfig v
                ? new VaeConfig(WIDE, List.of(128), 8, v.activation(), v.likelihood(), v.gaussianSigma(), v.beta(),
                        v.klWarmupEpochs(), v.capacityGamma(), v.capacityMax(), v.capacityEpochs())
                : AutoencoderConfig.plain(WIDE, List.of(128), 8);
    }

    /** Adam over a 256 x 128 weight (split) and its bias (not split), three steps, one and two threads. */
    @Test
    void adamWithTwoThreadsMovesEveryParameterAsWithOne() {
        float[][] one = adamSteps(1);
        float[][] two = adamSteps(2);
        assertArrayEquals(one[0], two[0], "the split weight");
        assertArrayEquals(one[1], two[1], "the bias");
        float[] start = data(256, 128, 21);
        int moved = 0;
        for (int i = 0; i < start.length; i++) {
            moved += start[i] != two[0][i] ? 1 : 0;
        }
        assertEquals(start.length, moved, "every element of both halves moved");
    }

    private static float[][] adamSteps(int threads) {
        Parameter w = new Parameter("w", new Matrix(256, 128, data(256, 128, 21)), new Matrix(256, 128));
        Parameter b = new Parameter("b", new Matrix(1, 128, data(1, 128, 22)), new Matrix(1, 128));
        Adam adam = new Adam(1e-2, 0.9, 0.999, 1e-8);
        SplittableRandom r = new SplittableRandom(23);
        return withThreads(threads, () -> {
            for (int step = 0; step < 3; step++) {
                for (Parameter p : List.of(w, b)) {
                    float[] g = p.gradient().data;
                    for (int i = 0; i < g.length; i++) {
                        g[i] = (float) r.nextGaussian();
                    }
                    p.gradient().changed();
                }
                adam.step(List.of(w, b));
            }
            return new float[][] {w.value().data.clone(), b.value().data.clone()};
        });
    }

    /** Runs {@code body} with {@code threads} BLAS threads, then restores the count there was. */
    private static <T> T withThreads(int threads, Supplier<T> body) {
        int before = Blas.threads();
        Blas.init(threads);
        try {
            return body.get();
        } finally {
            Blas.init(before);
        }
    }

    /** How many threads {@link Parallel#split} runs a loop of these sizes on now. */
    private static int threadsUsed(int n, long elements) {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        Parallel.split(n, elements, (from, to) -> threads.add(Thread.currentThread()));
        return threads.size();
    }

    private static float[] data(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble();
        }
        return x;
    }
}
