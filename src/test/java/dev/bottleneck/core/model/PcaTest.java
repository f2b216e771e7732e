package dev.bottleneck.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Closed forms of PCA. */
class PcaTest {

    /** n points in d dimensions with very different spreads along the axes, then rotated. */
    private static float[] data(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float) (r.nextGaussian() * (d - j) + 0.5 * j);
            }
        }
        return x;
    }

    @Test
    void keepingEveryComponentReconstructsExactly() {
        int d = 6;
        float[] x = data(200, d, 1);
        Pca p = new Pca(new PcaConfig(d, d));
        p.fit(x, 200);
        float[] rec = p.reconstruct(x, 200);
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i], rec[i], 1e-4);
        }
    }

    @Test
    void componentsAreOrthonormalAndOrderedByVariance() {
        int d = 8;
        int k = 5;
        Pca p = new Pca(new PcaConfig(d, k));
        p.fit(data(500, d, 2), 500);
        float[] c = p.components();
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                double dot = 0;
                for (int i = 0; i < d; i++) {
                    dot += c[i * k + a] * c[i * k + b];
                }
                assertEquals(a == b ? 1.0 : 0.0, dot, 1e-5);
            }
        }
        double[] v = p.allVariances();
        for (int j = 1; j < v.length; j++) {
            assertTrue(v[j - 1] >= v[j]);
        }
        double ratioSum = 0;
        for (double r : p.explainedVarianceRatio()) {
            ratioSum += r;
        }
        assertTrue(ratioSum > 0 && ratioSum < 1);
    }

    @Test
    void varianceMatchesTheSampleCovarianceAlongTheFirstComponent() {
        int d = 4;
        int n = 1000;
        float[] x = data(n, d, 3);
        Pca p = new Pca(new PcaConfig(d, 1));
        p.fit(x, n);
        float[] z = p.encode(x, n);
        double mean = 0;
        for (float v : z) {
            mean += v;
        }
        mean /= n;
        double var = 0;
        for (float v : z) {
            var += (v - mean) * (v - mean);
        }
        var /= n;
        assertEquals(0, mean, 1e-3);
        assertEquals(p.allVariances()[0], var, 1e-3 * var);
    }
}
