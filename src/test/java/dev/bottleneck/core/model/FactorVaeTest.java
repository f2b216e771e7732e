package dev.bottleneck.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * FactorVAE (Kim &amp; Mnih 2018): against the VAE it extends, its hand-written gradients against central differences
 * (the VAE's loss through the discriminator into the encoder; the discriminator's own loss into its weights), the
 * discriminator learning to tell joint from permuted codes, and its bookkeeping: which parameters the trainer steps,
 * copies, allocation.
 */
class FactorVaeTest {

    private static final int D = 6;
    private static final int N = 5;
    private static final double H = 5e-3;
    private static final List<Integer> HIDDEN = List.of(7, 5);

    /**
     * With gamma = 0 the loss is the VAE's -ELBO: the same seed draws the same encoder and decoder, the same noise
     * seed the same z, so reconstruction, KL, -ELBO and the loss agree bit for bit.
     */
    @Test
    void withGammaZeroTheLossIsTheVaesNegElbo() {
        GradientModel vae = (GradientModel) VaeConfig.standard(12, List.of(10, 8), 3, 1.0).build(5);
        FactorVae f = new FactorVae(FactorVaeConfig.standard(12, List.of(10, 8), 3, 0), 5);
        for (int i = 0; i < vae.parameters().size(); i++) {
            assertArrayEquals(vae.parameters().get(i).value().data, f.parameters().get(i).value().data,
                    "the same initial weights: " + vae.parameters().get(i).name());
        }
        float[] x = data(16, 12, 3);
        LossTerms a = vae.evaluate(x, x, 16, 9);
        LossTerms b = f.evaluate(x, x, 16, 9);
        for (Term t : List.of(Term.LOSS, Term.RECONSTRUCTION, Term.KL, Term.NEG_ELBO, Term.MSE_PER_FEATURE)) {
            assertEquals(a.value(t), b.value(t), 0.0, t.label() + " bit for bit");
        }
        LossTerms g = new FactorVae(FactorVaeConfig.standard(12, List.of(10, 8), 3, 7), 5).evaluate(x, x, 16, 9);
        assertEquals(b.value(Term.NEG_ELBO) + 7 * g.value(Term.DISCRIMINATOR_TC), g.loss(), 1e-12 * Math.abs(g.loss()),
                "loss = reconstruction + KL + gamma TC");
        assertEquals(b.value(Term.DISCRIMINATOR_TC), g.value(Term.DISCRIMINATOR_TC), 0.0, "the same D, the same TC");
    }

    @Test
    void aStepReportsTheDiscriminatorsTermsBesideTheVaes() {
        FactorVae model = new FactorVae(FactorVaeConfig.standard(D, HIDDEN, 3, 35), 5);
        float[] x = data(N, D, 3);
        LossTerms t = model.computeGradients(x, x, N, 0, new SplittableRandom(1));
        assertEquals(List.of(Term.LOSS, Term.RECONSTRUCTION, Term.KL, Term.DISCRIMINATOR_TC, Term.DISCRIMINATOR_LOSS,
                Term.DISCRIMINATOR_ACCURACY, Term.NEG_ELBO, Term.MSE_PER_FEATURE), List.copyOf(t.asMap().keySet()));
        // An untrained D is near chance: its loss near log 2, its logits near 0.
        assertEquals(Math.log(2), t.value(Term.DISCRIMINATOR_LOSS), 0.1);
        assertTrue(Math.abs(t.value(Term.DISCRIMINATOR_TC)) < 0.3, t.toString());
        double a = t.value(Term.DISCRIMINATOR_ACCURACY);
        assertTrue(a >= 0 && a <= 1 && Math.rint(a * 2 * N) == a * 2 * N, "a fraction of 2N codes: " + a);
    }

