package dev.bottleneck.core.explore;

import dev.bottleneck.core.data.Dataset;
import dev.bottleneck.core.eval.LatentActivity;
import dev.bottleneck.core.eval.MigResult;
import dev.bottleneck.core.eval.MutualInformationGap;
import dev.bottleneck.core.model.Autoencoder;
import dev.bottleneck.core.model.Pca;
import dev.bottleneck.core.model.PcaConfig;
import dev.bottleneck.core.model.LatentVariableModel;
import java.util.Locale;

/**
 * What the explorer knows about one model on one split, computed off the FX thread: every example's code, the
 * order of the latent dimensions, their centre and scale ("standard units", in which the sliders move), the
 * reconstructions for the hover preview, and the first two principal components of the codes.
 *
 * <p>Standard units: for a VAE the prior N(0, I) fixes centre 0 and scale 1; for an AE or PCA, whose codes have no
 * prior, the centre and scale are the mean and standard deviation of each code dimension over the split.
 *
 * <p>Shapes: {@code codes} and {@code logvars} are {@code n x k} row-major; {@code reconstructions} {@code n x d}
 * bytes (values in [0, 1] times 255); {@code pcX}, {@code pcY} and {@code errors} one value per example. An
 * exploration is immutable once made; only its model copy is used, by one thread at a time (the decoding thread).
 */
