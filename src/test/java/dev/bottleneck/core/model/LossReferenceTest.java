package dev.bottleneck.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Bernoulli and Gaussian reconstruction NLL, the closed-form KL and -ELBO against PyTorch
 * ({@code F.binary_cross_entropy_with_logits}, {@code Normal.log_prob}, {@code kl_divergence}), computed in float64
 * by {@code interop/numerics_reference.py} from float32 inputs and committed as {@code reference/losses.json}. The
 * engine is reached where it computes them: {@link Reconstruction#nll} on given logits and means, and a
 * {@link VariationalAutoencoder} without hidden layers through {@code evaluate} and {@code reconstructionNll}.
 *
 * <p>Tolerances, from float32 arithmetic (u = 2^-24). The reference is float64 on the same float32 inputs, so it is
 * exact to float's eyes and every bound below is the engine's own rounding, counted per operation and computed
 * element by element from the exact values (first order; the double-precision steps add 2^-52 relative, covered by
 * {@link #SLACK}):
 * <ul>
 * <li>Bernoulli, element {@code t = max(l, 0) - x l + log(1 + e^-|l|)}: the product and the difference, at most
 *     {@code 2u |l|}; {@code FastMath.exp} and the atanh series of log1p are each within 5u relative
 *     ({@code FastMathTest}), an error of {@code e} entering {@code log(1 + e)} damped by {@code e / (1 + e)
 *     <= log(1 + e)}: {@code 10u log(1 + e^-|l|)} (below -87.3 the exp flushes to 0 and the omitted 1e-38 is far
 *     inside {@code 2u |l|}). The row is a float sum of d terms, each rounded once more: {@code d u sum t}.
 *     Gradient {@code sigmoid(l) - x}: exp 5u, {@code 1 + e} and the reciprocal 2u, the product with e 1u, at most
 *     13u relative on sigmoid, and the difference {@code u |sigmoid - x|}.</li>
 * <li>Gaussian, row {@code sum (mu - x)^2 / (2 s^2) + d (log s + log(2 pi) / 2)}: the float difference and the
 *     float square, 3u relative on each square; the rest is double. Gradient {@code (mu - x) / s^2}: the difference
 *     and the narrowing to float, {@code 2u |g|}.</li>
 * <li>KL, term {@code (mu^2 + e^lv - 1 - lv) / 2}: mu and logvar are exact here (one-hot inputs pick rows of the
 *     encoder weight; a bias of 0), {@code mu * mu} is a float product, {@code u mu^2 / 2}; the rest is double.</li>
 * <li>The VAE's reconstruction on its own z: {@code std = (float) exp(lv / 2)}, the product with eps and the sum,
 *     {@code |dz| <= 2u |std eps| + u |z|}; the decoder's {@code z W + b}, a k-term dot product in any order (BLAS
 *     may block or fuse), {@code k u sum |z W|}, the bias sum {@code u |out|}, and dz carried through W:
 *     {@code |dout_i| <= k u sum_j |z_j W_ji| + u |out_i| + sum_j |W_ji| |dz_j|}. An output error moves the
 *     Bernoulli NLL by at most {@code |sigmoid(out) - x| |dout|}, the Gaussian by {@code |out - x| / s^2 |dout|}.
 *     Means over examples, -ELBO and {@code recon + beta KL} add their parts' bounds.</li>
 * </ul>
 * {@link #theBoundsAreTightEnoughToSeeARealMistake} checks that every bound is below 1e-5 of what it bounds, so a
 * lost constant, a factor of 2 or a flipped sign fails by orders of magnitude.
 */
class LossReferenceTest {

    private static final double U = 0x1p-24;
    /** Double-precision steps: a few roundings of 2^-53 relative, far below any float bound. */
    private static final double SLACK = 0x1p-48;
    private static final JsonNode REF = load();

    @Test
    void bernoulliNllAndItsGradientMatchBinaryCrossEntropyWithLogits() {
        JsonNode b = REF.get("bernoulli");
        int n = b.get("n").asInt();
        int d = b.get("d").asInt();
        float[] logits = floats(b.get("logits"));
        float[] x = floats(b.get("targets"));
        float[] grad = new float[n * d];
        double[] perExample = new double[n];
        double total = Reconstruction.nll(Likelihood.BERNOULLI, 1.0, logits, x, n, d, grad, 1f, perExample, null);
        double[] ref = doubles(b.get("nll"));
        double[] refGrad = doubles(b.get("grad"));
        double sumBound = 0;
        for (int r = 0; r < n; r++) {
            double bound = bernoulliRowBound(logits, x, r, d);
            sumBound += bound;
            assertEquals(ref[r], perExample[r], bound, "row " + r);
        }
        assertEquals(sum(ref), total, sumBound + SLACK * sum(ref), "the batch total");
        for (int i = 0; i < n * d; i++) {
            double p = refGrad[i] + x[i]; // sigmoid(l)
            assertEquals(refGrad[i], grad[i], 13 * U * p + U * Math.abs(refGrad[i]), "gradient at " + i
                    + " (logit " + logits[i] + ", target " + x[i] + ")");
        }
    }

    @Test
    void gaussianNllAndItsGradientMatchNormalLogProb() {
        JsonNode g = REF.get("gaussian");
        int n = g.get("n").asInt();
        int d = g.get("d").asInt();
        double sigma = g.get("sigma").asDouble();
        float[] mu = floats(g.get("means"));
        float[] x = floats(g.get("targets"));
        float[] grad = new float[n * d];
        double[] perExample = new double[n];
        Reconstruction.nll(Likelihood.GAUSSIAN, sigma, mu, x, n, d, grad, 1f, perExample, null);
        double[] ref = doubles(g.get("nll"));
        double[] refGrad = doubles(g.get("grad"));
        for (int r = 0; r < n; r++) {
            double sq = 0;
            for (int i = r * d; i < (r + 1) * d; i++) {
                double diff = (double) mu[i] - x[i];
                sq += diff * diff / (2 * sigma * sigma);
            }
            assertEquals(ref[r], perExample[r], 3 * U * sq + SLACK * (Math.abs(ref[r]) + sq), "row " + r);
        }
        for (int i = 0; i < n * d; i++) {
            assertEquals(refGrad[i], grad[i], 2 * U * Math.abs(refGrad[i]), "gradient at " + i);
        }
    }

    /** mu and logvar are exact, so the engine's posterior must return the reference's values bit for bit. */
    @Test
    void theVaesPosteriorIsTheEncoderRowsExactly() {
        VariationalAutoencoder vae = referenceVae(Likelihood.BERNOULLI, 1.0);
        JsonNode v = REF.get("vae");
        float[][] q = vae.posterior(floats(v.get("input")), v.get("n").asInt());
        assertArrayEquals(floats(v.get("mu")), q[0]);
        assertArrayEquals(floats(v.get("logvar")), q[1]);
    }

    /** The noise the script took as the engine's is what the engine's stream gives for the seed. */
    @Test
    void theScriptsNoiseIsTheEnginesNoiseForTheSeed() {
        JsonNode v = REF.get("vae");
        SplittableRandom noise = new SplittableRandom(v.get("noiseSeed").asLong());
        float[] eps = floats(v.get("eps"));
        for (int i = 0; i < eps.length; i++) {
            assertEquals(eps[i], (float) noise.nextGaussian(), "eps " + i + ": the engine's noise for seed "
                    + v.get("noiseSeed") + " changed; regenerate ENGINE_EPS in interop/numerics_reference.py");
        }
    }

    @ParameterizedTest
    @EnumSource(Likelihood.class)
    void perExampleReconstructionOnTheReferenceCodesMatchesTorch(Likelihood likelihood) {
        JsonNode v = REF.get("vae");
        VariationalAutoencoder vae = referenceVae(likelihood, 1.0);
        int n = v.get("n").asInt();
        double[] z = doubles(v.get("z"));
        float[] zf = new float[z.length];
        double[] dz = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            zf[i] = (float) z[i];
            dz[i] = U * Math.abs(z[i]); // the exact code rounded to float
        }
        double[] nll = vae.reconstructionNll(zf, floats(v.get("target")), n);
        double[] ref = doubles(v.get(key(likelihood)).get("reconstruction"));
        double[] bounds = reconstructionBounds(likelihood, dz);
        for (int r = 0; r < n; r++) {
            assertEquals(ref[r], nll[r], bounds[r], likelihood + " row " + r);
        }
    }

    /** {@code evaluate}: reconstruction, KL, -ELBO = reconstruction + KL, and the beta = 4 loss, means per example. */
    @ParameterizedTest
    @EnumSource(Likelihood.class)
    void evaluateGivesTorchsReconstructionKlAndElbo(Likelihood likelihood) {
        JsonNode v = REF.get("vae");
        JsonNode ref = v.get(key(likelihood));
        double beta = v.get("beta").asDouble();
        int n = v.get("n").asInt();
        double[] bounds = vaeBounds(likelihood);
        float[] input = floats(v.get("input"));
        float[] target = floats(v.get("target"));
        long seed = v.get("noiseSeed").asLong();
        LossTerms vae = referenceVae(likelihood, 1.0).evaluate(input, target, n, seed);
        LossTerms betaVae = referenceVae(likelihood, beta).evaluate(input, target, n, seed);
        assertEquals(ref.get("meanReconstruction").asDouble(), vae.value(Term.RECONSTRUCTION), bounds[0], "recon");
        assertEquals(ref.get("meanKl").asDouble(), vae.value(Term.KL), bounds[1], "KL");
        assertEquals(ref.get("negElbo").asDouble(), vae.value(Term.NEG_ELBO), bounds[0] + bounds[1], "-ELBO");
        assertEquals(ref.get("negElbo").asDouble(), vae.loss(), bounds[0] + bounds[1], "the VAE's loss is -ELBO");
        assertEquals(ref.get("betaLoss").asDouble(), betaVae.loss(), bounds[0] + beta * bounds[1], "recon + 4 KL");
        assertEquals(ref.get("negElbo").asDouble(), betaVae.value(Term.NEG_ELBO), bounds[0] + bounds[1],
                "-ELBO takes beta = 1 whatever the objective");
    }

    @Test
    void theBoundsAreTightEnoughToSeeARealMistake() {
        JsonNode b = REF.get("bernoulli");
        float[] logits = floats(b.get("logits"));
        float[] x = floats(b.get("targets"));
        double[] ref = doubles(b.get("nll"));
        for (int r = 0; r < ref.length; r++) {
            assertTrue(bernoulliRowBound(logits, x, r, b.get("d").asInt()) < 1e-5 * ref[r], "Bernoulli row " + r);
        }
        JsonNode v = REF.get("vae");
        for (Likelihood l : Likelihood.values()) {
            double[] bounds = vaeBounds(l);
            assertTrue(bounds[0] < 1e-5 * v.get(key(l)).get("meanReconstruction").asDouble(), l + " reconstruction");
            assertTrue(bounds[1] < 1e-5 * v.get(key(l)).get("meanKl").asDouble(), l + " KL");
        }
    }

    // --- the bounds ---

    /** The Bernoulli row bound at exact logits: {@code u sum (2|l| + 10 log(1 + e^-|l|) + d t)}. */
    private static double bernoulliRowBound(float[] logits, float[] x, int r, int d) {
        double bound = 0;
        for (int i = r * d; i < (r + 1) * d; i++) {
            double l = logits[i];
            double log1p = Math.log1p(Math.exp(-Math.abs(l)));
            double t = Math.max(l, 0) - x[i] * l + log1p;
            bound += U * (2 * Math.abs(l) + 10 * log1p + d * t);
        }
        return bound;
    }

    /**
     * The bound on each example's reconstruction NLL when the codes carry errors {@code dz} (n x k): the loss's own
     * rounding at the exact decoder outputs plus the decoder's rounding and dz carried through to the outputs.
     */
    private static double[] reconstructionBounds(Likelihood likelihood, double[] dz) {
        JsonNode v = REF.get("vae");
        int n = v.get("n").asInt();
        int d = v.get("d").asInt();
        int k = v.get("k").asInt();
        double sigma = v.get("sigma").asDouble();
        double[] z = doubles(v.get("z"));
        double[] w = doubles(v.get("decoderWeight")); // k x d
        double[] bias = doubles(v.get("decoderBias"));
        double[] target = doubles(v.get("target"));
        double[] bounds = new double[n];
        for (int r = 0; r < n; r++) {
            double own = 0;
            double carried = 0;
            for (int i = 0; i < d; i++) {
                double out = bias[i];
                double abs = 0;
                double fromDz = 0;
                for (int j = 0; j < k; j++) {
                    out += z[r * k + j] * w[j * d + i];
                    abs += Math.abs(z[r * k + j] * w[j * d + i]);
                    fromDz += Math.abs(w[j * d + i]) * dz[r * k + j];
                }
                double dOut = k * U * abs + U * Math.abs(out) + fromDz;
                double x = target[r * d + i];
                if (likelihood == Likelihood.BERNOULLI) {
                    double log1p = Math.log1p(Math.exp(-Math.abs(out)));
                    double t = Math.max(out, 0) - x * out + log1p;
                    own += U * (2 * Math.abs(out) + 10 * log1p + d * t);
                    carried += Math.abs(1 / (1 + Math.exp(-out)) - x) * dOut;
                } else {
                    own += 3 * U * (out - x) * (out - x) / (2 * sigma * sigma);
                    carried += Math.abs(out - x) / (sigma * sigma) * dOut;
                }
            }
            bounds[r] = own + carried + SLACK * own / U;
        }
        return bounds;
    }

    /** {mean reconstruction bound, mean KL bound} for evaluate on the reference VAE. */
    private static double[] vaeBounds(Likelihood likelihood) {
        JsonNode v = REF.get("vae");
        int n = v.get("n").asInt();
        double[] mu = doubles(v.get("mu"));
        double[] lv = doubles(v.get("logvar"));
        double[] eps = doubles(v.get("eps"));
        double[] z = doubles(v.get("z"));
        double[] dz = new double[z.length];
        double kl = 0;
        for (int i = 0; i < z.length; i++) {
            double std = Math.exp(0.5 * lv[i]);
            dz[i] = 2 * U * Math.abs(std * eps[i]) + U * Math.abs(z[i]);
            double term = 0.5 * (mu[i] * mu[i] + Math.exp(lv[i]) - 1 - lv[i]);
            kl += U * mu[i] * mu[i] / 2 + SLACK * (mu[i] * mu[i] + Math.exp(lv[i]) + 1 + Math.abs(lv[i]) + term);
        }
        double recon = 0;
        for (double b : reconstructionBounds(likelihood, dz)) {
            recon += b;
        }
        return new double[] {recon / n, kl / n};
    }

    // --- the reference ---

    /** The reference VAE: no hidden layers, the script's weights, a zero encoder bias. */
    private static VariationalAutoencoder referenceVae(Likelihood likelihood, double beta) {
        JsonNode v = REF.get("vae");
        int d = v.get("d").asInt();
        int k = v.get("k").asInt();
        VaeConfig config = VaeConfig.standard(d, List.of(), k, beta).withLikelihood(likelihood,
                v.get("sigma").asDouble());
        VariationalAutoencoder vae = (VariationalAutoencoder) config.build(1);
        for (Parameter p : vae.parameters()) {
            float[] values = switch (p.name()) {
                case "encoder.0.weight" -> floats(v.get("encoderWeight"));
                case "encoder.0.bias" -> new float[2 * k];
                case "decoder.0.weight" -> floats(v.get("decoderWeight"));
                case "decoder.0.bias" -> floats(v.get("decoderBias"));
                default -> throw new AssertionError("unexpected parameter " + p.name());
            };
            assertEquals(p.value().data.length, values.length, p.name());
            System.arraycopy(values, 0, p.value().data, 0, values.length);
            p.value().changed();
        }
        return vae;
    }

    private static String key(Likelihood l) {
        return l == Likelihood.BERNOULLI ? "bernoulli" : "gaussian";
    }

    private static double sum(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s;
    }

    /** Values the script wrote as float32 (exactly, as doubles): the narrowing is exact. */
    private static float[] floats(JsonNode node) {
        float[] out = new float[node.size()];
        for (int i = 0; i < out.length; i++) {
            double d = node.get(i).asDouble();
            out[i] = (float) d;
            assertEquals(d, out[i], 0.0, "not a float32 value: " + d);
        }
        return out;
    }

    private static double[] doubles(JsonNode node) {
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).asDouble();
        }
        return out;
    }

    private static JsonNode load() {
        try (InputStream in = LossReferenceTest.class.getResourceAsStream("/reference/losses.json")) {
            if (in == null) {
                throw new IllegalStateException("reference/losses.json is missing from the test resources");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
