package dev.bottleneck.core.model;

/**
 * The KL term of a VAE split into the three parts of Chen, Li, Grosse &amp; Duvenaud 2018 ("Isolating Sources of
 * Disentanglement in VAEs", eq. 2), estimated on a minibatch, with the gradient of their weighted sum. With n the
 * index of an example of the training set (N examples, p(n) = 1/N), q(z) = (1/N) sum_n q(z|n) the aggregate posterior
 * and p(z) = N(0, I):
 *
 * <pre>
 *   E_p(n)[KL(q(z|n) || p(z))] = I(z; n)                          index-code mutual information
 *                              + KL(q(z) || prod_j q(z_j))         total correlation (TC)
 *                              + sum_j KL(q(z_j) || p(z_j))        dimension-wise KL
 * </pre>
 *
 * <p><b>The estimator.</b> q(z) and q(z_j) sum over all N examples; a batch of M examples {n_1..n_M}, each with one
 * sample z_i ~ q(z|n_i), stands in for them with the minibatch stratified sampling (MSS) of Chen et al.'s Appendix
 * (their reference code's {@code --mss}):
 *
 * <pre>
 *   log q(z_i)   ~ A_i  = log sum_m w_im q(z_i | n_m)
 *   log q(z_ij)  ~ C_ij = log sum_m w_im q(z_ij | n_m)
 *   w_ii = 1/N,   w_i,i+1 = (N - M') / (N M'),   every other w_im = 1/M',   M' = M - 1   (i+1 taken mod M)
 *
 *   MI  = 1/M sum_i [ log q(z_i|n_i) - A_i ]
 *   TC  = 1/M sum_i [ A_i - sum_j C_ij ]
 *   dim = 1/M sum_i [ sum_j C_ij - log p(z_i) ]
 * </pre>
 * The three sum to {@code 1/M sum_i [log q(z_i|n_i) - log p(z_i)]}, the one-sample estimate of the KL term, whatever
 * the weights: A and C cancel. Each row of weights sums to 1 (the example's own posterior weighs 1/N, the others
 * share (N-1)/N), so when the other M-1 examples of the batch are drawn uniformly from the rest of the set, as the
 * trainer's shuffled batches are, sum_m w_im q(z_i|n_m) is an unbiased estimate of q(z_i). (The reference code fills
 * the weights column-wise where the appendix puts them on the diagonal, rtqichen/beta-tcvae pull request 1; this is
 * the appendix's.)
 *
 * <p><b>Its bias.</b> The logarithm of an unbiased estimate is biased low (Jensen): A_i and C_ij read below log q(z_i)
 * and log q(z_ij), by more the fewer of the examples that carry q near z_i the batch holds. So at small batches MI
 * reads high and the dimension-wise KL low, always; TC, the difference of the joint's shortfall and the marginals',
 * goes either way: the joint, a mixture of N narrow bumps in as many dimensions as the code has active units, is
 * covered far more thinly than the one-dimensional marginals by a batch of tens to hundreds, and TC reads low (a batch
 * estimate can fall below 0, which the true TC never does); with a handful of examples the marginals are as thinly
 * covered and TC reads high. Their sum, the KL estimate, is unbiased at every batch size, and every bias shrinks as M
 * grows towards N ({@code KlDecompositionTest} measures it against the exact terms of a synthetic set).
 *
 * <p>Why not minibatch weighted sampling (MWS, Chen et al.'s section 4.1: every w_im = 1/(NM))? Its weights sum to 1/N,
 * not 1, so while posteriors overlap (at the start of training, or on an inactive unit) it reads log q(z) about
 * log N too low: MI near log N, TC near (d - 1) log N and the dimension-wise KL near -d log N, curves that say nothing
 * on a chart although the gradient, blind to the constant, trains the same.
 *
 * <p>A batch of one has no other example: its own posterior gets weight 1 (the batch is the whole set). A batch larger
 * than N (a validation block) counts N as M. Work is O(M^2 d) time and O(M d) memory; the buffers grow to the largest
 * batch seen and are reused, so a training step allocates nothing.
 */
