package dev.bottleneck.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CurveMathTest {

    @Test
    void emaOfAKnownSequence() {
        double[] s = CurveMath.ema(new double[] {1, 2, 3, 4}, 0.5);
        // weighted means with weights 2^-age: (1), (1/2 + 2)/(3/2), (1/4 + 2/2 + 3)/(7/4), ...
        assertArrayEquals(new double[] {1, 5.0 / 3, 17.0 / 7, 49.0 / 15}, s, 1e-12);
    }

    @Test
    void emaWithWeightOneIsTheInput() {
        double[] y = {3, -1, 4, 1, 5};
        assertArrayEquals(y, CurveMath.ema(y, 1.0), 0);
    }

    @Test
    void emaCarriesItsValueAcrossNonFiniteInputs() {
        double[] s = CurveMath.ema(new double[] {Double.NaN, 2, Double.POSITIVE_INFINITY, 4}, 0.5);
        assertTrue(Double.isNaN(s[0]));
        assertArrayEquals(new double[] {2, 2, 10.0 / 3}, Arrays.copyOfRange(s, 1, 4), 1e-12);
    }

    @Test
    void aConstantCurveStaysConstant() {
        double[] y = new double[100];
        Arrays.fill(y, 7.5);
        for (double v : CurveMath.ema(y, 0.01)) {
            assertEquals(7.5, v, 1e-12, "no pull towards the zero the average starts from");
        }
    }

    /** The case the issue measured: a loss that falls from 500 to 100 at once, smoothed over a long memory. */
    @Test
    void theFirstPointDoesNotStandForAllHistory() {
        double alpha = CurveMath.alphaForHalfLife(187);
        double[] y = new double[200];
        Arrays.fill(y, 100);
        y[0] = 500;
        double[] s = CurveMath.ema(y, alpha);
        // The mean of the first 21 points is 119.0; the weights only tilt it a little towards the first.
        assertTrue(s[20] < 120, "smoothed " + s[20] + " after 20 batches");
        // Asymptotically the plain EMA: y[0]'s weight decays as (1 - alpha)^t.
        assertEquals(100 + 400 * Math.pow(1 - alpha, 199) * alpha / (1 - Math.pow(1 - alpha, 200)), s[199], 1e-9);
    }

    @Test
    void halfLifeZeroMeansNoSmoothing() {
        assertEquals(1.0, CurveMath.alphaForHalfLife(0), 0);
        assertEquals(0.5, CurveMath.alphaForHalfLife(1), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> CurveMath.alphaForHalfLife(-1));
        assertThrows(IllegalArgumentException.class, () -> CurveMath.ema(new double[] {1}, 0));
    }

    @Test
    void decimationKeepsTheCountBoundedAndTheMean() {
        Random random = new Random(7);
        int n = 48_000; // 12 points a bucket, all full
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i / 4800.0;
            y[i] = 100 * Math.exp(-x[i]) + 5 * random.nextGaussian();
        }
        double[][] d = CurveMath.decimate(x, y, 4000);
        assertEquals(4000, d[0].length);
        assertEquals(mean(y), mean(d[1]), 1e-9);
        assertEquals(mean(x), mean(d[0]), 1e-9);
        for (int i = 1; i < d[0].length; i++) {
            assertTrue(d[0][i] > d[0][i - 1], "x stays increasing");
        }
    }

    @Test
    void decimationNeverExceedsTheLimit() {
        for (int n = 1; n <= 60_000; n += 997) {
            double[] x = new double[n];
            double[] d = CurveMath.decimate(x, x, 4000)[0];
            assertTrue(d.length <= 4000 && d.length >= Math.min(n, 2000), "n = " + n + " gave " + d.length);
        }
    }

    @Test
    void fewPointsAreKeptAsTheyAre() {
        double[] x = {0.1, 0.2, 0.3};
        double[] y = {5, 4, 6};
        double[][] d = CurveMath.decimate(x, y, 3);
        assertArrayEquals(x, d[0], 0);
        assertArrayEquals(y, d[1], 0);
    }

    @Test
    void decimationLeavesNonFiniteValuesOutOfTheBucketMean() {
        double[] x = {0, 1, 2, 3};
        double[] y = {1, Double.NaN, Double.NaN, Double.NaN};
        double[][] d = CurveMath.decimate(x, y, 2);
        assertArrayEquals(new double[] {0.5, 2.5}, d[0], 0);
        assertEquals(1.0, d[1][0], 0);
        assertTrue(Double.isNaN(d[1][1]));
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }
}
