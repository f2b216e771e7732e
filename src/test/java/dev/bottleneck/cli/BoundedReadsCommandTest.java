package dev.bottleneck.cli;

import static dev.bottleneck.cli.CliErrorsTest.assertOneErrorLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bottleneck.core.data.CsvReader;
import dev.bottleneck.core.data.Dataset;
import java.io.BufferedWriter;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10, item 6: readers bound what they read. Huge files are made sparse (RandomAccessFile.setLength), so they
 * take no disk; a FIFO is made with mkfifo, and every test that could block has a preemptive timeout.
 */
class BoundedReadsCommandTest {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void aCsvLineOfAMillionColumnsIsReadWithoutReservingGigabytes() throws Exception {
        Path csv = dir.resolve("wide.csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 1_000_000; c++) {
                    w.write(c == 0 ? "" : ",");
                    w.write(Integer.toString((r + c) % 10));
                }
                w.write('\n');
            }
        }
        Dataset d = assertTimeoutPreemptively(LIMIT, () -> CsvReader.read(csv));
        assertEquals(3, d.size());
        assertEquals(1_000_000, d.features());
        assertEquals(7f, d.value(2, 5), 0f);
    }

    @Test
    void aGigabyteFileWithoutANewlineIsRefusedAfterTheLineLimit() throws Exception {
        Path csv = sparse("one-line.csv", 1L << 30);
        CliRun run = assertTimeoutPreemptively(LIMIT, () -> CliRun.of("train", "--dataset", csv.toString(),
                "--model", "pca", "--latent", "1"));
        assertOneErrorLine(run, csv + ": line 1 is longer than the 16,777,216 characters a line may have");
    }

    @ParameterizedTest
    @ValueSource(strings = {"model.json", "history.json"})
    void aModelFileOfGigabytesIsRefusedNamingIt(String name) throws Exception {
        Path folder = trainPca();
        Path file = folder.resolve(name);
        Files.delete(file);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(3L << 30);
        }
        CliRun run = assertTimeoutPreemptively(LIMIT, () -> CliRun.of("eval", "--model", folder.toString()));
        assertOneErrorLine(run, file + ": too large: 3.0 GB, more than the ");
        assertTrue(run.err().contains("not reading it"), run::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"model.json", "history.json", "parameters.bin"})
    void aModelFileLinkedToDevZeroIsRefusedNamingIt(String name) throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/zero")));
        Path folder = trainPca();
        Path file = folder.resolve(name);
        Files.delete(file);
        Files.createSymbolicLink(file, Path.of("/dev/zero"));
        CliRun run = assertTimeoutPreemptively(LIMIT, () -> CliRun.of("eval", "--model", folder.toString()));
        assertOneErrorLine(run, file + ": not a regular file but a link to a character device; not reading it");
    }

    @ParameterizedTest
    @ValueSource(strings = {"model.json", "history.json", "parameters.bin"})
    void aModelFileThatIsAFifoIsRefusedWithoutBlocking(String name) throws Exception {
        Path folder = trainPca();
        Path file = folder.resolve(name);
        Files.delete(file);
        mkfifo(file);
        CliRun run = assertTimeoutPreemptively(LIMIT, () -> CliRun.of("eval", "--model", folder.toString()));
        assertOneErrorLine(run, file + ": not a regular file but a named pipe (FIFO); not reading it");
    }

    @Test
    void aDatasetThatIsAFifoOrALinkToDevZeroIsRefusedWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("data.csv");
        mkfifo(fifo);
        CliRun run = assertTimeoutPreemptively(LIMIT, () -> CliRun.of("train", "--dataset", fifo.toString(),
                "--model", "pca", "--latent", "1"));
        assertOneErrorLine(run, fifo + ": is not a regular file");
        Path zero = dir.resolve("zero.csv");
        Files.createSymbolicLink(zero, Path.of("/dev/zero"));
        run = assertTimeoutPreemptively(LIMIT, () -> CliRun.of("train", "--dataset", zero.toString(),
                "--model", "pca", "--latent", "1"));
        assertOneErrorLine(run, zero + ": is not a regular file");
    }

    @Test
    void aFifoInAnImageFolderIsSkippedWithoutBlocking() throws Exception {
        Path images = dir.resolve("images");
        Files.createDirectories(images);
        for (int i = 0; i < 4; i++) {
            java.awt.image.BufferedImage im = new java.awt.image.BufferedImage(4, 4,
                    java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
            im.getRaster().setSample(i, i, 0, 200);
            javax.imageio.ImageIO.write(im, "png", images.resolve(i + ".png").toFile());
        }
        mkfifo(images.resolve("pipe.png"));
        CliRun run = assertTimeoutPreemptively(LIMIT, () -> CliRun.of("train", "--dataset", images.toString(),
                "--model", "pca", "--latent", "1", "--val-fraction", "0"));
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("4 images"), run::toString);
    }

    private Path sparse(String name, long length) throws Exception {
        Path file = dir.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(length);
        }
        return file;
    }

    private Path trainPca() {
        Path folder = dir.resolve("pca");
        CliRun train = CliRun.of("train", "--dataset", "moons", "--count", "100", "--model", "pca", "--latent", "1",
                "--out", folder.toString());
        assertEquals(0, train.exit(), train::toString);
        return folder;
    }

    private static void mkfifo(Path file) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("mkfifo", file.toString()).inheritIO().start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "no mkfifo here");
            return;
        }
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assumeTrue(p.exitValue() == 0, "mkfifo failed");
    }
}