    /**
     * The encoder's and decoder's gradients are the VAE loss's (recon + KL + gamma TC, the TC's through D into the
     * encoder); D's are its own loss's, not the VAE loss's. Checked by central differences of what {@code evaluate}
     * reports at the same noise, on a copy taken before the step (which then moves D by its Adam).
     */
    @Test
    void theGradientsAreTheVaeLossesAndTheDiscriminatorsOwn() {
        FactorVaeConfig config = FactorVaeConfig.standard(D, HIDDEN, 3, 7).withActivation(Activation.TANH)
                .withDiscriminator(List.of(6, 5), 1e-3);
        FactorVae model = new FactorVae(config, 42);
        // Move D off its initialisation, so its logits are far from 0 and the TC's gradient is not small.
        float[] x = data(N, D, 7);
        for (int i = 0; i < 20; i++) {
            model.computeGradients(x, x, N, 0, new SplittableRandom(100 + i));
        }
        FactorVae before = model.copy();
        model.computeGradients(x, x, N, 0, new SplittableRandom(3));
        List<Parameter> analytic = model.parameters();
        List<Parameter> at = before.parameters();
        double worstVae = 0;
        double worstD = 0;
        double dAgainstVaeLoss = 0;
        String worstVaeAt = "";
        String worstDAt = "";
        int checked = 0;
        for (int p = 0; p < at.size(); p++) {
            boolean disc = at.get(p).name().startsWith(FactorVae.DISCRIMINATOR);
            float[] w = at.get(p).value().data;
            float[] g = analytic.get(p).gradient().data;
            int stride = Math.max(1, w.length / 8);
            for (int i = 0; i < w.length; i += stride) {
                float keep = w[i];
                w[i] = (float) (keep + H);
                at.get(p).value().changed();
                LossTerms up = before.evaluate(x, x, N, 3);
                w[i] = (float) (keep - H);
                at.get(p).value().changed();
                LossTerms down = before.evaluate(x, x, N, 3);
                w[i] = keep;
                at.get(p).value().changed();
                Term term = disc ? Term.DISCRIMINATOR_LOSS : Term.LOSS;
                double numeric = (up.value(term) - down.value(term)) / (2 * H);
                double err = relativeError(numeric, g[i]);
                if (disc) {
                    double vaeNumeric = (up.loss() - down.loss()) / (2 * H);
                    dAgainstVaeLoss = Math.max(dAgainstVaeLoss, relativeError(vaeNumeric, g[i]));
                }
                String where = at.get(p).name() + "[" + i + "]: analytic " + g[i] + ", numeric " + numeric;
                if (disc && err > worstD) {
                    worstD = err;
                    worstDAt = where;
                } else if (!disc && err > worstVae) {
                    worstVae = err;
                    worstVaeAt = where;
                }
                checked++;
            }
        }
        assertTrue(checked > 60, "checked " + checked);
        assertTrue(worstVae < 0.02, "VAE loss: worst relative error " + worstVae + " at " + worstVaeAt);
        assertTrue(worstD < 0.02, "D's loss: worst relative error " + worstD + " at " + worstDAt);
        assertTrue(dAgainstVaeLoss > 0.5, "D's gradient is its own loss's, not the VAE loss's: " + dAgainstVaeLoss);
    }

    /** The check above sees the TC's path into the encoder: without it the encoder's gradient is wrong. */
    @Test
    void theTcTermsGradientReachesTheEncoder() {
        FactorVaeConfig config = FactorVaeConfig.standard(D, HIDDEN, 3, 50).withActivation(Activation.TANH);
        FactorVae with = new FactorVae(config, 42);
        FactorVae without = new FactorVae(config.withGamma(0), 42);
        float[] x = data(N, D, 7);
        with.computeGradients(x, x, N, 0, new SplittableRandom(3));
        without.computeGradients(x, x, N, 0, new SplittableRandom(3));
        float[] a = with.encoderNetwork().parameters().get(0).gradient().data;
        float[] b = without.encoderNetwork().parameters().get(0).gradient().data;
        float[] c = with.decoderNetwork().parameters().get(0).gradient().data;
        float[] e = without.decoderNetwork().parameters().get(0).gradient().data;
        assertFalse(java.util.Arrays.equals(a, b), "gamma TC moves the encoder");
        assertArrayEquals(c, e, "and not the decoder, which TC does not depend on");
    }

    /**
     * A step moves D by its own Adam, and the trainer's optimiser is handed only the encoder and decoder: stepping
     * what {@link GradientModel#optimizedParameters} lists leaves D where the model's step put it.
     */
    @Test
    void theTrainerStepsTheVaeAndTheModelStepsItsDiscriminator() {
        FactorVae model = new FactorVae(FactorVaeConfig.standard(D, HIDDEN, 3, 35), 5);
        List<Parameter> all = model.parameters();
        List<Parameter> stepped = model.optimizedParameters();
        List<Parameter> disc = model.discriminatorNetwork().parameters();
        assertEquals(all.size(), stepped.size() + disc.size());
        assertTrue(stepped.stream().noneMatch(p -> p.name().startsWith(FactorVae.DISCRIMINATOR)), stepped.toString());
        assertTrue(disc.stream().allMatch(all::contains), "D is saved, copied and restored with the model");
        assertEquals(List.of("encoder", "decoder", "discriminator"),
                model.networks().stream().map(NetworkSpec::name).toList());
        float[] dBefore = disc.get(0).value().data.clone();
        float[] eBefore = stepped.get(0).value().data.clone();
        float[] x = data(N, D, 3);
        model.computeGradients(x, x, N, 0, new SplittableRandom(1));
        assertFalse(java.util.Arrays.equals(dBefore, disc.get(0).value().data), "the step moved D");
        assertArrayEquals(eBefore, stepped.get(0).value().data, "but not the encoder: that is the trainer's to do");
        FactorVae copy = model.copy();
        for (int i = 0; i < all.size(); i++) {
            assertArrayEquals(all.get(i).value().data, copy.parameters().get(i).value().data, all.get(i).name());
        }
    }

