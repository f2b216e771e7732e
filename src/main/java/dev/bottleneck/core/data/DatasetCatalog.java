package dev.bottleneck.core.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens a dataset by name or path, as the CLI's {@code --dataset} and the app's dataset menu take it:
 * {@code mnist}; {@code shapes} or {@code shapes64}; a toy set ({@code moons}, {@code circles}, {@code swissroll},
 * {@code blobs}); or a path to an IDX image file (its labels beside it), a folder of images, or a CSV file.
 */
public final class DatasetCatalog {

    /** Examples drawn for a generated set when the caller does not say. */
    public static final int DEFAULT_SHAPES_COUNT = 20_000;
    public static final int DEFAULT_TOY_COUNT = 2_000;
    public static final double DEFAULT_TOY_NOISE = 0.05;
    /** Side of the square images a folder is resized to when the caller does not say. */
    public static final int DEFAULT_IMAGE_SIZE = 28;

    private DatasetCatalog() {
    }

    /**
     * What was opened: the pool to draw training and validation examples from, and the official test set when the
     * source has one (MNIST).
     */
    public record Source(String spec, Dataset pool, Dataset officialTest, String summary) {

        /** True when every value lies in [0, 1], as a Bernoulli likelihood needs. */
        public boolean inUnitRange() {
            float[] r = pool.valueRange();
            return r[0] >= 0f && r[1] <= 1f;
        }
    }

    /** Options for generated sets and image folders. */
    public record Options(int count, double noise, int imageSize, long seed) {
        public static Options defaults(long seed) {
            return new Options(0, DEFAULT_TOY_NOISE, DEFAULT_IMAGE_SIZE, seed);
        }
    }

    /** Opens {@code spec}; see the class comment for what it may name. */
    public static Source open(String spec, Options options) throws DataException {
        String s = spec.trim();
        String key = s.toLowerCase(Locale.ROOT).replace("-", "").replace(" ", "");
        switch (key) {
            case "mnist" -> {
                MnistData m = Mnist.load();
                return new Source(s, m.train(), m.test(), "MNIST: 60,000 training and 10,000 test digits, 28x28");
            }
            case "shapes", "shapes32", "shapes64" -> {
                int size = key.equals("shapes64") ? 64 : 32;
                int n = options.count() > 0 ? options.count() : DEFAULT_SHAPES_COUNT;
                Dataset d = ShapesDataset.generate(n, size, options.seed());
                return new Source(s, d, null, "Shapes: " + n + " sprites (square, ellipse, heart), " + size + "x"
                        + size + ", factors shape, scale, rotation, x, y");
            }
            default -> {
                if (ToyDatasets.NAMES.contains(key)) {
                    int n = options.count() > 0 ? options.count() : DEFAULT_TOY_COUNT;
                    Dataset d = ToyDatasets.byName(key, n, options.noise(), options.seed());
                    return new Source(s, d, null, "Toy set " + key + ": " + n + " points in " + d.features()
                            + "-D, noise " + options.noise());
                }
            }
        }
        return openPath(s, Path.of(s), options);
    }

    private static Source openPath(String spec, Path path, Options options) throws DataException {
        if (!Files.exists(path)) {
            throw new DataException(path, "no such file or folder; --dataset takes mnist, shapes, shapes64, "
                    + String.join(", ", ToyDatasets.NAMES) + ", or a path to an IDX file, an image folder or a CSV file");
        }
        if (Files.isDirectory(path)) {
            int size = options.imageSize() > 0 ? options.imageSize() : DEFAULT_IMAGE_SIZE;
            ImageFolderResult r = ImageFolderReader.read(path, size, size, ImageFolderReader.ColorMode.GREY);
            return new Source(spec, r.dataset(), null, r.summary());
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".txt")) {
            Dataset d = CsvReader.read(path);
            return new Source(spec, d, null, "CSV " + path.getFileName() + ": " + d.size() + " rows of "
                    + d.features() + " numbers");
        }
        Path labels = labelsBeside(path);
        Dataset d = labels != null && Files.exists(labels)
                ? IdxReader.read(path, labels, path.getFileName().toString())
                : IdxReader.readImages(path);
        return new Source(spec, d, null, "IDX " + path.getFileName() + ": " + d.size() + " images "
                + d.shape() + (labels != null && Files.exists(labels) ? ", labels from " + labels.getFileName() : ""));
    }

    /** The conventional label file beside an IDX image file: "...images-idx3..." -> "...labels-idx1...". */
    static Path labelsBeside(Path images) {
        String n = images.getFileName().toString();
        if (!n.contains("images-idx3")) {
            return null;
        }
        return images.resolveSibling(n.replace("images-idx3", "labels-idx1"));
    }
}