public record Exploration(Autoencoder model, Dataset data, int n, int k, float[] codes, float[] logvars,
        LatentActivity activity, int[] order, double[] center, double[] scale, byte[] reconstructions,
        float[] pcX, float[] pcY, double[] explainedRatio, MigResult mig, Pca codePca, double[] pcTurn,
        float[] errors) {

    /**
     * Encodes {@code data} with {@code model}, on the calling thread. The exploration keeps a fresh copy of the model
     * for the decoding thread, so the caller's copy stays its own.
     */
    public static Exploration of(Autoencoder model, Dataset data) {
        return of(model, data, data.toFloatArray(), null);
    }

    /**
     * As {@link #of(Autoencoder, Dataset)}, with {@code data}'s values already as floats (read, never written). When
     * {@code previous} explored the same examples, the principal-component view is turned (rotated or mirrored) to
     * match it as closely as it can: principal components have no sign and, for near-equal variances, no fixed
     * direction, so unaligned the scatter would mirror and spin between training snapshots.
     */
    public static Exploration of(Autoencoder model, Dataset data, float[] x, Exploration previous) {
        int n = data.size();
        int d = data.features();
        int k = model.latentDim();
        float[] codes;
        float[] logvars = null;
        if (model instanceof LatentVariableModel vae) {
            float[][] q = vae.posterior(x, n);
            codes = q[0];
            logvars = q[1];
        } else {
            codes = model.encode(x, n);
        }
        LatentActivity activity = LatentActivity.fromCodes(codes, logvars, n, k);
        double[] center = new double[k];
        double[] scale = new double[k];
        for (int j = 0; j < k; j++) {
            if (logvars != null) {
                scale[j] = 1;
            } else {
                double m = 0;
                for (int r = 0; r < n; r++) {
                    m += codes[r * k + j];
                }
                center[j] = m / n;
                scale[j] = Math.max(1e-6, Math.sqrt(activity.codeVariance()[j]));
            }
        }
        float[] rec = model.decode(codes, n);
        byte[] recBytes = new byte[rec.length];
        for (int i = 0; i < rec.length; i++) {
            recBytes[i] = (byte) Math.round(Math.min(1f, Math.max(0f, rec[i])) * 255f);
        }
        float[] pcX = null;
        float[] pcY = null;
        double[] turn = IDENTITY;
        Pca p = null;
        if (k > 2) {
            p = new Pca(new PcaConfig(k, 2));
            p.fit(codes, n);
            float[] pc = p.encode(codes, n);
            pcX = new float[n];
            pcY = new float[n];
            for (int r = 0; r < n; r++) {
                pcX[r] = pc[2 * r];
                pcY[r] = pc[2 * r + 1];
            }
            if (previous != null && previous.pcX() != null && previous.data() == data) {
                turn = PlaneAlignment.procrustes(pcX, pcY, previous.pcX(), previous.pcY());
                PlaneAlignment.turn(pcX, pcY, turn);
            }
        }
        double[] ratio = model instanceof Pca pca ? pca.explainedVarianceRatio() : null;
        // With ground-truth factors (the shapes data), how well each dimension tracks one: MIG, Chen et al. 2018.
        MigResult mig = data.factors().map(f -> MutualInformationGap.compute(codes, n, k, f)).orElse(null);
        int[] order = ratio != null ? identity(k) : activity.sliderOrder();
        // Each example's reconstruction error (squared error per feature), for the error-sized rings on the scatter.
        float[] errors = new float[n];
        boolean unitRange = data.isByteBacked(); // images: compare what is shown, clipped to [0, 1]
        for (int r = 0; r < n; r++) {
            double se = 0;
            for (int j = 0; j < d; j++) {
                float v = rec[r * d + j];
                double diff = (unitRange ? Math.min(1f, Math.max(0f, v)) : v) - x[r * d + j];
                se += diff * diff;
            }
            errors[r] = (float) (se / d);
        }
        return new Exploration(model.copy(), data, n, k, codes, logvars, activity, order, center, scale, recBytes, pcX, pcY,
                ratio, mig, p, turn, errors);
    }

    private static final double[] IDENTITY = {1, 0, 0, 1};

    private static int[] identity(int k) {
        int[] o = new int[k];
        for (int i = 0; i < k; i++) {
            o[i] = i;
        }
        return o;
    }

    /**
     * Where latent vectors ({@code z}: {@code m x k}, row-major) fall on the scatter: on the codes' first two principal
     * components (turned like the scatter) when {@code principal} and there are more than two dimensions, else on
     * latent dimensions {@code x} and {@code y} (clamped to the last one; y is 0 for a 1-D code). Returns
     * {@code {xs, ys}}, {@code m} each.
     */
    public float[][] project(float[] z, int m, boolean principal, int x, int y) {
        float[] xs = new float[m];
        float[] ys = new float[m];
        if (principal && codePca != null) {
            float[] pc = codePca.encode(z, m); // m x 2
            for (int i = 0; i < m; i++) {
                xs[i] = pc[2 * i];
                ys[i] = pc[2 * i + 1];
            }
            PlaneAlignment.turn(xs, ys, pcTurn);
        } else {
            for (int i = 0; i < m; i++) {
                xs[i] = z[i * k + Math.min(x, k - 1)];
                ys[i] = k > 1 ? z[i * k + Math.min(y, k - 1)] : 0f;
            }
        }
        return new float[][] {xs, ys};
    }

    /** Every example's code on the scatter's axes, as {@link #project} places it: {@code {xs, ys}}, {@code n} each. */
    public float[][] scatter(boolean principal, int x, int y) {
        if (principal && pcX != null) {
            return new float[][] {pcX.clone(), pcY.clone()};
        }
        return project(codes, n, false, x, y);
    }

    /** The latent vector ({@code k}) at the positions {@code standard} (standard units, by dimension). */
    public float[] latent(double[] standard) {
        float[] z = new float[k];
        for (int j = 0; j < k; j++) {
            z[j] = latent(j, standard[j]);
        }
        return z;
    }

    /**
     * Where the sliders rest when no example is selected, in standard units ({@code k}): the code of a real example
     * near the centre, or for PCA the centre itself (the mean image, around which PCA's components are read).
     *
     * <p>Not the centre, because the centre of a code need not decode to anything: a beta-VAE's codes of sprites
     * surround a centre that decodes to an empty image (the shipped shapes model did), and every strip walked from
     * there began and ended in black. Nor simply the example nearest the centre, because the examples a model knows
     * least about sit there: a VAE encodes its smallest, faintest sprites close to the prior's mean. So, for images,
     * the nearest example whose reconstruction is clearly drawn: its contrast (brightest minus darkest pixel) at least
     * half the largest contrast among the reconstructions, and its ink (the sum of its pixels) at least the median
     * reconstruction's. Where the centre is a typical code, as for MNIST's VAEs, that example lies next to it.
     */
    public double[] restingPoint() {
        if (explainedRatio != null || n == 0) {
            return new double[k];
        }
        boolean[] drawn = null;
        if (data != null && data.shape().image() && reconstructions != null) {
            int d = reconstructions.length / n;
            int[] contrast = new int[n];
            long[] ink = new long[n];
            int most = 0;
            for (int i = 0; i < n; i++) {
                int lo = 255;
                int hi = 0;
                long sum = 0;
                for (int p = i * d; p < (i + 1) * d; p++) {
                    int v = reconstructions[p] & 0xff;
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                    sum += v;
                }
                contrast[i] = hi - lo;
                ink[i] = sum;
                most = Math.max(most, contrast[i]);
            }
            long[] sorted = ink.clone();
            java.util.Arrays.sort(sorted);
            long medianInk = sorted[(n - 1) / 2];
            drawn = new boolean[n];
            boolean any = false;
            for (int i = 0; i < n; i++) {
                drawn[i] = 2 * contrast[i] >= most && ink[i] >= medianInk;
                any |= drawn[i];
            }
            if (!any) { // the most contrasted examples all have little ink: take the nearest of all
                drawn = null;
            }
        }
        int best = 0;
        double nearest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (drawn != null && !drawn[i]) {
                continue;
            }
            double d2 = 0;
            for (int j = 0; j < k && d2 < nearest; j++) {
                double u = standard(i, j);
                d2 += u * u;
            }
            if (d2 < nearest) {
                nearest = d2;
                best = i;
            }
        }
        return standard(best);
    }

    /** Example {@code i}'s code in standard units ({@code k}). */
    public double[] standard(int i) {
        double[] u = new double[k];
        for (int j = 0; j < k; j++) {
            u[j] = standard(i, j);
        }
        return u;
    }

    /** The latent value of dimension {@code j} at {@code s} standard units. */
    public float latent(int j, double s) {
        return (float) (center[j] + s * scale[j]);
    }

    /** The position of example {@code i} along dimension {@code j}, in standard units. */
    public double standard(int i, int j) {
        return (codes[i * k + j] - center[j]) / scale[j];
    }

    /** The posterior standard deviation of example {@code i} along {@code j}, in standard units (VAE only). */
    public double posteriorSigma(int i, int j) {
        return logvars == null ? Double.NaN : Math.exp(0.5 * logvars[i * k + j]) / scale[j];
    }

    /** The name of dimension {@code j} ("z3", or "PC1" for PCA). */
    public String name(int j) {
        return explainedRatio != null ? "PC" + (j + 1) : "z" + (j + 1);
    }

    /**
     * The figure that orders dimension {@code j}, as a short label. The factor a dimension tracks, when the data have
     * factors, is a separate label: {@link MigResult#factorsNamedBy}.
     */
    public String figure(int j) {
        return baseFigure(j);
    }

    private String baseFigure(int j) {
        if (explainedRatio != null) {
            return String.format(Locale.ROOT, "%.1f%% of variance", 100 * explainedRatio[j]);
        }
        if (activity.hasPosterior()) {
            return String.format(Locale.ROOT, "KL %.2f nats", activity.klPerDim()[j]);
        }
        return String.format(Locale.ROOT, "variance %.3g", activity.codeVariance()[j]);
    }

    /** The number that orders dimension {@code j}. */
    public double importance(int j) {
        if (explainedRatio != null) {
            return explainedRatio[j];
        }
        return activity.hasPosterior() ? activity.klPerDim()[j] : activity.codeVariance()[j];
    }

    /** Example {@code i}'s reconstruction, values in [0, 1]. */
    public float[] reconstruction(int i) {
        int d = data.features();
        float[] out = new float[d];
        for (int j = 0; j < d; j++) {
            out[j] = (reconstructions[i * d + j] & 0xFF) / 255f;
        }
        return out;
    }
}
