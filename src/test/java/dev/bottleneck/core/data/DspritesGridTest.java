package dev.bottleneck.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The dSprites mode of {@link ShapesDataset}: the factor grid of Matthey et al. 2017, rendered when read. */
class DspritesGridTest {

    private static final int N = ShapesDataset.DSPRITES_COUNT;
    /** dSprites' scales, as its documentation lists them. */
    private static final float[] SCALES = {0.5f, 0.6f, 0.7f, 0.8f, 0.9f, 1.0f};
    private static final float[] ROTATIONS = new float[40];
    private static final float[] POSITIONS = new float[32];

    static {
        for (int k = 0; k < ROTATIONS.length; k++) {
            ROTATIONS[k] = (float) (2 * Math.PI * k / 40);
        }
        for (int k = 0; k < POSITIONS.length; k++) {
            POSITIONS[k] = (float) (ShapesDataset.MIN_POSITION
                    + ((double) ShapesDataset.MAX_POSITION - ShapesDataset.MIN_POSITION) * k / 31);
        }
    }

    @Test
    void theGridHasEveryFactorCombinationOnceInDspritesOrder() {
        assertEquals(737_280, N);
        assertEquals(POSITIONS[0], ShapesDataset.MIN_POSITION);
        assertEquals(POSITIONS[31], ShapesDataset.MAX_POSITION);
        Dataset d = ShapesDataset.dsprites(64);
        assertEquals(N, d.size());
        assertEquals("dsprites", d.name());
        assertEquals(SampleShape.image(1, 64, 64), d.shape());
        Factors f = d.factors().orElseThrow();
        assertEquals(ShapesDataset.FACTOR_NAMES, f.names());
        boolean[] seen = new boolean[N];
        for (int i = 0; i < N; i++) {
            int index = gridIndex(f, i);
            assertFalse(seen[index], "combination of sprite " + i + " seen twice");
            seen[index] = true;
            assertEquals(i, index, "sprite " + i + " is out of dSprites' order");
            assertEquals((int) f.value(i, 0), d.label(i));
        }
    }

    @Test
    void theGridsFactorsAreMarkedDiscreteAndTheContinuousDrawsOnlyTheShape() {
        Factors grid = ShapesDataset.dsprites(32).factors().orElseThrow();
        Factors drawn = ShapesDataset.generate(10, 32, 1L).factors().orElseThrow();
        for (int k = 0; k < grid.width(); k++) {
            assertTrue(grid.isDiscrete(k), grid.names().get(k));
            assertEquals(k == 0, drawn.isDiscrete(k), drawn.names().get(k));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 32})
    void everySpriteIsTheRenderOfItsRecordedFactors(int size) {
        Dataset d = ShapesDataset.dsprites(size);
        Factors f = d.factors().orElseThrow();
        // the first and last sprites, the first of each shape, and 400 drawn at random
        int[] picks = new int[405];
        int[] fixed = {0, N - 1, N / 3, 2 * N / 3, N / 3 - 1};
        System.arraycopy(fixed, 0, picks, 0, fixed.length);
        SplittableRandom rng = new SplittableRandom(5);
        for (int k = fixed.length; k < picks.length; k++) {
            picks[k] = rng.nextInt(N);
        }
        int pixels = size * size;
        float[] row = new float[pixels];
        float[] batch = new float[picks.length * pixels];
        d.copyBatch(picks, 0, picks.length, batch);
        for (int k = 0; k < picks.length; k++) {
            int i = picks[k];
            byte[] again = ShapesDataset.render((int) f.value(i, 0), f.value(i, 1), f.value(i, 2), f.value(i, 3),
                    f.value(i, 4), size);
            d.copyExample(i, row, 0);
            int lit = 0;
            for (int p = 0; p < pixels; p++) {
                int expected = Float.floatToIntBits((again[p] & 0xFF) * (1f / 255f)); // the documented value
                assertEquals(expected, Float.floatToIntBits(row[p]), "sprite " + i + " pixel " + p);
                assertEquals(expected, Float.floatToIntBits(batch[k * pixels + p]), "batch row " + k + " pixel " + p);
                lit += again[p] != 0 ? 1 : 0;
            }
            assertTrue(lit > 0, "sprite " + i + " is blank");
        }
    }