final class KlDecomposition {

    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    private final int k;
    private double[] ivar = new double[0];   // M x k: exp(-logvar)
    private double[] norm = new double[0];   // M x k: -1/2 log 2pi - 1/2 logvar
    private double[] cell = new double[0];   // M x k: log q(z_ij | n_m) of one row i, then the softmax weights
    private double[] joint = new double[0];  // M: log w_im + log q(z_i | n_m), then the softmax weights
    private final double[] max;              // k: per-dimension maxima of one row
    private final double[] sum;              // k: per-dimension sums of one row
    private final double[] marginal;         // k: C_ij of one row
    private final double[] weights = new double[3]; // log w of the own posterior, the stratum's, the others'
    private double[] gMu = new double[0];    // M x k
    private double[] gLogvar = new double[0];
    private double[] gZ = new double[0];
    private double mi;
    private double tc;
    private double dimensionWiseKl;

    /** A decomposition for codes of {@code latentDim} dimensions. */
    KlDecomposition(int latentDim) {
        this.k = latentDim;
        this.max = new double[k];
        this.sum = new double[k];
        this.marginal = new double[k];
    }

    /**
     * Estimates the three terms on a batch and, if {@code gradients}, the partial derivatives of
     * {@code alpha MI + beta TC + gamma dim} with respect to mu, logvar and z, each held independent of the others
     * (the caller adds dz/dmu and dz/dlogvar of the reparameterisation).
     *
     * @param mu posterior means, row-major, {@code k} per row
     * @param logvar posterior log-variances, as {@code mu}
     * @param z one sample of each posterior, as {@code mu}
     * @param from the batch's first row in the three arrays (the gradients start at row 0)
     * @param m batch size M
     * @param datasetSize N, the examples the aggregate posterior sums over; 0 or less (not known yet) counts the
     *     batch as the whole set
     */
    void compute(double[] mu, double[] logvar, double[] z, int from, int m, long datasetSize, double alpha,
            double beta, double gamma, boolean gradients) {
        ensure(m);
        int mk = m * k;
        int off = from * k;
        for (int c = 0; c < mk; c++) {
            ivar[c] = Math.exp(-logvar[off + c]);
            norm[c] = -HALF_LOG_2PI - 0.5 * logvar[off + c];
        }
        if (gradients) {
            java.util.Arrays.fill(gMu, 0, mk, 0.0);
            java.util.Arrays.fill(gLogvar, 0, mk, 0.0);
        }
        logWeights(m, datasetSize, weights);
        double logSelf = weights[0];
        double logStrat = weights[1];
        double logOther = weights[2];
        double miSum = 0;
        double tcSum = 0;
        double dimSum = 0;
        double wJoint = (beta - alpha) / m;
        double wMarginal = (gamma - beta) / m;
        for (int i = 0; i < m; i++) {
            int io = i * k;
            int strat = (i + 1) % m;
            // log q(z_ij | n_m) for every m, j; the joint's log w_im + sum_j of them.
            double jointMax = Double.NEGATIVE_INFINITY;
            java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
            for (int r = 0; r < m; r++) {
                int ro = r * k;
                double logW = r == i ? logSelf : r == strat ? logStrat : logOther;
                double s = 0;
                for (int j = 0; j < k; j++) {
                    double diff = z[off + io + j] - mu[off + ro + j];
                    double l = norm[ro + j] - 0.5 * diff * diff * ivar[ro + j];
                    cell[ro + j] = logW + l;
                    s += l;
                    max[j] = Math.max(max[j], logW + l);
                }
                joint[r] = logW + s;
                jointMax = Math.max(jointMax, joint[r]);
            }
            double self = 0;
            double prior = 0;
            for (int j = 0; j < k; j++) {
                self += cell[io + j] - logSelf;
                prior += -HALF_LOG_2PI - 0.5 * z[off + io + j] * z[off + io + j];
            }
            // A_i and C_ij: log-sum-exp over the batch, keeping the exponentials as softmax numerators.
            double jointSum = 0;
            java.util.Arrays.fill(sum, 0.0);
            for (int r = 0; r < m; r++) {
                int ro = r * k;
                double e = Math.exp(joint[r] - jointMax);
                joint[r] = e;
                jointSum += e;
                for (int j = 0; j < k; j++) {
                    double c = Math.exp(cell[ro + j] - max[j]);
                    cell[ro + j] = c;
                    sum[j] += c;
                }
            }
            double a = jointMax + Math.log(jointSum);
            double marginals = 0;
            for (int j = 0; j < k; j++) {
                marginal[j] = max[j] + Math.log(sum[j]);
                marginals += marginal[j];
            }
            miSum += self - a;
            tcSum += a - marginals;
            dimSum += marginals - prior;
            if (!gradients) {
                continue;
            }
            // d/d log q(z_ij | n_r) of the weighted sum: through A (softmax over r), C_ij (softmax over r) and,
            // for r = i, log q(z_i | n_i) itself.
            for (int r = 0; r < m; r++) {
                int ro = r * k;
                double viaJoint = wJoint * joint[r] / jointSum + (r == i ? alpha / m : 0);
                for (int j = 0; j < k; j++) {
                    double g = viaJoint + wMarginal * cell[ro + j] / sum[j];
                    double diff = z[off + io + j] - mu[off + ro + j];
                    double t = diff * ivar[ro + j];          // d log N(z; mu, s^2) / d mu = -d/dz
                    gZ[io + j] -= g * t;
                    gMu[ro + j] += g * t;
                    gLogvar[ro + j] += g * 0.5 * (diff * t - 1.0);
                }
            }
            for (int j = 0; j < k; j++) {
                gZ[io + j] += gamma / m * z[off + io + j];  // -gamma log p(z_i) / M
            }
        }
        mi = miSum / m;
        tc = tcSum / m;
        dimensionWiseKl = dimSum / m;
    }

