package dev.bottleneck.core.eval;

import dev.bottleneck.core.data.Dataset;
import dev.bottleneck.core.data.Factors;
import dev.bottleneck.core.model.Autoencoder;
import java.util.Arrays;
import java.util.Objects;

/**
 * The Mutual Information Gap of Chen, Li, Grosse & Duvenaud 2018, "Isolating Sources of Disentanglement in
 * Variational Autoencoders": for each ground-truth factor v_f, how much more one latent dimension knows about it
 * than any other.
 *
 * <pre>
 *   MIG = (1/F) sum_f ( I(z_(1); v_f) - I(z_(2); v_f) ) / H(v_f)
 *         z_(1), z_(2): the latent dimensions with the largest and second largest I(z_j; v_f)
 *   I(a; b) = sum_{a,b} p(a,b) log( p(a,b) / (p(a) p(b)) )        H(b) = -sum_b p(b) log p(b)       (nats)
 * </pre>
 * Estimated as in Locatello et al. 2019, "Challenging Common Assumptions in the Unsupervised Learning of
 * Disentangled Representations" (disentanglement_lib): the code is the posterior mean enc(x); each code dimension
 * is cut into {@value #BINS} equal-width bins between its smallest and largest value over the split. A factor marked
 * discrete ({@link Factors#isDiscrete}: the shape, every factor of the dSprites grid) keeps its exact classes, one per
 * distinct value however many (dSprites' 40 rotations and 32 positions), as disentanglement_lib uses the grid's
 * factor classes; any other factor is taken as its distinct values when it has at most {@value #BINS} of them, else
 * cut into {@value #BINS} equal-width bins (continuous factors). p(a, b) is the joint histogram. MIG is 1 for a code
 * that copies each factor into its own dimension and near 0 for a code unrelated to the factors. The plug-in estimate
 * is biased upwards by about (a - 1)(b - 1) / (2N) nats for a and b classes (Miller 1955), so use a few thousand
 * examples: for 20 code bins and 40 rotations on 10,000 sprites, 0.037 nats, 1 % of the rotation's entropy ln 40.
 */
public final class MutualInformationGap {

    /** Bins per code dimension and per continuous factor. */
    public static final int BINS = 20;

    private MutualInformationGap() {
    }

    /** MIG of {@code model}'s codes ({@code encode}: the posterior mean for a VAE) on a split with factors. */
    public static MigResult compute(Autoencoder model, Dataset data) {
        Objects.requireNonNull(model, "model");
        ReconstructionMetrics.checkDims(model, data);
        Factors factors = data.factors().orElseThrow(() -> new IllegalArgumentException(
                data.name() + " has no ground-truth factors to measure disentanglement against"));
        int n = Blocks.count(data, data.size());
        int k = model.latentDim();
        int d = data.features();
        float[] codes = new float[n * k];
        float[] x = new float[Math.min(Evaluation.BLOCK, n) * d];
        for (int from = 0; from < n; from += Evaluation.BLOCK) {
            int m = Math.min(Evaluation.BLOCK, n - from);
            Blocks.copy(data, from, m, x);
            System.arraycopy(model.encode(x, m), 0, codes, from * k, m * k);
        }
        return compute(codes, n, k, factors);
    }

