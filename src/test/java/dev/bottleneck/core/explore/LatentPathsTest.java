package dev.bottleneck.core.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.data.Dataset;
import dev.bottleneck.core.data.ShapesDataset;
import dev.bottleneck.core.model.AutoencoderConfig;
import dev.bottleneck.core.model.GradientModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Straight and great-circle paths between codes, against their closed forms. */
class LatentPathsTest {

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    @Test
    void aStraightPathRunsEvenlyFromEndToEnd() {
        double[] a = {1, -2, 0.5};
        double[] b = {-3, 4, 2.5};
        double[][] p = LatentPaths.between(a, b, 5, false);
        assertEquals(5, p.length);
        assertArrayEquals(a, p[0], 1e-15);
        assertArrayEquals(b, p[4], 1e-15);
        assertArrayEquals(new double[] {-1, 1, 1.5}, p[2], 1e-15, "the midpoint is the mean of the ends");
        assertArrayEquals(new double[] {0, -0.5, 1}, p[1], 1e-15);
    }

    @Test
    void aGreatCircleBetweenOrthogonalUnitVectorsKeepsTheNorm() {
        double[] a = {1, 0};
        double[] b = {0, 1};
        double[][] p = LatentPaths.between(a, b, 7, true);
        for (int s = 0; s < p.length; s++) {
            double angle = Math.PI / 2 * s / 6;
            // slerp of orthogonal unit vectors is (cos, sin) of the angle travelled
            assertEquals(Math.cos(angle), p[s][0], 1e-12, "x at step " + s);
            assertEquals(Math.sin(angle), p[s][1], 1e-12, "y at step " + s);
        }
        double[][] straight = LatentPaths.between(a, b, 7, false);
        assertEquals(Math.sqrt(0.5), norm(straight[3]), 1e-12, "the straight midpoint cuts inside the circle");
        assertEquals(1.0, norm(p[3]), 1e-12);
    }

    @Test
    void aGreatCircleKeepsTheNormOfEqualLengthEndsInManyDimensions() {
        double[] a = {3, 0, 4, 0, 0};       // norm 5
        double[] b = {0, -5, 0, 0, 0};      // norm 5, orthogonal
        double[] c = {-3, 0, -4, 0, 0};     // norm 5, opposite a: slerp through ...
        for (double[] end : List.of(b, new double[] {1, 2, 2, 4, 0})) {  // second: norm 5, 78 degrees from a
            for (double[] u : LatentPaths.between(a, end, 11, true)) {
                assertEquals(5.0, norm(u), 1e-12);
            }
        }
        assertEquals(Math.PI, LatentPaths.angle(a, c), 1e-7);
        assertEquals(Math.PI / 2, LatentPaths.angle(a, b), 1e-12);
    }

    @Test
    void nearlyParallelEndsFallBackToTheStraightLine() {
        double[] w = LatentPaths.weights(0.3, 1e-9, true);
        assertArrayEquals(new double[] {0.7, 0.3}, w, 1e-15);
        double[] slerp = LatentPaths.weights(0.25, Math.PI / 3, true);
        assertEquals(Math.sin(0.75 * Math.PI / 3) / Math.sin(Math.PI / 3), slerp[0], 1e-15);
        assertEquals(Math.sin(0.25 * Math.PI / 3) / Math.sin(Math.PI / 3), slerp[1], 1e-15);
    }

    @Test
    void theLogPriorIsTheStandardNormalDensity() {
        assertEquals(-0.5 * Math.log(2 * Math.PI), LatentPaths.logStandardNormal(new double[] {0}), 1e-15);
        // log N((1, 2); 0, I) = -(1 + 4) / 2 - log(2 pi)
        assertEquals(-2.5 - Math.log(2 * Math.PI), LatentPaths.logStandardNormal(new double[] {1, 2}), 1e-14);
    }

    @Test
    void badPathsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> LatentPaths.between(new double[2], new double[3], 5, false));
        assertThrows(IllegalArgumentException.class, () -> LatentPaths.between(new double[2], new double[2], 1, true));
    }

    /** The decoded path starts and ends at the two examples' reconstructions and at their points on the scatter. */
    @Test
    void aDecodedPathEndsAtTheExamplesAndTheirScatterPoints() {
        Dataset data = ShapesDataset.generate(120, 16, 5);
        GradientModel m = (GradientModel) AutoencoderConfig.plain(256, List.of(16), 4).build(3);
        Exploration e = Exploration.of(m, data);
        int a = 4;
        int b = 17;
        for (boolean spherical : new boolean[] {false, true}) {
            LatentPaths.Path p = LatentPaths.decoded(e, a, b, 6, spherical, true, 0, 1);
            assertEquals(6, p.images().size());
            assertEquals(256, p.images().get(0).length);
            float[] za = java.util.Arrays.copyOfRange(e.codes(), a * 4, a * 4 + 4);
            float[] zb = java.util.Arrays.copyOfRange(e.codes(), b * 4, b * 4 + 4);
            assertArrayEquals(za, java.util.Arrays.copyOfRange(p.z(), 0, 4), 1e-5f);
            assertArrayEquals(zb, java.util.Arrays.copyOfRange(p.z(), 20, 24), 1e-5f);
            assertArrayEquals(e.model().decode(za, 1), p.images().get(0), 1e-5f);
            float[][] scatter = e.scatter(true, 0, 1);
            float scale = 0;
            for (float v : scatter[0]) {
                scale = Math.max(scale, Math.abs(v));
            }
            assertEquals(scatter[0][a], p.xs()[0], 1e-4 * scale);
            assertEquals(scatter[1][a], p.ys()[0], 1e-4 * scale);
            assertEquals(scatter[0][b], p.xs()[5], 1e-4 * scale);
            assertEquals(scatter[1][b], p.ys()[5], 1e-4 * scale);
            for (double lp : p.logPrior()) {
                assertTrue(lp <= -2 * Math.log(2 * Math.PI) + 1e-12, "log N(u; 0, I_4) is at most -2 log(2 pi)");
            }
        }
    }
}