    /**
     * log w_ir: the weight of posterior r in the estimate of q at the sample of example i, in a batch of {@code m}
     * from a set of {@code datasetSize} (0 or less: the batch is the set).
     */
    static double logWeight(int i, int r, int m, long datasetSize) {
        double[] w = new double[3];
        logWeights(m, datasetSize, w);
        return r == i ? w[0] : r == (i + 1) % m ? w[1] : w[2];
    }

    /** {log 1/N, log (N - M') / (N M'), log 1/M'} with M' = m - 1 and N at least m; all 0 for m = 1. */
    private static void logWeights(int m, long datasetSize, double[] into) {
        if (m == 1) {
            java.util.Arrays.fill(into, 0.0);
            return;
        }
        long n = Math.max(datasetSize, m);
        into[0] = -Math.log(n);
        into[1] = Math.log((double) (n - (m - 1)) / ((double) n * (m - 1)));
        into[2] = -Math.log(m - 1);
    }

    private void ensure(int m) {
        int mk = m * k;
        if (cell.length < mk) {
            ivar = new double[mk];
            norm = new double[mk];
            cell = new double[mk];
            gMu = new double[mk];
            gLogvar = new double[mk];
            gZ = new double[mk];
        }
        if (joint.length < m) {
            joint = new double[m];
        }
        java.util.Arrays.fill(gZ, 0, mk, 0.0);
    }

    /** The index-code mutual information estimate of the last {@link #compute}, nats per example. */
    double mutualInformation() {
        return mi;
    }

    /** The total correlation estimate of the last {@link #compute}, nats per example. */
    double totalCorrelation() {
        return tc;
    }

    /** The dimension-wise KL estimate of the last {@link #compute}, nats per example. */
    double dimensionWiseKl() {
        return dimensionWiseKl;
    }

    /** d(weighted sum)/d mu of the last {@link #compute} with gradients, {@code m x k}; z held fixed. */
    double[] gradMu() {
        return gMu;
    }

    /** d(weighted sum)/d logvar, {@code m x k}; z held fixed. */
    double[] gradLogvar() {
        return gLogvar;
    }

    /** d(weighted sum)/d z, {@code m x k}; mu and logvar held fixed. */
    double[] gradZ() {
        return gZ;
    }
}
