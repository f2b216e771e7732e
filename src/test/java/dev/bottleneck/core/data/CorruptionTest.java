package dev.bottleneck.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CorruptionTest {

    private static final int N = 200_000;

    private static float[] filled(float v) {
        float[] a = new float[N];
        Arrays.fill(a, v);
        return a;
    }

    @Test
    void maskingZeroesAboutTheFraction() {
        float[] x = filled(0.7f);
        new Corruption.Masking(0.3).apply(x, 0, N, 0f, 1f, new SplittableRandom(1L));
        int zeros = 0;
        for (float v : x) {
            if (v == 0f) {
                zeros++;
            } else {
                assertEquals(0.7f, v, "untouched values keep their value");
            }
        }
        assertEquals(0.3, zeros / (double) N, 0.005);
    }

    @Test
    void gaussianNoiseHasTheRightSpreadOnMidRangeInputs() {
        float[] x = filled(0.5f);
        new Corruption.GaussianNoise(0.05).apply(x, 0, N, 0f, 1f, new SplittableRandom(2L));
        double sum = 0;
        double sq = 0;
        for (float v : x) {
            sum += v - 0.5;
            sq += (v - 0.5) * (v - 0.5);
        }
        double mean = sum / N;
        assertEquals(0.0, mean, 0.001);
        assertEquals(0.05, Math.sqrt(sq / N - mean * mean), 0.001); // 10 sigma from the edges: no clipping
    }

    @Test
    void gaussianNoiseIsClippedToTheDataRange() {
        float[] x = filled(0.9f);
        new Corruption.GaussianNoise(0.5).apply(x, 0, N, 0f, 1f, new SplittableRandom(3L));
        int atTop = 0;
        for (float v : x) {
            assertTrue(v >= 0f && v <= 1f, "value " + v + " left [0, 1]");
            if (v == 1f) {
                atTop++;
            }
        }
        // P(0.9 + 0.5 z >= 1) = P(z >= 0.2) = 0.4207
        assertEquals(0.4207, atTop / (double) N, 0.005);
        float[] wide = filled(-3f);
        new Corruption.GaussianNoise(2).apply(wide, 0, N, -4f, 4f, new SplittableRandom(4L));
        for (float v : wide) {
            assertTrue(v >= -4f && v <= 4f, "value " + v + " left [-4, 4]");
        }
    }

    @Test
    void saltAndPepperSetsTheFractionToTheExtremesEqually() {
        float[] x = filled(0.25f);
        new Corruption.SaltAndPepper(0.2).apply(x, 0, N, -1f, 2f, new SplittableRandom(5L));
        int salt = 0;
        int pepper = 0;
        for (float v : x) {
            if (v == 2f) {
                salt++;
            } else if (v == -1f) {
                pepper++;
            } else {
                assertEquals(0.25f, v);
            }
        }
        assertEquals(0.1, salt / (double) N, 0.003);
        assertEquals(0.1, pepper / (double) N, 0.003);
    }

    @Test
    void sameStreamGivesTheSameCorruptionAndAnotherSeedDiffers() {
        for (Corruption c : new Corruption[] {new Corruption.Masking(0.5), new Corruption.GaussianNoise(0.1),
                new Corruption.SaltAndPepper(0.3)}) {
            float[] a = filled(0.5f);
            float[] b = filled(0.5f);
            float[] other = filled(0.5f);
            c.apply(a, 0, N, 0f, 1f, new SplittableRandom(6L));
            c.apply(b, 0, N, 0f, 1f, new SplittableRandom(6L));
            c.apply(other, 0, N, 0f, 1f, new SplittableRandom(7L));
            assertArrayEquals(a, b, c.describe());
            assertFalse(Arrays.equals(a, other), c.describe());
        }
    }

    @Test
    void onlyTheGivenRangeIsTouched() {
        float[] x = filled(0.5f);
        new Corruption.SaltAndPepper(1.0).apply(x, 10, 20, 0f, 1f, new SplittableRandom(8L));
        for (int i = 0; i < N; i++) {
            if (i >= 10 && i < 30) {
                assertTrue(x[i] == 0f || x[i] == 1f, "index " + i);
            } else {
                assertEquals(0.5f, x[i], "index " + i);
            }
        }
        assertThrows(IndexOutOfBoundsException.class,
                () -> new Corruption.Masking(0.1).apply(new float[5], 3, 3, 0f, 1f, new SplittableRandom(1L)));
        assertThrows(IllegalArgumentException.class,
                () -> new Corruption.Masking(0.1).apply(new float[5], 0, 5, 1f, 0f, new SplittableRandom(1L)));
    }

    @Test
    void noneAndZeroStrengthLeaveTheDataAlone() {
        for (Corruption c : new Corruption[] {Corruption.none(), new Corruption.Masking(0),
                new Corruption.GaussianNoise(0), new Corruption.SaltAndPepper(0)}) {
            float[] x = filled(0.5f);
            c.apply(x, 0, N, 0f, 1f, new SplittableRandom(9L));
            assertArrayEquals(filled(0.5f), x, c.describe());
        }
    }

    @Test
    void parseReadsWhatDescribeWrites() {
        for (Corruption c : new Corruption[] {Corruption.none(), new Corruption.Masking(0.3),
                new Corruption.GaussianNoise(0.2), new Corruption.SaltAndPepper(0.1)}) {
            assertEquals(c, Corruption.parse(c.describe()));
        }
        assertEquals(new Corruption.Masking(0.3), Corruption.parse(" Masking : 0.3 "));
        assertEquals("gaussian:0.2", Corruption.parse("gaussian:0.2").describe());
    }

    @Test
    void parseErrorsSayWhatIsWrong() {
        assertMessage("unknown corruption 'blur:1'", () -> Corruption.parse("blur:1"));
        assertMessage("saltpepper:<fraction>", () -> Corruption.parse("blur:1"));
        assertMessage("needs a fraction", () -> Corruption.parse("masking"));
        assertMessage("needs a sigma", () -> Corruption.parse("gaussian:"));
        assertMessage("'lots' is not a number", () -> Corruption.parse("masking:lots"));
        assertMessage("in [0, 1], was 1.5", () -> Corruption.parse("saltpepper:1.5"));
        assertMessage(">= 0, was -0.1", () -> Corruption.parse("gaussian:-0.1"));
        assertMessage("takes no value", () -> Corruption.parse("none:0.1"));
    }

    @Test
    void constructorsRejectOutOfRangeStrengths() {
        assertThrows(IllegalArgumentException.class, () -> new Corruption.Masking(-0.01));
        assertThrows(IllegalArgumentException.class, () -> new Corruption.Masking(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Corruption.SaltAndPepper(1.01));
        assertThrows(IllegalArgumentException.class, () -> new Corruption.GaussianNoise(Double.POSITIVE_INFINITY));
    }

    private static void assertMessage(String expectedPart, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expectedPart),
                "message '" + e.getMessage() + "' lacks '" + expectedPart + "'");
    }
}
