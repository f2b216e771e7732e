package dev.bottleneck.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A dataset rendered when read answers every question exactly as the same images stored as bytes. */
class RenderedDatasetTest {

    private static final SampleShape SHAPE = SampleShape.image(1, 4, 5);
    private static final int COUNT = 72;
    /** A pure function of the key with every byte value somewhere, zeros included. */
    private static final RenderedRows.Renderer PATTERN = (key, dst, offset) -> {
        for (int p = 0; p < SHAPE.size(); p++) {
            int v = (key * 37 + p * 11) % 256;
            dst[offset + p] = (byte) (v % 3 == 0 ? 0 : v);
        }
    };
    private static final Labels LABELS;
    private static final Factors FACTORS;

    static {
        int[] labels = new int[COUNT];
        float[] factors = new float[COUNT];
        for (int i = 0; i < COUNT; i++) {
            labels[i] = i % 3;
            factors[i] = i;
        }
        LABELS = Labels.numbered(labels, 3);
        FACTORS = Factors.discrete(java.util.List.of("key"), factors);
    }

    private static final Dataset RENDERED = Dataset.rendered("rendered", SHAPE, COUNT, PATTERN, LABELS, FACTORS);
    private static final Dataset STORED = stored();

    private static Dataset stored() {
        byte[] bytes = new byte[COUNT * SHAPE.size()];
        for (int i = 0; i < COUNT; i++) {
            PATTERN.render(i, bytes, i * SHAPE.size());
        }
        return Dataset.ofBytes("stored", SHAPE, bytes, LABELS, FACTORS);
    }

    @Test
    void valuesRowsBatchesAndStatisticsEqualTheStoredImages() {
        assertTrue(RENDERED.isRendered() && RENDERED.isByteBacked());
        assertEquals(STORED.size(), RENDERED.size());
        assertArrayEquals(STORED.toFloatArray(), RENDERED.toFloatArray());
        int d = RENDERED.features();
        for (int i = 0; i < RENDERED.size(); i += 5) {
            for (int p = 0; p < d; p++) {
                assertEquals(STORED.value(i, p), RENDERED.value(i, p), "example " + i + " value " + p);
            }
        }
        int[] order = {7, 0, 35, 7, 12};
        float[] a = new float[order.length * d];
        float[] b = new float[order.length * d];
        STORED.copyBatch(order, 1, 4, a);
        RENDERED.copyBatch(order, 1, 4, b);
        assertArrayEquals(a, b);
        assertEquals(STORED.mean(), RENDERED.mean(), 0.0);
        assertEquals(STORED.standardDeviation(), RENDERED.standardDeviation(), 0.0);
        assertArrayEquals(new float[] {0f, 1f}, RENDERED.valueRange());
    }

    @Test
    void subsetsHeadsAndRenamesStayRenderedAndEqualTheStoredOnes() {
        int[] pick = {30, 2, 2, 17};
        Dataset r = RENDERED.subset("pick", pick);
        assertTrue(r.isRendered());
        assertArrayEquals(STORED.subset("pick", pick).toFloatArray(), r.toFloatArray());
        assertArrayEquals(STORED.subset("pick", pick).factors().orElseThrow().values(),
                r.factors().orElseThrow().values());
        Dataset nested = r.subset("nested", new int[] {3, 0});
        assertArrayEquals(STORED.subset("n", new int[] {17, 30}).toFloatArray(), nested.toFloatArray());
        assertArrayEquals(STORED.head(4).toFloatArray(), RENDERED.head(4).toFloatArray());
        assertEquals("again", RENDERED.renamed("again").name());
        assertTrue(RENDERED.renamed("again").isRendered());
        assertEquals(4L * pick.length + r.labels().orElseThrow().count() * 4L
                + r.factors().orElseThrow().values().length * 4L, r.memoryBytes());
    }

    @Test
    void anExampleOutsideTheSetIsRefusedWithItsIndex() {
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> RENDERED.copyExample(RENDERED.size(), new float[RENDERED.features()], 0));
        assertTrue(e.getMessage().contains("example " + RENDERED.size()), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> RENDERED.value(-1, 0));
    }
}
