package dev.bottleneck.core.model;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The update of Adam (Kingma &amp; Ba 2015) as PyTorch's torch.optim.Adam computes it, with its moments per
 * parameter:
 * <pre>
 *   m = b1 m + (1 - b1) g          v = b2 v + (1 - b2) g^2
 *   p -= lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
 * </pre>
 * The one place the rule is written: the trainer's optimiser ({@code core.train.Adam}) runs {@link #update} over
 * ranges of each parameter on two threads; a model that trains a network of its own inside its step (the
 * discriminator of {@link FactorVae}, with its own rates) calls {@link #step}, which allocates nothing once every
 * parameter was seen. A plain loop over heap arrays, which the JIT vectorises.
 */
public final class AdamRule {

    private final double lr;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final Map<Parameter, float[][]> moments = new IdentityHashMap<>();
    private int t;

    public AdamRule(double lr, double beta1, double beta2, double eps) {
        if (!(lr > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, not " + lr);
        }
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    /** Steps taken so far. */
    public int steps() {
        return t;
    }

    /** Counts one step and returns its constants {c1, c2, stepSize, invBias2} for {@link #update}. */
    public float[] nextStep(float[] into) {
        t++;
        // 1 - beta rounded from double, as torch does: 1 - (float) 0.999 is 1.3e-5 (216 float roundings) off 0.001,
        // which the bias correction 1 - beta2^t, taken in double, would not undo.
        into[0] = (float) (1 - beta1);
        into[1] = (float) (1 - beta2);
        into[2] = (float) (lr / (1 - Math.pow(beta1, t)));
        into[3] = (float) (1 / Math.sqrt(1 - Math.pow(beta2, t)));
        return into;
    }

    /** The moments {m, v} of {@code p}, zero at first. */
    public float[][] moments(Parameter p) {
        return moments.computeIfAbsent(p, k -> new float[][] {new float[k.value().data.length],
            new float[k.value().data.length]});
    }

    private final float[] constants = new float[4];

    /** One step of every parameter in {@code parameters} from its gradient, on this thread. */
    public void step(List<Parameter> parameters) {
        float[] c = nextStep(constants);
        for (int i = 0, size = parameters.size(); i < size; i++) {
            Parameter p = parameters.get(i);
            float[][] mv = moments(p);
            update(p.value().data, p.gradient().data, mv[0], mv[1], 0, p.value().data.length, c);
            p.value().changed();
        }
    }

    /** The rule on {@code w[from, to)}, with the constants of {@link #nextStep}. */
    public void update(float[] w, float[] g, float[] m, float[] v, int from, int to, float[] c) {
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float c1 = c[0];
        float c2 = c[1];
        float stepSize = c[2];
        float invBias2 = c[3];
        float e = (float) eps;
        for (int i = from; i < to; i++) {
            float gi = g[i];
            float mi = b1 * m[i] + c1 * gi;
            float vi = b2 * v[i] + c2 * gi * gi;
            m[i] = mi;
            v[i] = vi;
            w[i] -= stepSize * mi / ((float) Math.sqrt(vi) * invBias2 + e);
        }
    }
}
