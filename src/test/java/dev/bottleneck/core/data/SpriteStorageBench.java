package dev.bottleneck.core.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Benchmark, not a test: what it costs the trainer to read a batch of dSprites sprites stored each way the issue
 * weighed, per sprite, printed to stdout. Run with {@code mvn -o -q test -Dtest=SpriteStorageBench -Dbench=true}.
 *
 * <ul>
 *   <li>rendered when read (what {@code dsprites} does): {@link Dataset#copyBatch} of the rendered grid;
 *   <li>stored as bytes (what {@code shapes64} does): {@code copyBatch} of a byte-backed set of the same sprites;
 *   <li>bit-packed (the alternative): binary sprites, one bit a pixel (512 bytes at 64x64), unpacked into floats;
 *       plus what packing costs up front: rendering the whole grid once, and its bytes.
 * </ul>
 * Batches of 64 sprites drawn at random from the whole grid, as a shuffled epoch reads them; medians of
 * {@value #RUNS} timed rounds of {@value #BATCHES} batches after {@value #WARMUP} untimed ones.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class SpriteStorageBench {

    private static final int BATCH = 64;
    private static final int BATCHES = 40;
    private static final int WARMUP = 10;
    private static final int RUNS = 25;

    @Test
    void readingABatchRenderedStoredAndBitPacked() {
        System.out.printf(Locale.ROOT, "%nSpriteStorageBench: batches of %d, %s, %s, %d cores%n", BATCH,
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        for (int size : ShapesDataset.DSPRITES_SIZES) {
            bench(size);
        }
    }

    private static void bench(int size) {
        Dataset grid = ShapesDataset.dsprites(size);
        int d = grid.features();
        int n = BATCH * BATCHES;
        SplittableRandom rng = new SplittableRandom(1);
        int[] keys = new int[n];
        for (int i = 0; i < n; i++) {
            keys[i] = rng.nextInt(grid.size());
        }
        // The same sprites stored: as bytes, and bit-packed (a pixel is on when at least half covered).
        Dataset picked = grid.subset("picked", keys);
        float[] rows = picked.toFloatArray();
        byte[] bytes = new byte[n * d];
        int packedRow = (d + 7) / 8;
        byte[] packed = new byte[n * packedRow];
        for (int k = 0; k < rows.length; k++) {
            int b = Math.round(rows[k] * 255);
            bytes[k] = (byte) b;
            if (b >= 128) {
                int i = k / d;
                int p = k % d;
                packed[i * packedRow + p / 8] |= (byte) (1 << (p % 8));
            }
        }
        Dataset stored = Dataset.ofBytes("stored", grid.shape(), bytes, null, null);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        float[] batch = new float[BATCH * d];

        double rendered = perSprite(() -> {
            for (int b = 0; b < BATCHES; b++) {
                grid.copyBatch(keys, b * BATCH, BATCH, batch);
            }
        }, n);
        double byteRows = perSprite(() -> {
            for (int b = 0; b < BATCHES; b++) {
                stored.copyBatch(order, b * BATCH, BATCH, batch);
            }
        }, n);
        double unpacked = perSprite(() -> {
            for (int b = 0; b < BATCHES; b++) {
                for (int r = 0; r < BATCH; r++) {
                    unpack(packed, (b * BATCH + r) * packedRow, d, batch, r * d);
                }
            }
        }, n);
        System.out.printf(Locale.ROOT, "%dx%d: per sprite, median: rendered when read %.1f us, stored bytes %.2f us, "
                + "bit-packed %.2f us%n", size, size, rendered, byteRows, unpacked);

        // What packing costs before the first step: every sprite of the grid rendered once, and its bytes.
        byte[] row = new byte[d];
        byte[] one = new byte[packedRow];
        long t0 = System.nanoTime();
        for (int i = 0; i < grid.size(); i++) {
            grid.renderedRows().copyBytes(i, row, 0);
            Arrays.fill(one, (byte) 0);
            for (int p = 0; p < d; p++) {
                if ((row[p] & 0xFF) >= 128) {
                    one[p / 8] |= (byte) (1 << (p % 8));
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%dx%d: packing the whole grid: %.1f s on one thread (%.1f us a sprite), "
                + "%,d bytes packed; rendered when read it holds %,d bytes%n", size, size, seconds,
                seconds * 1e6 / grid.size(), (long) grid.size() * packedRow, grid.memoryBytes());
    }

    private static void unpack(byte[] packed, int from, int d, float[] dst, int offset) {
        for (int p = 0; p < d; p++) {
            dst[offset + p] = (packed[from + (p >>> 3)] >>> (p & 7) & 1);
        }
    }

    /** Median microseconds per sprite of {@code round}, which reads {@code sprites} sprites. */
    private static double perSprite(Runnable round, int sprites) {
        for (int i = 0; i < WARMUP; i++) {
            round.run();
        }
        double[] us = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            round.run();
            us[i] = (System.nanoTime() - t0) / 1e3 / sprites;
        }
        Arrays.sort(us);
        return us[RUNS / 2];
    }
}
