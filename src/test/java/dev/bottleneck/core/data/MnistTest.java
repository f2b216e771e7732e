package dev.bottleneck.core.data;

import static dev.bottleneck.core.data.IdxTestFiles.idx;
import static dev.bottleneck.core.data.IdxTestFiles.images;
import static dev.bottleneck.core.data.IdxTestFiles.labels;
import static dev.bottleneck.core.data.IdxTestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistTest {

    private static MnistData mnist;

    @TempDir
    Path tmp;

    @BeforeAll
    static void loadShippedMnistOnce() throws DataException {
        mnist = Mnist.load();
    }

    @Test
    void trainingSetHas60000ImagesOf28x28With60000Labels() {
        Dataset train = mnist.train();
        assertEquals(60_000, train.size());
        assertEquals(SampleShape.image(1, 28, 28), train.shape());
        assertTrue(train.isByteBacked());
        assertEquals(60_000, train.labels().orElseThrow().count());
        assertEquals("MNIST train", train.name());
    }

    @Test
    void testSetHas10000Images() {
        Dataset test = mnist.test();
        assertEquals(10_000, test.size());
        assertEquals(SampleShape.image(1, 28, 28), test.shape());
        assertEquals(10_000, test.labels().orElseThrow().count());
        assertEquals("MNIST test", test.name());
    }

    @Test
    void trainingPixelsHaveThePublishedMeanAndStandardDeviation() {
        assertEquals(0.1307, mnist.train().mean(), 5e-5);
        assertEquals(0.3081, mnist.train().standardDeviation(), 5e-5);
    }

    @Test
    void labelsAreNamedZeroToNine() {
        List<String> digits = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertEquals(digits, mnist.train().labels().orElseThrow().names());
        assertEquals(digits, mnist.test().labels().orElseThrow().names());
    }

    @Test
    void firstExamplesHaveTheirWellKnownLabels() {
        assertEquals(5, mnist.train().label(0));
        assertEquals(7, mnist.test().label(0));
    }

    @Test
    void everyDigitAppearsInASaneProportion() {
        // The published counts run from 5421 (digit 5) to 6742 (digit 1) in training, 892 to 1135 in test.
        assertCountsBetween(mnist.train(), 5_400, 6_800);
        assertCountsBetween(mnist.test(), 880, 1_140);
    }

    private static void assertCountsBetween(Dataset d, int low, int high) {
        int[] counts = new int[10];
        for (int v : d.labels().orElseThrow().values()) {
            counts[v]++;
        }
        for (int c = 0; c < 10; c++) {
            assertTrue(counts[c] >= low && counts[c] <= high, d.name() + ": digit " + c + " appears " + counts[c] + " times");
        }
    }

    @Test
    void defaultDirectoryIsTheShippedDatasetsFolder() throws DataException {
        Path dir = Mnist.defaultDirectory();
        assertTrue(dir.endsWith(Path.of("datasets", "mnist")), dir.toString());
        assertTrue(Files.isRegularFile(dir.resolve("train-images-idx3-ubyte.gz")));
    }

    @Test
    void candidateRootsArePropertyThenWorkingDirectoryThenBesideTheJar() {
        Path jar = tmp.resolve("app/target/bottleneck.jar");
        List<Path> roots = Mnist.candidateRoots(tmp.resolve("custom").toString(), tmp.resolve("cwd"), jar);
        assertEquals(List.of(tmp.resolve("custom"), tmp.resolve("cwd/datasets"), tmp.resolve("app/datasets"),
                tmp.resolve("app/target/datasets")), roots);
    }

    @Test
    void directoryNotFoundListsEveryPlaceItLooked() {
        List<Path> roots = List.of(tmp.resolve("a"), tmp.resolve("b"));
        DataException e = assertThrows(DataException.class, () -> Mnist.locate(roots));
        assertTrue(e.getMessage().contains("MNIST not found"), e.getMessage());
        assertTrue(e.getMessage().contains(tmp.resolve("a/mnist").toString()), e.getMessage());
        assertTrue(e.getMessage().contains(tmp.resolve("b/mnist").toString()), e.getMessage());
        assertTrue(e.getMessage().contains(Mnist.DATASETS_PROPERTY), e.getMessage());
    }

    @Test
    void loadsUncompressedStandardFileNames() throws IOException {
        write(tmp.resolve("train-images-idx3-ubyte"), images(20, 28, 28));
        write(tmp.resolve("train-labels-idx1-ubyte"), labels(20));
        write(tmp.resolve("t10k-images.idx3-ubyte"), images(10, 28, 28));
        write(tmp.resolve("t10k-labels.idx1-ubyte"), labels(10));
        MnistData small = Mnist.load(tmp);
        assertEquals(20, small.train().size());
        assertEquals(10, small.test().size());
        assertEquals(10, small.test().labels().orElseThrow().classCount());
    }

    @Test
    void missingFileNamesTheFolderAndTheNamesLookedFor() throws IOException {
        write(tmp.resolve("train-images-idx3-ubyte"), images(2, 28, 28));
        DataException e = assertThrows(DataException.class, () -> Mnist.load(tmp));
        assertEquals(tmp, e.file());
        assertTrue(e.getMessage().contains("no MNIST training labels"), e.getMessage());
        assertTrue(e.getMessage().contains("train-labels-idx1-ubyte.gz"), e.getMessage());
    }

    @Test
    void labelOutsideZeroToNineIsRefused() throws IOException {
        write(tmp.resolve("train-images-idx3-ubyte"), images(2, 28, 28));
        Path labels = write(tmp.resolve("train-labels-idx1-ubyte"), idx(IdxReader.LABELS_MAGIC, new int[] {2},
                new byte[] {3, 12}));
        DataException e = assertThrows(DataException.class, () -> Mnist.load(tmp));
        assertEquals(labels, e.file());
        assertTrue(e.getMessage().contains("label 12 is outside 0..9"), e.getMessage());
    }

    @Test
    void folderThatDoesNotExistIsNamed() {
        Path missing = tmp.resolve("nowhere");
        DataException e = assertThrows(DataException.class, () -> Mnist.load(missing));
        assertEquals(missing + ": does not exist", e.getMessage());
    }
}
