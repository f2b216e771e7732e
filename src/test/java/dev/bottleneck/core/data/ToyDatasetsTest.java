package dev.bottleneck.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ToyDatasetsTest {

    @Test
    void moonsAreTwoBalancedHalfCirclesWithTheKnownMeans() {
        Dataset d = ToyDatasets.moons(20_000, 0.05, 1L);
        assertEquals(SampleShape.vector(2), d.shape());
        assertFalse(d.isByteBacked());
        assertEquals(List.of("upper", "lower"), d.labels().orElseThrow().names());
        double[][] mean = classMeans(d, 2);
        assertEquals(0.0, mean[0][0], 0.02);
        assertEquals(2 / Math.PI, mean[0][1], 0.02);
        assertEquals(1.0, mean[1][0], 0.02);
        assertEquals(0.5 - 2 / Math.PI, mean[1][1], 0.02);
        assertArrayEquals(new int[] {10_000, 10_000}, classCounts(d, 2));
    }

    @Test
    void noiselessMoonsLieExactlyOnTheirArcAtTheStoredAngle() {
        Dataset d = ToyDatasets.moons(200, 0.0, 2L);
        Factors f = d.factors().orElseThrow();
        for (int i = 0; i < d.size(); i++) {
            double t = f.value(i, 0);
            assertTrue(t >= 0 && t <= Math.PI, "t " + t);
            double x = d.label(i) == 0 ? Math.cos(t) : 1 - Math.cos(t);
            double y = d.label(i) == 0 ? Math.sin(t) : 0.5 - Math.sin(t);
            assertEquals(x, d.value(i, 0), 1e-6);
            assertEquals(y, d.value(i, 1), 1e-6);
        }
    }

    @Test
    void circlesHaveRadiusOneOutsideAndTheRatioInside() {
        Dataset d = ToyDatasets.circles(1000, 0.0, 0.3, 3L);
        assertEquals(List.of("outer", "inner"), d.labels().orElseThrow().names());
        for (int i = 0; i < d.size(); i++) {
            double r = Math.hypot(d.value(i, 0), d.value(i, 1));
            assertEquals(d.label(i) == 0 ? 1.0 : 0.3, r, 1e-6, "example " + i);
        }
        Dataset noisy = ToyDatasets.circles(20_000, 0.05, 4L);
        double[] meanRadius = new double[2];
        for (int i = 0; i < noisy.size(); i++) {
            meanRadius[noisy.label(i)] += Math.hypot(noisy.value(i, 0), noisy.value(i, 1)) / 10_000;
        }
        assertEquals(1.0, meanRadius[0], 0.01);
        assertEquals(ToyDatasets.DEFAULT_CIRCLES_RATIO, meanRadius[1], 0.01);
        double[][] mean = classMeans(noisy, 2);
        assertEquals(0.0, mean[0][0], 0.02, "circles are centred on the origin");
        assertEquals(0.0, mean[1][1], 0.02);
    }

    @Test
    void noiselessSwissRollLiesOnTheRollWithQuarterLabels() {
        Dataset d = ToyDatasets.swissRoll(2000, 0.0, 5L);
        assertEquals(SampleShape.vector(3), d.shape());
        Factors f = d.factors().orElseThrow();
        assertEquals(List.of("t", "height"), f.names());
        int[] counts = new int[4];
        for (int i = 0; i < d.size(); i++) {
            double t = f.value(i, 0);
            double h = f.value(i, 1);
            assertTrue(t >= 1.5 * Math.PI - 1e-5 && t <= 4.5 * Math.PI + 1e-5, "t " + t);
            assertTrue(h >= 0 && h <= ToyDatasets.SWISS_ROLL_HEIGHT, "height " + h);
            assertEquals(t * Math.cos(t), d.value(i, 0), 1e-4);
            assertEquals(h, d.value(i, 1), 1e-5);
            assertEquals(t * Math.sin(t), d.value(i, 2), 1e-4);
            int quarter = (int) ((t / Math.PI - 1.5) / 0.75);
            assertEquals(Math.min(3, quarter), d.label(i), 1, "label of t " + t); // 1: float rounding at a border
            counts[d.label(i)]++;
        }
        for (int c : counts) {
            assertEquals(500, c, 80, "quarters are about equally likely: " + Arrays.toString(counts));
        }
    }

    @Test
    void blobsClusterAroundKCentresWithTheGivenSpread() {
        int dims = 5;
        int k = 4;
        Dataset d = ToyDatasets.blobs(8000, dims, k, 0.5, 6L);
        assertEquals(SampleShape.vector(dims), d.shape());
        assertEquals(k, d.labels().orElseThrow().classCount());
        assertArrayEquals(new int[] {2000, 2000, 2000, 2000}, classCounts(d, k));
        double[][] mean = classMeans(d, k);
        double sq = 0;
        for (int i = 0; i < d.size(); i++) {
            for (int j = 0; j < dims; j++) {
                double e = d.value(i, j) - mean[d.label(i)][j];
                sq += e * e;
            }
        }
        assertEquals(0.5, Math.sqrt(sq / (d.size() * dims)), 0.01);
        for (double[] m : mean) {
            for (double v : m) {
                assertTrue(Math.abs(v) <= ToyDatasets.BLOB_BOX + 0.1, "centre coordinate " + v);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"moons", "circles", "swissroll", "blobs"})
    void sameSeedGivesSameDataAndDifferentSeedsDiffer(String name) {
        float[] a = ToyDatasets.byName(name, 100, 0.1, 9L).toFloatArray();
        assertArrayEquals(a, ToyDatasets.byName(name, 100, 0.1, 9L).toFloatArray());
        assertFalse(Arrays.equals(a, ToyDatasets.byName(name, 100, 0.1, 10L).toFloatArray()));
        assertEquals(name, ToyDatasets.byName(" " + name.toUpperCase() + " ", 10, 0.1, 9L).name());
    }

    @Test
    void unknownNameListsTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ToyDatasets.byName("spirals", 10, 0.1, 1L));
        assertTrue(e.getMessage().contains("'spirals'"), e.getMessage());
        for (String valid : ToyDatasets.NAMES) {
            assertTrue(e.getMessage().contains(valid), e.getMessage());
        }
    }

    @Test
    void badArgumentsAreRejectedWithTheirValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ToyDatasets.moons(0, 0.1, 1L));
        assertTrue(e.getMessage().contains("count"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ToyDatasets.swissRoll(10, -1, 1L));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ToyDatasets.moons(10, Double.NaN, 1L));
        assertThrows(IllegalArgumentException.class, () -> ToyDatasets.circles(10, 0.1, 1.0, 1L));
        assertThrows(IllegalArgumentException.class, () -> ToyDatasets.blobs(10, 0, 3, 0.1, 1L));
    }

    private static double[][] classMeans(Dataset d, int classes) {
        double[][] sum = new double[classes][d.features()];
        int[] n = classCounts(d, classes);
        for (int i = 0; i < d.size(); i++) {
            for (int j = 0; j < d.features(); j++) {
                sum[d.label(i)][j] += d.value(i, j) / n[d.label(i)];
            }
        }
        return sum;
    }

    private static int[] classCounts(Dataset d, int classes) {
        int[] n = new int[classes];
        for (int i = 0; i < d.size(); i++) {
            n[d.label(i)]++;
        }
        return n;
    }
}