    /**
     * The discriminator learns to tell the batch's codes from the permuted ones when the code's dimensions depend on
     * each other, and cannot when they do not. The encoder is set by hand to z = x (a linear layer, logvar -8, so
     * z is x to within 0.02), and only D trains (the trainer's optimiser is never called): on x = (u, u + 0.1 v),
     * codes near the diagonal against the same codes shuffled over the plane, the best classifier gets 92.5 % right
     * (a threshold on |z_1 - z_0|: N(0, 0.1^2) joint against N(0, 2.01) permuted), and this D gets 92 % after 400
     * steps; on x = (u, v) none can beat chance (this D: 49 %). Held-out accuracy on fresh batches.
     */
    @Test
    void theDiscriminatorTellsPermutedFromJointCodesOfACorrelatedLatent() {
        double correlated = heldOutAccuracy(true);
        double independent = heldOutAccuracy(false);
        assertTrue(correlated > 0.75, "correlated code: held-out accuracy " + correlated);
        assertTrue(independent < 0.6, "independent code: held-out accuracy " + independent);
    }

    private static double heldOutAccuracy(boolean correlated) {
        FactorVaeConfig c = new FactorVaeConfig(2, List.of(), 2, Activation.RELU, Likelihood.GAUSSIAN, 1.0, 0,
                List.of(32, 32), 3e-3, null);
        FactorVae model = new FactorVae(c, 1);
        Parameter w = model.encoderNetwork().parameters().get(0); // 2 x 4: x -> [mu | logvar]
        Parameter b = model.encoderNetwork().parameters().get(1);
        java.util.Arrays.fill(w.value().data, 0f);
        w.value().data[0] = 1f; // mu_0 = x_0
        w.value().data[5] = 1f; // mu_1 = x_1
        b.value().data[0] = 0f;
        b.value().data[1] = 0f;
        b.value().data[2] = -8f;
        b.value().data[3] = -8f;
        w.value().changed();
        b.value().changed();
        int n = 128;
        SplittableRandom rng = new SplittableRandom(2);
        for (int step = 0; step < 400; step++) {
            float[] x = codes(n, correlated, rng);
            model.computeGradients(x, x, n, 0, rng);
        }
        double right = 0;
        for (int i = 0; i < 10; i++) {
            float[] x = codes(n, correlated, rng);
            right += model.evaluate(x, x, n, 1000 + i).value(Term.DISCRIMINATOR_ACCURACY) / 10;
        }
        return right;
    }

    private static float[] codes(int n, boolean correlated, SplittableRandom rng) {
        float[] x = new float[2 * n];
        for (int r = 0; r < n; r++) {
            double u = rng.nextGaussian();
            double v = rng.nextGaussian();
            x[2 * r] = (float) u;
            x[2 * r + 1] = (float) (correlated ? u + 0.1 * v : v);
        }
        return x;
    }

    /**
     * After its first step at a batch size, a training step allocates no more than the VAE's on the same batch (the
     * engine's loss-terms record and the reconstruction's halves) and the boxes of its three more terms: the codes,
     * permutation and discriminator buffers are reused, and D's Adam allocates nothing.
     */
    @Test
    void aStepAllocatesNoMoreThanTheVaes() {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        GradientModel vae = (GradientModel) VaeConfig.standard(12, List.of(10, 8), 3, 1.0).build(5);
        GradientModel f = new FactorVae(FactorVaeConfig.standard(12, List.of(10, 8), 3, 35), 5);
        float[] x = data(16, 12, 3);
        long vaeBytes = stepBytes(bean, vae, x);
        long fBytes = stepBytes(bean, f, x);
        long threeTerms = termsBytes(bean, 8) - termsBytes(bean, 5);
        assertTrue(fBytes <= vaeBytes + threeTerms, "FactorVAE step " + fBytes + " bytes, VAE step " + vaeBytes
                + ", three more terms " + threeTerms);
    }

    private static long termsBytes(com.sun.management.ThreadMXBean bean, int count) {
        long least = Long.MAX_VALUE;
        Object[] sink = new Object[1];
        for (int i = 0; i < 60; i++) {
            long before = bean.getCurrentThreadAllocatedBytes();
            LossTerms.Builder b = LossTerms.builder();
            for (int t = 0; t < count; t++) {
                b.put(Term.values()[t], 0.5 + i + t);
            }
            sink[0] = b.build();
            least = Math.min(least, bean.getCurrentThreadAllocatedBytes() - before);
        }
        return least;
    }

    private static long stepBytes(com.sun.management.ThreadMXBean bean, GradientModel m, float[] x) {
        SplittableRandom noise = new SplittableRandom(1);
        for (int i = 0; i < 30; i++) {
            m.computeGradients(x, x, 16, 0, noise);
        }
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 30; i++) {
            long before = bean.getCurrentThreadAllocatedBytes();
            m.computeGradients(x, x, 16, 0, noise);
            least = Math.min(least, bean.getCurrentThreadAllocatedBytes() - before);
        }
        return least;
    }

    private static double relativeError(double numeric, double analytic) {
        return Math.abs(numeric - analytic) / Math.max(Math.abs(numeric) + Math.abs(analytic), 0.05);
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