    /**
     * MIG of given codes.
     *
     * @param codes row-major {@code n x latentDim}; non-finite values fall into the first bin
     * @param factors the ground truth of the same {@code n} examples
     */
    public static MigResult compute(float[] codes, int n, int latentDim, Factors factors) {
        if (n < 1 || codes.length < (long) n * latentDim) {
            throw new IllegalArgumentException("codes hold " + codes.length + " values, not " + n + " x " + latentDim);
        }
        if (factors.count() != n) {
            throw new IllegalArgumentException(factors.count() + " factor rows for " + n + " codes");
        }
        int nf = factors.width();
        int[][] zBins = new int[latentDim][];
        for (int j = 0; j < latentDim; j++) {
            float[] column = new float[n];
            for (int i = 0; i < n; i++) {
                column[i] = codes[i * latentDim + j];
            }
            zBins[j] = equalWidthBins(column);
        }
        double[][] mi = new double[latentDim][nf];
        double[] entropy = new double[nf];
        double[] gap = new double[nf];
        int[] topLatent = new int[nf];
        int[] secondLatent = new int[nf];
        double gapSum = 0;
        int informative = 0;
        for (int f = 0; f < nf; f++) {
            float[] column = new float[n];
            for (int i = 0; i < n; i++) {
                column[i] = factors.value(i, f);
            }
            int[] vBins = factors.isDiscrete(f) ? classes(column) : factorBins(column);
            entropy[f] = entropy(vBins);
            double top = 0;
            double second = 0;
            topLatent[f] = -1;
            secondLatent[f] = -1;
            for (int j = 0; j < latentDim; j++) {
                mi[j][f] = mutualInformation(zBins[j], vBins);
                if (mi[j][f] > top) {
                    second = top;
                    secondLatent[f] = topLatent[f];
                    top = mi[j][f];
                    topLatent[f] = j;
                } else if (mi[j][f] > second) {
                    second = mi[j][f];
                    secondLatent[f] = j;
                }
            }
            if (entropy[f] > 0) {
                gap[f] = (top - second) / entropy[f];
                gapSum += gap[f];
                informative++;
            } else {
                gap[f] = Double.NaN;
            }
        }
        int[] best = new int[latentDim];
        double[] share = new double[latentDim];
        for (int j = 0; j < latentDim; j++) {
            best[j] = -1;
            for (int f = 0; f < nf; f++) {
                double s = entropy[f] > 0 ? mi[j][f] / entropy[f] : 0;
                if (s > share[j]) {
                    share[j] = s;
                    best[j] = f;
                }
            }
        }
        return new MigResult(factors.names(), mi, entropy, gap,
                informative == 0 ? Double.NaN : gapSum / informative, best, share, topLatent, secondLatent);
    }

    /** Bin 0..BINS-1 of each value, equal widths between the finite minimum and maximum; one bin if constant. */
    static int[] equalWidthBins(float[] v) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float x : v) {
            if (Float.isFinite(x)) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
        }
        int[] bins = new int[v.length];
        if (!(hi > lo)) {
            return bins;
        }
        double scale = BINS / (hi - lo);
        for (int i = 0; i < v.length; i++) {
            if (Float.isFinite(v[i])) {
                bins[i] = Math.min(BINS - 1, (int) ((v[i] - lo) * scale));
            }
        }
        return bins;
    }

    /** Index of each value among the sorted distinct values if there are at most BINS of them, else equal bins. */
    static int[] factorBins(float[] v) {
        float[] distinct = v.clone();
        Arrays.sort(distinct);
        int count = 0;
        for (int i = 0; i < distinct.length && count <= BINS; i++) {
            if (i == 0 || Float.compare(distinct[i], distinct[count - 1]) != 0) {
                distinct[count++] = distinct[i];
            }
        }
        if (count > BINS) {
            return equalWidthBins(v);
        }
        int[] bins = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            bins[i] = Arrays.binarySearch(distinct, 0, count, v[i]);
        }
        return bins;
    }

    /** Index of each value among the sorted distinct values: the exact classes of a discrete factor. */
    static int[] classes(float[] v) {
        float[] distinct = v.clone();
        Arrays.sort(distinct);
        int count = 0;
        for (int i = 0; i < distinct.length; i++) {
            if (i == 0 || Float.compare(distinct[i], distinct[count - 1]) != 0) {
                distinct[count++] = distinct[i];
            }
        }
        int[] bins = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            bins[i] = Arrays.binarySearch(distinct, 0, count, v[i]);
        }
        return bins;
    }

    /** Plug-in entropy of a discrete sample, in nats. */
    static double entropy(int[] a) {
        int[] counts = new int[max(a) + 1];
        for (int x : a) {
            counts[x]++;
        }
        double h = 0;
        for (int c : counts) {
            if (c > 0) {
                double p = (double) c / a.length;
                h -= p * Math.log(p);
            }
        }
        return h;
    }

    /** Plug-in mutual information of two discrete samples of equal length, in nats (>= 0). */
    static double mutualInformation(int[] a, int[] b) {
        int na = max(a) + 1;
        int nb = max(b) + 1;
        int[] joint = new int[na * nb];
        int[] ca = new int[na];
        int[] cb = new int[nb];
        for (int i = 0; i < a.length; i++) {
            joint[a[i] * nb + b[i]]++;
            ca[a[i]]++;
            cb[b[i]]++;
        }
        double n = a.length;
        double mi = 0;
        for (int x = 0; x < na; x++) {
            for (int y = 0; y < nb; y++) {
                int c = joint[x * nb + y];
                if (c > 0) {
                    mi += c / n * Math.log(c * n / ((double) ca[x] * cb[y]));
                }
            }
        }
        return Math.max(0, mi);
    }

    private static int max(int[] a) {
        int m = 0;
        for (int x : a) {
            m = Math.max(m, x);
        }
        return m;
    }
}
