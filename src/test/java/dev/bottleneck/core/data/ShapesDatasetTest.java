package dev.bottleneck.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShapesDatasetTest {

    private static final int SIZE = 32;

    @ParameterizedTest
    @ValueSource(ints = {32, 64})
    void reRenderingFromStoredFactorsGivesIdenticalBytes(int size) {
        Dataset d = ShapesDataset.generate(60, size, 7L);
        Factors f = d.factors().orElseThrow();
        int pixels = size * size;
        for (int i = 0; i < d.size(); i++) {
            byte[] again = ShapesDataset.render((int) f.value(i, 0), f.value(i, 1), f.value(i, 2), f.value(i, 3),
                    f.value(i, 4), size);
            for (int p = 0; p < pixels; p++) {
                assertEquals(again[p] & 0xFF, Math.round(d.value(i, p) * 255), "example " + i + " pixel " + p);
            }
        }
    }

    @Test
    void examplesCarryTheDocumentedShapeLabelsAndFactors() {
        Dataset d = ShapesDataset.generate(300, SIZE, 3L);
        assertEquals(SampleShape.image(1, SIZE, SIZE), d.shape());
        assertTrue(d.isByteBacked());
        Labels labels = d.labels().orElseThrow();
        assertEquals(List.of("square", "ellipse", "heart"), labels.names());
        Factors f = d.factors().orElseThrow();
        assertEquals(List.of("shape", "scale", "rotation", "posX", "posY"), f.names());
        Set<Integer> shapesSeen = new HashSet<>();
        for (int i = 0; i < d.size(); i++) {
            assertEquals(labels.values()[i], (int) f.value(i, 0));
            shapesSeen.add(labels.values()[i]);
            assertInRange(f.value(i, 1), ShapesDataset.MIN_SCALE, ShapesDataset.MAX_SCALE);
            assertTrue(f.value(i, 2) >= 0 && f.value(i, 2) < 2 * Math.PI, "rotation " + f.value(i, 2));
            assertInRange(f.value(i, 3), ShapesDataset.MIN_POSITION, ShapesDataset.MAX_POSITION);
            assertInRange(f.value(i, 4), ShapesDataset.MIN_POSITION, ShapesDataset.MAX_POSITION);
        }
        assertEquals(Set.of(0, 1, 2), shapesSeen);
    }

    @Test
    void sameSeedGivesSameBytesAndDifferentSeedsDiffer() {
        float[] a = ShapesDataset.generate(20, SIZE, 11L).toFloatArray();
        float[] b = ShapesDataset.generate(20, SIZE, 11L).toFloatArray();
        float[] c = ShapesDataset.generate(20, SIZE, 12L).toFloatArray();
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
    }

    @Test
    void aSmallerCountIsAPrefixOfALargerOne() {
        Dataset small = ShapesDataset.generate(5, SIZE, 5L);
        Dataset large = ShapesDataset.generate(50, SIZE, 5L);
        assertArrayEquals(small.toFloatArray(), large.head(5).toFloatArray());
        assertArrayEquals(small.factors().orElseThrow().values(), large.head(5).factors().orElseThrow().values());
    }

    @ParameterizedTest
    @ValueSource(ints = {ShapesDataset.SQUARE, ShapesDataset.ELLIPSE, ShapesDataset.HEART})
    void pixelMassGrowsWithScaleAsItsSquare(int shape) {
        double previous = 0;
        for (float scale : new float[] {0.5f, 0.6f, 0.7f, 0.8f, 0.9f, 1.0f}) {
            double m = mass(ShapesDataset.render(shape, scale, 0.3f, 0.5f, 0.5f, 64));
            assertTrue(m > previous, "mass " + m + " at scale " + scale + " not above " + previous);
            previous = m;
        }
        double ratio = mass(ShapesDataset.render(shape, 1f, 0.3f, 0.5f, 0.5f, 64))
                / mass(ShapesDataset.render(shape, 0.5f, 0.3f, 0.5f, 0.5f, 64));
        assertEquals(4.0, ratio, 0.2, "area should scale with scale^2");
    }

    @ParameterizedTest
    @ValueSource(ints = {ShapesDataset.SQUARE, ShapesDataset.ELLIPSE, ShapesDataset.HEART})
    void centreOfMassIsThePosition(int shape) {
        Dataset d = ShapesDataset.generate(200, SIZE, 21L);
        Factors f = d.factors().orElseThrow();
        int checked = 0;
        for (int i = 0; i < d.size(); i++) {
            if (d.label(i) != shape) {
                continue;
            }
            byte[] img = ShapesDataset.render(shape, f.value(i, 1), f.value(i, 2), f.value(i, 3), f.value(i, 4), SIZE);
            double[] c = centreOfMass(img, SIZE);
            // the heart rotates about its area centroid, so it lands there too, only a little less sharply
            double tolerance = shape == ShapesDataset.HEART ? 0.5 : 0.25;
            assertEquals(f.value(i, 3) * SIZE, c[0], tolerance, "x of example " + i);
            assertEquals(f.value(i, 4) * SIZE, c[1], tolerance, "y of example " + i);
            checked++;
        }
        assertTrue(checked > 30, "too few examples of shape " + shape + ": " + checked);
    }

    @ParameterizedTest
    @ValueSource(ints = {ShapesDataset.SQUARE, ShapesDataset.ELLIPSE, ShapesDataset.HEART})
    void everyShapeFitsTheUnitDiscSoLargeSpritesStayInside(int shape) {
        for (int k = 0; k < 3600; k++) {
            double a = 2 * Math.PI * k / 3600;
            for (double r = 1.0 + 1e-9; r < 1.6; r += 0.05) {
                assertFalse(ShapesDataset.contains(shape, r * Math.cos(a), r * Math.sin(a)),
                        "shape " + shape + " reaches radius " + r + " at angle " + a);
            }
        }
        double centre = mass(ShapesDataset.render(shape, 1f, 1f, 0.5f, 0.5f, SIZE));
        float lo = ShapesDataset.MIN_POSITION;
        float hi = ShapesDataset.MAX_POSITION;
        for (float[] corner : new float[][] {{lo, lo}, {lo, hi}, {hi, lo}, {hi, hi}}) {
            double m = mass(ShapesDataset.render(shape, 1f, 1f, corner[0], corner[1], SIZE));
            assertEquals(centre, m, 0.03 * centre, "sprite at " + Arrays.toString(corner) + " lost mass");
        }
    }

    @Test
    void symmetricShapesLookTheSameAfterTheirSymmetryRotation() {
        byte[] square = ShapesDataset.render(ShapesDataset.SQUARE, 0.8f, 0.4f, 0.5f, 0.5f, 64);
        byte[] squareTurned = ShapesDataset.render(ShapesDataset.SQUARE, 0.8f, 0.4f + (float) (Math.PI / 2), 0.5f, 0.5f,
                64);
        byte[] ellipse = ShapesDataset.render(ShapesDataset.ELLIPSE, 0.8f, 0.4f, 0.5f, 0.5f, 64);
        byte[] ellipseTurned = ShapesDataset.render(ShapesDataset.ELLIPSE, 0.8f, 0.4f + (float) Math.PI, 0.5f, 0.5f,
                64);
        assertTrue(relativeDifference(square, squareTurned) < 0.01, "square after pi/2");
        assertTrue(relativeDifference(ellipse, ellipseTurned) < 0.01, "ellipse after pi");
        byte[] ellipseQuarter = ShapesDataset.render(ShapesDataset.ELLIPSE, 0.8f, 0.4f + (float) (Math.PI / 2), 0.5f,
                0.5f, 64);
        assertTrue(relativeDifference(ellipse, ellipseQuarter) > 0.5, "an ellipse is not 4-fold symmetric");
    }

    @Test
    void theHeartPointsDownAtRotationZero() {
        byte[] heart = ShapesDataset.render(ShapesDataset.HEART, 1f, 0f, 0.5f, 0.5f, 64);
        double[] c = centreOfMass(heart, 64);
        // the tip is below the centroid: the lowest lit row lies farther from it than the highest
        int top = 64;
        int bottom = -1;
        for (int p = 0; p < heart.length; p++) {
            if (heart[p] != 0) {
                top = Math.min(top, p / 64);
                bottom = Math.max(bottom, p / 64);
            }
        }
        assertTrue(bottom + 1 - c[1] > c[1] - top + 1, "top " + top + " bottom " + bottom + " centroid " + c[1]);
    }

    @Test
    void gridEnumeratesEveryCombinationOnce() {
        Dataset g = ShapesDataset.grid(SIZE, 2, 3, 4);
        assertEquals(3 * 2 * 3 * 4 * 4, g.size());
        Factors f = g.factors().orElseThrow();
        Set<List<Float>> seen = new HashSet<>();
        for (int i = 0; i < g.size(); i++) {
            seen.add(List.of(f.value(i, 0), f.value(i, 1), f.value(i, 2), f.value(i, 3), f.value(i, 4)));
            byte[] again = ShapesDataset.render((int) f.value(i, 0), f.value(i, 1), f.value(i, 2), f.value(i, 3),
                    f.value(i, 4), SIZE);
            int centre = SIZE * SIZE / 2 + SIZE / 2;
            assertEquals(again[centre] & 0xFF, Math.round(g.value(i, centre) * 255), "example " + i);
        }
        assertEquals(g.size(), seen.size());
        assertEquals(ShapesDataset.MIN_SCALE, f.value(0, 1));
        assertEquals(ShapesDataset.MIN_POSITION, f.value(0, 4));
        assertEquals(ShapesDataset.MAX_POSITION, f.value(3, 4));
        assertEquals(ShapesDataset.HEART, (int) f.value(g.size() - 1, 0));
    }

    @Test
    void badArgumentsAreRejectedWithTheirValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ShapesDataset.generate(10, 8, 1L));
        assertTrue(e.getMessage().contains("8"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ShapesDataset.generate(0, SIZE, 1L));
        assertThrows(IllegalArgumentException.class, () -> ShapesDataset.render(3, 1f, 0f, 0.5f, 0.5f, SIZE));
        assertThrows(IllegalArgumentException.class, () -> ShapesDataset.render(0, 0f, 0f, 0.5f, 0.5f, SIZE));
        assertThrows(IllegalArgumentException.class, () -> ShapesDataset.grid(SIZE, 0, 1, 1));
        e = assertThrows(IllegalArgumentException.class, () -> ShapesDataset.grid(64, 6000, 4000, 32));
        assertTrue(e.getMessage().contains("too many"), e.getMessage());
    }

    private static double mass(byte[] img) {
        double m = 0;
        for (byte b : img) {
            m += b & 0xFF;
        }
        return m / 255;
    }

    private static double[] centreOfMass(byte[] img, int size) {
        double m = 0;
        double sx = 0;
        double sy = 0;
        for (int p = 0; p < img.length; p++) {
            double w = img[p] & 0xFF;
            m += w;
            sx += w * (p % size + 0.5);
            sy += w * (p / size + 0.5);
        }
        return new double[] {sx / m, sy / m};
    }

    /** Sum of absolute pixel differences over the mass of {@code a}. */
    private static double relativeDifference(byte[] a, byte[] b) {
        double s = 0;
        for (int p = 0; p < a.length; p++) {
            s += Math.abs((a[p] & 0xFF) - (b[p] & 0xFF));
        }
        return s / 255 / mass(a);
    }

    private static void assertInRange(float v, float lo, float hi) {
        assertTrue(v >= lo && v <= hi, v + " outside [" + lo + ", " + hi + "]");
    }
}
