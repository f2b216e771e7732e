package dev.bottleneck.core.data;

import dev.bottleneck.core.ShippedFolders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The MNIST handwritten digits (LeCun, Cortes and Burges) in their original IDX files, as shipped in
 * {@code datasets/mnist}.
 *
 * <p>A folder holds the four standard files, gzipped ({@code train-images-idx3-ubyte.gz}, ...) or not
 * ({@code train-images-idx3-ubyte}, or {@code train-images.idx3-ubyte} as some mirrors name them). Fashion-MNIST uses
 * the same names and format and loads the same way.
 */
public final class Mnist {

    /** System property naming the folder that holds {@code mnist/}; surefire sets it to the project's datasets. */
    public static final String DATASETS_PROPERTY = "bottleneck.datasets";

    private static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    private static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    private static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    private static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    private static final int CLASSES = 10;

    private Mnist() {
    }

    /**
     * Loads the training and test parts from {@code dir}: datasets "MNIST train" and "MNIST test" of
     * {@code 1 x 28 x 28} byte-backed images, labelled "0".."9".
     *
     * @throws DataException when the folder or one of the four files is missing or damaged, when image and label
     *                       counts differ, or when a label is outside 0..9
     */
    public static MnistData load(Path dir) throws DataException {
        InputFiles.requireFolder(dir);
        Dataset train = loadPart(dir, TRAIN_IMAGES, TRAIN_LABELS, "MNIST train", "training");
        Dataset test = loadPart(dir, TEST_IMAGES, TEST_LABELS, "MNIST test", "test");
        return new MnistData(train, test);
    }

    /** Loads MNIST from {@link #defaultDirectory()}. */
    public static MnistData load() throws DataException {
        return load(defaultDirectory());
    }

    /**
     * The shipped {@code datasets/mnist} folder. Looks, in this order, in the folder named by the system property
     * {@value #DATASETS_PROPERTY}, in {@code ./datasets} under the working directory, and next to the running jar
     * ({@code target/bottleneck.jar} finds {@code datasets/} beside {@code target/} or beside the jar). A place counts
     * when its {@code mnist} sub-folder holds the training images.
     *
     * @throws DataException listing every place it looked, when none holds MNIST
     */
    public static Path defaultDirectory() throws DataException {
        return locate(ShippedFolders.candidates("datasets", DATASETS_PROPERTY));
    }

    /** The first {@code root/mnist} that holds the MNIST training images. */
    static Path locate(List<Path> datasetRoots) throws DataException {
        List<String> looked = new ArrayList<>();
        for (Path root : datasetRoots) {
            Path mnist = root.resolve("mnist");
            looked.add(mnist.toString());
            if (Files.isDirectory(mnist) && find(mnist, TRAIN_IMAGES) != null) {
                return mnist;
            }
        }
        throw new DataException(Path.of("datasets", "mnist"), "MNIST not found; looked in " + String.join(", ", looked)
                + ". Set the system property " + DATASETS_PROPERTY + " to the folder that holds mnist/.");
    }

    /**
     * Where the datasets folder may be, in order, without duplicates (see {@link ShippedFolders}).
     *
     * @param property     the value of {@value #DATASETS_PROPERTY}, or null
     * @param workingDir   the working directory
     * @param codeLocation the jar (or classes folder) this class was loaded from, or null
     */
    static List<Path> candidateRoots(String property, Path workingDir, Path codeLocation) {
        return ShippedFolders.candidates("datasets", property, workingDir, codeLocation);
    }

    private static Dataset loadPart(Path dir, String imagesBase, String labelsBase, String name, String part)
            throws DataException {
        Path images = require(dir, imagesBase, part + " images");
        Path labels = require(dir, labelsBase, part + " labels");
        Dataset data = IdxReader.read(images, labels, name);
        Labels l = data.labels().orElseThrow();
        if (l.classCount() != CLASSES) {
            int bad = 0;
            for (int v : l.values()) {
                bad = v >= CLASSES ? v : bad;
            }
            throw new DataException(labels, "label " + bad + " is outside 0..9; MNIST has ten classes");
        }
        return data;
    }

    private static Path require(Path dir, String base, String what) throws DataException {
        Path file = find(dir, base);
        if (file == null) {
            throw new DataException(dir, "no MNIST " + what + ": looked for " + String.join(", ", names(base)));
        }
        return file;
    }

    /** The first of the accepted names for {@code base} that is a file in {@code dir}, or null. */
    private static Path find(Path dir, String base) {
        for (String name : names(base)) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static List<String> names(String base) {
        String dotted = base.replace("-idx", ".idx"); // train-images.idx3-ubyte, as some mirrors name it
        return List.of(base + ".gz", base, dotted + ".gz", dotted);
    }
}
