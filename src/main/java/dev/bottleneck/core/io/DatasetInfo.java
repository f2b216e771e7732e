package dev.bottleneck.core.io;

/**
 * What a model was trained on, as saved in {@code model.json}: enough to tell whether two models saw the same data
 * and the same split, not the data itself.
 *
 * @param spec the dataset as the user named it ("mnist", "shapes:64", "csv:points.csv"); may be null
 * @param trainSize examples in the training split, >= 0
 * @param validationSize examples in the validation split, >= 0
 * @param testSize examples in the test split, >= 0
 * @param splitFingerprint a digest of the split's example indices, so runs can check they share a split; may be null
 */
public record DatasetInfo(String spec, int trainSize, int validationSize, int testSize, String splitFingerprint) {

    public DatasetInfo {
        if (trainSize < 0 || validationSize < 0 || testSize < 0) {
            throw new IllegalArgumentException("split sizes must be >= 0, not " + trainSize + "/" + validationSize
                    + "/" + testSize);
        }
    }
}
