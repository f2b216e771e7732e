package dev.bottleneck.cli;

import dev.bottleneck.core.MemoryBudget;
import dev.bottleneck.core.MemoryBudget.Knob;
import dev.bottleneck.core.data.DataException;
import dev.bottleneck.core.data.DataSplit;
import dev.bottleneck.core.data.DatasetCatalog;
import dev.bottleneck.core.data.Splits;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The data flags shared by the verbs. */
final class DataOptions {

    @Option(names = "--dataset", defaultValue = "mnist", paramLabel = "NAME|PATH",
            description = "mnist, shapes, shapes64, moons, circles, swissroll, blobs, or a path to an IDX file, an "
                    + "image folder or a CSV file (default: ${DEFAULT-VALUE})")
    String dataset;

    @Option(names = "--train-size", defaultValue = "0", paramLabel = "N",
            description = "keep only the first N training examples, to provoke overfitting (0: all)")
    int trainSize;

    @Option(names = "--val-fraction", defaultValue = "0.1", paramLabel = "F",
            description = "share of the training pool held out for validation (default: ${DEFAULT-VALUE})")
    double valFraction;

    @Option(names = "--count", defaultValue = "0", paramLabel = "N",
            description = "examples to generate for shapes and toy sets (0: 20,000 shapes, 2,000 toy points)")
    int count;

    @Option(names = "--noise", defaultValue = "0.05", paramLabel = "SIGMA",
            description = "noise level of the toy sets (default: ${DEFAULT-VALUE})")
    double noise;

    @Option(names = "--image-size", defaultValue = "28", paramLabel = "PIXELS",
            description = "side an image folder is resized to (default: ${DEFAULT-VALUE})")
    int imageSize;

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
        return Splits.split(source.pool(), source.officialTest(), valFraction, trainSize,
                Splits.DEFAULT_TEST_FRACTION, seed);
    }
}
