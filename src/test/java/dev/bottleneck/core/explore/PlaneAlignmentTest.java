package dev.bottleneck.core.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The 2-D orthogonal Procrustes solution: orthogonal, and no rotation or reflection does better. */
class PlaneAlignmentTest {

    private static double residual(float[] qx, float[] qy, float[] px, float[] py, double[] r) {
        double s = 0;
        for (int i = 0; i < qx.length; i++) {
            double x = qx[i] * r[0] + qy[i] * r[2] - px[i];
            double y = qx[i] * r[1] + qy[i] * r[3] - py[i];
            s += x * x + y * y;
        }
        return s;
    }

    @Test
    void theTurnIsOrthogonalAndBeatsEveryRotationAndReflectionTried() {
        SplittableRandom rng = new SplittableRandom(8);
        int n = 50;
        for (int trial = 0; trial < 20; trial++) {
            float[] qx = new float[n];
            float[] qy = new float[n];
            float[] px = new float[n];
            float[] py = new float[n];
            for (int i = 0; i < n; i++) { // unrelated point clouds: no exact answer, only a best one
                qx[i] = (float) rng.nextGaussian();
                qy[i] = (float) (2 * rng.nextGaussian());
                px[i] = (float) (qx[i] + rng.nextGaussian());
                py[i] = (float) (rng.nextGaussian() - qy[i]);
            }
            double[] r = PlaneAlignment.procrustes(qx, qy, px, py);
            assertEquals(1, r[0] * r[0] + r[1] * r[1], 1e-12, "first row has unit length");
            assertEquals(1, r[2] * r[2] + r[3] * r[3], 1e-12, "second row has unit length");
            assertEquals(0, r[0] * r[2] + r[1] * r[3], 1e-12, "rows are orthogonal");
            double best = residual(qx, qy, px, py, r);
            for (int deg = 0; deg < 360; deg++) {
                double t = Math.toRadians(deg);
                double[] rot = {Math.cos(t), -Math.sin(t), Math.sin(t), Math.cos(t)};
                double[] ref = {Math.cos(t), Math.sin(t), Math.sin(t), -Math.cos(t)};
                assertTrue(best <= residual(qx, qy, px, py, rot) + 1e-6, "rotation by " + deg + " degrees does better");
                assertTrue(best <= residual(qx, qy, px, py, ref) + 1e-6, "reflection at " + deg + " degrees does better");
            }
        }
    }

    @Test
    void aMirrorImageIsFoundAsAReflectionAndAlreadyAlignedPointsStay() {
        float[] px = {1, 2, -1, 0.5f};
        float[] py = {0, 1, 3, -2};
        float[] mx = px.clone();
        float[] my = {0, -1, -3, 2};
        double[] r = PlaneAlignment.procrustes(mx, my, px, py);
        assertEquals(-1, r[0] * r[3] - r[1] * r[2], 1e-12, "a reflection has determinant -1");
        PlaneAlignment.turn(mx, my, r);
        assertArrayEquals(px, mx, 1e-6f);
        assertArrayEquals(py, my, 1e-6f);
        assertArrayEquals(new double[] {1, 0, 0, 1}, PlaneAlignment.procrustes(px, py, px, py), 1e-12);
    }

    @Test
    void mismatchedPointCountsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> PlaneAlignment.procrustes(new float[3], new float[3], new float[2], new float[2]));
    }
}
