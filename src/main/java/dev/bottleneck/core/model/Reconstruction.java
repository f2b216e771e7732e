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
            for (int r = 0; r < n; r++) {
                double row = 0;
                int o = r * d;
                for (int i = o; i < o + d; i++) {
                    float l = out[i];
                    float x = target[i];
                    float e = FastMath.exp(-Math.abs(l));            // in (0, 1]
                    // softplus(l) - x l, written to stay finite for large |l|
                    row += Math.max(l, 0f) - x * l + FastMath.log1pUnit(e);
                    float inv = 1f / (1f + e);
                    float p = l >= 0f ? inv : e * inv;              // sigmoid(l)
                    float diff = p - x;
                    if (grad != null) {
                        grad[i] = diff * scale;
                    }
                    se += diff * diff;
                }
                total += row;
                if (perExample != null) {
                    perExample[r] = row;
                }
            }
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

    /** The decoded data-space values of decoder outputs, in place: sigmoid for Bernoulli, identity for Gaussian. */
    static void toDataSpace(Likelihood likelihood, float[] out, int count) {
        if (likelihood == Likelihood.BERNOULLI) {
            for (int i = 0; i < count; i++) {
                out[i] = Activation.sigmoid(out[i]);
            }
        }
    }
}
