package dev.bottleneck.core.model;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Principal component analysis, exact: the eigen-decomposition of the sample covariance
 * {@code C = (X - mean)^T (X - mean) / N}, components ordered by decreasing eigenvalue (explained variance).
 *
 * <pre>
 *   encode: z = (x - mean) V_k        decode: x_hat = z V_k^T + mean
 * </pre>
 * With k = d the reconstruction is exact. Fitted in closed form by {@link #fit}; it has no trainable parameters.
 */
public final class Pca implements ClosedFormModel {

    /** Rows per block when accumulating X^T X: bounds the native buffers. */
    private static final int FIT_BLOCK = 4096;

    private final PcaConfig config;
    private float[] mean;          // d
    private float[] components;    // d x k, column j = component j, unit length
    private double[] variances;    // all d eigenvalues, decreasing
    private boolean fitted;
    private Matrix componentMatrix; // wraps components; rebuilt when a fit replaces them

    public Pca(PcaConfig config) {
        this.config = config;
        int d = config.inputDim();
        this.mean = new float[d];
        this.components = new float[d * config.latentDim()];
        this.variances = new double[d];
    }

    /** A fitted PCA from stored parameters (the saved-model format). */
    public static Pca fromParameters(PcaConfig config, float[] mean, float[] components, double[] variances) {
        Pca p = new Pca(config);
        if (mean.length != config.inputDim() || components.length != config.inputDim() * config.latentDim()
                || variances.length != config.inputDim()) {
            throw new IllegalArgumentException("PCA parameters do not match " + config);
        }
        p.mean = mean.clone();
        p.components = components.clone();
        p.variances = variances.clone();
        p.fitted = true;
        return p;
    }

    @Override
    public PcaConfig config() {
        return config;
    }

    /** Fits mean and components to {@code n} rows of {@code x} ({@code n x inputDim()}). */
    public void fit(float[] x, int n) {
        int d = config.inputDim();
        int k = config.latentDim();
        if (n < 2) {
            throw new IllegalArgumentException("PCA needs at least 2 examples, not " + n);
        }
        NeuralAutoencoder.checkLength(x, n, d, "input");
        double[] mu = new double[d];
        for (int r = 0; r < n; r++) {
            int o = r * d;
            for (int j = 0; j < d; j++) {
                mu[j] += x[o + j];
            }
        }
        float[] meanF = new float[d];
        for (int j = 0; j < d; j++) {
            mu[j] /= n;
            meanF[j] = (float) mu[j];
        }
        // Covariance: blocks of centred rows through sgemm, accumulated in double.
        double[] cov = new double[d * d];
        Matrix gram = new Matrix(d, d);
        Matrix block = null;
        for (int from = 0; from < n; from += FIT_BLOCK) {
            int m = Math.min(FIT_BLOCK, n - from);
            if (block == null || block.rows != m) {
                if (block != null) {
                    block.release();
                }
                block = new Matrix(m, d);
            }
            for (int r = 0; r < m; r++) {
                int src = (from + r) * d;
                int dst = r * d;
                for (int j = 0; j < d; j++) {
                    block.data[dst + j] = x[src + j] - meanF[j];
                }
            }
            block.changed();
            Blas.gramUpper(block, gram); // d x d, upper triangle: half the work of a full product
            for (int i = 0; i < d; i++) {
                for (int j = i; j < d; j++) {
                    cov[i * d + j] += gram.data[i * d + j];
                }
            }
        }
        block.release();
        gram.release();
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                cov[i * d + j] /= n;
                cov[j * d + i] = cov[i * d + j];
            }
        }
        INDArray c = Nd4j.create(cov, new long[] {d, d}, DataType.DOUBLE);
        INDArray eigenvalues = Eigen.symmetricGeneralizedEigenvalues(c, true); // ascending; c := eigenvectors
        double[] ev = eigenvalues.toDoubleVector();
        double[][] vectors = c.toDoubleMatrix(); // vectors[i][j]: row i of column-vector j
        double[] sortedVar = new double[d];
        float[] comps = new float[d * k];
        for (int j = 0; j < d; j++) {
            int src = d - 1 - j; // descending
            sortedVar[j] = Math.max(0, ev[src]);
            if (j < k) {
                // Sign convention: the largest-magnitude entry of each component is positive, so fits agree.
                int arg = 0;
                for (int i = 1; i < d; i++) {
                    if (Math.abs(vectors[i][src]) > Math.abs(vectors[arg][src])) {
                        arg = i;
                    }
                }
                double sign = vectors[arg][src] < 0 ? -1 : 1;
                for (int i = 0; i < d; i++) {
                    comps[i * k + j] = (float) (sign * vectors[i][src]);
                }
            }
        }
        this.mean = meanF;
        this.components = comps;
        this.componentMatrix = null;
        this.variances = sortedVar;
        this.fitted = true;
    }

    public boolean isFitted() {
        return fitted;
    }

    /** The mean the data is centred on (a copy), length d. */
    public float[] mean() {
        return mean.clone();
    }

    /** The kept components (a copy), row-major {@code d x k}: column j is component j. */
    public float[] components() {
        return components.clone();
    }

    /** The variance along every principal direction, all d of them, decreasing (a copy). */
    public double[] allVariances() {
        return variances.clone();
    }

    /** The fraction of the total variance that component j explains, for the k kept components. */
    public double[] explainedVarianceRatio() {
        double total = 0;
        for (double v : variances) {
            total += v;
        }
        double[] r = new double[config.latentDim()];
        for (int j = 0; j < r.length; j++) {
            r[j] = total > 0 ? variances[j] / total : 0;
        }
        return r;
    }

    @Override
    public float[] encode(float[] x, int n) {
        int d = config.inputDim();
        int k = config.latentDim();
        NeuralAutoencoder.checkLength(x, n, d, "input");
        float[] z = new float[n * k];
        Matrix c = componentMatrix();
        for (int from = 0; from < n; from += FIT_BLOCK) {
            int m = Math.min(FIT_BLOCK, n - from);
            Matrix block = new Matrix(m, d);
            for (int r = 0; r < m; r++) {
                int src = (from + r) * d;
                for (int i = 0; i < d; i++) {
                    block.data[r * d + i] = x[src + i] - mean[i];
                }
            }
            Matrix out = new Matrix(m, k);
            Blas.gemm(block, false, c, false, out, 1f, 0f); // (m x d)(d x k)
            System.arraycopy(out.data, 0, z, from * k, m * k);
            block.release();
            out.release();
        }
        return z;
    }

    @Override
    public float[] decode(float[] z, int n) {
        int d = config.inputDim();
        int k = config.latentDim();
        NeuralAutoencoder.checkLength(z, n, k, "code");
        float[] x = new float[n * d];
        Matrix c = componentMatrix();
        for (int from = 0; from < n; from += FIT_BLOCK) {
            int m = Math.min(FIT_BLOCK, n - from);
            Matrix codes = new Matrix(m, k);
            System.arraycopy(z, from * k, codes.data, 0, m * k);
            Matrix out = new Matrix(m, d);
            Blas.gemm(codes, false, c, true, out, 1f, 0f); // (m x k)(k x d)
            for (int r = 0; r < m; r++) {
                int o = (from + r) * d;
                for (int i = 0; i < d; i++) {
                    x[o + i] = out.data[r * d + i] + mean[i];
                }
            }
            codes.release();
            out.release();
        }
        return x;
    }

    /** The components as a matrix for BLAS, built once per fit. */
    private Matrix componentMatrix() {
        if (componentMatrix == null) {
            componentMatrix = new Matrix(config.inputDim(), config.latentDim(), components);
        }
        return componentMatrix;
    }

    @Override
    public LossTerms evaluate(float[] input, float[] target, int n, long noiseSeed) {
        int d = config.inputDim();
        float[] rec = reconstruct(input, n);
        double se = 0;
        for (int i = 0; i < n * d; i++) {
            double diff = rec[i] - target[i];
            se += diff * diff;
        }
        return LossTerms.builder()
                .put(Term.LOSS, se / n)
                .put(Term.MSE_PER_FEATURE, se / ((double) n * d))
                .build();
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public Pca copy() {
        return fitted ? fromParameters(config, mean, components, variances) : new Pca(config);
    }
}
