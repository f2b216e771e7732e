package dev.bottleneck.core.model;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasUpper;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemv;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_ssyrk;

import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Matrix products on OpenBLAS, the BLAS that ND4J's native backend ships, called on preallocated matrices.
 *
 * <p>Measured here: a 128x784 by 784x512 product that allocates its result through ND4J's {@code mmul} takes
 * 3.4-5.5 ms, {@code Nd4j.gemm} into a preallocated output about 1.9 ms, and {@code cblas_sgemm} on the same native
 * memory 1.3-1.8 ms (one thread) or 0.9 ms (two threads). This class is the one place that calls BLAS.
 */
public final class Blas {

    private static volatile boolean loaded;

    private Blas() {
    }

    /** Loads the native libraries and sets the number of BLAS/OpenMP threads for this process. */
    public static synchronized void init(int threads) {
        checkThreads(threads);
        // ND4J loads OpenBLAS and owns its thread setting; JavaCPP's binding of the same library does the products.
        Nd4j.factory().blas().setMaxThreads(threads);
        Loader.load(org.bytedeco.openblas.global.openblas_nolapack.class);
        Parallel.configure(threads);
        loaded = true;
    }

    /**
     * The most BLAS threads this process takes: 64, or the machine's processor count when it has more. OpenBLAS
     * builds cap their thread pools near there, and more threads than cores only compete for them.
     */
    public static int maxThreads() {
        return Math.max(64, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Refuses a thread count outside 1..{@link #maxThreads()}, with the allowed range.
     *
     * @throws IllegalArgumentException with a message that states the range
     */
    public static void checkThreads(int threads) {
        if (threads < 1 || threads > maxThreads()) {
            throw new IllegalArgumentException("BLAS threads must be 1.." + maxThreads() + " (this machine has "
                    + Runtime.getRuntime().availableProcessors() + " processors), not " + threads);
        }
    }

    /** The number of threads BLAS uses now. */
    public static int threads() {
        ensureLoaded();
        return Nd4j.factory().blas().getMaxThreads();
    }

    private static void ensureLoaded() {
        if (!loaded) {
            init(defaultThreads());
        }
    }

    /**
     * The default thread count: system property {@code bottleneck.threads}, else 1. On a two-core laptop one math
     * thread leaves a core to the JavaFX render thread and avoids OpenMP threads spinning against each other.
     */
    public static int defaultThreads() {
        String p = System.getProperty("bottleneck.threads");
        if (p != null) {
            try {
                int t = Math.max(1, Integer.parseInt(p.trim()));
                checkThreads(t);
                return t;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bottleneck.threads must be a whole number, not '" + p + "'", e);
            }
        }
        return 1;
    }

    /** {@code c = alpha * op(a) * op(b) + beta * c}, where {@code op(x)} is {@code x} or its transpose. */
    public static void gemm(Matrix a, boolean transA, Matrix b, boolean transB, Matrix c, float alpha, float beta) {
        ensureLoaded();
        int m = transA ? a.cols : a.rows;
        int k = transA ? a.rows : a.cols;
        int kb = transB ? b.cols : b.rows;
        int n = transB ? b.rows : b.cols;
        if (k != kb || c.rows != m || c.cols != n) {
            throw new IllegalArgumentException("gemm shapes: op(a) " + m + "x" + k + ", op(b) " + kb + "x" + n
                    + ", c " + c.rows + "x" + c.cols);
        }
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            // BLAS would leave c untouched for beta = 1 and scale it otherwise.
            for (int i = 0; i < c.data.length; i++) {
                c.data[i] = beta == 0f ? 0f : beta * c.data[i];
            }
            c.changed();
            return;
        }
        if (m == 1 && !transA) {
            // One row (decoding a single latent vector): sgemv reads B once; sgemm would first pack all of it,
            // which made a 1x512 by 512x784 product take 320 us instead of about 100.
            int rowsB = b.rows;
            int colsB = b.cols;
            cblas_sgemv(CblasRowMajor, transB ? CblasNoTrans : CblasTrans, rowsB, colsB, alpha, b.pushed(), colsB,
                    a.pushed(), 1, beta, c.forOutput(beta != 0f), 1);
            c.pulled();
            return;
        }
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                m, n, k, alpha, a.pushed(), a.cols, b.pushed(), b.cols, beta, c.forOutput(beta != 0f), c.cols);
        c.pulled();
    }

    /**
     * {@code c = a^T a} (upper triangle written, lower left as it was): half the work of
     * {@code gemm(a, true, a, false, c)} for a Gram or covariance matrix. {@code c} is {@code a.cols x a.cols}.
     */
    public static void gramUpper(Matrix a, Matrix c) {
        ensureLoaded();
        int n = a.cols;
        if (c.rows != n || c.cols != n) {
            throw new IllegalArgumentException("syrk shapes: a " + a.rows + "x" + a.cols + ", c " + c.rows + "x" + c.cols);
        }
        if (a.rows == 0) {
            java.util.Arrays.fill(c.data, 0f);
            c.changed();
            return;
        }
        cblas_ssyrk(CblasRowMajor, CblasUpper, CblasTrans, n, a.rows, 1f, a.pushed(), a.cols, 0f,
                c.forOutput(false), c.cols);
        c.pulled();
    }
}
