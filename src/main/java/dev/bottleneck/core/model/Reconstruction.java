package dev.bottleneck.core.model;

/** The reconstruction negative log-likelihood -log p(x|z) of each {@link Likelihood}, with its gradient. */
final class Reconstruction {

    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    private Reconstruction() {
    }

    /**
     * Sums -log p(target | out) over a batch and writes {@code scale * d/d(out)} into {@code grad} (unless null).
     *
     * @param out decoder outputs, {@code n x d}: logits (Bernoulli) or means (Gaussian)
     * @param perExample if not null, receives each example's -log p (length n)
     * @param sqErr if not null, {@code sqErr[0]} receives the summed squared error of the decoded means
     * @return the summed negative log-likelihood in nats
     */
    static double nll(Likelihood likelihood, double sigma, float[] out, float[] target, int n, int d, float[] grad,
            float scale, double[] perExample, double[] sqErr) {
        double total = 0;
        double se = 0;
        if (likelihood == Likelihood.BERNOULLI) {
            double[] sums = new double[4]; // total and squared error of each half
            Parallel.split(n, (long) n * d, (from, to) -> {
                double[] part = bernoulliRows(out, target, from, to, d, grad, scale, perExample);
                int h = from == 0 ? 0 : 2;
                sums[h] = part[0];
                sums[h + 1] = part[1];
            });
            total = sums[0] + sums[2];
            se = sums[1] + sums[3];
        } else {
            double inv = 1.0 / (sigma * sigma);
            double constant = d * (Math.log(sigma) + HALF_LOG_2PI);
            for (int r = 0; r < n; r++) {
                double rowSe = 0;
                int o = r * d;
                for (int i = o; i < o + d; i++) {
                    float diff = out[i] - target[i];
                    rowSe += diff * diff;
                    if (grad != null) {
                        grad[i] = (float) (diff * inv) * scale;
                    }
                }
                double row = 0.5 * inv * rowSe + constant;
                se += rowSe;
                total += row;
                if (perExample != null) {
                    perExample[r] = row;
                }
            }
        }
        if (sqErr != null) {
            sqErr[0] = se;
        }
        return total;
    }

    /**
     * Rows {@code [from, to)} of the Bernoulli loss: {@code {sum of -log p, sum of squared errors}}. Two passes over
     * each row: the exponentials first (a scalar loop), then a branch-free loop the JIT can vectorise.
     * e = exp(-|l|); sigmoid(l) = 1 / (1 + e) for l >= 0 and e / (1 + e) below;
     * softplus(l) - x l = max(l, 0) - x l + log(1 + e).
     */
    private static double[] bernoulliRows(float[] out, float[] target, int from, int to, int d, float[] grad,
            float scale, double[] perExample) {
        float[] e = scratch(d);
        double total = 0;
        double se = 0;
        for (int r = from; r < to; r++) {
            int o = r * d;
            for (int i = 0; i < d; i++) {
                e[i] = FastMath.exp(-Math.abs(out[o + i]));
            }
            float row = 0;
            float rowSe = 0;
            for (int i = 0; i < d; i++) {
                float l = out[o + i];
                float x = target[o + i];
                float ei = e[i];
                float inv = 1f / (1f + ei);
                float p = inv * Math.max(ei, step(l));
                float s = ei / (2f + ei);
                row += Math.max(l, 0f) - x * l + 2f * s * FastMath.atanhSeries(s * s);
                float diff = p - x;
                rowSe += diff * diff;
                e[i] = diff * scale;
            }
            if (grad != null) {
                System.arraycopy(e, 0, grad, o, d);
            }
            total += row;
            se += rowSe;
            if (perExample != null) {
                perExample[r] = row;
            }
        }
        return new double[] {total, se};
    }

    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[0]);

    private static float[] scratch(int d) {
        float[] s = SCRATCH.get();
        if (s.length < d) {
            s = new float[d];
            SCRATCH.set(s);
        }
        return s;
    }

    /**
     * 1 for l >= 2^-100, 0 for l <= 0, without a branch (min/max vectorise; a mispredicted branch per pixel cost
     * more than the arithmetic). In between, where it is neither, it only ever meets e = exp(-l) = 1 in a max.
     */
    static float step(float l) {
        return Math.min(Math.max(l * 0x1p100f, 0f), 1f);
    }

    /** The decoded data-space values of decoder outputs, in place: sigmoid for Bernoulli, identity for Gaussian. */
    static void toDataSpace(Likelihood likelihood, float[] out, int count) {
        if (likelihood == Likelihood.BERNOULLI) {
            for (int i = 0; i < count; i++) {
                out[i] = Activation.sigmoid(out[i]);
            }
        }
    }
}
