package dev.bottleneck.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BlasTest {

    @ParameterizedTest(name = "m={0} k={1} n={2} transA={3} transB={4} beta={5}")
    @CsvSource({
        "1, 7, 5, false, false, 0", "1, 7, 5, false, true, 0", "1, 7, 5, false, false, 0.5",
        "4, 7, 5, false, false, 0", "4, 7, 5, true, false, 0", "4, 7, 5, false, true, 1", "4, 7, 5, true, true, 0",
        "1, 7, 5, true, false, 0"})
    void gemmMatchesTheDefinition(int m, int k, int n, boolean ta, boolean tb, float beta) {
        SplittableRandom r = new SplittableRandom(m * 31 + k);
        Matrix a = ta ? new Matrix(k, m) : new Matrix(m, k);
        Matrix b = tb ? new Matrix(n, k) : new Matrix(k, n);
        Matrix c = new Matrix(m, n);
        fill(a, r);
        fill(b, r);
        fill(c, r);
        float[] c0 = c.data.clone();
        Blas.gemm(a, ta, b, tb, c, 1.5f, beta);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double av = ta ? a.get(p, i) : a.get(i, p);
                    double bv = tb ? b.get(j, p) : b.get(p, j);
                    s += av * bv;
                }
                assertEquals(1.5 * s + beta * c0[i * n + j], c.get(i, j), 1e-5);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void aChangedOperandIsCopiedAgain() {
        Matrix a = new Matrix(1, 2, new float[] {1, 2});
        Matrix b = new Matrix(2, 1, new float[] {3, 4});
        Matrix c = new Matrix(1, 1);
        Blas.gemm(a, false, b, false, c, 1f, 0f);
        assertEquals(11f, c.data[0]);
        a.data[0] = 10;
        a.changed();
        Blas.gemm(a, false, b, false, c, 1f, 0f);
        assertEquals(38f, c.data[0]);
    }

    private static void fill(Matrix m, SplittableRandom r) {
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = (float) r.nextGaussian();
        }
        m.changed();
    }
}
