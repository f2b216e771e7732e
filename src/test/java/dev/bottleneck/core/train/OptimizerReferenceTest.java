package dev.bottleneck.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bottleneck.core.model.Matrix;
import dev.bottleneck.core.model.Parameter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Adam} and {@link SgdMomentum} against three steps of {@code torch.optim.Adam} and {@code torch.optim.SGD}
 * (momentum 0.9) from the same start, on the small problem of {@code interop/numerics_reference.py}; the values that
 * script printed are committed as {@code reference/optim.json}. The recorded gradients are fed to the engine's
 * optimiser, so what is compared is the optimisers alone, and a difference at step 1 cannot hide behind a
 * gradient computed at a slightly different point.
 *
 * <p>The tolerance, from float32 arithmetic (unit roundoff {@code u = 2^-24}). Both implementations compute in
 * float the same real-number recursion, whose exact value {@link #exactAdam} / {@link #exactSgd} computes here in
 * double. Every gradient keeps its sign over the three steps (checked), so the moment sums add terms of one sign and
 * each float operation adds at most {@code u} relative error, with no cancellation to magnify it. Counting, to first
 * order, for step {@code t <= 3}:
 * <ul>
 * <li>Adam. {@code m = b1 m + (1 - b1) g}: the two constants' float representations, two products and a sum, 3u
 *     per step after the first (4u counting both constants once), at most 3t + 1 = 10u at t = 3. {@code v}: the
 *     same plus the product {@code g g}, at most 4t + 1 = 13u; half of it in {@code sqrt(v)}, plus the square
 *     root's own rounding: 8u. The denominator {@code sqrt(v) / sqrt(1 - b2^t) + eps}: the bias-correction
 *     factor rounded to float, the product or quotient, eps's representation and the sum, 4u more: 12u. The step
 *     {@code lr / (1 - b1^t)} rounded to float, its product with m and the quotient: 3u. The update
 *     {@code Delta_t} then carries at most 10 + 12 + 3 = 25u relative error; {@link #ADAM_ROUNDINGS} = 32 leaves
 *     room for the second-order terms (below 10^-5 of these).</li>
 * <li>SGD. {@code b = mu b + g}: mu's representation, the product and the sum, 3u per step after the first (the
 *     first is exact), 6u at t = 3; {@code lr b}: lr's representation and the product, 2u: 8u, rounded up to
 *     {@link #SGD_ROUNDINGS} = 10.</li>
 * <li>Both. Subtracting the update rounds {@code w_t} once, at most {@code u |w_t|}; an error in {@code w} is not
 *     fed back, because the gradients are given.</li>
 * </ul>
 * So each implementation lies within {@code sum_{s <= t} (K u |Delta_s| + u |w_s|)} of exact arithmetic at step
 * t, element by element, and the engine within twice that of torch. {@link #torchItselfIsWithinTheBoundOfExactArithmetic}
 * checks the one-sided bound on torch's numbers, and the wrong-hyperparameter tests check that the bound is tight
 * enough to see a beta2 of 0.99 for 0.999 or an eps of 1e-7 for 1e-8.
 */
class OptimizerReferenceTest {

    /** Unit roundoff of float32: half the distance from 1 to the next float. */
    private static final double U = 0x1p-24;
    private static final int ADAM_ROUNDINGS = 32;
    private static final int SGD_ROUNDINGS = 10;
    private static final JsonNode REF = load();

    /** One recorded parameter: its start, the gradient torch used at each step, and its values after each step. */
    private record Recorded(String name, int rows, int cols, float[] start, float[][] grads, float[][] after) {
    }

    /** The exact trajectory of one parameter: {@code delta[t][i]} is the update at step t+1, {@code w[t][i]} after. */
    private record Exact(double[][] delta, double[][] w) {
    }

    @Test
    void adamMatchesThreeStepsOfTorchOptimAdam() {
        JsonNode adam = REF.get("adam");
        double worst = worstRatio("adam", () -> new Adam(adam.get("lr").asDouble(), beta(0), beta(1),
                adam.get("eps").asDouble()), ADAM_ROUNDINGS);
        assertTrue(worst <= 1, "Adam differs from torch.optim.Adam by " + worst + " times the bound");
    }

    @Test
    void sgdWithMomentumMatchesThreeStepsOfTorchOptimSgd() {
        JsonNode sgd = REF.get("sgd");
        double worst = worstRatio("sgd", () -> new SgdMomentum(sgd.get("lr").asDouble(),
                sgd.get("momentum").asDouble()), SGD_ROUNDINGS);
        assertTrue(worst <= 1, "SGD differs from torch.optim.SGD by " + worst + " times the bound");
    }

    /** The derivation, tested on torch's side: its numbers lie within the one-sided bound of exact arithmetic. */
    @Test
    void torchItselfIsWithinTheBoundOfExactArithmetic() {
        for (String opt : List.of("adam", "sgd")) {
            int k = opt.equals("adam") ? ADAM_ROUNDINGS : SGD_ROUNDINGS;
            for (Recorded r : recorded(opt)) {
                Exact e = exact(opt, r);
                for (int t = 0; t < r.after().length; t++) {
                    for (int i = 0; i < r.start().length; i++) {
                        double bound = oneSidedBound(e, t, i, k);
                        double err = Math.abs(r.after()[t][i] - e.w()[t][i]);
                        assertTrue(err <= bound, opt + " " + r.name() + "[" + i + "] step " + (t + 1) + ": torch "
                                + r.after()[t][i] + ", exact " + e.w()[t][i] + ", bound " + bound);
                    }
                }
            }
        }
    }

    /** The error analysis assumes no gradient changes sign within the three steps (no cancellation in m or b). */
    @Test
    void theRecordedGradientsKeepTheirSigns() {
        for (String opt : List.of("adam", "sgd")) {
            for (Recorded r : recorded(opt)) {
                for (float[] g : r.grads()) {
                    for (int i = 0; i < g.length; i++) {
                        assertEquals(Math.signum(r.grads()[0][i]), Math.signum(g[i]), opt + " " + r.name() + "[" + i + "]");
                        assertTrue(g[i] != 0);
                    }
                }
            }
        }
    }

    /** The comparison sees a wrong hyperparameter: it fails by more than ten times the bound. */
    @ParameterizedTest(name = "lr {0}, beta1 {1}, beta2 {2}, eps {3}")
    @CsvSource({"0.1, 0.9, 0.99, 1e-8", "0.1, 0.8, 0.999, 1e-8", "0.1, 0.9, 0.999, 1e-7", "0.10001, 0.9, 0.999, 1e-8"})
    void aWrongAdamHyperparameterFails(double lr, double beta1, double beta2, double eps) {
        double worst = worstRatio("adam", () -> new Adam(lr, beta1, beta2, eps), ADAM_ROUNDINGS);
        assertTrue(worst > 10, "a wrong Adam went unnoticed: " + worst + " times the bound");
    }

    @ParameterizedTest(name = "lr {0}, momentum {1}")
    @CsvSource({"0.05, 0.89", "0.0501, 0.9"})
    void aWrongSgdHyperparameterFails(double lr, double momentum) {
        double worst = worstRatio("sgd", () -> new SgdMomentum(lr, momentum), SGD_ROUNDINGS);
        assertTrue(worst > 10, "a wrong SGD went unnoticed: " + worst + " times the bound");
    }

    /**
     * Runs the engine's optimiser on the recorded gradients and returns the largest {@code |engine - torch|} over
     * every element and step, as a multiple of the two-sided bound (at most 1 to pass).
     */
    private static double worstRatio(String opt, Supplier<Optimizer> make, int k) {
        List<Recorded> rs = recorded(opt);
        List<Parameter> params = new ArrayList<>();
        for (Recorded r : rs) {
            params.add(new Parameter(r.name(), new Matrix(r.rows(), r.cols(), r.start().clone()),
                    new Matrix(r.rows(), r.cols())));
        }
        Optimizer optimizer = make.get();
        double worst = 0;
        int steps = REF.get("steps").asInt();
        for (int t = 0; t < steps; t++) {
            for (int p = 0; p < rs.size(); p++) {
                Matrix g = params.get(p).gradient();
                System.arraycopy(rs.get(p).grads()[t], 0, g.data, 0, g.data.length);
                g.changed();
            }
            optimizer.step(params);
            for (int p = 0; p < rs.size(); p++) {
                Recorded r = rs.get(p);
                Exact e = exact(opt, r);
                float[] w = params.get(p).value().data;
                for (int i = 0; i < w.length; i++) {
                    double bound = 2 * oneSidedBound(e, t, i, k);
                    worst = Math.max(worst, Math.abs(w[i] - r.after()[t][i]) / bound);
                }
            }
        }
        return worst;
    }

    /** {@code sum_{s <= t} (k u |Delta_s| + u |w_s|)}: how far one float implementation may be from exact. */
    private static double oneSidedBound(Exact e, int t, int i, int k) {
        double b = 0;
        for (int s = 0; s <= t; s++) {
            b += k * U * Math.abs(e.delta()[s][i]) + U * Math.abs(e.w()[s][i]);
        }
        return b;
    }

    private static Exact exact(String opt, Recorded r) {
        return opt.equals("adam") ? exactAdam(r) : exactSgd(r);
    }

    /** Adam in double precision with the hyperparameters as written (0.9, not the float nearest it). */
    private static Exact exactAdam(Recorded r) {
        JsonNode a = REF.get("adam");
        double lr = a.get("lr").asDouble();
        double b1 = beta(0);
        double b2 = beta(1);
        double eps = a.get("eps").asDouble();
        int n = r.start().length;
        int steps = r.grads().length;
        double[] m = new double[n];
        double[] v = new double[n];
        double[] w = toDouble(r.start());
        double[][] delta = new double[steps][n];
        double[][] after = new double[steps][n];
        for (int t = 1; t <= steps; t++) {
            for (int i = 0; i < n; i++) {
                double g = r.grads()[t - 1][i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double vHat = v[i] / (1 - Math.pow(b2, t));
                delta[t - 1][i] = lr * mHat / (Math.sqrt(vHat) + eps);
                w[i] -= delta[t - 1][i];
            }
            after[t - 1] = w.clone();
        }
        return new Exact(delta, after);
    }

    /** SGD with heavy-ball momentum in double precision: {@code b = mu b + g; w -= lr b}, b starting at 0. */
    private static Exact exactSgd(Recorded r) {
        JsonNode s = REF.get("sgd");
        double lr = s.get("lr").asDouble();
        double mu = s.get("momentum").asDouble();
        int n = r.start().length;
        int steps = r.grads().length;
        double[] b = new double[n];
        double[] w = toDouble(r.start());
        double[][] delta = new double[steps][n];
        double[][] after = new double[steps][n];
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < n; i++) {
                b[i] = mu * b[i] + r.grads()[t][i];
                delta[t][i] = lr * b[i];
                w[i] -= delta[t][i];
            }
            after[t] = w.clone();
        }
        return new Exact(delta, after);
    }

    private static double beta(int i) {
        return REF.get("adam").get("betas").get(i).asDouble();
    }

    private static List<Recorded> recorded(String opt) {
        List<Recorded> out = new ArrayList<>();
        for (JsonNode p : REF.get(opt).get("params")) {
            int rows = p.get("shape").get(0).asInt();
            int cols = p.get("shape").get(1).asInt();
            out.add(new Recorded(p.get("name").asText(), rows, cols, floats(p.get("start")), steps(p.get("grads")),
                    steps(p.get("after"))));
        }
        return out;
    }

    private static float[][] steps(JsonNode node) {
        float[][] out = new float[node.size()][];
        for (int t = 0; t < out.length; t++) {
            out[t] = floats(node.get(t));
        }
        return out;
    }

    /** The recorded values are floats written exactly as doubles, so the narrowing is exact. */
    private static float[] floats(JsonNode node) {
        float[] out = new float[node.size()];
        for (int i = 0; i < out.length; i++) {
            double d = node.get(i).asDouble();
            out[i] = (float) d;
            assertEquals(d, out[i], 0.0, "not a float32 value: " + d);
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

    private static JsonNode load() {
        try (InputStream in = OptimizerReferenceTest.class.getResourceAsStream("/reference/optim.json")) {
            if (in == null) {
                throw new IllegalStateException("reference/optim.json is missing from the test resources");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
