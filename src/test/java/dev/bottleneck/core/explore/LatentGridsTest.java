package dev.bottleneck.core.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bottleneck.core.data.Dataset;
import dev.bottleneck.core.data.ShapesDataset;
import dev.bottleneck.core.model.AutoencoderConfig;
import dev.bottleneck.core.model.GradientModel;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The latent vectors behind the traversal strips, the prior samples and the latent plane. */
class LatentGridsTest {

    /** An exploration made by hand: centre and scale chosen, no model (the codes-only methods need none). */
    private static Exploration space(int[] order, double[] center, double[] scale) {
        int k = center.length;
        return new Exploration(null, null, 0, k, new float[0], null, null, order, center, scale, null, null, null,
                null, null, null, null, null);
    }

    @Test
    void ticksRunEvenlyFromMinusToPlusTheRange() {
        assertArrayEquals(new double[] {-3, -2.25, -1.5, -0.75, 0, 0.75, 1.5, 2.25, 3}, LatentGrids.ticks(9, 3), 1e-15);
        assertArrayEquals(new double[] {0}, LatentGrids.ticks(1, 3), 0);
    }

    @Test
    void eachStripSweepsItsOwnDimensionAndHoldsTheOthers() {
        double[] center = {1, -2, 0.5};
        double[] scale = {2, 0.5, 1};
        Exploration e = space(new int[] {2, 0, 1}, center, scale);
        double[] values = {0.5, -1, 2};
        int strip = 5;
        float[] z = LatentGrids.traversalCodes(e, values, strip, 2.0);
        assertEquals(3 * strip * 3, z.length);
        double[] ticks = LatentGrids.ticks(strip, 2.0);
        for (int row = 0; row < 3; row++) {
            int swept = e.order()[row];
            for (int s = 0; s < strip; s++) {
                for (int j = 0; j < 3; j++) {
                    double u = j == swept ? ticks[s] : values[j];
                    assertEquals(center[j] + u * scale[j], z[(row * strip + s) * 3 + j], 1e-6,
                            "row " + row + ", step " + s + ", dimension " + j);
                }
            }
        }
    }

    @Test
    void thePlaneRunsLeftToRightAndTopToBottomFromHighToLow() {
        Exploration e = space(new int[] {0, 1}, new double[] {10, -5}, new double[] {2, 3});
        int side = 4;
        float[] z = LatentGrids.planeCodes(e, side, 3);
        // top-left: lowest first coordinate, highest second
        assertEquals(10 - 3 * 2, z[0], 1e-6);
        assertEquals(-5 + 3 * 3, z[1], 1e-6);
        // bottom-right: highest first, lowest second
        int last = (side * side - 1) * 2;
        assertEquals(10 + 3 * 2, z[last], 1e-6);
        assertEquals(-5 - 3 * 3, z[last + 1], 1e-6);
        // one row shares its second coordinate; one column its first
        assertEquals(z[1], z[(side - 1) * 2 + 1], 0);
        assertEquals(z[0], z[(side * (side - 1)) * 2], 0);
        assertThrows(IllegalArgumentException.class,
                () -> LatentGrids.planeCodes(space(new int[] {0, 1, 2}, new double[3], new double[] {1, 1, 1}), 3, 3));
    }

    @Test
    void priorSamplesAreStandardNormalInStandardUnitsAndRepeatWithTheSeed() {
        double[] center = {4, -1};
        double[] scale = {0.5, 3};
        Exploration e = space(new int[] {0, 1}, center, scale);
        int count = 20_000;
        float[] z = LatentGrids.priorCodes(e, count, 11);
        assertArrayEquals(z, LatentGrids.priorCodes(e, count, 11), "the same seed draws the same grid");
        assertFalse(Arrays.equals(z, LatentGrids.priorCodes(e, count, 12)));
        for (int j = 0; j < 2; j++) {
            double m = 0;
            double v = 0;
            for (int i = 0; i < count; i++) {
                double u = (z[i * 2 + j] - center[j]) / scale[j];
                m += u;
                v += u * u;
            }
            m /= count;
            v = v / count - m * m;
            // standard errors: 1/sqrt(n) = 0.007 for the mean, sqrt(2/n) = 0.01 for the variance
            assertEquals(0, m, 0.04, "mean of dimension " + j);
            assertEquals(1, v, 0.05, "variance of dimension " + j);
        }
    }

    @Test
    void rowsCutAFlatArrayAndRefuseAShortOne() {
        float[][] r = LatentGrids.rows(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
        assertArrayEquals(new float[] {3, 4}, r[1]);
        assertArrayEquals(new float[] {5, 6}, r[2]);
        assertThrows(IllegalArgumentException.class, () -> LatentGrids.rows(new float[5], 3, 2));
    }

    @Test
    void decodedStripsAreTheDecodesOfTheirCodes() {
        Dataset data = ShapesDataset.generate(80, 16, 2);
        GradientModel m = (GradientModel) AutoencoderConfig.plain(256, List.of(16), 3).build(5);
        Exploration e = Exploration.of(m, data);
        double[] values = {0.3, -0.4, 1.0};
        List<List<float[]>> strips = LatentGrids.strips(e, values, 4, 3);
        assertEquals(3, strips.size());
        float[] z = LatentGrids.traversalCodes(e, values, 4, 3);
        for (int row = 0; row < 3; row++) {
            assertEquals(4, strips.get(row).size());
            for (int s = 0; s < 4; s++) {
                float[] one = Arrays.copyOfRange(z, (row * 4 + s) * 3, (row * 4 + s + 1) * 3);
                assertArrayEquals(e.model().decode(one, 1), strips.get(row).get(s), 1e-5f);
            }
        }
        assertEquals(9, LatentGrids.samples(e, 9, 1).length);
    }
}