    @Test
    void aCountDrawsAReproducibleRandomSubsetAcrossTheWholeGrid() {
        int count = 5000;
        int[] a = gridIndices(ShapesDataset.dsprites(32, count, 7L));
        assertArrayEquals(a, gridIndices(ShapesDataset.dsprites(32, count, 7L)), "same seed, same sprites");
        assertFalse(Arrays.equals(a, gridIndices(ShapesDataset.dsprites(32, count, 8L))), "another seed");
        for (int k = 1; k < a.length; k++) {
            assertTrue(a[k] > a[k - 1], "grid order without repeats at " + k);
        }
        Set<Integer> larger = new HashSet<>();
        for (int i : a) {
            larger.add(i);
        }
        for (int i : gridIndices(ShapesDataset.dsprites(32, 500, 7L))) {
            assertTrue(larger.contains(i), "a smaller count is a subset of a larger one: " + i);
        }
        // Not the first N: every value of every factor is drawn, each shape about a third of the time (within five
        // binomial standard deviations, sqrt(n p (1 - p)) with p = 1/3).
        Dataset d = ShapesDataset.dsprites(32, count, 7L);
        Factors f = d.factors().orElseThrow();
        int[] sizes = {3, 6, 40, 32, 32};
        for (int k = 0; k < sizes.length; k++) {
            Set<Float> values = new HashSet<>();
            for (int i = 0; i < count; i++) {
                values.add(f.value(i, k));
            }
            assertEquals(sizes[k], values.size(), f.names().get(k) + " values drawn");
        }
        int[] shapes = new int[3];
        for (int i = 0; i < count; i++) {
            shapes[d.label(i)]++;
        }
        double sd = Math.sqrt(count * (1.0 / 3) * (2.0 / 3));
        for (int s = 0; s < 3; s++) {
            assertEquals(count / 3.0, shapes[s], 5 * sd, "sprites of shape " + s);
        }
        // and each is still the render of its factors
        float[] row = new float[32 * 32];
        for (int i = 0; i < count; i += 97) {
            d.copyExample(i, row, 0);
            byte[] again = ShapesDataset.render((int) f.value(i, 0), f.value(i, 1), f.value(i, 2), f.value(i, 3),
                    f.value(i, 4), 32);
            for (int p = 0; p < row.length; p++) {
                assertEquals(Float.floatToIntBits((again[p] & 0xFF) * (1f / 255f)), Float.floatToIntBits(row[p]));
            }
        }
    }

    /**
     * The footprint claimed in the docs and used by the memory check: the whole 64x64 grid holds its factors and
     * labels, 24 bytes a sprite; every part of a split also holds its keys, 28 bytes a sprite. Counted from the
     * arrays the datasets hold.
     */
    @Test
    void theWholeGridHoldsOnlyItsFactorsAndLabelsAndASplitAddsItsKeys() throws DataException {
        Dataset d = ShapesDataset.dsprites(64);
        assertTrue(d.isRendered());
        assertNull(d.renderedRows().keys(), "the whole grid keeps no keys");
        long held = arrayBytes(d);
        assertEquals(held, d.memoryBytes());
        assertEquals(737_280L * (5 * Float.BYTES + Integer.BYTES), held);
        DataSplit sp = Splits.split(d, null, 0.1, 0, 0.2, 1L);
        long parts = 0;
        for (Dataset part : List.of(sp.train(), sp.validation(), sp.test())) {
            long bytes = arrayBytes(part);
            assertEquals(bytes, part.memoryBytes(), part.name());
            parts += bytes;
        }
        assertEquals(737_280L * (5 * Float.BYTES + Integer.BYTES + Integer.BYTES), parts);
        DatasetCatalog.Size s = DatasetCatalog.estimate("dsprites", DatasetCatalog.Options.defaults(1)).orElseThrow();
        assertEquals(parts, s.examples() * s.bytesPerExample(), "the estimate is the split's footprint");
        assertTrue(2 * s.examples() * s.bytesPerExample() >= held + parts, "the check counts pool and split");
    }

    @Test
    void aCountAboveTheGridOrAnotherSizeIsRefusedWithTheAllowedValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ShapesDataset.dsprites(64, N + 1, 1L));
        assertTrue(e.getMessage().contains("737,281") && e.getMessage().contains("1..737,280"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ShapesDataset.dsprites(64, -1, 1L));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ShapesDataset.dsprites(48));
        assertTrue(e.getMessage().contains("64 or 32") && e.getMessage().contains("48"), e.getMessage());
        IllegalStateException tooMany = assertThrows(IllegalStateException.class,
                () -> ShapesDataset.dsprites(64).toFloatArray());
        assertTrue(tooMany.getMessage().startsWith("dsprites: 737,280 examples of 4,096 numbers")
                && tooMany.getMessage().contains("subset"), tooMany.getMessage());
    }

    /** Bytes of the arrays {@code d} holds: factors, labels and, for a subset, its keys. */
    private static long arrayBytes(Dataset d) {
        int[] keys = d.renderedRows().keys();
        return (long) Float.BYTES * d.factors().orElseThrow().values().length
                + (long) Integer.BYTES * d.labels().orElseThrow().values().length
                + (keys == null ? 0 : (long) Integer.BYTES * keys.length);
    }

    /** Each sprite's position in the grid, read back from its factor values by the documented order. */
    private static int[] gridIndices(Dataset d) {
        Factors f = d.factors().orElseThrow();
        int[] out = new int[d.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = gridIndex(f, i);
        }
        return out;
    }

    private static int gridIndex(Factors f, int i) {
        int shape = (int) f.value(i, 0);
        assertEquals(shape, f.value(i, 0), "shape of sprite " + i + " is a whole number");
        assertTrue(shape >= 0 && shape < 3, "shape of sprite " + i);
        int s = indexOf(SCALES, f.value(i, 1), "scale", i);
        int r = indexOf(ROTATIONS, f.value(i, 2), "rotation", i);
        int x = indexOf(POSITIONS, f.value(i, 3), "posX", i);
        int y = indexOf(POSITIONS, f.value(i, 4), "posY", i);
        return (((shape * 6 + s) * 40 + r) * 32 + x) * 32 + y;
    }

    /** Where {@code v} is in {@code values}, exactly; fails when it is not one of them. */
    private static int indexOf(float[] values, float v, String factor, int sprite) {
        for (int k = 0; k < values.length; k++) {
            if (Float.compare(values[k], v) == 0) {
                return k;
            }
        }
        throw new AssertionError(factor + " " + v + " of sprite " + sprite + " is not a grid value");
    }
}
