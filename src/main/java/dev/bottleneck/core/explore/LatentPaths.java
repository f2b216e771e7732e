package dev.bottleneck.core.explore;

import java.util.List;

/**
 * Paths between two codes through the latent space, in standard units: a straight line (lerp), or a great circle
 * that keeps the norm between the two ends (slerp, Shoemake 1985), which suits a Gaussian prior better: a straight
 * line between two typical draws runs through the prior's low-norm interior, where few codes lie (White 2016,
 * "Sampling generative networks").
 */
public final class LatentPaths {

    private LatentPaths() {
    }

    /**
     * A path between two examples, decoded.
     *
     * @param z the latent vectors along it ({@code steps x k}, row-major)
     * @param images the decoded images, one per step ({@code d} each)
     * @param logPrior the log density of N(0, I) at each step, in standard units (nats)
     * @param xs where each step falls on the scatter, across
     * @param ys and up
     */
    public record Path(float[] z, List<float[]> images, double[] logPrior, float[] xs, float[] ys) {
    }

    /** The angle between {@code a} and {@code b} in radians, in [0, pi]; pi / 2 when either is the zero vector. */
    public static double angle(double[] a, double[] b) {
        double na = 0;
        double nb = 0;
        double dot = 0;
        for (int j = 0; j < a.length; j++) {
            na += a[j] * a[j];
            nb += b[j] * b[j];
            dot += a[j] * b[j];
        }
        return Math.acos(Math.max(-1, Math.min(1, dot / Math.max(1e-12, Math.sqrt(na * nb)))));
    }

    /**
     * The weights {@code {w_a, w_b}} of the two ends at {@code t} in [0, 1]: {@code {1 - t, t}} for a straight line;
     * {@code {sin((1 - t) omega) / sin omega, sin(t omega) / sin omega}} along a great circle through ends
     * {@code omega} radians apart. Nearly parallel ends (omega below 1e-6) fall back to the straight line, which is
     * the limit and avoids 0 / 0.
     */
    public static double[] weights(double t, double omega, boolean spherical) {
        if (spherical && omega > 1e-6) {
            return new double[] {Math.sin((1 - t) * omega) / Math.sin(omega), Math.sin(t * omega) / Math.sin(omega)};
        }
        return new double[] {1 - t, t};
    }

    /**
     * {@code steps} points from {@code a} to {@code b}, both ends included, evenly spaced in {@code t}: row {@code s}
     * is {@code w_a(t) a + w_b(t) b} with {@code t = s / (steps - 1)}.
     *
     * @return {@code steps x a.length}
     */
    public static double[][] between(double[] a, double[] b, int steps, boolean spherical) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("a path between codes of " + a.length + " and " + b.length
                    + " dimensions");
        }
        if (steps < 2) {
            throw new IllegalArgumentException("a path needs at least its two ends, not " + steps + " steps");
        }
        double omega = angle(a, b);
        double[][] out = new double[steps][a.length];
        for (int s = 0; s < steps; s++) {
            double[] w = weights((double) s / (steps - 1), omega, spherical);
            for (int j = 0; j < a.length; j++) {
                out[s][j] = w[0] * a[j] + w[1] * b[j];
            }
        }
        return out;
    }

    /** {@code log N(u; 0, I) = -|u|^2 / 2 - (k / 2) log(2 pi)}, in nats. */
    public static double logStandardNormal(double[] u) {
        double lp = 0;
        for (double v : u) {
            lp += -0.5 * v * v - 0.5 * Math.log(2 * Math.PI);
        }
        return lp;
    }

    /**
     * The path from example {@code a} to example {@code b} of {@code e}, in {@code e}'s standard units, decoded with
     * its model and placed on the scatter's axes. Runs on the thread that owns {@code e}'s model (the decoding
     * thread).
     */
    public static Path decoded(Exploration e, int a, int b, int steps, boolean spherical, boolean principal, int x,
            int y) {
        int k = e.k();
        double[][] u = between(e.standard(a), e.standard(b), steps, spherical);
        float[] z = new float[steps * k]; // steps x k
        double[] logPrior = new double[steps];
        for (int s = 0; s < steps; s++) {
            System.arraycopy(e.latent(u[s]), 0, z, s * k, k);
            logPrior[s] = logStandardNormal(u[s]);
        }
        List<float[]> images = List.of(LatentGrids.rows(e.model().decode(z, steps), steps, e.data().features()));
        float[][] xy = e.project(z, steps, principal, x, y);
        return new Path(z, images, logPrior, xy[0], xy[1]);
    }
}
