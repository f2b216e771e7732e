package dev.bottleneck.cli;

import dev.bottleneck.core.MemoryBudget;
import dev.bottleneck.core.MemoryBudget.Knob;
import dev.bottleneck.core.data.DataException;
import dev.bottleneck.core.data.DataSplit;
import dev.bottleneck.core.data.DatasetCatalog;
import dev.bottleneck.core.data.Splits;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import picocli.CommandLine.Option;

/** The data flags shared by the verbs. */
final class DataOptions {

    @Option(names = "--dataset", defaultValue = "mnist", paramLabel = "NAME|PATH",
            description = "mnist, shapes, shapes64, dsprites, dsprites32, moons, circles, swissroll, blobs, or a path "
                    + "to an IDX file, an image folder or a CSV file (default: ${DEFAULT-VALUE})")
    String dataset;

    @Option(names = "--train-size", defaultValue = "0", paramLabel = "N",
            description = "keep only the first N training examples, to provoke overfitting (0: all)")
    int trainSize;

    @Option(names = "--val-fraction", defaultValue = "0.1", paramLabel = "F",
            description = "share of the training pool held out for validation (default: ${DEFAULT-VALUE})")
    double valFraction;

    @Option(names = "--count", defaultValue = "0", paramLabel = "N",
            description = "examples to generate for shapes and toy sets, or to draw at random from the dSprites grid "
                    + "(0: 20,000 shapes, 2,000 toy points, the whole dSprites grid of 737,280)")
    int count;

    @Option(names = "--noise", defaultValue = "0.05", paramLabel = "SIGMA",
            description = "noise level of the toy sets (default: ${DEFAULT-VALUE})")
    double noise;

    @Option(names = "--image-size", defaultValue = "28", paramLabel = "PIXELS",
            description = "side an image folder is resized to (default: ${DEFAULT-VALUE})")
    int imageSize;

    /**
     * Refuses a data flag out of range before anything is loaded, naming the flag and the allowed range. Whether
     * --train-size fits the data is known only once it is loaded: {@link #split} checks that.
     */
    void validate() {
        if (trainSize < 0) {
            throw new IllegalArgumentException("--train-size must be 0 (all the training examples) or a positive "
                    + "count up to the training examples the data has, not " + trainSize);
        }
        if (count < 0) {
            throw new IllegalArgumentException("--count must be 0 (the default) or a positive number of examples, not "
                    + count);
        }
        OptionalInt most = DatasetCatalog.mostExamples(dataset);
        if (most.isPresent() && count > most.getAsInt()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "--count %,d is more than the %,d sprites "
                    + "of the dSprites grid; allowed: 0 (the whole grid) or 1..%,d", count, most.getAsInt(),
                    most.getAsInt()));
        }
        if (imageSize < 0) {
            throw new IllegalArgumentException("--image-size must be 0 (the default, " + DatasetCatalog
                    .DEFAULT_IMAGE_SIZE + ") or a positive side in pixels, not " + imageSize);
        }
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("--noise must be a finite number >= 0, not " + noise);
        }
        if (!(valFraction >= 0 && valFraction < 1)) {
            throw new IllegalArgumentException("--val-fraction must lie in [0, 1), not " + valFraction);
        }
    }

    DatasetCatalog.Options options(long seed) {
        return new DatasetCatalog.Options(count, noise, imageSize, seed);
    }

    /** The dataset's size before it is read, when known (see {@link DatasetCatalog#estimate}). */
    Optional<DatasetCatalog.Size> estimate(long seed) throws DataException {
        return DatasetCatalog.estimate(dataset, options(seed));
    }

    DatasetCatalog.Source open(long seed) throws DataException {
        return open(seed, BottleneckCli.budget());
    }

    DatasetCatalog.Source open(long seed, MemoryBudget budget) throws DataException {
        return DatasetCatalog.open(dataset, options(seed), budget);
    }

    /** How the memory check names the settings that shrink each part: by the flags of these options. */
    Map<Knob, String> knobs(Optional<DatasetCatalog.Size> size) {
        Map<Knob, String> k = new EnumMap<>(Knob.class);
        k.put(Knob.MODEL_SIZE, "--hidden");
        k.put(Knob.BATCH_SIZE, "--batch-size");
        k.put(Knob.IWAE_SAMPLES, "--iwae");
        if (size.isPresent() && size.get().generated()) {
            k.put(Knob.EXAMPLES, "--count");
        } else if (size.isPresent() && !dataset.trim().equalsIgnoreCase("mnist")) {
            k.put(Knob.EXAMPLES, "--image-size");
        }
        return k;
    }

    DataSplit split(DatasetCatalog.Source source, long seed) {
        if (trainSize > 0) {
            int available = Splits.trainingExamples(source.pool().size(), source.officialTest() != null, valFraction,
                    Splits.DEFAULT_TEST_FRACTION);
            if (trainSize > available) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "--train-size %,d is more "
                        + "than the %,d training examples %s has after validation and test; allowed: 0 (all) or "
                        + "1..%,d", trainSize, available, source.spec(), available));
            }
        }
        return Splits.split(source.pool(), source.officialTest(), valFraction, trainSize,
                Splits.DEFAULT_TEST_FRACTION, seed);
    }
}
