package dev.bottleneck.core.data;

import dev.bottleneck.core.MemoryBudget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Opens a dataset by name or path, as the CLI's {@code --dataset} and the app's dataset menu take it:
 * {@code mnist}; {@code shapes} or {@code shapes64} (continuous draws); {@code dsprites} or {@code dsprites32} (the
 * dSprites factor grid, 64x64 or 32x32, rendered when read); a toy set ({@code moons}, {@code circles},
 * {@code swissroll}, {@code blobs}); or a path to an IDX image file (its labels beside it), a folder of images, or a
 * CSV file.
 */
public final class DatasetCatalog {

    /** The names this catalog opens, as the app's dataset menu lists them; anything else is a path. */
    public static final List<String> NAMES = List.of("mnist", "shapes", "shapes64", "dsprites", "dsprites32", "moons",
            "circles", "swissroll", "blobs");

    /**
     * Bytes a dSprites set keeps per sprite: its five factors, its label, and its key in the grid (which the whole
     * grid does without, but every subset and split part keeps).
     */
    static final long DSPRITES_BYTES_PER_EXAMPLE = ShapesDataset.FACTOR_NAMES.size() * Float.BYTES + Integer.BYTES
            + Integer.BYTES;

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

    /** Most numbers one dataset holds: it keeps them in one Java array. */
    public static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    /**
     * The size of a dataset before it is read or generated: enough to check it against the memory before spending
     * any. {@code examples} is an upper bound for an image folder (every file counted as an image).
     *
     * @param examples examples it will hold
     * @param features numbers per example (a {@code long}: a huge image size must not overflow)
     * @param bytesPerExample bytes it keeps per example: its numbers (for a rendered set, its key), labels and factors
     * @param generated true for the generated sets, whose example count is a setting
     * @param rendered true when the images are rendered when read ({@link Dataset#isRendered()}): their numbers are
     *     never held, so no single array bounds them
     */
    public record Size(long examples, long features, long bytesPerExample, boolean generated, SampleShape shape,
            boolean rendered) {

        /** The size of a dataset that stores its numbers. */
        public Size(long examples, long features, long bytesPerExample, boolean generated, SampleShape shape) {
            this(examples, features, bytesPerExample, generated, shape, false);
        }
    }

    /**
     * The most examples a count may ask of {@code spec}: the grid's 737,280 for {@code dsprites} and
     * {@code dsprites32}; empty for the sets whose count is free or not a setting.
     */
    public static OptionalInt mostExamples(String spec) {
        return normalised(spec).matches("dsprites(64|32)?") ? OptionalInt.of(ShapesDataset.DSPRITES_COUNT)
                : OptionalInt.empty();
    }

    /**
     * The size {@code spec} will have when opened, without reading or generating it; empty for an IDX or CSV file,
     * whose size is known only from its contents (their readers bound what they read).
     *
     * @throws DataException when the path is a folder that cannot be listed
     */
    public static Optional<Size> estimate(String spec, Options options) throws DataException {
        String s = spec.trim();
        String key = normalised(s);
        int dsprites = dspritesSize(s, key);
        if (dsprites > 0) {
            long n = dspritesCount(s, options);
            return Optional.of(new Size(n, (long) dsprites * dsprites, DSPRITES_BYTES_PER_EXAMPLE, true,
                    SampleShape.image(1, dsprites, dsprites), true));
        }
        switch (key) {
            case "mnist" -> {
                return Optional.of(new Size(70_000, 784, 784 + Integer.BYTES, false, SampleShape.image(1, 28, 28)));
            }
            case "shapes", "shapes32", "shapes64" -> {
                long size = key.equals("shapes64") ? 64 : 32;
                long n = options.count() > 0 ? options.count() : DEFAULT_SHAPES_COUNT;
                long factors = ShapesDataset.FACTOR_NAMES.size();
                return Optional.of(new Size(n, size * size, size * size + (factors + 1) * Float.BYTES, true,
                        SampleShape.image(1, (int) size, (int) size)));
            }
            default -> {
                if (ToyDatasets.NAMES.contains(key)) {
                    long n = options.count() > 0 ? options.count() : DEFAULT_TOY_COUNT;
                    long dims = key.equals("swissroll") ? 3 : 2;
                    // the numbers, up to two factors and a label
                    return Optional.of(new Size(n, dims, (dims + 3) * Float.BYTES, true, SampleShape.vector((int) dims)));
                }
            }
        }
        Path path = Path.of(s);
        if (Files.isDirectory(path)) {
            long side = options.imageSize() > 0 ? options.imageSize() : DEFAULT_IMAGE_SIZE;
            long features = side * side;
            long files = ImageFolderReader.countCandidates(path);
            return Optional.of(new Size(files, features, features + Integer.BYTES, false,
                    side <= 65536 ? SampleShape.image(1, (int) side, (int) side) : null));
        }
        return Optional.empty();
    }

    /** Opens {@code spec}; see the class comment for what it may name. */
    public static Source open(String spec, Options options) throws DataException {
        return open(spec, options, MemoryBudget.ofThisJvm());
    }

    /**
     * Opens {@code spec}, first refusing a dataset that would not fit in one array or in {@code budget}.
     *
     * @throws MemoryBudget.TooLargeException when the dataset alone would not fit in the budget
     */
    public static Source open(String spec, Options options, MemoryBudget budget) throws DataException {
        Optional<Size> size = estimate(spec, options);
        if (size.isPresent()) {
            checkSize(spec, size.get(), budget, Map.of());
        }
        return openUnchecked(spec, options);
    }

