package dev.bottleneck.cli;

import dev.bottleneck.core.data.DataException;
import dev.bottleneck.core.data.DataSplit;
import dev.bottleneck.core.data.DatasetCatalog;
import dev.bottleneck.core.data.Splits;
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

    DatasetCatalog.Source open(long seed) throws DataException {
        return DatasetCatalog.open(dataset, new DatasetCatalog.Options(count, noise, imageSize, seed));
    }

    DataSplit split(DatasetCatalog.Source source, long seed) {
        return Splits.split(source.pool(), source.officialTest(), valFraction, trainSize,
                Splits.DEFAULT_TEST_FRACTION, seed);
    }
}
