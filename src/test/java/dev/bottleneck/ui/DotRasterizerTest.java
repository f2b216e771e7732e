package dev.bottleneck.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DotRasterizerTest {

    private static final int RED = 0xFFFF0000;
    private static final int BLUE = 0xFF0000FF;

    private static DotRasterizer rasterizer(double diameter, double alpha) {
        DotRasterizer r = new DotRasterizer();
        r.resize(10, 8);
        r.clear();
        r.setStyle(diameter, alpha, new int[] {RED, BLUE});
        return r;
    }

    @Test
    void aPointCoversThePixelItFallsIn() {
        DotRasterizer r = rasterizer(1.2, 1);
        r.draw(new float[] {3.5f}, new float[] {2.2f}, null, 0, 1, 0, 1);
        assertEquals(RED, r.pixels()[2 * 10 + 3]);
        assertEquals(0, r.pixels()[2 * 10 + 4]);
        assertEquals(0, r.pixels()[3 * 10 + 3]);
    }

    @Test
    void colourAndTransformAreApplied() {
        DotRasterizer r = rasterizer(1.2, 1);
        // Buffer x = 1 + 2 * x, buffer y = 7 - 1 * y: the y axis points up.
        r.draw(new float[] {1}, new float[] {2}, new int[] {1}, 1, 2, 7, -1);
        assertEquals(BLUE, r.pixels()[5 * 10 + 3]);
    }

    @Test
    void blendingSaturatesTowardsTheColourWithoutOverflow() {
        DotRasterizer r = rasterizer(3, 0.4);
        int n = 50;
        float[] x = new float[n];
        float[] y = new float[n];
        int[] colour = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = 5.5f;
            y[i] = 4.5f;
            colour[i] = i % 2;
        }
        r.draw(x, y, colour, 0, 1, 0, 1);
        int centre = r.pixels()[4 * 10 + 5];
        int a = centre >>> 24;
        assertTrue(a >= 250, "alpha " + a);
        for (int shift : new int[] {16, 8, 0}) {
            assertTrue(((centre >> shift) & 0xFF) <= a, "premultiplied channel exceeds alpha: " + Integer.toHexString(centre));
        }
        // The last point drawn was blue, so blue dominates red.
        assertTrue((centre & 0xFF) > ((centre >> 16) & 0xFF));
    }

    @Test
    void pointsOffTheBufferOrNotFiniteAreSkippedAndEdgesClip() {
        DotRasterizer r = rasterizer(5, 1);
        float[] x = {-100, Float.NaN, 0, 9.9f, 1e30f};
        float[] y = {0, 1, 0, 7.9f, 3};
        r.draw(x, y, null, 0, 1, 0, 1);
        assertEquals(RED, r.pixels()[0]);
        assertEquals(RED, r.pixels()[7 * 10 + 9]);
        assertEquals(0, r.pixels()[4 * 10 + 5]);
    }

    @Test
    void ringsAreHollowAndTheirSizeClassSetsTheDiameter() {
        DotRasterizer r = new DotRasterizer();
        r.resize(40, 20);
        r.clear();
        r.setRingStyle(new double[] {6, 12}, 1.5, 1, new int[] {RED});
        r.drawRings(new float[] {10.5f, 30.5f}, new float[] {10.5f, 10.5f}, null, new int[] {0, 1}, 0, 1, 0, 1);
        int[] p = r.pixels();
        assertEquals(0, p[10 * 40 + 10], "the centre of the small ring is empty");
        assertEquals(RED, p[10 * 40 + 12], "its rim, 2 px out, is covered");
        assertEquals(0, p[10 * 40 + 14]);
        assertEquals(0, p[10 * 40 + 30], "the centre of the large ring is empty");
        assertEquals(0, p[10 * 40 + 32], "2 px out is still inside the large ring");
        assertEquals(RED, p[10 * 40 + 35], "its rim, 5 px out, is covered");
    }
}
