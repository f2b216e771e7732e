package dev.bottleneck.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.data.ImageFolderReader.ColorMode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderReaderTest {

    @TempDir
    Path tmp;

    /** A grey PNG whose pixel (x, y) is {@code base + 10 * y + x}. */
    private static Path greyPng(Path file, int width, int height, int base) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.getRaster().setSample(x, y, 0, base + 10 * y + x);
            }
        }
        return writeImage(img, "png", file);
    }

    private static Path uniformPng(Path file, int width, int height, int argb, int type) throws IOException {
        BufferedImage img = new BufferedImage(width, height, type);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, argb);
            }
        }
        return writeImage(img, "png", file);
    }

    private static Path writeImage(BufferedImage img, String format, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        assertTrue(ImageIO.write(img, format, file.toFile()), "no writer for " + format);
        return file;
    }

    private static int pixel(Dataset d, int example, int feature) {
        return Math.round(d.value(example, feature) * 255);
    }

    @Test
    void classFoldersBecomeLabelsSortedAlphabeticallyWithExactPixels() throws IOException {
        greyPng(tmp.resolve("zebra/a.png"), 4, 3, 100);
        greyPng(tmp.resolve("Cat/b.png"), 4, 3, 0);
        greyPng(tmp.resolve("Cat/a.png"), 4, 3, 50);
        greyPng(tmp.resolve("dog/x.png"), 4, 3, 200);

        ImageFolderResult result = ImageFolderReader.read(tmp, 4, 3, ColorMode.GREY);
        Dataset d = result.dataset();

        assertEquals(List.of("Cat", "dog", "zebra"), d.labels().orElseThrow().names());
        assertArrayEquals(new int[] {0, 0, 1, 2}, d.labels().orElseThrow().values());
        assertEquals(SampleShape.image(1, 3, 4), d.shape());
        assertTrue(d.isByteBacked());
        assertTrue(result.skipped().isEmpty());
        int[] baseByExample = {50, 0, 200, 100}; // Cat/a, Cat/b, dog/x, zebra/a
        for (int i = 0; i < 4; i++) {
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 4; x++) {
                    assertEquals(baseByExample[i] + 10 * y + x, pixel(d, i, y * 4 + x), "example " + i);
                }
            }
        }
    }

    @Test
    void rgbImagesAreStoredAsRedGreenBluePlanes() throws IOException {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0x102030);
        img.setRGB(1, 0, 0xA0B0C0);
        writeImage(img, "png", tmp.resolve("c/img.png"));

        Dataset d = ImageFolderReader.read(tmp, 2, 1, ColorMode.RGB).dataset();

        assertEquals(SampleShape.image(3, 1, 2), d.shape());
        int[] expected = {0x10, 0xA0, 0x20, 0xB0, 0x30, 0xC0}; // R plane, G plane, B plane
        for (int k = 0; k < 6; k++) {
            assertEquals(expected[k], pixel(d, 0, k));
        }
    }

    @Test
    void colourBecomesGreyByLuminance() throws IOException {
        uniformPng(tmp.resolve("red.png"), 2, 2, 0xFFFF0000, BufferedImage.TYPE_INT_RGB);
        Dataset d = ImageFolderReader.read(tmp, 2, 2, ColorMode.GREY).dataset();
        assertEquals(76, pixel(d, 0, 0)); // 0.299 * 255
    }

    @Test
    void transparentPixelsAreCompositedOverBlack() throws IOException {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, 0x00FFFFFF);
        img.setRGB(1, 0, 0x80FFFFFF);
        writeImage(img, "png", tmp.resolve("alpha.png"));
        Dataset d = ImageFolderReader.read(tmp, 2, 1, ColorMode.GREY).dataset();
        assertEquals(0, pixel(d, 0, 0));
        assertEquals(128, pixel(d, 0, 1), 1);
    }

    @Test
    void imagesDirectlyInTheFolderAreUnlabelled() throws IOException {
        greyPng(tmp.resolve("one.png"), 3, 3, 0);
        greyPng(tmp.resolve("two.png"), 3, 3, 100);
        Dataset d = ImageFolderReader.read(tmp, 3, 3, ColorMode.GREY).dataset();
        assertEquals(2, d.size());
        assertFalse(d.labels().isPresent());
        assertEquals(tmp.getFileName().toString(), d.name());
    }

    @Test
    void imagesOfMixedSizesAreResizedNotRefused() throws IOException {
        uniformPng(tmp.resolve("mixed/small.png"), 5, 3, 0xFF646464, BufferedImage.TYPE_INT_RGB);
        uniformPng(tmp.resolve("mixed/large.png"), 300, 200, 0xFFC8C8C8, BufferedImage.TYPE_INT_RGB);
        uniformPng(tmp.resolve("mixed/tall.png"), 7, 90, 0xFF1E1E1E, BufferedImage.TYPE_INT_RGB);

        ImageFolderResult result = ImageFolderReader.read(tmp, 8, 8, ColorMode.GREY);

        assertTrue(result.skipped().isEmpty(), result.summary());
        Dataset d = result.dataset();
        assertEquals(3, d.size());
        assertEquals(SampleShape.image(1, 8, 8), d.shape());
        int[] expected = {0xC8, 0x64, 0x1E}; // large, small, tall in file order
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 64; k++) {
                assertEquals(expected[i], pixel(d, i, k), 1, "example " + i + " pixel " + k);
            }
        }
    }

    @Test
    void shrinkingAveragesFineDetailInsteadOfSkippingIt() throws IOException {
        BufferedImage checker = new BufferedImage(60, 60, BufferedImage.TYPE_BYTE_GRAY); // 7.5x: not a power of two
        for (int y = 0; y < 60; y++) {
            for (int x = 0; x < 60; x++) {
                checker.getRaster().setSample(x, y, 0, (x + y) % 2 == 0 ? 255 : 0);
            }
        }
        writeImage(checker, "png", tmp.resolve("checker.png"));
        Dataset d = ImageFolderReader.read(tmp, 8, 8, ColorMode.GREY).dataset();
        for (int k = 0; k < 64; k++) {
            assertEquals(128, pixel(d, 0, k), 8, "pixel " + k);
        }
    }

    @Test
    void jpegImagesAreRead() throws IOException {
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                img.setRGB(x, y, 0x808080);
            }
        }
        writeImage(img, "jpg", tmp.resolve("photos/grey.jpg"));
        Dataset d = ImageFolderReader.read(tmp, 4, 4, ColorMode.GREY).dataset();
        assertEquals(128, pixel(d, 0, 5), 3);
    }

    @Test
    void fileThatIsNotAnImageIsSkippedAndListed() throws IOException {
        greyPng(tmp.resolve("digits/good.png"), 4, 4, 0);
        Path notes = Files.writeString(tmp.resolve("digits/notes.txt"), "not an image");
        Path broken = tmp.resolve("digits/broken.png");
        Files.write(broken, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H'});

        ImageFolderResult result = ImageFolderReader.read(tmp, 4, 4, ColorMode.GREY);

        assertEquals(1, result.dataset().size());
        assertEquals(2, result.skipped().size());
        ImageFolderResult.Skipped first = result.skipped().get(0); // broken.png sorts before notes.txt
        assertEquals(broken, first.file());
        assertTrue(first.reason().startsWith("damaged or unsupported image"), first.reason());
        assertEquals(notes, result.skipped().get(1).file());
        assertTrue(result.skipped().get(1).reason().startsWith("not an image"), result.skipped().get(1).reason());
        String summary = result.summary();
        assertTrue(summary.startsWith("Read 1 image in 1 class. Skipped 2 files:"), summary);
        assertTrue(summary.contains(notes + ": not an image"), summary);
    }

    @Test
    void imagesBesideClassFoldersAreSkippedAsUnlabelled() throws IOException {
        greyPng(tmp.resolve("a/x.png"), 2, 2, 0);
        Path stray = greyPng(tmp.resolve("stray.png"), 2, 2, 0);
        ImageFolderResult result = ImageFolderReader.read(tmp, 2, 2, ColorMode.GREY);
        assertEquals(1, result.dataset().size());
        assertEquals(List.of(new ImageFolderResult.Skipped(stray, "not in a class sub-folder, so it has no label")),
                result.skipped());
    }

    @Test
    void hiddenFilesAreIgnored() throws IOException {
        greyPng(tmp.resolve("a/x.png"), 2, 2, 0);
        Files.writeString(tmp.resolve("a/.DS_Store"), "finder");
        greyPng(tmp.resolve(".thumbnails/t.png"), 2, 2, 0);
        ImageFolderResult result = ImageFolderReader.read(tmp, 2, 2, ColorMode.GREY);
        assertEquals(List.of("a"), result.dataset().labels().orElseThrow().names());
        assertTrue(result.skipped().isEmpty(), result.summary());
    }

    @Test
    void emptyFolderIsRefusedByName() {
        DataException e = assertThrows(DataException.class, () -> ImageFolderReader.read(tmp, 8, 8, ColorMode.GREY));
        assertEquals(tmp, e.file());
        assertTrue(e.getMessage().startsWith(tmp + ": no readable images"), e.getMessage());
    }

    @Test
    void folderOfNonImagesIsRefusedAndSaysWhy() throws IOException {
        Path readme = Files.writeString(tmp.resolve("README.txt"), "hello");
        DataException e = assertThrows(DataException.class, () -> ImageFolderReader.read(tmp, 8, 8, ColorMode.GREY));
        assertTrue(e.getMessage().startsWith(tmp + ": no readable images"), e.getMessage());
        assertTrue(e.getMessage().contains(readme + ": not an image"), e.getMessage());
    }

    @Test
    void pathThatDoesNotExistIsNamed() {
        Path missing = tmp.resolve("no-such-folder");
        DataException e = assertThrows(DataException.class,
                () -> ImageFolderReader.read(missing, 8, 8, ColorMode.GREY));
        assertEquals(missing + ": does not exist", e.getMessage());
    }

    @Test
    void fileInsteadOfFolderIsRefused() throws IOException {
        Path file = greyPng(tmp.resolve("single.png"), 2, 2, 0);
        DataException e = assertThrows(DataException.class, () -> ImageFolderReader.read(file, 8, 8, ColorMode.GREY));
        assertEquals(file + ": is not a folder", e.getMessage());
    }

    @Test
    void sizeMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> ImageFolderReader.read(tmp, 0, 8, ColorMode.RGB));
    }

    @Test
    void failedReadLeavesLoadedDatasetIntact() throws IOException {
        greyPng(tmp.resolve("good/a/x.png"), 3, 3, 10);
        Dataset loaded = ImageFolderReader.read(tmp.resolve("good"), 3, 3, ColorMode.GREY).dataset();
        float[] before = loaded.toFloatArray();

        Files.createDirectories(tmp.resolve("empty"));
        assertThrows(DataException.class, () -> ImageFolderReader.read(tmp.resolve("empty"), 3, 3, ColorMode.GREY));

        assertEquals(1, loaded.size());
        assertArrayEquals(before, loaded.toFloatArray());
        assertEquals(List.of("a"), loaded.labels().orElseThrow().names());
    }
}