    /**
     * Refuses a dataset of this size: more numbers than one array holds, or more bytes than the budget.
     *
     * @param knobs how the caller names the setting of the example count or image size ({@code Knob.EXAMPLES})
     * @throws DataException naming {@code spec} when it exceeds the array
     * @throws MemoryBudget.TooLargeException when it exceeds the budget
     */
    public static void checkSize(String spec, Size size, MemoryBudget budget, Map<MemoryBudget.Knob, String> knobs)
            throws DataException {
        checkFitsOneArray(spec, size, knobs);
        budget.check(spec.trim(), List.of(new MemoryBudget.Part(String.format(Locale.ROOT,
                "the dataset, %,d examples of %,d numbers, and its split", size.examples(), size.features()),
                MemoryBudget.times(MemoryBudget.times(size.examples(), size.bytesPerExample()), 2),
                MemoryBudget.Knob.EXAMPLES)), knobs);
    }

    /**
     * Refuses a dataset of more numbers than one array holds.
     *
     * @param knobs how the caller names the setting of the example count or image size ({@code Knob.EXAMPLES})
     * @throws DataException naming {@code spec}
     */
    public static void checkFitsOneArray(String spec, Size size, Map<MemoryBudget.Knob, String> knobs)
            throws DataException {
        if (!size.rendered() && MemoryBudget.times(size.examples(), size.features()) > MAX_VALUES) {
            String what = size.generated() ? String.format(Locale.ROOT, "%,d examples of %,d numbers", size.examples(),
                    size.features()) : String.format(Locale.ROOT, "%,d numbers per example%s", size.features(),
                    size.examples() > 1 ? String.format(Locale.ROOT, " times %,d files", size.examples()) : "");
            String knob = knobs.get(MemoryBudget.Knob.EXAMPLES);
            throw new DataException(Path.of(spec.trim()), what + " exceed the " + String.format(Locale.ROOT, "%,d",
                    MAX_VALUES) + " numbers one dataset can hold; choose " + (knob != null ? "a smaller " + knob
                    : size.generated() ? "fewer examples" : "a smaller image size"));
        }
    }

    private static Source openUnchecked(String spec, Options options) throws DataException {
        String s = spec.trim();
        String key = normalised(s);
        int dsprites = dspritesSize(s, key);
        if (dsprites > 0) {
            int n = dspritesCount(s, options);
            Dataset d = ShapesDataset.dsprites(dsprites, n, options.seed());
            String which = n == ShapesDataset.DSPRITES_COUNT
                    ? String.format(Locale.ROOT, "the whole grid of %,d sprites", n)
                    : String.format(Locale.ROOT, "%,d of the grid's %,d sprites, drawn at random with seed %d", n,
                            ShapesDataset.DSPRITES_COUNT, options.seed());
            return new Source(s, d, null, "dSprites: " + which + " (3 shapes x 6 scales x 40 rotations x 32 x 32 "
                    + "positions), " + dsprites + "x" + dsprites + ", rendered when read");
        }
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
            throw new DataException(path, "no such file or folder; --dataset takes " + String.join(", ", NAMES)
                    + ", or a path to an IDX file, an image folder or a CSV file");
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

    /** A name as the catalog compares it: lower case, without dashes and spaces. */
    private static String normalised(String spec) {
        return spec.trim().toLowerCase(Locale.ROOT).replace("-", "").replace(" ", "");
    }

    /**
     * The image side a dSprites name asks for ({@code dsprites}, {@code dsprites64}: 64; {@code dsprites32}: 32), or 0
     * when {@code key} names no dSprites set.
     *
     * @throws DataException naming {@code spec} for another size ({@code dsprites48})
     */
    private static int dspritesSize(String spec, String key) throws DataException {
        if (!key.matches("dsprites[0-9]*")) {
            return 0;
        }
        String digits = key.substring("dsprites".length());
        if (digits.isEmpty()) {
            return 64;
        }
        if (digits.length() <= 3 && ShapesDataset.DSPRITES_SIZES.contains(Integer.parseInt(digits))) {
            return Integer.parseInt(digits);
        }
        throw new DataException(Path.of(spec), "dSprites comes in 64x64 (dsprites or dsprites64) and 32x32 "
                + "(dsprites32), not " + digits + "x" + digits);
    }

    /**
     * The sprites a dSprites set will hold: the whole grid for a count of 0.
     *
     * @throws DataException naming {@code spec} for a count above the grid's
     */
    private static int dspritesCount(String spec, Options options) throws DataException {
        if (options.count() > ShapesDataset.DSPRITES_COUNT) {
            throw new DataException(Path.of(spec), String.format(Locale.ROOT, "%,d sprites asked for, but the dSprites "
                    + "grid (3 shapes x 6 scales x 40 rotations x 32 x 32 positions) has %,d; allowed: 0 (the whole "
                    + "grid) or 1..%,d", options.count(), ShapesDataset.DSPRITES_COUNT, ShapesDataset.DSPRITES_COUNT));
        }
        return options.count() > 0 ? options.count() : ShapesDataset.DSPRITES_COUNT;
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
