package dev.bottleneck.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitsTest {

    /** A pool whose single value per example is its own index, so a split can be read back as indices. */
    private static Dataset indexed(int n) {
        float[] values = new float[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = i;
            labels[i] = i % 3;
        }
        return Dataset.ofFloats("pool", SampleShape.vector(1), values, Labels.numbered(labels, 3), null);
    }

    private static int[] indices(Dataset part) {
        int[] out = new int[part.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) part.value(i, 0);
        }
        return out;
    }

    @Test
    void sameSeedGivesIdenticalSplitAndDifferentSeedsDiffer() {
        Dataset pool = indexed(1000);
        DataSplit a = Splits.split(pool, null, 0.1, 0, 0.2, 42L);
        DataSplit b = Splits.split(pool, null, 0.1, 0, 0.2, 42L);
        DataSplit c = Splits.split(pool, null, 0.1, 0, 0.2, 43L);
        assertArrayEquals(indices(a.train()), indices(b.train()));
        assertArrayEquals(indices(a.validation()), indices(b.validation()));
        assertArrayEquals(indices(a.test()), indices(b.test()));
        assertEquals(a.fingerprint(), b.fingerprint());
        assertFalse(Arrays.equals(indices(a.validation()), indices(c.validation())));
        assertNotEquals(a.fingerprint(), c.fingerprint());
    }

    @Test
    void partsAreDisjointCoverThePoolAndHaveTheAskedSizes() {
        Dataset pool = indexed(1000);
        DataSplit s = Splits.split(pool, null, 0.1, 0, 0.25, 7L);
        assertEquals(100, s.validation().size());
        assertEquals(250, s.test().size());
        assertEquals(650, s.train().size());
        Set<Integer> seen = new HashSet<>();
        for (Dataset part : new Dataset[] {s.train(), s.validation(), s.test()}) {
            int[] idx = indices(part);
            for (int i = 0; i < idx.length; i++) {
                assertTrue(seen.add(idx[i]), "index " + idx[i] + " is in two parts");
                assertEquals(idx[i] % 3, part.label(i), "labels travel with their examples");
                if (i > 0) {
                    assertTrue(idx[i] > idx[i - 1], "parts keep the pool's order");
                }
            }
        }
        assertEquals(1000, seen.size());
    }

    @Test
    void anOfficialTestSetIsKeptAndOnlyValidationIsCarvedFromThePool() {
        Dataset pool = indexed(600);
        Dataset official = Dataset.ofFloats("official", SampleShape.vector(1), new float[] {-1, -2, -3}, null, null);
        DataSplit s = Splits.split(pool, official, 0.1, 0, 0.5, 1L);
        assertSame(official, s.test());
        assertEquals(60, s.validation().size());
        assertEquals(540, s.train().size());
    }

    @Test
    void trainLimitKeepsTheFirstPermutedExamplesAndLeavesValidationAlone() {
        Dataset pool = indexed(1000);
        DataSplit all = Splits.split(pool, null, 0.1, 0, 0.2, 5L);
        DataSplit hundred = Splits.split(pool, null, 0.1, 100, 0.2, 5L);
        DataSplit ten = Splits.split(pool, null, 0.1, 10, 0.2, 5L);
        assertEquals(100, hundred.train().size());
        assertEquals(10, ten.train().size());
        assertArrayEquals(indices(all.validation()), indices(hundred.validation()));
        assertArrayEquals(indices(all.test()), indices(ten.test()));
        Set<Integer> inHundred = new HashSet<>();
        for (int i : indices(hundred.train())) {
            inHundred.add(i);
        }
        for (int i : indices(ten.train())) {
            assertTrue(inHundred.contains(i), "a smaller limit keeps a subset of a larger one: " + i);
        }
        Set<Integer> inAll = new HashSet<>();
        for (int i : indices(all.train())) {
            inAll.add(i);
        }
        assertTrue(inAll.containsAll(inHundred));
        assertEquals(700, Splits.split(pool, null, 0.1, 5000, 0.2, 5L).train().size(), "a limit above the pool");
    }

    @Test
    void zeroFractionsGiveEmptyParts() {
        DataSplit s = Splits.split(indexed(50), null, 0.0, 0, 0.0, 3L);
        assertEquals(50, s.train().size());
        assertEquals(0, s.validation().size());
        assertEquals(0, s.test().size());
    }

    @Test
    void fingerprintChangesWithTheDataAndTheLabels() {
        Dataset pool = indexed(100);
        long base = Splits.split(pool, null, 0.1, 0, 0.2, 9L).fingerprint();
        float[] changed = pool.toFloatArray();
        changed[17] += 0.5f;
        Dataset other = Dataset.ofFloats("pool", pool.shape(), changed, pool.labels().orElseThrow(), null);
        assertNotEquals(base, Splits.split(other, null, 0.1, 0, 0.2, 9L).fingerprint());
        Dataset unlabelled = Dataset.ofFloats("pool", pool.shape(), pool.toFloatArray(), null, null);
        assertNotEquals(base, Splits.split(unlabelled, null, 0.1, 0, 0.2, 9L).fingerprint());
        Dataset renamed = pool.renamed("another name");
        assertEquals(base, Splits.split(renamed, null, 0.1, 0, 0.2, 9L).fingerprint(), "names are not content");
        assertEquals(16, Splits.split(pool, null, 9L).fingerprintHex().length());
    }

    @Test
    void badFractionsAndShapesAreRejectedWithAClearMessage() {
        Dataset pool = indexed(100);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Splits.split(pool, null, 1.0, 0, 0.2, 1L));
        assertTrue(e.getMessage().contains("validation fraction") && e.getMessage().contains("1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Splits.split(pool, null, 0.1, 0, -0.1, 1L));
        assertTrue(e.getMessage().contains("test fraction"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Splits.split(pool, null, 0.5, 0, 0.5, 1L));
        assertTrue(e.getMessage().contains("nothing to train on"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Splits.split(pool, null, Double.NaN, 0, 0.2, 1L));
        Dataset wrongShape = Dataset.ofFloats("official", SampleShape.vector(2), new float[4], null, null);
        e = assertThrows(IllegalArgumentException.class, () -> Splits.split(pool, wrongShape, 0.1, 0, 0.2, 1L));
        assertTrue(e.getMessage().contains("vector(2)") && e.getMessage().contains("vector(1)"), e.getMessage());
        // with an official test set the test fraction is not read
        Splits.split(pool, Dataset.ofFloats("t", SampleShape.vector(1), new float[1], null, null), 0.1, 0, 5.0, 1L);
    }
}
