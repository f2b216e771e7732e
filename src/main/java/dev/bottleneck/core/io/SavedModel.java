package dev.bottleneck.core.io;

import dev.bottleneck.core.model.Autoencoder;
import dev.bottleneck.core.train.TrainingConfig;
import dev.bottleneck.core.train.TrainingHistory;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A model with everything saved beside it: how it was trained, on what, its curves and its final metrics. What
 * {@link ModelStore} writes and reads.
 *
 * <p>The model and the history are the caller's (they are mutable); the store neither copies nor changes them. Make
 * one of these from a detached copy of a model that is still training.
 *
 * @param model the fitted or trained model
 * @param training how it was trained; null for PCA, which is fitted in closed form
 * @param history every curve of the run; empty (never null) when there is none, as for PCA
 * @param dataset what it was trained on; null when unknown
 * @param seed the run's seed (weights, shuffling and noise derive from it)
 * @param epochsDone whole epochs completed, >= 0
 * @param bestEpoch the epoch with the lowest validation loss, 0 if none, at most {@code epochsDone}
 * @param metrics final metrics by name ("validation.loss", "test.mse"...), in the order given; never null
 * @param command the command line that made the model, or null
 * @param formatVersion the folder format the model was read from; {@link ModelStore#FORMAT_VERSION} for a new one
 * @param app the application that wrote it ("Bottleneck 0.3.0"); null for a model not yet saved
 * @param createdAt when it was made; null means "now" when saved
 */
public record SavedModel(Autoencoder model, TrainingConfig training, TrainingHistory history, DatasetInfo dataset,
        long seed, int epochsDone, int bestEpoch, Map<String, Double> metrics, String command, int formatVersion,
        String app, Instant createdAt) {

    public SavedModel {
        Objects.requireNonNull(model, "model");
        history = history == null ? new TrainingHistory() : history;
        if (epochsDone < 0) {
            throw new IllegalArgumentException("epochs done must be >= 0, not " + epochsDone);
        }
        if (bestEpoch < 0 || bestEpoch > epochsDone) {
            throw new IllegalArgumentException("best epoch must lie in 0.." + epochsDone + ", not " + bestEpoch);
        }
        Map<String, Double> m = new LinkedHashMap<>();
        if (metrics != null) {
            for (Map.Entry<String, Double> e : metrics.entrySet()) {
                if (e.getKey() == null || e.getValue() == null) {
                    throw new IllegalArgumentException("metrics need a name and a value: " + e);
                }
                m.put(e.getKey(), e.getValue());
            }
        }
        metrics = Collections.unmodifiableMap(m);
    }

    /**
     * A model to be saved (parameters as in the record): format version current, the app filled in by the store,
     * created now.
     */
    public static SavedModel of(Autoencoder model, TrainingConfig training, TrainingHistory history,
            DatasetInfo dataset, long seed, int epochsDone, int bestEpoch, Map<String, Double> metrics,
            String command) {
        return new SavedModel(model, training, history, dataset, seed, epochsDone, bestEpoch, metrics, command,
                ModelStore.FORMAT_VERSION, null, Instant.now());
    }

    /** A fitted PCA: no training config and no history. */
    public static SavedModel ofPca(Autoencoder pca, DatasetInfo dataset, long seed, Map<String, Double> metrics,
            String command) {
        return of(pca, null, null, dataset, seed, 0, 0, metrics, command);
    }
}
