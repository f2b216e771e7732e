package dev.bottleneck.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PointGridTest {

    /** The reference: the nearest point within the radius by a full scan, -1 if none. */
    private static int bruteForce(float[] x, float[] y, double qx, double qy, double sx, double sy, double r) {
        int best = -1;
        double bestD2 = r * r;
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i]) || !Float.isFinite(y[i])) {
                continue;
            }
            double dx = (x[i] - qx) * sx;
            double dy = (y[i] - qy) * sy;
            double d2 = dx * dx + dy * dy;
            if (d2 < bestD2 || (d2 == bestD2 && best < 0)) {
                bestD2 = d2;
                best = i;
            }
        }
        return best;
    }

    private static double distance(float[] x, float[] y, int i, double qx, double qy, double sx, double sy) {
        return i < 0 ? -1 : Math.hypot((x[i] - qx) * sx, (y[i] - qy) * sy);
    }

    @Test
    void nearestMatchesBruteForceOnUniformAndClusteredData() {
        Random random = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            int n = 1 + random.nextInt(5000);
            float[] x = new float[n];
            float[] y = new float[n];
            boolean clustered = trial % 2 == 0;
            for (int i = 0; i < n; i++) {
                double cx = clustered ? 10 * (i % 5) : 0;
                double spread = clustered ? 0.5 : 20;
                x[i] = (float) (cx + spread * (clustered ? random.nextGaussian() : random.nextDouble()));
                y[i] = (float) (-3 * cx + spread * 0.3 * (clustered ? random.nextGaussian() : random.nextDouble()));
            }
            PointGrid grid = new PointGrid(x, y);
            for (int q = 0; q < 300; q++) {
                double qx = -15 + 70 * random.nextDouble();
                double qy = -130 + 140 * random.nextDouble();
                double sx = Math.exp(random.nextGaussian() * 2);
                double sy = Math.exp(random.nextGaussian() * 2);
                double radius = 1 + 20 * random.nextDouble();
                int expected = bruteForce(x, y, qx, qy, sx, sy, radius);
                int actual = grid.nearest(qx, qy, sx, sy, radius);
                // Compared by distance: two points can be equally near.
                assertEquals(distance(x, y, expected, qx, qy, sx, sy), distance(x, y, actual, qx, qy, sx, sy), 1e-9,
                        "trial " + trial + " query " + q);
            }
        }
    }

    @Test
    void noPointWithinRadiusGivesMinusOne() {
        float[] x = {0, 10};
        float[] y = {0, 0};
        PointGrid grid = new PointGrid(x, y);
        // 5 data units = 50 px from both points.
        assertEquals(-1, grid.nearest(5, 0, 10, 10, 6));
        assertEquals(-1, grid.nearest(1000, -1000, 10, 10, 6));
        assertEquals(0, grid.nearest(0.5, 0, 10, 10, 6));
        assertEquals(1, grid.nearest(9.6, 0.2, 10, 10, 6));
    }

    @Test
    void pointExactlyAtTheRadiusCounts() {
        PointGrid grid = new PointGrid(new float[] {3}, new float[] {4});
        assertEquals(0, grid.nearest(0, 0, 1, 1, 5));
        assertEquals(-1, grid.nearest(0, 0, 1, 1, 4.99));
    }

    @Test
    void nonFinitePointsAreNeverFound() {
        float[] x = {Float.NaN, 1, Float.POSITIVE_INFINITY, 2};
        float[] y = {0, Float.NaN, 0, 2};
        PointGrid grid = new PointGrid(x, y);
        assertEquals(1, grid.size());
        assertEquals(3, grid.nearest(1, 1, 1, 1, 10));
    }

    @Test
    void emptyAndCoincidentSetsAnswer() {
        assertEquals(-1, new PointGrid(new float[0], new float[0]).nearest(0, 0, 1, 1, 100));
        float[] same = {2, 2, 2};
        PointGrid grid = new PointGrid(same, same.clone());
        assertEquals(0, grid.nearest(2.1, 2, 10, 10, 6));
    }

    @Test
    void seventyThousandPointsOnALineAreIndexed() {
        int n = 70_000;
        float[] x = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        PointGrid grid = new PointGrid(x, y);
        assertEquals(n, grid.size());
        assertEquals(12_345, grid.nearest(12_345.2, 0, 1, 1, 3));
    }
}
