package dev.bottleneck.core.io;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bottleneck.core.data.SplitSettings;
import java.util.List;

/**
 * What a model was trained on, as saved in {@code model.json}: enough to tell whether two models saw the same data
 * and the same split, and to rebuild that split, not the data itself.
 *
 * @param spec the dataset as the user named it ("mnist", "shapes:64", "csv:points.csv"); may be null
 * @param trainSize examples in the training split, >= 0
 * @param validationSize examples in the validation split, >= 0
 * @param testSize examples in the test split, >= 0
 * @param splitFingerprint a digest of the split's example indices, so runs can check they share a split; may be null
 * @param split the split's settings (training-size limit, validation share, seed) as typed values; null in folders
 *     written before they were recorded, whose split {@link #splitSettings} derives from the recorded command
 */
public record DatasetInfo(String spec, int trainSize, int validationSize, int testSize, String splitFingerprint,
        @JsonInclude(JsonInclude.Include.NON_NULL) SplitSettings split) {

    @JsonCreator
    public DatasetInfo {
        if (trainSize < 0 || validationSize < 0 || testSize < 0) {
            throw new IllegalArgumentException("split sizes must be >= 0, not " + trainSize + "/" + validationSize
                    + "/" + testSize);
        }
    }

    /** A description without the split's settings (an imported model, a caller that does not know them). */
    public DatasetInfo(String spec, int trainSize, int validationSize, int testSize, String splitFingerprint) {
        this(spec, trainSize, validationSize, testSize, splitFingerprint, null);
    }

    /**
     * The split's settings: the typed ones when recorded; otherwise, for a folder written before they were, derived
     * from {@code command} (its {@code --train-size}, {@code --val-fraction} and {@code --seed}, each defaulting as
     * {@code train} does, the seed to {@code modelSeed}), as the readers did before.
     */
    public SplitSettings splitSettings(String command, long modelSeed) {
        return split != null ? split : fromCommand(command, modelSeed);
    }

    /** The split settings a recorded train command asked for; the defaults where it does not say or cannot be read. */
    static SplitSettings fromCommand(String command, long modelSeed) {
        int trainLimit = 0;
        double fraction = SplitSettings.DEFAULT_VALIDATION_FRACTION;
        long seed = modelSeed;
        List<String> words;
        try {
            words = command == null ? List.of() : CommandText.split(command);
        } catch (IllegalArgumentException e) {
            words = List.of(); // a hand-damaged command: the defaults
        }
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            int eq = w.indexOf('=');
            String flag = eq > 0 ? w.substring(0, eq) : w;
            String value = eq > 0 ? w.substring(eq + 1) : i + 1 < words.size() ? words.get(i + 1) : null;
            try {
                switch (flag) {
                    case "--train-size" -> trainLimit = Math.max(0, Integer.parseInt(value));
                    case "--val-fraction" -> fraction = Double.parseDouble(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    default -> {
                    }
                }
            } catch (NumberFormatException | NullPointerException e) {
                // an unreadable value keeps the default, as a command without the flag would
            }
        }
        if (!(fraction >= 0 && fraction < 1)) {
            fraction = SplitSettings.DEFAULT_VALIDATION_FRACTION;
        }
        return new SplitSettings(trainLimit, fraction, seed);
    }
}
