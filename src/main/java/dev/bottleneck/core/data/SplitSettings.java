package dev.bottleneck.core.data;

/**
 * What decides a split's examples besides the data: the training-size limit, the validation share and the seed,
 * as {@link Splits#split} takes them. Saved beside a model so that the same split is rebuilt from typed values,
 * never from a command line parsed back. The seed is a {@code long} end to end.
 *
 * @param trainLimit keep only the first N training examples; 0 keeps them all
 * @param validationFraction share of the training pool held out for validation, in [0, 1)
 * @param seed the seed of the shuffle (and of generated data)
 */
public record SplitSettings(int trainLimit, double validationFraction, long seed) {

    /** The validation share the CLI and the app use unless told otherwise. */
    public static final double DEFAULT_VALIDATION_FRACTION = 0.1;

    public SplitSettings {
        if (trainLimit < 0) {
            throw new IllegalArgumentException("the training-size limit must be 0 (all) or more, not " + trainLimit);
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("the validation share must lie in [0, 1), not " + validationFraction);
        }
    }
}
