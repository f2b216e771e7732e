package dev.bottleneck.core.data;

import static dev.bottleneck.core.data.IdxTestFiles.gunzip;
import static dev.bottleneck.core.data.IdxTestFiles.gzip;
import static dev.bottleneck.core.data.IdxTestFiles.idx;
import static dev.bottleneck.core.data.IdxTestFiles.images;
import static dev.bottleneck.core.data.IdxTestFiles.labels;
import static dev.bottleneck.core.data.IdxTestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    private static Path mnist;
    private static Path testImagesGz;
    private static Path testLabelsGz;

    @TempDir
    Path tmp;

    @BeforeAll
    static void findShippedMnist() throws DataException {
        mnist = Mnist.defaultDirectory();
        testImagesGz = mnist.resolve("t10k-images-idx3-ubyte.gz");
        testLabelsGz = mnist.resolve("t10k-labels-idx1-ubyte.gz");
    }

    /** Asserts that {@code read} fails with a message naming {@code file} and containing every fragment. */
    private static DataException assertFails(Path file, Executable read, String... fragments) {
        DataException e = assertThrows(DataException.class, read);
        assertEquals(file, e.file(), e.getMessage());
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message lacks \"" + f + "\": " + e.getMessage());
        }
        return e;
    }

    @Test
    void readsImagesWithShapeAndExactPixelValues() throws IOException {
        Path file = write(tmp.resolve("few-images-idx3-ubyte"), images(3, 2, 4));
        Dataset d = IdxReader.readImages(file);
        assertEquals(3, d.size());
        assertEquals(SampleShape.image(1, 2, 4), d.shape());
        assertTrue(d.isByteBacked());
        assertFalse(d.labels().isPresent());
        for (int k = 0; k < 24; k++) {
            assertEquals(((k * 7) & 0xFF) / 255f, d.value(k / 8, k % 8), 1e-6f);
        }
    }

    @Test
    void readsLabelsAsUnsignedValues() throws IOException {
        Path file = write(tmp.resolve("labels"), idx(IdxReader.LABELS_MAGIC, new int[] {3}, new byte[] {0, 9, (byte) 200}));
        assertArrayEquals(new int[] {0, 9, 200}, IdxReader.readLabels(file));
    }

    @Test
    void readPairsImagesWithLabelsAndAtLeastTenClasses() throws IOException {
        Path images = write(tmp.resolve("img"), images(4, 3, 3));
        Path labels = write(tmp.resolve("lab"), labels(4));
        Dataset d = IdxReader.read(images, labels, "tiny");
        assertEquals("tiny", d.name());
        assertEquals(10, d.labels().orElseThrow().classCount());
        assertEquals(3, d.label(3));
    }

    @Test
    void detectsGzipByContentNotByFileName() throws IOException {
        byte[] raw = images(2, 5, 5);
        Path gzippedWithoutSuffix = write(tmp.resolve("images.idx"), gzip(raw));
        Path rawWithGzSuffix = write(tmp.resolve("images.gz"), raw);
        assertArrayEquals(IdxReader.readImages(gzippedWithoutSuffix).toFloatArray(),
                IdxReader.readImages(rawWithGzSuffix).toFloatArray());
    }

    @Test
    void truncatedGzipFileSaysExpectedAndFoundBytes() throws IOException {
        byte[] first100k = Arrays.copyOf(Files.readAllBytes(testImagesGz), 100_000);
        Path damaged = write(tmp.resolve("t10k-images-idx3-ubyte.gz"), first100k);
        DataException e = assertFails(damaged, () -> IdxReader.readImages(damaged),
                "truncated", "expected 7840000 pixel bytes", "found ");
        long found = Long.parseLong(e.getMessage().replaceAll(".*found (\\d+).*", "$1"));
        assertTrue(found > 0 && found < 7_840_000, e.getMessage());
    }

    @Test
    void truncatedRawFileSaysExpectedAndFoundBytes() throws IOException {
        Path damaged = write(tmp.resolve("t10k-images-idx3-ubyte"), gunzip(testImagesGz, 16 + 1_000_000));
        assertFails(damaged, () -> IdxReader.readImages(damaged),
                "truncated", "expected 7840000 pixel bytes after the 16-byte header", "found 1000000");
    }

    @Test
    void truncatedRawLabelFileSaysExpectedAndFoundBytes() throws IOException {
        Path damaged = write(tmp.resolve("t10k-labels-idx1-ubyte"), gunzip(testLabelsGz, 8 + 9_999));
        assertFails(damaged, () -> IdxReader.readLabels(damaged), "truncated", "expected 10000 label bytes", "found 9999");
    }

    @Test
    void truncatedHeaderIsNamed() throws IOException {
        Path damaged = write(tmp.resolve("short"), Arrays.copyOf(images(1, 2, 2), 10));
        assertFails(damaged, () -> IdxReader.readImages(damaged), "truncated", "16-byte header", "found 10 bytes");
    }

    @Test
    void gzipWithoutItsTrailerIsTruncated() throws IOException {
        byte[] gz = Files.readAllBytes(testLabelsGz);
        Path damaged = write(tmp.resolve("labels.gz"), Arrays.copyOf(gz, gz.length - 8));
        assertFails(damaged, () -> IdxReader.readLabels(damaged), "truncated", "gzip stream ends before its trailer");
    }

    @Test
    void gzipWithWrongChecksumIsCorrupt() throws IOException {
        byte[] gz = Files.readAllBytes(testLabelsGz);
        gz[gz.length - 8] ^= 0x5A; // first byte of the CRC-32 in the trailer
        Path damaged = write(tmp.resolve("labels.gz"), gz);
        assertFails(damaged, () -> IdxReader.readLabels(damaged), "corrupt gzip data");
    }

    @Test
    void damagedDeflateDataIsCorrupt() throws IOException {
        byte[] gz = Files.readAllBytes(testLabelsGz);
        gz[10] = (byte) 0xFF; // the first deflate block header: block type 3 does not exist
        Path damaged = write(tmp.resolve("labels.gz"), gz);
        assertFails(damaged, () -> IdxReader.readLabels(damaged), "corrupt gzip data");
    }

    @Test
    void wrongMagicNumberIsRefused() throws IOException {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 0, 0, 0, 0, 0};
        Path file = write(tmp.resolve("digit.png"), png);
        assertFails(file, () -> IdxReader.readImages(file), "not an IDX file", "magic number 0x89504E47",
                "expected 0x00000803");
    }

    @Test
    void labelFileReadAsImagesSaysHowManyDimensions() throws IOException {
        Path file = write(tmp.resolve("labels"), labels(5));
        assertFails(file, () -> IdxReader.readImages(file), "has 1 dimension", "0x00000801", "expected 3 for images");
    }

    @Test
    void nonByteElementTypeIsRefusedByName() throws IOException {
        Path file = write(tmp.resolve("floats"), idx(0x00000D03, new int[] {1, 1, 1}, new byte[4]));
        assertFails(file, () -> IdxReader.readImages(file), "element type 0x0D (float) is not supported");
    }

    @Test
    void labelCountThatDiffersFromImageCountNamesBothFiles() throws IOException {
        Path images = write(tmp.resolve("images"), images(5, 2, 2));
        Path labels = write(tmp.resolve("labels"), labels(4));
        DataException e = assertFails(images, () -> IdxReader.read(images, labels, "x"), "5 images but 4 labels");
        assertTrue(e.getMessage().contains(labels.toString()), e.getMessage());
    }

    @Test
    void shippedTestLabelsDoNotFitTrainingImages() {
        Path images = mnist.resolve("train-images-idx3-ubyte.gz");
        DataException e = assertFails(images, () -> IdxReader.read(images, testLabelsGz, "x"),
                "60000 images but 10000 labels");
        assertTrue(e.getMessage().contains("t10k-labels-idx1-ubyte.gz"), e.getMessage());
    }

    @Test
    void trailingBytesInRawFileAreRefused() throws IOException {
        byte[] good = images(2, 3, 3);
        Path file = write(tmp.resolve("images"), Arrays.copyOf(good, good.length + 3));
        assertFails(file, () -> IdxReader.readImages(file), "trailing bytes", "expected 18 pixel bytes", "found 21",
                "3 too many");
    }

    @Test
    void trailingBytesInsideGzipAreRefused() throws IOException {
        byte[] good = gunzip(testLabelsGz, Integer.MAX_VALUE);
        Path file = write(tmp.resolve("labels.gz"), gzip(Arrays.copyOf(good, good.length + 5)));
        assertFails(file, () -> IdxReader.readLabels(file), "trailing bytes", "expected 10000 label bytes",
                "5 too many");
    }

    @Test
    void pathThatDoesNotExistIsNamed() {
        Path missing = tmp.resolve("no-such-file.gz");
        assertFails(missing, () -> IdxReader.readImages(missing), "does not exist");
    }

    @Test
    void folderInsteadOfFileIsRefused() {
        assertFails(tmp, () -> IdxReader.readLabels(tmp), "is a folder");
    }

    @Test
    void failedReadLeavesLoadedDatasetIntact() throws IOException {
        Dataset loaded = IdxReader.read(testImagesGz, testLabelsGz, "MNIST test");
        float[] before = loaded.toFloatArray();
        int[] labelsBefore = loaded.labels().orElseThrow().values().clone();

        Path damaged = write(tmp.resolve("t10k-images-idx3-ubyte.gz"),
                Arrays.copyOf(Files.readAllBytes(testImagesGz), 100_000));
        assertThrows(DataException.class, () -> IdxReader.read(damaged, testLabelsGz, "MNIST test"));

        assertEquals("MNIST test", loaded.name());
        assertEquals(10_000, loaded.size());
        assertArrayEquals(before, loaded.toFloatArray());
        assertArrayEquals(labelsBefore, loaded.labels().orElseThrow().values());
    }
}
